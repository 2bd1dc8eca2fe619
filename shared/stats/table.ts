/**
 * The table model: ordered dimensions, a coordinate per dimension, and `"*"` for a margin.
 *
 * A table is always *complete*: it holds every combination of category-or-margin, from the
 * inner cells to the grand total, because the attacker knows the catalogue and therefore knows
 * which cells exist even when they are empty (an empty cell we forgot to list would not be
 * protected).
 */

/** Coordinate used for "all categories of this dimension". */
export const MARGIN = '*';

/** Tables are tiny by design: more dimensions explode the number of cells. */
export const MAX_DIMENSIONS = 3;

export interface Dimension {
  readonly code: string;
  /** Category codes, in display order. Never `"*"`. */
  readonly categories: readonly string[];
}

export interface TableSpec {
  readonly id: string;
  /**
   * Which set of persons the table counts (e.g. `"salaries"`). Tables of the same population
   * share cells: the same dimension→category map is the same number in every such table.
   */
  readonly population: string;
  readonly dimensions: readonly Dimension[];
  /** Counts a sensitive attribute (health, justice, minima sociaux). */
  readonly sensitive: boolean;
  /**
   * The dimension that *is* the sensitive attribute. Defaults to the only dimension of a 1-D
   * table; required for a sensitive table with several dimensions.
   */
  readonly sensitiveDimension?: string | undefined;
  /** Categories of the sensitive dimension that reveal nothing sensitive (e.g. "aucun", "non"). */
  readonly nonSensitiveCategories?: readonly string[] | undefined;
}

export interface CountCell {
  readonly coords: readonly string[];
  readonly value: number;
}

export interface CountTable extends TableSpec {
  /** Every cell, margins included, in `allCoordinates` order. */
  readonly cells: readonly CountCell[];
}

/** "The margin cell equals the sum of these children" along one dimension. */
export interface MarginConstraint {
  readonly parent: readonly string[];
  readonly children: readonly (readonly string[])[];
}

export class TableError extends Error {
  override readonly name = 'TableError';
}

/** Allowed characters for ids and codes (they end up in signed payloads and URLs). */
export const CODE_PATTERN = /^[\p{L}\p{N}_<>=+.\-]{1,40}$/u;

export function validateTableSpec(spec: TableSpec): void {
  const where = `table ${JSON.stringify(spec.id)}`;
  if (!CODE_PATTERN.test(spec.id)) throw new TableError(`${where}: invalid id`);
  if (!CODE_PATTERN.test(spec.population)) throw new TableError(`${where}: invalid population`);
  const n = spec.dimensions.length;
  if (n < 1 || n > MAX_DIMENSIONS) {
    throw new TableError(`${where}: needs 1 to ${MAX_DIMENSIONS} dimensions, has ${n}`);
  }
  const codes = new Set<string>();
  for (const dim of spec.dimensions) {
    if (!CODE_PATTERN.test(dim.code)) throw new TableError(`${where}: invalid dimension code ${JSON.stringify(dim.code)}`);
    if (codes.has(dim.code)) throw new TableError(`${where}: duplicate dimension ${dim.code}`);
    codes.add(dim.code);
    if (dim.categories.length < 1) throw new TableError(`${where}: dimension ${dim.code} has no category`);
    const cats = new Set<string>();
    for (const c of dim.categories) {
      if (c === MARGIN || !CODE_PATTERN.test(c)) {
        throw new TableError(`${where}: invalid category ${JSON.stringify(c)} in ${dim.code}`);
      }
      if (cats.has(c)) throw new TableError(`${where}: duplicate category ${c} in ${dim.code}`);
      cats.add(c);
    }
  }
  if (spec.sensitiveDimension !== undefined && !codes.has(spec.sensitiveDimension)) {
    throw new TableError(`${where}: sensitiveDimension ${spec.sensitiveDimension} is not a dimension`);
  }
  if (spec.sensitive && n > 1 && spec.sensitiveDimension === undefined) {
    throw new TableError(`${where}: a sensitive table with several dimensions must declare sensitiveDimension`);
  }
  if (spec.nonSensitiveCategories !== undefined) {
    const dimCode = sensitiveDimensionOf(spec);
    const dim = spec.dimensions.find((d) => d.code === dimCode);
    if (dim === undefined) throw new TableError(`${where}: nonSensitiveCategories without a sensitive dimension`);
    for (const c of spec.nonSensitiveCategories) {
      if (!dim.categories.includes(c)) throw new TableError(`${where}: ${c} is not a category of ${dim.code}`);
    }
  }
}

/** The attribute dimension of a sensitive table (see `TableSpec.sensitiveDimension`). */
export function sensitiveDimensionOf(spec: TableSpec): string | undefined {
  if (!spec.sensitive) return undefined;
  if (spec.sensitiveDimension !== undefined) return spec.sensitiveDimension;
  return spec.dimensions.length === 1 ? spec.dimensions[0]?.code : undefined;
}

/**
 * Every coordinate tuple of the table: categories in declared order, then `"*"`, first
 * dimension varying slowest. The grand total (all `"*"`) comes last.
 */
export function allCoordinates(dimensions: readonly Dimension[]): string[][] {
  let acc: string[][] = [[]];
  for (const dim of dimensions) {
    const values = [...dim.categories, MARGIN];
    const next: string[][] = [];
    for (const prefix of acc) for (const v of values) next.push([...prefix, v]);
    acc = next;
  }
  return acc;
}

