import { useEffect, useState } from 'react';
import { GRID_KINDS, gridKindLabels, type GridKind } from '../../../../shared/domain/grid-templates';
import type { GridTemplateSummary } from '../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../bridge';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { formatDateShort } from '../../lib/format';
import { immersionsHref, templateHref } from './links';

/** The grid templates library: shipped trades and the structure's own; duplicate, edit (new version), create. */
export function TemplatesPage() {
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<GridKind | null>(null);
  const [templates, setTemplates] = useState<GridTemplateSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [duplicating, setDuplicating] = useState<GridTemplateSummary | null>(null);

  useEffect(() => {
    let cancelled = false;
    const timer = window.setTimeout(() => {
      call('grids.listTemplates', { query: query.trim().slice(0, 100), kind }).then(
        (list) => !cancelled && setTemplates(list),
        (e: unknown) => !cancelled && setError(e instanceof BridgeError ? e.message : 'La bibliothèque n’a pas pu être chargée.'),
      );
    }, 100);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query, kind]);

  return (
    <>
      <PageHeader
        title="Modèles de grilles d’évaluation"
        actions={
          <>
            <a className="button" href={immersionsHref()}>
              Immersions
            </a>
            <a className="button primary" href={templateHref('nouveau')}>
              Nouveau modèle
            </a>
          </>
        }
      />
      <p className="page-subtitle">
        Chaque immersion reçoit sa propre copie d’un modèle, individualisée au premier entretien tripartite. Modifier un modèle en crée une nouvelle
        version : les grilles déjà construites et les évaluations gardent leur formulation.
      </p>
      <div className="toolbar" role="search" aria-label="Rechercher un modèle">
        <Field label="Rechercher" type="search" value={query} placeholder="Métier, code ROME" onChange={(e) => setQuery(e.target.value)} />
        <SelectField label="Type de grille" options={optionsFrom(GRID_KINDS, gridKindLabels)} emptyLabel="Tous les types" value={kind ?? ''} onChange={(e) => setKind((e.target.value || null) as GridKind | null)} />
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {templates === null && !error ? <p aria-busy="true">Chargement des modèles…</p> : null}
      {templates && templates.length === 0 ? <p className="no-result">Aucun modèle ne correspond à la recherche.</p> : null}
      {templates && templates.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">Modèles de grilles</caption>
          <thead>
            <tr>
              <th scope="col">Modèle</th>
              <th scope="col">Métier (ROME)</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Items
              </th>
              <th scope="col">Version</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <tr key={t.id}>
                <th scope="row">
                  <a href={templateHref(t.id)}>{t.name}</a>
                  {t.origin === 'shipped' ? <span className="tag">fourni</span> : null}
                </th>
                <td>{t.romeCode ? `${t.romeLabel ?? ''} (${t.romeCode})` : '—'}</td>
                <td>{t.kind === 'competences' ? 'Compétences' : 'Satisfaction'}</td>
                <td className="num">{t.itemCount}</td>
                <td>
                  {t.version}
                  {t.updatedAt ? <span className="cell-sub">le {formatDateShort(t.updatedAt.slice(0, 10))}</span> : null}
                </td>
                <td className="row-actions">
                  <a href={templateHref(t.id)}>
                    Modifier<span className="visually-hidden"> « {t.name} »</span>
                  </a>
                  <button type="button" className="link" onClick={() => setDuplicating(t)}>
                    Dupliquer<span className="visually-hidden"> « {t.name} »</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Dialog title="Dupliquer le modèle" open={duplicating !== null} onClose={() => setDuplicating(null)}>
        {duplicating ? <DuplicateForm source={duplicating} /> : null}
      </Dialog>
    </>
  );
}

function DuplicateForm({ source }: { source: GridTemplateSummary }) {
  const [name, setName] = useState(`${source.name} (copie)`);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        call('grids.duplicateTemplate', { id: source.id, name }).then(
          (copy) => {
            window.location.hash = templateHref(copy.id);
          },
          (err: unknown) => setError(err instanceof BridgeError ? err.message : 'Le modèle n’a pas pu être dupliqué.'),
        );
      }}
    >
      <Field label="Nom du nouveau modèle" value={name} onChange={(e) => setName(e.target.value)} error={error ?? undefined} autoFocus />
      <div className="form-actions">
        <button type="submit" className="primary">
          Dupliquer
        </button>
      </div>
    </form>
  );
}
