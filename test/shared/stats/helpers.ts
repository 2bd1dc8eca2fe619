/**
 * Test helpers for the disclosure-control library: fixture builders, a random linked-bundle
 * generator for fast-check, an independent integer "intruder" and a full post-protection check.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  attackerView,
  auditRelease,
  auditSystem,
  buildTable,
  cellKey,
  coordsKey,
  isPublishedCell,
  isWithheld,
  primaryFlags,
  type CountTable,
  type LinkedSystem,
  type ProtectResult,
  type Release,
  type TableSpec,
} from '../../../shared/stats/index';

/** A 2-D table r×c (categories r0.., c0..) from its inner counts. */
export function grid(id: string, rows: readonly (readonly number[])[], extra: Partial<TableSpec> = {}): CountTable {
  const spec: TableSpec = {
    id,
    population: 'p',
    sensitive: false,
    dimensions: [
      { code: 'r', categories: rows.map((_, i) => `r${i}`) },
      { code: 'c', categories: (rows[0] ?? []).map((_, j) => `c${j}`) },
    ],
    ...extra,
  };
  return buildTable(
    spec,
    rows.flatMap((row, i) => row.map((count, j) => ({ coords: [`r${i}`, `c${j}`], count }))),
  );
}

/** A 1-D table from its category counts. */
export function oneWay(
  id: string,
  dim: string,
  counts: Readonly<Record<string, number>>,
  extra: Partial<TableSpec> = {},
): CountTable {
  const spec: TableSpec = {
    id,
    population: 'p',
    sensitive: false,
    dimensions: [{ code: dim, categories: Object.keys(counts) }],
    ...extra,
  };
  return buildTable(
    spec,
    Object.entries(counts).map(([c, count]) => ({ coords: [c], count })),
  );
}

export function cellOf(result: ProtectResult | Release, tableId: string, coords: readonly string[]) {
  const t = result.tables.find((x) => x.id === tableId);
  if (t === undefined || isWithheld(t)) return undefined;
  return t.cells.find((c) => coordsKey(c.coords) === coordsKey(coords));
}

/** True values of the input tables by variable of `system`. */
export function truthFor(system: LinkedSystem, tables: readonly CountTable[]): Map<number, number> {
  const truth = new Map<number, number>();
  for (const t of tables) {
    for (const cell of t.cells) {
      const v = system.indexOf.get(cellKey(t.population, t.dimensions, cell.coords));
      if (v !== undefined) truth.set(v, cell.value);
    }
  }
  return truth;
}

/**
 * Independent intruder: a tiny integer constraint solver (bounds propagation on the margin
 * equations + depth-first search), no LP and no rank test. For each target it finds the
 * smallest and largest value for which a non-negative integer completion of the released cells
 * exists. `undefined` when some cell is unbounded or the search exceeds `nodeLimit`.
 */
export function integerRanges(
  system: LinkedSystem,
  known: ReadonlyMap<number, number>,
  targets: readonly number[],
  nodeLimit = 20_000,
): Map<number, { min: number; max: number }> | undefined {
  const n = system.variables.length;
  const lo0 = new Array<number>(n).fill(0);
  const hi0 = new Array<number>(n).fill(Infinity);
  for (const [v, x] of known) {
    lo0[v] = x;
    hi0[v] = x;
  }
  const equations = system.equations.map((e) => e.terms);
  /** Bounds consistency: in Σ a·x = 0, each term lies in minus the range of the others. */
  const propagate = (lo: number[], hi: number[]): boolean => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const terms of equations) {
        // contribution of each term a·x_j as an interval; infinities counted apart (∞ − ∞)
        const cLo = terms.map(([j, a]) => (a > 0 ? a * (lo[j] ?? 0) : a * (hi[j] ?? Infinity)));
        const cHi = terms.map(([j, a]) => (a > 0 ? a * (hi[j] ?? Infinity) : a * (lo[j] ?? 0)));
        const finLo = cLo.reduce((s2, x) => (Number.isFinite(x) ? s2 + x : s2), 0);
        const finHi = cHi.reduce((s2, x) => (Number.isFinite(x) ? s2 + x : s2), 0);
        const infLo = cLo.filter((x) => !Number.isFinite(x)).length;
        const infHi = cHi.filter((x) => !Number.isFinite(x)).length;
        if ((infLo === 0 && finLo > 0) || (infHi === 0 && finHi < 0)) return false;
        for (const [k, [j, a]] of terms.entries()) {
          const ownLo = cLo[k] ?? 0;
          const ownHi = cHi[k] ?? 0;
          const restLo = infLo - (Number.isFinite(ownLo) ? 0 : 1) > 0 ? -Infinity : finLo - (Number.isFinite(ownLo) ? ownLo : 0);
          const restHi = infHi - (Number.isFinite(ownHi) ? 0 : 1) > 0 ? Infinity : finHi - (Number.isFinite(ownHi) ? ownHi : 0);
          // a·x_j ∈ [−restHi, −restLo]
          const bound1 = -restHi / a;
          const bound2 = -restLo / a;
          const l = lo[j] ?? 0;
          const h = hi[j] ?? Infinity;
          const newLo = Math.max(l, Math.ceil(Math.min(bound1, bound2)) + 0);
          const newHi = Math.min(h, Math.floor(Math.max(bound1, bound2)) + 0);
          if (newLo > newHi) return false;
          if (newLo !== l || newHi !== h) {
            lo[j] = newLo;
            hi[j] = newHi;
            changed = true;
          }
        }
      }
    }
    return true;
  };
  let nodes = 0;
  const feasible = (lo: number[], hi: number[]): boolean => {
    if (++nodes > nodeLimit) throw new RangeError('search too large');
    if (!propagate(lo, hi)) return false;
    let next = -1;
    for (let v = 0; v < n; v++) {
      const w = (hi[v] ?? 0) - (lo[v] ?? 0);
      if (w > 0 && (next < 0 || w < (hi[next] ?? 0) - (lo[next] ?? 0))) next = v;
    }
    if (next < 0) return true;
    for (let x = lo[next] ?? 0; x <= (hi[next] ?? 0); x++) {
      const l = lo.slice();
      const h = hi.slice();
      l[next] = x;
      h[next] = x;
      if (feasible(l, h)) return true;
    }
    return false;
  };
  if (!propagate(lo0, hi0)) throw new Error('released values are inconsistent');
  if (hi0.some((h) => !Number.isFinite(h))) return undefined;
  const withValue = (t: number, x: number): boolean => {
    const l = lo0.slice();
    const h = hi0.slice();
    l[t] = x;
    h[t] = x;
    return feasible(l, h);
  };
  const ranges = new Map<number, { min: number; max: number }>();
  try {
    for (const t of targets) {
      let min = lo0[t] ?? 0;
      while (!withValue(t, min)) min++;
      let max = hi0[t] ?? 0;
      while (max > min && !withValue(t, max)) max--;
      ranges.set(t, { min, max });
    }
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  return ranges;
}

