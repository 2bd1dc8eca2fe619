/**
 * S7 — an independent intruder: given only the released cells, it enumerates every
 * non-negative integer completion (no LP, no rank test) and reads off each confidential cell's
 * feasible values. No confidential cell may have a single feasible value; the LP audit's
 * interval must contain the integer one, and equal it for a single 1-D/2-D table (network
 * matrix: LP optima are integral).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attackerView, auditSystem, isWithheld, protectBundle, type ReleasedTable } from '../../../shared/stats/index';
import { integerRanges, linkedBundleArb, truthFor } from './helpers';

/** Thousands of bundles per property: allow for a slow or busy CI machine. */
const PROPERTY_TIMEOUT = 180_000;

describe('S7 — independent integer intruder', () => {
  it('cannot pin any confidential cell, and agrees with the LP audit (1500 bundles)', () => {
    let enumerated = 0;
    let targetsChecked = 0;
    fc.assert(
      fc.property(linkedBundleArb({ maxCategories: 4, minPersons: 5, maxPersons: 14 }), (c) => {
        const r = protectBundle(c.tables);
        const view = attackerView(r);
        const targets = [...view.primary].sort((a, b) => a - b);
        if (targets.length === 0) return;
        const ranges = integerRanges(view.system, view.published, targets);
        if (ranges === undefined) return; // unbounded (total suppressed) or search too large
        enumerated++;
        const truth = truthFor(view.system, c.tables);
        const audit = auditSystem({ system: view.system, published: view.published, targets, truth });
        const released = r.tables.filter((t): t is ReleasedTable => !isWithheld(t));
        const single = released.length === 1 && released[0] !== undefined && released[0].dimensions.length <= 2;
        for (const t of targets) {
          const range = ranges.get(t);
          const lp = audit.verdicts.get(t);
          if (range === undefined || lp?.min === undefined || lp.max === undefined) throw new Error('missing result');
          targetsChecked++;
          expect(range.min).toBeLessThanOrEqual(truth.get(t) ?? -1);
          expect(range.max).toBeGreaterThanOrEqual(truth.get(t) ?? Infinity);
          expect(range.max - range.min).toBeGreaterThanOrEqual(2);
          expect(range.min).toBeGreaterThanOrEqual(lp.min - 1e-9);
          if (lp.max !== null) expect(range.max).toBeLessThanOrEqual(lp.max + 1e-9);
          if (single) expect([range.min, range.max]).toEqual([lp.min, lp.max]);
        }
      }),
      { seed: 42, numRuns: 1500 },
    );
    // most bundles must really be attacked (not skipped as unbounded or too large)
    expect(enumerated).toBeGreaterThan(1000);
    expect(targetsChecked).toBeGreaterThan(5000);
  }, PROPERTY_TIMEOUT);
});
