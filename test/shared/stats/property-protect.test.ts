/**
 * S2 — property-based: random linked bundles (1-D/2-D up to 6 × 6, few persons → many 0/1
 * cells). After protection every confidential cell passes A1–A3 (re-audited from the released
 * tables alone), zeros are never secondary, published values are the true ones, withheld
 * tables carry no value, and the hub accepts the bundle. Tampering is caught.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditReceivedBundle,
  cellKey,
  createBundle,
  isWithheld,
  parseBundle,
  primaryFlags,
  protectBundle,
  type BundleMetadata,
} from '../../../shared/stats/index';
import { expectSafeRelease, linkedBundleArb, type BundleCase } from './helpers';

const meta: BundleMetadata = {
  bundleId: '0192f1c3-6c8e-7d4a-9f2e-3b1a5c7d9e01',
  structureId: 'st_k3j9x2m4q8w1',
  siaeKind: 'AI',
  regionCode: '53',
  period: { kind: 'quarter', year: 2026, index: 2 },
  revision: 1,
  catalogueVersion: '2026.1',
};

/** Thousands of bundles per property: allow for a slow or busy CI machine. */
const PROPERTY_TIMEOUT = 180_000;

describe('S2 — protection of random linked bundles', () => {
  const safeAndAccepted = (c: BundleCase): void => {
    const r = protectBundle(c.tables);
    expectSafeRelease(c.tables, r);
    const hub = auditReceivedBundle(createBundle(meta, r));
    expect(hub.problems).toEqual([]);
    expect(hub.primaryViolations).toEqual([]);
    expect(hub.passed).toBe(true);
  };

  it('every confidential cell passes A1, A2, A3; the hub accepts the bundle (2000 small bundles)', () => {
    fc.assert(fc.property(linkedBundleArb({ maxCategories: 4, maxPersons: 25 }), safeAndAccepted), { seed: 42, numRuns: 2000 });
  }, PROPERTY_TIMEOUT);

  it('same with tables up to 6 × 6 (1000 bundles)', () => {
    fc.assert(
      fc.property(linkedBundleArb({ maxCategories: 6, maxPersons: 30, shapes: ['AxB', 'S', 'C', 'SxA', 'B', 'SxB'] }), safeAndAccepted),
      { seed: 42, numRuns: 1000 },
    );
  }, PROPERTY_TIMEOUT);

  it('the hub rejects a bundle where one threshold-primary cell was published (1500 bundles)', () => {
    let tampered = 0;
    fc.assert(
      fc.property(linkedBundleArb({ maxCategories: 4, maxPersons: 30 }), fc.nat(), (c, pick) => {
        const r = protectBundle(c.tables);
        // candidates: cells primary by a count threshold (checkable without true values)
        const candidates = c.tables.flatMap((t) =>
          isWithheld(r.tables.find((x) => x.id === t.id) ?? { id: '', withheld: true, reason: 'disclosure_risk' })
            ? []
            : primaryFlags(t)
                .filter((f) => f.reasons[0] !== 'homogeneous_group')
                .map((f) => ({ key: cellKey(t.population, t.dimensions, f.coords), value: f.value })),
        );
        const chosen = candidates[pick % Math.max(1, candidates.length)];
        if (chosen === undefined) return;
        tampered++;
        const tables = r.tables.map((t) => {
          if (isWithheld(t)) return t;
          return {
            ...t,
            cells: t.cells.map((cell) =>
              cellKey(t.population, t.dimensions, cell.coords) === chosen.key ? { coords: cell.coords, value: chosen.value } : cell,
            ),
          };
        });
        const bundle = parseBundle({ ...createBundle(meta, r), tables });
        const hub = auditReceivedBundle(bundle);
        expect(hub.passed).toBe(false);
        expect(hub.primaryViolations.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 1500 },
    );
    expect(tampered).toBeGreaterThan(750);
  }, PROPERTY_TIMEOUT);
});
