import { isIsoDate } from '../../../../shared/domain/calendar';
import { EmptyState } from '../../components/EmptyState';
import { todayIso } from '../../lib/dates';
import { hrefFor, useLocation } from '../../router';
import { PrintEntretien } from './PrintEntretien';
import { PrintWeek } from './PrintWeek';

/**
 * `#/agenda/impression/entretien/<id>` and `#/agenda/impression/semaine/<date>[/<referentId>]`:
 * documents rendered by App WITHOUT the layout (no navigation in print).
 */
export function PrintRoute() {
  const { params } = useLocation();
  const [, what, arg, extra] = params;
  if (what === 'entretien' && arg) return <PrintEntretien id={arg} />;
  if (what === 'semaine') return <PrintWeek date={arg && isIsoDate(arg) ? arg : todayIso()} referentId={extra ?? null} />;
  return (
    <main className="print-page">
      <EmptyState title="Document introuvable">
        <p>
          Cette adresse ne correspond à aucun document à imprimer. Revenez à l’<a href={hrefFor('agenda')}>agenda</a>.
        </p>
      </EmptyState>
    </main>
  );
}
