import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { GRID_SECTIONS, gridKindByObjective, gridKindLabels, gridSectionLabels, suggestedTemplateId, type GridSection } from '../../../../shared/domain/grid-templates';
import type { GridTemplateSummary, ImmersionView } from '../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../bridge';
import { DateField } from '../../components/forms/DateField';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { formatDateLong } from '../../lib/format';
import { ScaleLegend } from './ScaleLegend';
import { printGridHref, templatesHref } from './links';

interface Row {
  key: string;
  id: string | null;
  section: GridSection;
  label: string;
  templateLabel: string | null;
  added: boolean;
}

let nextKey = 1;

function rowsOf(view: ImmersionView): Row[] {
  return (view.grid?.items ?? []).filter((i) => !i.removed).map((i) => ({ key: i.id, id: i.id, section: i.section, label: i.label, templateLabel: i.templateLabel, added: i.origin === 'ajout' }));
}

/** The first tripartite's date (when held) is the day the grid was individualised. */
function defaultIndividualisedOn(view: ImmersionView): string | null {
  const first = view.steps.find((s) => s.step === 'premier_tripartite');
  return view.grid?.individualisedOn ?? (first?.done ? first.doneDate : null);
}

export function GridPanel({ view, onChanged }: { view: ImmersionView; onChanged(view: ImmersionView, message: string): void }) {
  const [choosing, setChoosing] = useState(false);
  if (!view.grid || choosing)
    return (
      <TemplateChoice
        view={view}
        onCancel={view.grid ? () => setChoosing(false) : null}
        onChanged={(v, m) => {
          setChoosing(false);
          onChanged(v, m);
        }}
      />
    );
  const used = view.evaluations.some((e) => e.status === 'realisee');
  return (
    <>
      <div className="panel-heading">
        <div>
          <h2>Grille d’évaluation</h2>
          <p className="muted">
            {gridKindLabels[view.grid.kind]} — d’après le modèle « {view.grid.templateName} » (version {view.grid.templateVersion}).
          </p>
        </div>
        <div className="page-actions">
          <a className="button" href={printGridHref(view.id)}>
            Imprimer la grille vierge
          </a>
          {!used && view.status !== 'annulee' ? (
            <button type="button" onClick={() => setChoosing(true)}>
              Changer de modèle
            </button>
          ) : null}
        </div>
      </div>
      <ScaleLegend scale={view.grid.scale} />
      <GridEditor key={view.grid.items.map((i) => `${i.id}:${i.removed ? 'x' : ''}:${i.label}`).join('|')} view={view} onChanged={onChanged} />
    </>
  );
}

function TemplateChoice({ view, onCancel, onChanged }: { view: ImmersionView; onCancel: (() => void) | null; onChanged(view: ImmersionView, message: string): void }) {
  const [templates, setTemplates] = useState<GridTemplateSummary[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const kind = gridKindByObjective[view.objective];

  useEffect(() => {
    let cancelled = false;
    call('grids.listTemplates', {}).then(
      (list) => {
        if (cancelled) return;
        setTemplates(list);
        setChosen(suggestedTemplateId(list, view.objective, view.romeCode) ?? '');
      },
      () => !cancelled && setTemplates([]),
    );
    return () => {
      cancelled = true;
    };
  }, [view.objective, view.romeCode]);

  if (templates === null) return <p aria-busy="true">Chargement des modèles…</p>;
  const ordered = [...templates.filter((t) => t.kind === kind), ...templates.filter((t) => t.kind !== kind)];
  return (
    <form
      className="card template-choice"
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosen) return;
        call('immersions.createGrid', { immersionId: view.id, templateId: chosen }).then(
          (next) => onChanged(next, 'Grille créée : individualisez-la selon les objectifs du premier entretien tripartite.'),
          (err: unknown) => setError(err instanceof BridgeError ? err.message : 'La grille n’a pas pu être créée.'),
        );
      }}
    >
      <h2>Construire la grille d’évaluation</h2>
      <p>
        {kind === 'satisfaction'
          ? 'Pour une immersion découverte : un questionnaire de satisfaction sur l’intégration dans le milieu professionnel.'
          : 'Pour valider des compétences : le tableau des compétences attendues du métier (fiche ROME) et le niveau atteint.'}{' '}
        La grille de l’immersion est une copie du modèle : vous l’individualisez ensuite, sans changer le modèle.
      </p>
      <SelectField
        label="Modèle de grille"
        emptyLabel="Choisissez un modèle"
        options={ordered.map((t) => [t.id, `${t.name}${t.romeCode ? ` (${t.romeCode})` : ''}${t.kind !== kind ? ' — autre type de grille' : ''}`] as const)}
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        hint="Le modèle du métier visé est proposé d’abord. Créez ou adaptez des modèles dans la bibliothèque."
      />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!chosen}>
          Créer la grille à partir de ce modèle
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Garder la grille actuelle
          </button>
        ) : null}
        <a href={templatesHref()}>Bibliothèque de modèles</a>
      </div>
    </form>
  );
}

