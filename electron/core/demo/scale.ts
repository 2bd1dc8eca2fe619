import type { Rng } from './random';
import type { DemoRates } from './types';

/*
 * How much the demo generates. Rates are means per salarié; `--scale F` is the benchmark's dataset
 * (the size of a large group) multiplied by F: at F = 1, 100 000 salariés with about 1 000 000
 * entretiens, 200 000 immersions with their grids and evaluations, and 300 000 freins, followed by
 * one CIP per 300 salariés (about 130 of them in parcours each, as in a real caseload).
 */

/** A realistic caseload: monthly follow-up, one person in three or four does a PMSMP. */
export const DEFAULT_RATES: Readonly<DemoRates> = { entretiensPerSalarie: 8, immersionsPerSalarie: 0.3, freinsPerSalarie: null };

/** The benchmark's full dataset (scale 1). */
export const FULL_SCALE = { salaries: 100_000, rates: { entretiensPerSalarie: 10, immersionsPerSalarie: 2, freinsPerSalarie: 3 }, salariesPerReferent: 300 } as const;

export const MAX_RATE = 50;

/** The full dataset times `factor` (at least one salarié); same rates, so per-person shapes do not change with size. */
export interface ScaledDataset {
  salaries: number;
  rates: { entretiensPerSalarie: number; immersionsPerSalarie: number; freinsPerSalarie: number; referents: number };
}

export function scaledDataset(factor: number): ScaledDataset {
  if (!Number.isFinite(factor) || factor <= 0 || factor > 10) throw new RangeError(`scale must be in ]0, 10], got ${factor}`);
  const salaries = Math.max(1, Math.round(FULL_SCALE.salaries * factor));
  return { salaries, rates: { ...FULL_SCALE.rates, referents: Math.max(3, Math.round(salaries / FULL_SCALE.salariesPerReferent)) } };
}

/** Partner organisations in the directory: grows with the caseload (a large group works with thousands). */
export function partnerCount(salaries: number): number {
  return Math.min(3_000, Math.max(24, Math.round(20 + salaries / 40)));
}

/**
 * A non-negative integer whose mean is `mean`: a fractional part becomes one more with that chance,
 * then a symmetric spread of up to half the mean keeps people different from one another.
 */
export function countAround(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  const base = Math.floor(mean) + (rng.chance(mean - Math.floor(mean)) ? 1 : 0);
  const spread = Math.min(base, Math.ceil(mean / 2));
  return base + rng.int(-spread, spread);
}
