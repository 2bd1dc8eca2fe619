import { daysInMonth, type IsoDate } from '../../../shared/domain/calendar';

/*
 * Calendar arithmetic for generating dates in bulk. Same results as shared/domain/calendar
 * (addDays, addMonths with end-of-month clamping) but through a table of ISO strings built once,
 * so the millions of "a date between" draws of a large demo neither parse nor allocate. Business
 * rules (PASS end dates, follow-ups, months worked) still go through shared/domain.
 */

const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;
/** Epoch day (days since 1970-01-01) of FIRST_YEAR-01-01. */
const BASE = Math.round(Date.UTC(FIRST_YEAR, 0, 1) / 86_400_000);

let table: string[] | null = null;
let index: Map<string, number> | null = null;

function build(): { table: string[]; index: Map<string, number> } {
  if (table && index) return { table, index };
  const t: string[] = [];
  const m = new Map<string, number>();
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y += 1) {
    for (let mo = 1; mo <= 12; mo += 1) {
      const prefix = `${y}-${mo < 10 ? '0' : ''}${mo}-`;
      for (let d = 1, n = daysInMonth(y, mo); d <= n; d += 1) {
        const iso = `${prefix}${d < 10 ? '0' : ''}${d}`;
        m.set(iso, BASE + t.length);
        t.push(iso);
      }
    }
  }
  table = t;
  index = m;
  return { table: t, index: m };
}

/** Epoch day of an ISO date. */
export function dayOf(date: IsoDate): number {
  const n = build().index.get(date);
  if (n === undefined) throw new RangeError(`Date outside ${FIRST_YEAR}–${LAST_YEAR} or not ISO: ${date}`);
  return n;
}

export function isoOf(day: number): IsoDate {
  const iso = build().table[day - BASE];
  if (iso === undefined) throw new RangeError(`Epoch day outside ${FIRST_YEAR}–${LAST_YEAR}: ${day}`);
  return iso;
}

export function plusDays(date: IsoDate, days: number): IsoDate {
  return isoOf(dayOf(date) + days);
}

/** Calendar months, the day clamped to the target month's end (as calendar.addMonths). */
export function plusMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const i = y * 12 + (m - 1) + months;
  const ty = Math.floor(i / 12);
  const tm = i - ty * 12 + 1;
  const td = Math.min(d, daysInMonth(ty, tm));
  return `${ty}-${tm < 10 ? '0' : ''}${tm}-${td < 10 ? '0' : ''}${td}`;
}

export function plusYears(date: IsoDate, years: number): IsoDate {
  return plusMonths(date, 12 * years);
}

export function daysFromTo(from: IsoDate, to: IsoDate): number {
  return dayOf(to) - dayOf(from);
}