/** The specification part of a table (drops cells and any other field). */
export function specOf(t: TableSpec): TableSpec {
  return {
    id: t.id,
    population: t.population,
    dimensions: t.dimensions.map((d) => ({ code: d.code, categories: [...d.categories] })),
    sensitive: t.sensitive,
    ...(t.sensitiveDimension === undefined ? {} : { sensitiveDimension: t.sensitiveDimension }),
    ...(t.nonSensitiveCategories === undefined ? {} : { nonSensitiveCategories: [...t.nonSensitiveCategories] }),
  };
}

/** Stable string key of a coordinate tuple within one table. */
export function coordsKey(coords: readonly string[]): string {
  return JSON.stringify(coords);
}

/** Margin equations of a table: each `"*"` coordinate, for each dimension, sums its children. */
export function tableConstraints(spec: TableSpec): MarginConstraint[] {
  const out: MarginConstraint[] = [];
  for (const coords of allCoordinates(spec.dimensions)) {
    spec.dimensions.forEach((dim, d) => {
      if (coords[d] !== MARGIN) return;
      const children = dim.categories.map((c) => {
        const child = [...coords];
        child[d] = c;
        return child;
      });
      out.push({ parent: coords, children });
    });
  }
  return out;
}

/**
 * Builds a complete table (all margins) from counts of inner cells. Combinations absent from
 * `innerCounts` are zero; repeated coordinates add up.
 */
export function buildTable(
  spec: TableSpec,
  innerCounts: Iterable<{ readonly coords: readonly string[]; readonly count: number }>,
): CountTable {
  validateTableSpec(spec);
  const counts = new Map<string, number>();
  for (const { coords, count } of innerCounts) {
    if (!Number.isSafeInteger(count) || count < 0) throw new TableError(`table ${spec.id}: invalid count ${count}`);
    assertInnerCoords(spec, coords);
    const k = coordsKey(coords);
    counts.set(k, (counts.get(k) ?? 0) + count);
  }
  const cells = allCoordinates(spec.dimensions).map((coords) => ({ coords, value: sumOver(spec, coords, counts) }));
  return { ...spec, cells };
}

/** Builds a complete table from microdata: one record (dimension code → category) per person. */
export function buildTableFromRecords(
  spec: TableSpec,
  records: Iterable<Readonly<Record<string, string>>>,
): CountTable {
  const inner: { coords: string[]; count: number }[] = [];
  for (const r of records) {
    inner.push({
      coords: spec.dimensions.map((d) => {
        const v = r[d.code];
        if (v === undefined) throw new TableError(`table ${spec.id}: record without ${d.code}`);
        return v;
      }),
      count: 1,
    });
  }
  return buildTable(spec, inner);
}

function assertInnerCoords(spec: TableSpec, coords: readonly string[]): void {
  if (coords.length !== spec.dimensions.length) {
    throw new TableError(`table ${spec.id}: coordinates ${coordsKey(coords)} have the wrong arity`);
  }
  spec.dimensions.forEach((dim, d) => {
    if (!dim.categories.includes(coords[d] ?? '')) {
      throw new TableError(`table ${spec.id}: unknown category ${coordsKey(coords)} for ${dim.code}`);
    }
  });
}

function sumOver(spec: TableSpec, coords: readonly string[], counts: ReadonlyMap<string, number>): number {
  let expanded: string[][] = [[]];
  spec.dimensions.forEach((dim, d) => {
    const c = coords[d] ?? MARGIN;
    const values = c === MARGIN ? dim.categories : [c];
    expanded = expanded.flatMap((prefix) => values.map((v) => [...prefix, v]));
  });
  let total = 0;
  for (const inner of expanded) total += counts.get(coordsKey(inner)) ?? 0;
  return total;
}

/**
 * Checks that a table given cell by cell is complete, has non-negative integer counts and that
 * every margin equals the sum of its children. Returns a value lookup by coordinates.
 */
export function checkCountTable(table: CountTable): Map<string, number> {
  validateTableSpec(table);
  const values = new Map<string, number>();
  for (const cell of table.cells) {
    const k = coordsKey(cell.coords);
    if (values.has(k)) throw new TableError(`table ${table.id}: duplicate cell ${k}`);
    if (!Number.isSafeInteger(cell.value) || cell.value < 0) {
      throw new TableError(`table ${table.id}: invalid count ${cell.value} at ${k}`);
    }
    values.set(k, cell.value);
  }
  const expected = allCoordinates(table.dimensions);
  if (values.size !== expected.length) {
    throw new TableError(`table ${table.id}: expected ${expected.length} cells, got ${values.size}`);
  }
  for (const coords of expected) {
    if (!values.has(coordsKey(coords))) throw new TableError(`table ${table.id}: missing cell ${coordsKey(coords)}`);
  }
  for (const c of tableConstraints(table)) {
    const parent = values.get(coordsKey(c.parent)) ?? 0;
    const sum = c.children.reduce((s, ch) => s + (values.get(coordsKey(ch)) ?? 0), 0);
    if (parent !== sum) {
      throw new TableError(`table ${table.id}: margin ${coordsKey(c.parent)} = ${parent} but its children sum to ${sum}`);
    }
  }
  return values;
}
