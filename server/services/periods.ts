import { periodKey, periodRange, type StatsPeriod } from '../../shared/indicators/period';

export { periodKey, periodLabel } from '../../shared/indicators/period';

/** Where a region's structures live: a period is over when its last day is over there. */
const REGION_TIME_ZONES: Readonly<Record<string, string>> = {
  '01': 'America/Guadeloupe',
  '02': 'America/Martinique',
  '03': 'America/Cayenne',
  '04': 'Indian/Reunion',
  '06': 'Indian/Mayotte',
};

export function regionTimeZone(regionCode: string): string {
  return REGION_TIME_ZONES[regionCode] ?? 'Europe/Paris';
}

function zoneOffsetMs(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of 00:00 on a calendar day in a time zone. */
export function localMidnight(isoDate: string, timeZone: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  let t = wall - zoneOffsetMs(wall, timeZone);
  t = wall - zoneOffsetMs(t, timeZone);
  return new Date(t);
}

/** First instant after the period, in the structure's region. */
export function periodEndsAt(period: StatsPeriod, regionCode: string): Date {
  const end = periodRange(period).end;
  const [y, m, d] = end.split('-').map(Number);
  const next = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
  return localMidnight(next, regionTimeZone(regionCode));
}

export function isPeriodClosed(period: StatsPeriod, regionCode: string, now: Date): boolean {
  return now.getTime() >= periodEndsAt(period, regionCode).getTime();
}

/** Reads `2026-Y1` / `2026-H2` / `2026-Q3` back; null for anything periodKey would not produce. */
export function parsePeriodKey(key: string): StatsPeriod | null {
  const m = /^(\d{4})-([YHQ])([1-4])$/.exec(key);
  if (!m) return null;
  const kind = m[2] === 'Y' ? 'year' : m[2] === 'H' ? 'half' : 'quarter';
  const period: StatsPeriod = { kind, year: Number(m[1]), index: Number(m[3]) };
  const max = kind === 'year' ? 1 : kind === 'half' ? 2 : 4;
  return period.index <= max && period.year >= 2000 && period.year <= 2100 && periodKey(period) === key ? period : null;
}
