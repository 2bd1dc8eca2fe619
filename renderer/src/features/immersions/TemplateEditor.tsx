import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import {
  DEFAULT_SCALE,
  GRID_KINDS,
  GRID_SECTIONS,
  SATISFACTION_SCALE,
  SAVOIR_ETRE_ITEMS,
  gridKindLabels,
  gridSectionLabels,
  type GridKind,
  type GridSection,
  type ScaleLevel,
} from '../../../../shared/domain/grid-templates';
import { foldForSearch } from '../../../../shared/domain/text';
import type { GridTemplateView } from '../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { CheckboxField } from '../../components/forms/CheckboxField';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { TextAreaField } from '../../components/forms/TextAreaField';
import { formatDateShort } from '../../lib/format';
import { notifySaved } from '../../state/notices';
import { Combobox } from '../../components/forms/Combobox';
import { templateHref, templatesHref } from './links';

interface ItemRow {
  rowKey: string;
  key: string | null;
  section: GridSection;
  label: string;
}

interface Draft {
  name: string;
  rome: { code: string; label: string } | null;
  romeText: string;
  kind: GridKind;
  description: string;
  scale: ScaleLevel[];
  items: ItemRow[];
}

let nextRow = 1;
const row = (section: GridSection, label = '', key: string | null = null): ItemRow => ({ rowKey: `r${nextRow++}`, key, section, label });

function draftOf(view: GridTemplateView | null): Draft {
  if (!view) {
    return {
      name: '',
      rome: null,
      romeText: '',
      kind: 'competences',
      description: '',
      scale: DEFAULT_SCALE.map((l) => ({ ...l })),
      items: [row('professionnel'), ...SAVOIR_ETRE_ITEMS.map((i) => row(i.section, i.label, i.key))],
    };
  }
  return {
    name: view.name,
    rome: view.romeCode ? { code: view.romeCode, label: view.romeLabel ?? '' } : null,
    romeText: view.romeCode ? `${view.romeCode} — ${view.romeLabel ?? ''}` : '',
    kind: view.kind,
    description: view.description,
    scale: view.scale.map((l) => ({ ...l })),
    items: view.items.map((i) => row(i.section, i.label, i.key)),
  };
}

/** A level's code from its label (stable enough: codes only need to be unique within the scale). */
function codeOf(label: string, index: number): string {
  const code = foldForSearch(label).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40);
  return code || `niveau_${index + 1}`;
}

/** `#/immersions/modeles/<id>[/<version>]` and `#/immersions/modeles/nouveau`. */
export function TemplatePage({ id, version }: { id: string | null; version: number | null }) {
  const [view, setView] = useState<GridTemplateView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!id) return undefined;
    let cancelled = false;
    setView(null);
    call('grids.getTemplate', { id, version }).then(
      (v) => !cancelled && setView(v),
      (e: unknown) => !cancelled && setError(e instanceof BridgeError ? e.message : 'Le modèle n’a pas pu être ouvert.'),
    );
    return () => {
      cancelled = true;
    };
  }, [id, version]);

  const readOnly = view !== null && view.shownVersion !== view.version;
  return (
    <>
      <PageHeader
        title={id ? (view ? `Modèle « ${view.name} »` : 'Modèle de grille') : 'Nouveau modèle de grille'}
        actions={
          <a className="button" href={templatesHref()}>
            Bibliothèque de modèles
          </a>
        }
      />
      {error ? (
        <EmptyState title="Modèle introuvable">
          <p>{error}</p>
        </EmptyState>
      ) : null}
      {id && !view && !error ? <p aria-busy="true">Chargement du modèle…</p> : null}
      {view ? (
        <p className="page-subtitle">
          {view.origin === 'shipped' ? 'Modèle fourni avec Jalons' : 'Modèle de votre structure'} — version {view.shownVersion}
          {readOnly ? ` (ancienne version ; la version en cours est la ${view.version})` : ''}.{' '}
          {view.usedBy > 0 ? `Utilisé par ${view.usedBy} immersion${view.usedBy > 1 ? 's' : ''} : elles gardent la version avec laquelle leur grille a été construite.` : ''}
        </p>
      ) : null}
      {view && view.versions.length > 1 ? (
        <nav className="versions" aria-label="Versions du modèle">
          Versions :{' '}
          {view.versions.map((v, i) => (
            <span key={v.version}>
              {i > 0 ? ' · ' : ''}
              {v.version === view.shownVersion ? (
                <strong aria-current="page">
                  {v.version}
                  {v.createdAt ? ` (${formatDateShort(v.createdAt.slice(0, 10))})` : ''}
                </strong>
              ) : (
                <a href={v.version === view.version ? templateHref(view.id) : `${templateHref(view.id)}/${v.version}`}>
                  {v.version}
                  {v.createdAt ? ` (${formatDateShort(v.createdAt.slice(0, 10))})` : ''}
                </a>
              )}
            </span>
          ))}
        </nav>
      ) : null}
      {!id || view ? (
        <TemplateForm
          key={view ? `${view.id}:${view.shownVersion}` : 'nouveau'}
          view={view}
          readOnly={readOnly}
          onSaved={(saved) => {
            if (saved.id === id && version === null) setView(saved);
            else window.location.hash = templateHref(saved.id);
          }}
        />
      ) : null}
    </>
  );
}