/**
 * Individualisation: items added, removed, reworded, moved, all by keyboard. Rewording keeps past
 * evaluations as they were; a removed item already rated stays readable in them.
 */
function GridEditor({ view, onChanged }: { view: ImmersionView; onChanged(view: ImmersionView, message: string): void }) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(view));
  const [individualisedOn, setIndividualisedOn] = useState<string | null>(defaultIndividualisedOn(view));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const removed = view.grid?.items.filter((i) => i.removed) ?? [];

  const update = (key: string, patch: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const move = (index: number, by: number) =>
    setRows((rs) => {
      const next = [...rs];
      const [row] = next.splice(index, 1);
      if (row) next.splice(Math.max(0, Math.min(next.length, index + by)), 0, row);
      return next;
    });

  function add(section: GridSection) {
    const key = `new-${nextKey++}`;
    flushSync(() => setRows((rs) => [...rs, { key, id: null, section, label: '', templateLabel: null, added: true }]));
    list.current?.querySelector<HTMLTextAreaElement>(`[data-key="${key}"] textarea`)?.focus();
  }

  async function save() {
    setError(null);
    setSaving(true);
    try {
      const next = await call('immersions.saveGrid', {
        immersionId: view.id,
        items: rows.map((r) => ({ id: r.id, section: r.section, label: r.label })),
        individualisedOn: individualisedOn && !individualisedOn.startsWith('invalide:') ? individualisedOn : null,
      });
      onChanged(next, 'Grille individualisée enregistrée.');
    } catch (e) {
      setError(e instanceof BridgeError ? (e.payload.issues?.[0]?.message ?? e.message) : 'La grille n’a pas pu être enregistrée.');
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="grid-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {view.grid?.individualisedOn ? (
        <p className="muted">Individualisée le {formatDateLong(view.grid.individualisedOn)}. Vous pouvez encore l’ajuster : les évaluations déjà faites gardent leur formulation.</p>
      ) : (
        <p className="warnings">À individualiser selon les objectifs définis lors du premier entretien tripartite : ajoutez, retirez ou reformulez les items.</p>
      )}
      <ol className="grid-items" ref={list}>
        {rows.map((row, index) => (
          <li key={row.key} className="grid-item" data-key={row.key}>
            <span className="grid-item-number" aria-hidden="true">
              {index + 1}
            </span>
            <div className="grid-item-fields">
              <div className="field">
                <label htmlFor={`item-${row.key}`}>Item {index + 1}</label>
                <textarea
                  id={`item-${row.key}`}
                  rows={2}
                  value={row.label}
                  aria-describedby={row.templateLabel ? `item-${row.key}-origin` : undefined}
                  onChange={(e) => update(row.key, { label: e.target.value })}
                />
                {row.templateLabel ? (
                  <div id={`item-${row.key}-origin`} className="field-hint">
                    Reformulé. Dans le modèle : « {row.templateLabel} »
                  </div>
                ) : row.added ? (
                  <div className="field-hint">Item ajouté pour cette immersion.</div>
                ) : null}
              </div>
              <SelectField
                label={`Rubrique de l’item ${index + 1}`}
                options={optionsFrom(GRID_SECTIONS, gridSectionLabels)}
                value={row.section}
                onChange={(e) => update(row.key, { section: e.target.value as GridSection })}
              />
            </div>
            <div className="grid-item-actions">
              <button type="button" className="link" disabled={index === 0} onClick={() => move(index, -1)}>
                Monter<span className="visually-hidden"> l’item {index + 1}</span>
              </button>
              <button type="button" className="link" disabled={index === rows.length - 1} onClick={() => move(index, 1)}>
                Descendre<span className="visually-hidden"> l’item {index + 1}</span>
              </button>
              <button type="button" className="link danger-link" onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}>
                Retirer<span className="visually-hidden"> l’item {index + 1}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button type="button" onClick={() => add(view.grid?.kind === 'satisfaction' ? 'integration' : 'professionnel')}>
          Ajouter un item
        </button>
        {view.grid?.kind === 'competences' ? (
          <button type="button" onClick={() => add('savoir_etre')}>
            Ajouter un savoir-être
          </button>
        ) : null}
      </div>
      {removed.length > 0 ? (
        <details className="removed-items">
          <summary>Items retirés, gardés dans les évaluations déjà faites ({removed.length})</summary>
          <ul>
            {removed.map((i) => (
              <li key={i.id}>{i.label}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <DateField label="Individualisée lors du premier entretien tripartite du" value={individualisedOn} onChange={setIndividualisedOn} />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions sticky-actions">
        <button type="submit" className="primary" disabled={saving || view.status === 'annulee'}>
          Enregistrer la grille individualisée
        </button>
      </div>
    </form>
  );
}
