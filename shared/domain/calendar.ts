import { z } from 'zod';

/**
 * Calendar dates as ISO `YYYY-MM-DD` strings.
 *
 * Arithmetic runs on UTC "epoch days" so no local time zone or DST change can
 * shift a date by one (a PASS IAE end date must be the same on every laptop).
 * ISO strings also sort correctly with plain string comparison.
 */
export type IsoDate = string;


export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseParts(value) !== null;
}

export const IsoDateSchema = z
  .string()
  .refine(isIsoDate, { message: 'Date invalide (format attendu : AAAA-MM-JJ).' });

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** month is 1-12 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function makeIsoDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1 || year > 9999 || month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Two ASCII digits at `at` as a number, or -1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/*
 * Dates are parsed and counted with integer arithmetic only (no RegExp, no Date): the alert rules call these
 * functions a few times per salarié, for every row of a caseload page or a dashboard, and a Date-based version
 * was a measurable part of a search keystroke on a large store.
 */
function parseParts(date: string): [number, number, number] | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const century = twoDigits(date, 0);
  const yy = twoDigits(date, 2);
  const m = twoDigits(date, 5);
  const d = twoDigits(date, 8);
  if (century < 0 || yy < 0 || m < 1 || m > 12 || d < 1) return null;
  const y = century * 100 + yy;
  return d <= daysInMonth(y, m) ? [y, m, d] : null;
}

function parts(date: IsoDate): [number, number, number] {
  const p = parseParts(date);
  if (p === null) throw new RangeError(`Not an ISO calendar date: ${date}`);
  return p;
}

export function yearOf(date: IsoDate): number {
  return parts(date)[0];
}

/** Days since 1970-01-01 (negative before): proleptic Gregorian "days from civil" (H. Hinnant). */
export function toEpochDay(date: IsoDate): number {
  const [year, m, d] = parts(date);
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Epoch day out of range: ${epochDay}`);
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const iso = makeIsoDate(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
  if (iso === null) throw new RangeError(`Epoch day out of range: ${epochDay}`);
  return iso;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Calendar months; the day is clamped to the end of the target month (31/01 + 1 month = 28 or 29/02). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  const iso = makeIsoDate(ty, tm, Math.min(d, daysInMonth(ty, tm)));
  if (iso === null) throw new RangeError(`Date out of range: ${date} + ${months} months`);
  return iso;
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** `to - from` in days (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Number of calendar days of an inclusive period [start, end]; 0 when end < start. */
export function inclusiveDays(start: IsoDate, end: IsoDate): number {
  return Math.max(0, daysBetween(start, end) + 1);
}

export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minIsoDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxIsoDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  // 1970-01-01 was a Thursday (ISO 4).
  const n = (((toEpochDay(date) + 3) % 7) + 7) % 7;
  return n + 1;
}

/**
 * Elapsed months of an inclusive period, as the French labour law counts them:
 * whole calendar months first (01/01 → 30/04 = 4 months), then the remaining
 * days as a fraction of the next month slot (so the fraction stays below 1).
 */
export function inclusiveMonths(start: IsoDate, end: IsoDate): number {
  if (end < start) return 0;
  const endExclusive = addDays(end, 1);
  let months = 0;
  // Jump close to the answer, then adjust: keeps long periods cheap.
  const [sy, sm] = parts(start);
  const [ey, em] = parts(endExclusive);
  months = Math.max(0, (ey - sy) * 12 + (em - sm) - 1);
  while (addMonths(start, months + 1) <= endExclusive) months += 1;
  while (months > 0 && addMonths(start, months) > endExclusive) months -= 1;
  const slotStart = addMonths(start, months);
  const rest = daysBetween(slotStart, endExclusive);
  return months + rest / daysBetween(slotStart, addMonths(start, months + 1));
}

/** `23/11/2026` — for user-facing messages. */
export function formatFrenchDate(date: IsoDate): string {
  const [y, m, d] = parts(date);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${String(y).padStart(4, '0')}`;
}