function TemplateForm({ view, readOnly, onSaved }: { view: GridTemplateView | null; readOnly: boolean; onSaved(saved: GridTemplateView): void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const [status, setStatus] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setItem = (rowKey: string, patch: Partial<ItemRow>) => set({ items: draft.items.map((i) => (i.rowKey === rowKey ? { ...i, ...patch } : i)) });
  const setLevel = (index: number, patch: Partial<ScaleLevel>) => set({ scale: draft.scale.map((l, i) => (i === index ? { ...l, ...patch } : l)) });

  function addItem(section: GridSection) {
    const added = row(section);
    flushSync(() => setDraft((d) => ({ ...d, items: [...d.items, added] })));
    list.current?.querySelector<HTMLTextAreaElement>(`[data-row="${added.rowKey}"] textarea`)?.focus();
  }

  async function save() {
    setStatus(null);
    setSaving(true);
    try {
      const saved = await call('grids.saveTemplate', {
        ...(view ? { id: view.id, basedOnVersion: view.version } : {}),
        name: draft.name,
        romeCode: draft.rome?.code ?? null,
        romeLabel: draft.rome?.label ?? null,
        kind: draft.kind,
        description: draft.description,
        scale: draft.scale.map((l, i) => ({ ...l, code: l.code || codeOf(l.label, i) })),
        items: draft.items.filter((i) => i.label.trim() !== '').map((i) => ({ key: i.key, section: i.section, label: i.label })),
      });
      notifySaved(view && saved.version > view.version ? `Modèle enregistré : version ${saved.version}.` : 'Modèle enregistré.');
      onSaved(saved);
    } catch (e) {
      setStatus({ tone: 'error', text: e instanceof BridgeError ? (e.payload.issues?.[0]?.message ?? e.message) : 'Le modèle n’a pas pu être enregistré.' });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="entretien-form template-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!readOnly) void save();
      }}
    >
      <fieldset disabled={readOnly}>
        <legend>Modèle</legend>
        <div className="form-row">
          <Field label="Nom du modèle" value={draft.name} onChange={(e) => set({ name: e.target.value })} required />
          <SelectField
            label="Type de grille"
            options={optionsFrom(GRID_KINDS, gridKindLabels)}
            value={draft.kind}
            onChange={(e) => {
              const kind = e.target.value as GridKind;
              set({ kind, scale: (kind === 'satisfaction' ? SATISFACTION_SCALE : DEFAULT_SCALE).map((l) => ({ ...l })) });
            }}
          />
        </div>
        <Combobox<{ code: string; label: string }>
          label="Métier (fiche ROME)"
          hint="Le modèle sera proposé pour les immersions visant ce métier."
          text={draft.romeText}
          onTextChange={(text) => set({ romeText: text, rome: null })}
          search={(query) => call('rome.search', { query: query.slice(0, 80), limit: 12 })}
          optionKey={(r) => r.code}
          renderOption={(r) => (
            <>
              <span className="rome-code">{r.code}</span> {r.label}
            </>
          )}
          onSelect={(r) => set({ rome: r, romeText: `${r.code} — ${r.label}` })}
          emptyMessage="Aucun métier ne correspond."
        />
        <TextAreaField label="Description" rows={2} value={draft.description} onChange={(e) => set({ description: e.target.value })} />
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>Échelle (du plus bas au plus haut)</legend>
        <ol className="scale-editor">
          {draft.scale.map((level, index) => (
            <li key={index} className="scale-editor-row">
              <Field label={`Niveau ${index + 1}`} value={level.label} onChange={(e) => setLevel(index, { label: e.target.value, code: view ? level.code : codeOf(e.target.value, index) })} />
              <Field label={`Signification du niveau ${index + 1}`} value={level.description} onChange={(e) => setLevel(index, { description: e.target.value })} />
              <CheckboxField label="Évalué" checked={level.evaluated} onChange={(e) => setLevel(index, { evaluated: e.target.checked, reached: e.target.checked && level.reached })} />
              <CheckboxField label="Compte comme atteint" checked={level.reached} disabled={!level.evaluated} onChange={(e) => setLevel(index, { reached: e.target.checked })} />
              <button type="button" className="link danger-link" disabled={draft.scale.length <= 2} onClick={() => set({ scale: draft.scale.filter((_, i) => i !== index) })}>
                Retirer<span className="visually-hidden"> le niveau {index + 1}</span>
              </button>
            </li>
          ))}
        </ol>
        {draft.scale.length < 7 ? (
          <button type="button" onClick={() => set({ scale: [...draft.scale, { code: '', label: '', description: '', evaluated: true, reached: true }] })}>
            Ajouter un niveau
          </button>
        ) : null}
      </fieldset>

      <fieldset disabled={readOnly}>
        <legend>Items (comportements observables)</legend>
        <ol className="grid-items" ref={list}>
          {draft.items.map((item, index) => (
            <li key={item.rowKey} className="grid-item" data-row={item.rowKey}>
              <span className="grid-item-number" aria-hidden="true">
                {index + 1}
              </span>
              <div className="grid-item-fields">
                <TextAreaField label={`Item ${index + 1}`} rows={2} value={item.label} onChange={(e) => setItem(item.rowKey, { label: e.target.value })} />
                <SelectField
                  label={`Rubrique de l’item ${index + 1}`}
                  options={optionsFrom(GRID_SECTIONS, gridSectionLabels)}
                  value={item.section}
                  onChange={(e) => setItem(item.rowKey, { section: e.target.value as GridSection })}
                />
              </div>
              <div className="grid-item-actions">
                <button type="button" className="link danger-link" onClick={() => set({ items: draft.items.filter((i) => i.rowKey !== item.rowKey) })}>
                  Retirer<span className="visually-hidden"> l’item {index + 1}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
        <div className="form-actions">
          <button type="button" onClick={() => addItem(draft.kind === 'satisfaction' ? 'integration' : 'professionnel')}>
            Ajouter un item
          </button>
        </div>
      </fieldset>
      {!readOnly ? (
        <div className="form-actions sticky-actions">
          <button type="submit" className="primary" disabled={saving}>
            {view ? 'Enregistrer une nouvelle version' : 'Créer le modèle'}
          </button>
          <span role="status" className={status?.tone === 'error' ? 'form-error' : 'form-status'}>
            {status?.text ?? ''}
          </span>
        </div>
      ) : null}
    </form>
  );
}
