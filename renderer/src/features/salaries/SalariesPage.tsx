import { useEffect, useState } from 'react';
import type { SalarieListResult } from '../../../../shared/ipc/salaries';
import { call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { formatCount, formatDateShort } from '../../lib/format';

export function SalariesPage() {
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SalarieListResult | null>(null);

  useEffect(() => {
    let current = true;
    void call('salaries.list', { query, status: 'tous', limit: 200 }).then((r) => {
      if (current) setResult(r);
    });
    return () => {
      current = false;
    };
  }, [query]);

  const empty = result !== null && result.total === 0 && query === '';
  return (
    <>
      <PageHeader title="Salariés" />
      {empty ? (
        <EmptyState title="Aucun salarié pour l’instant">
          <p>
            Les salariés que vous accompagnez apparaîtront ici, avec la recherche par nom et les filtres par référent et
            par statut. Importez votre liste ou créez une première fiche.
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="toolbar">
            <div className="field inline">
              <label htmlFor="salaries-search">Rechercher un salarié</label>
              <input id="salaries-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
            </div>
            <p role="status" className="count">
              {result ? `${formatCount(result.total)} résultat${result.total > 1 ? 's' : ''}` : ''}
            </p>
          </div>
          <table className="data-table">
            <caption className="visually-hidden">Liste des salariés</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">Prénom</th>
                <th scope="col">Entrée</th>
                <th scope="col">Référent</th>
              </tr>
            </thead>
            <tbody>
              {result?.rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.lastName}</td>
                  <td>{row.firstName}</td>
                  <td>{formatDateShort(row.entryDate)}</td>
                  <td>{row.referentName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
