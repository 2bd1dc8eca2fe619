/**
 * Bundle-level linear system: all tables of a bundle (and of a previous revision) as one set of
 * variables and equations, because an attacker combines them.
 *
 * Linking rule: a cell's identity is its population plus the map "dimension → category" of its
 * non-margin coordinates. So `T1(sexe=F, age=*)` and `T5(sexe=F, rsa=*)` are one variable
 * (the number of women), and every table of a population shares the grand total.
 */
import {
  MARGIN,
  TableError,
  allCoordinates,
  coordsKey,
  tableConstraints,
  validateTableSpec,
  type Dimension,
  type TableSpec,
} from './table';

export interface CellOccurrence {
  readonly tableId: string;
  readonly coords: readonly string[];
}

export interface SystemVariable {
  readonly key: string;
  readonly population: string;
  /** Non-margin coordinates, sorted by dimension code. */
  readonly specified: ReadonlyArray<readonly [string, string]>;
  readonly occurrences: readonly CellOccurrence[];
}

/** `Σ coef·x = 0` with integer coefficients; terms sorted by variable index. */
export interface LinearEquation {
  readonly terms: ReadonlyArray<readonly [number, number]>;
}

export interface LinkedSystem {
  readonly tables: readonly TableSpec[];
  /** Sorted coarse-first (fewest specified dimensions), then by key: deterministic everywhere. */
  readonly variables: readonly SystemVariable[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly equations: readonly LinearEquation[];
  /** Per table, the variable of each cell in `allCoordinates` order. */
  readonly tableCells: ReadonlyMap<string, readonly number[]>;
}

function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical identity of the cell at `coords` of a table of `population`. */
export function cellKey(population: string, dimensions: readonly Dimension[], coords: readonly string[]): string {
  return JSON.stringify([population, specifiedOf(dimensions, coords)]);
}

function specifiedOf(dimensions: readonly Dimension[], coords: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  dimensions.forEach((dim, d) => {
    const c = coords[d];
    if (c !== undefined && c !== MARGIN) out.push([dim.code, c]);
  });
  return out.sort((a, b) => byCode(a[0], b[0]));
}

/**
 * True when the dimension sets form an acyclic hypergraph (GYO reduction: drop dimensions
 * used by a single set, drop sets contained in another, until nothing is left).
 */
export function isAcyclic(sets: readonly (readonly string[])[]): boolean {
  let edges = sets.map((s) => new Set(s));
  for (let changed = true; changed; ) {
    changed = false;
    const uses = new Map<string, number>();
    for (const e of edges) for (const d of e) uses.set(d, (uses.get(d) ?? 0) + 1);
    for (const e of edges) {
      for (const d of [...e]) {
        if (uses.get(d) === 1) {
          e.delete(d);
          changed = true;
        }
      }
    }
    const kept = edges.filter((e, i) => e.size > 0 && !edges.some((f, j) => j !== i && [...e].every((d) => f.has(d)) && (f.size > e.size || j < i)));
    if (kept.length !== edges.length) changed = true;
    edges = kept;
  }
  return edges.length === 0;
}

/**
 * Links tables into one system. Throws `TableError` on incompatible catalogue definitions.
 *
 * Cells are the variables and margins the equations, so the attacker's LP bounds only match
 * the real ones (counts of one population of persons) when the tables of a population have
 * an acyclic set of dimensions — e.g. A×B with A×C, not A×B, B×C and A×C, whose pairwise
 * consistent margins need not come from any real population. Cyclic catalogues are refused.
 */
export function linkTables(tables: readonly TableSpec[]): LinkedSystem {
  const ids = new Set<string>();
  const categoriesByPopDim = new Map<string, string>();
  for (const t of tables) {
    validateTableSpec(t);
    if (ids.has(t.id)) throw new TableError(`duplicate table id ${t.id}`);
    ids.add(t.id);
    for (const dim of t.dimensions) {
      // Shared cells only make sense if a dimension means the same thing in every table.
      const k = JSON.stringify([t.population, dim.code]);
      const cats = JSON.stringify([...dim.categories].sort(byCode));
      const seen = categoriesByPopDim.get(k);
      if (seen !== undefined && seen !== cats) {
        throw new TableError(`dimension ${dim.code} of population ${t.population} has different categories in table ${t.id}`);
      }
      categoriesByPopDim.set(k, cats);
    }
  }

  const populations = new Map<string, string[][]>();
  for (const t of tables) populations.set(t.population, [...(populations.get(t.population) ?? []), t.dimensions.map((d) => d.code)]);
  for (const [population, sets] of populations) {
    if (!isAcyclic(sets)) throw new TableError(`tables of population ${population} link their dimensions in a cycle`);
  }

  const draft = new Map<string, { population: string; specified: [string, string][]; occurrences: CellOccurrence[] }>();
  for (const t of tables) {
    for (const coords of allCoordinates(t.dimensions)) {
      const specified = specifiedOf(t.dimensions, coords);
      const key = JSON.stringify([t.population, specified]);
      let v = draft.get(key);
      if (v === undefined) {
        v = { population: t.population, specified, occurrences: [] };
        draft.set(key, v);
      }
      v.occurrences.push({ tableId: t.id, coords });
    }
  }
  const variables: SystemVariable[] = [...draft.entries()]
    .map(([key, v]) => ({ key, ...v }))
    .sort((a, b) => a.specified.length - b.specified.length || byCode(a.key, b.key));
  const indexOf = new Map<string, number>(variables.map((v, i) => [v.key, i]));

  const tableCells = new Map<string, number[]>();
  const equations: LinearEquation[] = [];
  const seenEquations = new Set<string>();
  for (const t of tables) {
    const lookup = (coords: readonly string[]): number => {
      const i = indexOf.get(cellKey(t.population, t.dimensions, coords));
      if (i === undefined) throw new Error('unreachable: cell not indexed');
      return i;
    };
    tableCells.set(t.id, allCoordinates(t.dimensions).map(lookup));
    for (const c of tableConstraints(t)) {
      const coef = new Map<number, number>();
      coef.set(lookup(c.parent), 1);
      for (const ch of c.children) {
        const j = lookup(ch);
        coef.set(j, (coef.get(j) ?? 0) - 1);
      }
      const terms = [...coef.entries()].filter(([, a]) => a !== 0).sort((a, b) => a[0] - b[0]);
      const sig = JSON.stringify(terms);
      if (terms.length === 0 || seenEquations.has(sig)) continue;
      seenEquations.add(sig);
      equations.push({ terms });
    }
  }
  return { tables, variables, indexOf, equations, tableCells };
}

/** Variable of one table cell. */
export function variableOf(system: LinkedSystem, tableId: string, coords: readonly string[]): number {
  const t = system.tables.find((x) => x.id === tableId);
  if (t === undefined) throw new TableError(`unknown table ${tableId}`);
  const i = system.indexOf.get(cellKey(t.population, t.dimensions, coords));
  if (i === undefined) throw new TableError(`table ${tableId} has no cell ${coordsKey(coords)}`);
  return i;
}

/** True when `coarse` contains `fine` (same population, its coordinates are a subset). */
export function contains(coarse: SystemVariable, fine: SystemVariable): boolean {
  if (coarse.population !== fine.population || coarse.specified.length > fine.specified.length) return false;
  return coarse.specified.every(([d, c]) => fine.specified.some(([d2, c2]) => d2 === d && c2 === c));
}

/** For each variable, the variables strictly coarser (ancestors) and strictly finer (descendants). */
export function containment(system: LinkedSystem): { ancestors: number[][]; descendants: number[][] } {
  const n = system.variables.length;
  const ancestors: number[][] = Array.from({ length: n }, () => []);
  const descendants: number[][] = Array.from({ length: n }, () => []);
  system.variables.forEach((a, i) => {
    system.variables.forEach((b, j) => {
      if (i !== j && a.specified.length < b.specified.length && contains(a, b)) {
        descendants[i]?.push(j);
        ancestors[j]?.push(i);
      }
    });
  });
  return { ancestors, descendants };
}

/** Human-readable label of a variable, for reports: `population: sexe=F, age=<26` or `population: total`. */
export function describeVariable(v: SystemVariable): string {
  const parts = v.specified.map(([d, c]) => `${d}=${c}`);
  return `${v.population}: ${parts.length === 0 ? 'total' : parts.join(', ')}`;
}
