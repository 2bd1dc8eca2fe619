/**
 * What leaves the laptop for one table, and the attacker's view rebuilt from it.
 *
 * A released table lists every cell (margins included) either with its value or with a
 * suppression flag; a withheld table ("non diffusé") carries no cell at all. The attacker view
 * is what the hub — or anyone holding the bundle and the previous revision — knows: it is the
 * input of the hub-side audit and of the laptop's final self-check.
 */
import { linkTables, type LinkedSystem } from './system';
import { allCoordinates, coordsKey, specOf, type TableSpec } from './table';

export type SuppressionKind = 'primary' | 'secondary';

export type ReleasedCell =
  | { readonly coords: readonly string[]; readonly value: number }
  | { readonly coords: readonly string[]; readonly suppressed: SuppressionKind };

export interface ReleasedTable extends TableSpec {
  readonly cells: readonly ReleasedCell[];
}

export type WithheldReason = 'disclosure_risk';

export interface WithheldTable {
  readonly id: string;
  readonly withheld: true;
  readonly reason: WithheldReason;
}

export type ReleaseEntry = ReleasedTable | WithheldTable;

/** Anything with released tables: a bundle, or the tables of a protection result. */
export interface Release {
  readonly tables: readonly ReleaseEntry[];
}

export function isWithheld(t: ReleaseEntry): t is WithheldTable {
  return 'withheld' in t && t.withheld;
}

export function isPublishedCell(c: ReleasedCell): c is { readonly coords: readonly string[]; readonly value: number } {
  return 'value' in c;
}

export interface AttackerView {
  readonly system: LinkedSystem;
  /** Values published in the current release. */
  readonly published: ReadonlyMap<number, number>;
  /** Previous revision's values of cells not published now. */
  readonly previous: ReadonlyMap<number, number>;
  /** Previous revision's values of every cell it published. */
  readonly previousAll: ReadonlyMap<number, number>;
  /** Every cell published in the previous revision (its old value is public). */
  readonly previouslyPublished: ReadonlySet<number>;
  readonly primary: ReadonlySet<number>;
  readonly secondary: ReadonlySet<number>;
  /** Variables of sensitive tables. */
  readonly sensitive: ReadonlySet<number>;
  /** Structural problems: incomplete tables, a linked cell both published and suppressed, … */
  readonly problems: readonly string[];
}

/**
 * Rebuilds the attacker's linear system from released tables (and optionally the previous
 * revision): the variables and equations of every released table of both revisions, the
 * published values, and the suppression flags.
 */
export function attackerView(current: Release, previous?: Release): AttackerView {
  const problems: string[] = [];
  const released = current.tables.filter((t): t is ReleasedTable => !isWithheld(t));
  const previousReleased = (previous?.tables ?? []).filter((t): t is ReleasedTable => !isWithheld(t));
  const specs = new Map<string, TableSpec>();
  for (const t of released) specs.set(t.id, specOf(t));
  for (const t of previousReleased) if (!specs.has(t.id)) specs.set(t.id, specOf(t));
  const system = linkTables([...specs.values()]);

  const published = new Map<number, number>();
  const primary = new Set<number>();
  const secondary = new Set<number>();
  const sensitive = new Set<number>();
  readCells(system, released, problems, (v, cell, t) => {
    if (t.sensitive) sensitive.add(v);
    if (isPublishedCell(cell)) {
      const seen = published.get(v);
      if (seen !== undefined && seen !== cell.value) problems.push(`linked cell ${system.variables[v]?.key} has two values`);
      published.set(v, cell.value);
    } else if (cell.suppressed === 'primary') primary.add(v);
    else secondary.add(v);
  });
  for (const v of published.keys()) {
    if (primary.has(v) || secondary.has(v)) problems.push(`linked cell ${system.variables[v]?.key} is both published and suppressed`);
  }

  const previousValues = new Map<number, number>();
  readCells(system, previousReleased, problems, (v, cell) => {
    if (isPublishedCell(cell)) previousValues.set(v, cell.value);
  });
  const previousOnly = new Map([...previousValues].filter(([v]) => !published.has(v)));
  return {
    system,
    published,
    previous: previousOnly,
    previousAll: previousValues,
    previouslyPublished: new Set(previousValues.keys()),
    primary,
    secondary,
    sensitive,
    problems,
  };
}

function readCells(
  system: LinkedSystem,
  tables: readonly ReleasedTable[],
  problems: string[],
  visit: (variable: number, cell: ReleasedCell, table: ReleasedTable) => void,
): void {
  for (const t of tables) {
    const vars = system.tableCells.get(t.id);
    if (vars === undefined) continue;
    const position = new Map(allCoordinates(t.dimensions).map((c, i) => [coordsKey(c), i]));
    const seen = new Set<number>();
    for (const cell of t.cells) {
      const i = position.get(coordsKey(cell.coords));
      const v = i === undefined ? undefined : vars[i];
      if (i === undefined || v === undefined) {
        problems.push(`table ${t.id}: unknown cell ${coordsKey(cell.coords)}`);
        continue;
      }
      if (seen.has(i)) problems.push(`table ${t.id}: duplicate cell ${coordsKey(cell.coords)}`);
      seen.add(i);
      visit(v, cell, t);
    }
    if (seen.size !== position.size) problems.push(`table ${t.id}: ${position.size - seen.size} cell(s) missing`);
  }
}
