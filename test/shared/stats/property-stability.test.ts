/**
 * S10 determinism, S6 revisions and 3-D tables, property-based.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  auditReceivedBundle,
  createBundle,
  isWithheld,
  protectBundle,
  serializeBundle,
  type BundleMetadata,
} from '../../../shared/stats/index';
import { buildCase, expectSafeRelease, linkedBundleArb } from './helpers';

const meta = (revision: number): BundleMetadata => ({
  bundleId: `0192f1c3-6c8e-7d4a-9f2e-3b1a5c7d9e0${revision}`,
  structureId: 'st_k3j9x2m4q8w1',
  siaeKind: 'ETTI',
  regionCode: '76',
  period: { kind: 'half', year: 2026, index: 1 },
  revision,
  catalogueVersion: '2026.1',
});

/** Thousands of bundles per property: allow for a slow or busy CI machine. */
const PROPERTY_TIMEOUT = 180_000;

describe('S10 — determinism', () => {
  it('a copy of the input with tables and cells in another order → same mask, same bytes (2000 bundles)', () => {
    fc.assert(
      fc.property(linkedBundleArb({ maxCategories: 4, maxPersons: 20 }), (c) => {
        const a = protectBundle(c.tables);
        // a fresh copy, tables and cells in reverse order
        const copy = JSON.parse(JSON.stringify(c.tables)) as typeof c.tables;
        const b = protectBundle(copy.map((t) => ({ ...t, cells: [...t.cells].reverse() })).reverse());
        expect(a.report.passed).toBe(true);
        const byId = new Map(b.tables.map((t) => [t.id, t]));
        const reordered = {
          ...b,
          tables: a.tables.map((t) => {
            const same = byId.get(t.id);
            if (same === undefined) throw new Error(`table ${t.id} missing`);
            return same;
          }),
        };
        expect(serializeBundle(createBundle(meta(1), reordered))).toBe(serializeBundle(createBundle(meta(1), a)));
      }),
      { seed: 42, numRuns: 2000 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('S6 — one person changes between two revisions', () => {
  it('rev 2 passes jointly with rev 1, keeps its mask and is accepted by the hub (1000 bundles)', () => {
    fc.assert(
      fc.property(
        linkedBundleArb({ maxCategories: 4, maxPersons: 30 }),
        fc.nat(),
        fc.constantFrom('a', 'b', 's', 'c') as fc.Arbitrary<'a' | 'b' | 's' | 'c'>,
        (c, who, attribute) => {
          if (c.persons.length === 0) return;
          const shapes = [...new Set(c.tables.map((t) => t.id))];
          const r1 = protectBundle(c.tables);
          const b1 = createBundle(meta(1), r1);
          const i = who % c.persons.length;
          const persons = c.persons.map((p, j) => (j === i ? { ...p, [attribute]: p[attribute] + 1 } : p));
          const next = buildCase(c.shape.nb, c.shape.ns, shapeNames(shapes), persons);
          const r2 = protectBundle(next.tables, {}, b1);
          expect(r2.report.passed).toBe(true);
          const b2 = createBundle(meta(2), r2);
          const hub = auditReceivedBundle(b2, b1);
          expect(hub.problems).toEqual([]);
          expect(hub.passed).toBe(true);
          // values published now are true values; a non-zero cell hidden in rev 1 stays hidden
          for (const t of b2.tables) {
            if (isWithheld(t)) continue;
            const input = next.tables.find((x) => x.id === t.id);
            const before = b1.tables.find((x) => x.id === t.id);
            for (const cell of t.cells) {
              const value = input?.cells.find((x) => x.coords.join() === cell.coords.join())?.value ?? -1;
              if ('value' in cell) expect(cell.value).toBe(value);
              else expect(value).toBeGreaterThan(0);
              const old = before !== undefined && !isWithheld(before) ? before.cells.find((x) => x.coords.join() === cell.coords.join()) : undefined;
              if (old !== undefined && 'suppressed' in old && value > 0) expect('suppressed' in cell).toBe(true);
            }
          }
        },
      ),
      { seed: 42, numRuns: 1000 },
    );
  }, PROPERTY_TIMEOUT);
});

describe('3-D tables linked with 1-D/2-D ones', () => {
  it('are protected like the others (1000 bundles)', () => {
    fc.assert(
      fc.property(
        linkedBundleArb({ maxCategories: 4, maxPersons: 30, shapes: ['AxBxC', 'AxB', 'C', 'B', 'S'] }),
        (c) => expectSafeRelease(c.tables, protectBundle(c.tables)),
      ),
      { seed: 42, numRuns: 1000 },
    );
  }, PROPERTY_TIMEOUT);
});

const ID_TO_SHAPE = { T1: 'AxB', T2: 'S', T3: 'C', T5: 'SxA', T6: 'B', T8: 'SxB', T7: 'AxBxC' } as const;
function shapeNames(ids: readonly string[]) {
  return ids.map((id) => ID_TO_SHAPE[id as keyof typeof ID_TO_SHAPE]);
}
