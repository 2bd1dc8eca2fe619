import { PERIOD_KINDS, periodKey, type StatsPeriod } from '../../../shared/indicators/period';

/** The outbox's `period` column holds the statistics' own period key (`2026-Y1`, `2026-H2`, `2026-Q3`). */
export { periodKey, periodLabel } from '../../../shared/indicators/period';

/** Reads a key back; null for anything periodKey would not have produced. */
export function parsePeriodKey(key: string): StatsPeriod | null {
  const m = /^(\d{4})-([YHQ])([1-4])$/.exec(key);
  if (!m) return null;
  const kind = PERIOD_KINDS[['Y', 'H', 'Q'].indexOf(m[2]!)]!;
  const period: StatsPeriod = { kind, year: Number(m[1]), index: Number(m[3]) };
  return periodKey(period) === key && period.index <= (kind === 'year' ? 1 : kind === 'half' ? 2 : 4) ? period : null;
}
