import { z } from 'zod';
import { daysInMonth, type IsoDate } from '../domain/calendar';

/*
 * Statistics periods: fixed, non-overlapping calendar periods (a year, a half-year or a quarter),
 * so that two bundles never cover overlapping slices of time (design note A3: linkability).
 */

export const PERIOD_KINDS = ['year', 'half', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface StatsPeriod {
  readonly kind: PeriodKind;
  readonly year: number;
  /** 1 for a year; 1–2 for a half-year; 1–4 for a quarter. */
  readonly index: number;
}

export const periodKindLabels: Record<PeriodKind, string> = {
  year: 'Année',
  half: 'Semestre',
  quarter: 'Trimestre',
};

export function periodsPerYear(kind: PeriodKind): number {
  return kind === 'year' ? 1 : kind === 'half' ? 2 : 4;
}

export const StatsPeriodSchema = z
  .object({
    kind: z.enum(PERIOD_KINDS),
    year: z.number().int().min(2000, { error: 'Année invalide (2000 à 2100).' }).max(2100, { error: 'Année invalide (2000 à 2100).' }),
    index: z.number().int().min(1).max(4),
  })
  .strict()
  .refine((p) => p.index <= periodsPerYear(p.kind), { path: ['index'], error: 'Cette période n’existe pas (semestre 1 ou 2, trimestre 1 à 4).' });

export interface PeriodRange {
  readonly start: IsoDate;
  readonly end: IsoDate;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** First and last calendar day of the period, both inclusive. */
export function periodRange(period: StatsPeriod): PeriodRange {
  const months = 12 / periodsPerYear(period.kind);
  const firstMonth = (period.index - 1) * months + 1;
  const lastMonth = firstMonth + months - 1;
  return {
    start: `${period.year}-${pad2(firstMonth)}-01`,
    end: `${period.year}-${pad2(lastMonth)}-${pad2(daysInMonth(period.year, lastMonth))}`,
  };
}

/** The period just before, of the same kind (for the comparison). */
export function previousPeriod(period: StatsPeriod): StatsPeriod {
  if (period.index > 1) return { ...period, index: period.index - 1 };
  return { kind: period.kind, year: period.year - 1, index: periodsPerYear(period.kind) };
}

/** « Année 2026 », « 1er semestre 2026 », « 3e trimestre 2026 ». */
export function periodLabel(period: StatsPeriod): string {
  if (period.kind === 'year') return `Année ${period.year}`;
  const rank = period.index === 1 ? '1er' : `${period.index}e`;
  return `${rank} ${period.kind === 'half' ? 'semestre' : 'trimestre'} ${period.year}`;
}

/** Stable key, e.g. `2026-Y1`, `2026-H2`, `2026-Q3`. */
export function periodKey(period: StatsPeriod): string {
  return `${period.year}-${period.kind === 'year' ? 'Y' : period.kind === 'half' ? 'H' : 'Q'}${period.index}`;
}

/** Inclusive overlap of two date ranges (an open end is the far future). */
export function overlaps(start: IsoDate, end: IsoDate | null, range: PeriodRange): boolean {
  return start <= range.end && (end === null || end >= range.start);
}

export function within(date: IsoDate | null, range: PeriodRange): boolean {
  return date !== null && date >= range.start && date <= range.end;
}