// ---------------------------------------------------------------------------------------------
// Random linked bundles: one population, a catalogue of up to 6 tables built from the same
// microdata (so linked cells agree), few persons spread over many cells → lots of 0s and 1s.

export interface BundleCase {
  readonly tables: readonly CountTable[];
  readonly persons: readonly Person[];
  readonly shape: { readonly nb: number; readonly ns: number };
}

export interface Person {
  readonly a: number;
  readonly b: number;
  readonly s: number;
  readonly c: number;
}

const SHAPES = ['AxB', 'S', 'C', 'SxA', 'B', 'SxB', 'AxBxC'] as const;
export type Shape = (typeof SHAPES)[number];

function catalogue(nb: number, ns: number): Record<Shape, TableSpec> {
  const a = { code: 'sexe', categories: ['F', 'H'] };
  const b = { code: 'age', categories: Array.from({ length: nb }, (_, i) => `b${i}`) };
  const s = { code: 'minima', categories: [...Array.from({ length: ns - 1 }, (_, i) => `m${i}`), 'aucun'] };
  const c = { code: 'sante', categories: ['oui', 'non'] };
  return {
    AxB: { id: 'T1', population: 'salaries', sensitive: false, dimensions: [a, b] },
    S: { id: 'T2', population: 'salaries', sensitive: true, dimensions: [s], nonSensitiveCategories: ['aucun'] },
    C: { id: 'T3', population: 'salaries', sensitive: true, dimensions: [c], nonSensitiveCategories: ['non'] },
    SxA: { id: 'T5', population: 'salaries', sensitive: true, sensitiveDimension: 'minima', dimensions: [s, a] },
    B: { id: 'T6', population: 'salaries', sensitive: false, dimensions: [b] },
    SxB: { id: 'T8', population: 'salaries', sensitive: true, sensitiveDimension: 'minima', nonSensitiveCategories: ['aucun'], dimensions: [s, b] },
    AxBxC: { id: 'T7', population: 'salaries', sensitive: true, sensitiveDimension: 'sante', nonSensitiveCategories: ['non'], dimensions: [a, b, c] },
  };
}

export function buildCase(nb: number, ns: number, shapes: readonly Shape[], persons: readonly Person[]): BundleCase {
  const cat = catalogue(nb, ns);
  const records = persons.map((p) => ({
    sexe: p.a % 2 === 0 ? 'F' : 'H',
    age: `b${p.b % nb}`,
    minima: p.s % ns === ns - 1 ? 'aucun' : `m${p.s % ns}`,
    sante: p.c % 3 === 0 ? 'oui' : 'non',
  }));
  const tables = SHAPES.filter((s) => shapes.includes(s)).map((s) => {
    const spec = cat[s];
    return buildTable(
      spec,
      records.map((r) => ({ coords: spec.dimensions.map((d) => r[d.code as keyof typeof r]), count: 1 })),
    );
  });
  return { tables, persons, shape: { nb, ns } };
}

