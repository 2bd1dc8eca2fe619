import { addDays, isoWeekday, yearOf } from '../../../shared/domain/calendar';
import { compareAlerts, writeAlert, type PendingAlert } from '../../../shared/domain/alerts';
import type { Dashboard } from '../../../shared/ipc/dashboard';
import {
  countEnParcours,
  countEntries,
  countExits,
  countPassEnding,
  listAlertCandidates,
} from '../repositories/salaries';
import { agendaRange } from './agenda';
import { alertConfig, alertFilterDates, pendingAlertsForSalaries } from './alerts';
import type { ServiceContext } from './context';
import { todayOf } from './parcours';

export const DASHBOARD_ALERT_LIMIT = 50;
/** One collator for the whole sort (`localeCompare(x, 'fr')` looks the French rules up on every call). */
const byFrenchName = new Intl.Collator('fr').compare;
/** Records are loaded this many salariés at a time (bounded memory and SQL parameters). */
const BATCH = 2000;

export async function getDashboard(ctx: ServiceContext, input: { referentId: string | null }): Promise<Dashboard> {
  const db = ctx.db();
  const today = todayOf(ctx);
  const year = yearOf(today);
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const config = await alertConfig(db);
  const monday = addDays(today, 1 - isoWeekday(today));
  const [enParcours, entriesThisYear, exitsThisYear, passEndingWithin60Days, candidates, week] = await Promise.all([
    countEnParcours(db, input.referentId),
    countEntries(db, from, to, input.referentId),
    countExits(db, from, to, input.referentId),
    countPassEnding(db, today, addDays(today, 60), input.referentId),
    // The SQL pre-filter keeps only salariés that may have an alert; the exact rules run on those.
    listAlertCandidates(db, alertFilterDates(today, config), input.referentId),
    agendaRange(ctx, { from: monday, to: addDays(monday, 6), referentId: input.referentId }, { plannedOnly: true }),
  ]);

  const all: { alert: PendingAlert; salarieId: string; salarieName: string }[] = [];
  for (let i = 0; i < candidates.length; i += BATCH) {
    const salaries = candidates.slice(i, i + BATCH);
    const alerts = await pendingAlertsForSalaries(db, salaries, today, config);
    for (const s of salaries) {
      const name = `${s.last_name.toUpperCase()} ${s.first_name}`;
      for (const alert of alerts.get(s.id) ?? []) all.push({ alert, salarieId: s.id, salarieName: name });
    }
  }
  all.sort((a, b) => compareAlerts(a.alert, b.alert) || byFrenchName(a.salarieName, b.salarieName));

  return {
    today,
    counts: { enParcours, entriesThisYear, exitsThisYear, passEndingWithin60Days },
    // Only the alerts shown get their sentence written (a CIP's dashboard: 50 of several hundred).
    alerts: all.slice(0, DASHBOARD_ALERT_LIMIT).map(({ alert, salarieId, salarieName }) => ({ ...writeAlert(alert), salarieId, salarieName })),
    alertTotal: all.length,
    // This week's planned appointments (held and cancelled ones are history, not appointments).
    appointments: week
      .filter((e) => e.status === null || e.status === 'planifie')
      .map((e) => ({ id: e.id, date: e.date, time: e.startTime, title: e.title, salarieId: e.salarieId, salarieName: e.salarieName })),
  };
}
