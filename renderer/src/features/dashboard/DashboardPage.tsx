import { useEffect, useState } from 'react';
import { call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { formatCount } from '../../lib/format';
import { hrefFor } from '../../router';

export function DashboardPage() {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    void call('salaries.list', { status: 'en_parcours', limit: 1 }).then((r) => setCount(r.total));
  }, []);
  return (
    <>
      <PageHeader title="Tableau de bord" />
      {count === null ? (
        <p aria-busy="true">Chargement…</p>
      ) : count === 0 ? (
        <EmptyState
          title="Votre portefeuille est vide"
          action={
            <a className="button primary" href={hrefFor('salaries')}>
              Aller aux salariés
            </a>
          }
        >
          <p>
            Ici s’afficheront chaque matin vos salariés en parcours, les alertes (fin de PASS IAE, entretien à prévoir,
            frein sans action) et les rendez-vous de la semaine. Commencez par créer la fiche d’un premier salarié.
          </p>
        </EmptyState>
      ) : (
        <section aria-labelledby="caseload-count">
          <h2 id="caseload-count">Mon portefeuille</h2>
          <p>
            <strong>{formatCount(count)}</strong> salarié{count > 1 ? 's' : ''} en parcours.
          </p>
        </section>
      )}
    </>
  );
}