export function linkedBundleArb(opts: {
  readonly maxCategories: number;
  readonly maxPersons: number;
  readonly minPersons?: number;
  readonly shapes?: readonly Shape[];
}): fc.Arbitrary<BundleCase> {
  const shapes = opts.shapes ?? SHAPES.filter((s) => s !== 'AxBxC');
  return fc
    .record({
      nb: fc.integer({ min: 2, max: opts.maxCategories }),
      ns: fc.integer({ min: 2, max: Math.min(5, opts.maxCategories) }),
      shapes: fc.subarray([...shapes], { minLength: 1 }),
      persons: fc.array(
        fc.record({ a: fc.nat(3), b: fc.nat(7), s: fc.nat(5), c: fc.nat(5) }),
        { minLength: opts.minPersons ?? 0, maxLength: opts.maxPersons },
      ),
    })
    // A catalogue never links sexe×age, minima×sexe and minima×age together (a cycle of
    // dimensions, refused by linkTables): drop the last one then.
    .map(({ nb, ns, shapes: chosen, persons }) =>
      buildCase(nb, ns, chosen.includes('AxB') && chosen.includes('SxA') ? chosen.filter((x) => x !== 'SxB') : chosen, persons),
    );
}

/**
 * Everything the brief requires of a protected release, checked from the outside: primary
 * cells recomputed independently, published values = truth, zeros never secondary, withheld
 * tables without values, and the audit (A1–A3, with true values) re-run on the system rebuilt
 * from the released tables alone.
 */
export function expectSafeRelease(tables: readonly CountTable[], result: ProtectResult): void {
  expect(result.report.passed).toBe(true);
  expect(result.tables.map((t) => t.id)).toEqual(tables.map((t) => t.id));
  for (const [i, t] of tables.entries()) {
    const out = result.tables[i];
    if (out === undefined) throw new Error('missing output table');
    if (isWithheld(out)) {
      expect(Object.keys(out).sort()).toEqual(['id', 'reason', 'withheld']);
      continue;
    }
    const truth = new Map(t.cells.map((c) => [coordsKey(c.coords), c.value]));
    const primary = new Set(primaryFlags(t).map((f) => coordsKey(f.coords)));
    expect(out.cells.length).toBe(t.cells.length);
    for (const cell of out.cells) {
      const k = coordsKey(cell.coords);
      const value = truth.get(k);
      if (isPublishedCell(cell)) {
        expect(cell.value).toBe(value);
        expect(primary.has(k)).toBe(false);
      } else {
        expect(value).toBeGreaterThan(0); // zeros are never suppressed
        if (primary.has(k)) expect(cell.suppressed).toBe('primary');
      }
    }
  }
  const view = attackerView(result);
  expect(view.problems).toEqual([]);
  const truth = truthFor(view.system, tables);
  const audit = auditSystem({
    system: view.system,
    published: view.published,
    targets: [...view.primary],
    truth,
    sensitive: view.sensitive,
  });
  if (!audit.passed) {
    const failing = [...audit.verdicts.values()].filter((v) => v.failures.length > 0);
    throw new Error(`independent audit failed: ${JSON.stringify(failing.slice(0, 3))}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Hand-made suppression patterns, to show that the audit catches unsafe ones.

/** A release of `tables` hiding the given cells (primary if the rules say so or `primary` lists them). */
export function handRelease(
  tables: readonly CountTable[],
  hidden: Readonly<Record<string, readonly (readonly string[])[]>>,
  primary: Readonly<Record<string, readonly (readonly string[])[]>> = {},
): Release {
  return {
    tables: tables.map((t) => {
      const hide = new Set((hidden[t.id] ?? []).map(coordsKey));
      const prim = new Set([...primaryFlags(t).map((f) => coordsKey(f.coords)), ...(primary[t.id] ?? []).map(coordsKey)]);
      return {
        ...t,
        cells: t.cells.map((c) => {
          const k = coordsKey(c.coords);
          if (!hide.has(k)) return { coords: c.coords, value: c.value };
          return { coords: c.coords, suppressed: prim.has(k) ? ('primary' as const) : ('secondary' as const) };
        }),
      };
    }),
  };
}

/** Laptop-side audit (true values known) of a release; `verdict(table, coords)` to inspect one cell. */
export function auditHand(
  tables: readonly CountTable[],
  release: Release,
  options?: Parameters<typeof auditSystem>[0]['options'],
  previous?: Release,
) {
  const view = attackerView(release, previous);
  const truth = truthFor(view.system, tables);
  const audit = auditRelease({
    system: view.system,
    published: view.published,
    previousAll: view.previousAll,
    targets: [...view.primary],
    truth,
    sensitive: view.sensitive,
    ...(options === undefined ? {} : { options }),
  });
  const verdict = (tableId: string, coords: readonly string[]) => {
    const t = view.system.tables.find((x) => x.id === tableId);
    if (t === undefined) throw new Error(`no table ${tableId}`);
    const v = view.system.indexOf.get(cellKey(t.population, t.dimensions, coords));
    return v === undefined ? undefined : audit.verdicts.get(v);
  };
  return { audit, view, verdict };
}
