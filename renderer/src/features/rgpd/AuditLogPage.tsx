import { useEffect, useId, useState } from 'react';
import type { AuditPage } from '../../../../shared/ipc/rgpd';
import type { SalarieListRow } from '../../../../shared/ipc/salaries';
import { BridgeError, call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { DateField } from '../../components/forms/DateField';
import { PageHeader } from '../../components/PageHeader';
import { formatCount } from '../../lib/format';
import { hrefFor } from '../../router';
import { Combobox } from '../../components/forms/Combobox';
import { auditActionLabel, formatTimestamp } from './labels';
import './rgpd.css';

const PAGE_SIZE = 50;

interface Filters {
  action: string | null;
  from: string | null;
  to: string | null;
  salarie: { id: string; name: string } | null;
}

const NO_FILTERS: Filters = { action: null, from: null, to: null, salarie: null };

/** A typed date is sent only once it is a real date (DateField gives `invalide:…` meanwhile). */
function dateOrNull(value: string | null): string | null {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

/**
 * Paramètres › Journal des opérations (`#/parametres/journal`): who did what and when, including every
 * read of confidential texts and every export. Read only — nothing in Jalons edits or deletes the log.
 */
export function AuditLogPage() {
  const actionId = useId();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [salarieText, setSalarieText] = useState('');

  const from = dateOrNull(filters.from);
  const to = dateOrNull(filters.to);
  const rangeError = from && to && to < from ? 'La date de fin précède la date de début.' : null;

  useEffect(() => {
    if (rangeError) return undefined;
    let cancelled = false;
    call('audit.list', { action: filters.action, from, to, salarieId: filters.salarie?.id ?? null, offset, limit: PAGE_SIZE }).then(
      (found) => {
        if (cancelled) return;
        setPage(found);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(e instanceof BridgeError ? e.message : 'Le journal n’a pas pu être chargé. Réessayez.'),
    );
    return () => {
      cancelled = true;
    };
  }, [filters.action, from, to, filters.salarie, offset, rangeError]);

  function update(patch: Partial<Filters>) {
    setFilters((f) => ({ ...f, ...patch }));
    setOffset(0);
  }

  const last = page ? Math.min(offset + page.rows.length, page.total) : 0;

  return (
    <div className="rgpd-page">
      <PageHeader
        title="Journal des opérations"
        actions={
          <a className="button" href={hrefFor('parametres')}>
            <span aria-hidden="true">← </span>Retour aux paramètres
          </a>
        }
      />
      <p>
        Chaque modification, chaque lecture d’informations confidentielles et chaque export est enregistré ici. Le journal ne contient que des
        identifiants et des noms de champs, jamais le contenu des notes. Il ne peut être ni modifié ni effacé.
      </p>
      <section className="card" aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">Filtrer</h2>
        <div className="rgpd-filters">
          <div className="field">
            <label htmlFor={actionId}>Opération</label>
            <select id={actionId} value={filters.action ?? ''} onChange={(e) => update({ action: e.target.value || null })}>
              <option value="">Toutes les opérations</option>
              {(page?.actions ?? []).map((code) => (
                <option key={code} value={code}>
                  {auditActionLabel(code)}
                </option>
              ))}
            </select>
          </div>
          <DateField label="Du" name="from" value={filters.from} onChange={(value) => update({ from: value })} />
          <DateField label="Au" name="to" value={filters.to} onChange={(value) => update({ to: value })} error={rangeError ?? undefined} />
          <Combobox<SalarieListRow>
            label="Salarié·e"
            name="salarieId"
            hint="Tapez le nom, puis choisissez dans la liste."
            text={salarieText}
            onTextChange={(next) => {
              setSalarieText(next);
              if (filters.salarie) update({ salarie: null });
            }}
            search={(query) => call('salaries.list', { query: query.slice(0, 100), status: 'tous', limit: 10 }).then((r) => r.rows)}
            optionKey={(row) => row.id}
            renderOption={(row) => (
              <>
                {row.lastName.toUpperCase()} {row.firstName}
              </>
            )}
            onSelect={(row) => {
              const name = `${row.lastName.toUpperCase()} ${row.firstName}`;
              setSalarieText(name);
              update({ salarie: { id: row.id, name } });
            }}
            emptyMessage="Aucun salarié ne correspond."
          />
          <button
            type="button"
            onClick={() => {
              setSalarieText('');
              update(NO_FILTERS);
            }}
          >
            Effacer les filtres
          </button>
        </div>
      </section>

      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {page === null && !error ? <p aria-busy="true">Chargement du journal…</p> : null}
      {page && page.total === 0 ? (
        <EmptyState title="Aucune opération">
          <p>Aucune entrée du journal ne correspond à ces filtres.</p>
        </EmptyState>
      ) : null}
      {page && page.total > 0 ? (
        <>
          <p role="status" className="rgpd-summary">
            Entrées {formatCount(offset + 1)} à {formatCount(last)} sur {formatCount(page.total)}
          </p>
          <table className="data-table">
            <caption className="visually-hidden">Entrées du journal, les plus récentes d’abord</caption>
            <thead>
              <tr>
                <th scope="col">Date et heure</th>
                <th scope="col">Opération</th>
                <th scope="col">Salarié·e</th>
                <th scope="col">Auteur</th>
                <th scope="col">Détail</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr key={row.id}>
                  <td className="nowrap">{formatTimestamp(row.at)}</td>
                  <td>{auditActionLabel(row.action)}</td>
                  <td>
                    {row.salarieId === null ? (
                      '—'
                    ) : row.salarieName === null ? (
                      <span className="badge badge-muted">Dossier purgé</span>
                    ) : (
                      <a href={hrefFor('salaries', row.salarieId)}>{row.salarieName}</a>
                    )}
                  </td>
                  <td>{row.actor}</td>
                  <td className="detail">{row.detail ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav className="rgpd-pager" aria-label="Pages du journal">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
              Entrées plus récentes
            </button>
            <button type="button" disabled={last >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
              Entrées plus anciennes
            </button>
          </nav>
        </>
      ) : null}
    </div>
  );
}
