/**
 * Federation aggregation with re-suppression (design note C(b), "Aggregation across structures").
 *
 * 1. Contributions. A structure contributes a cell's published value only when it also
 *    published every coarser cell containing it (its margins); a structure whose population
 *    total is masked contributes nothing to that population. So, for every margin equation
 *    `parent = Σ children` of the catalogue, a structure's unattributed mass
 *    `parent − Σ contributed children` is exact and ≥ 0: it goes into that equation's
 *    "non ventilé" bucket. Regional cells are sums of contributions ("contributions publiées
 *    seulement"); the masked part is reported once, in the bucket, never imputed.
 * 2. The released system. Every cell and every bucket, at the national level and per region,
 *    is a variable ≥ 0; equations are the margin equations with their bucket
 *    (`parent − Σ children − bucket = 0`) and `national = Σ regions`. The buckets are thus a
 *    category of their own (one per margin equation), as seen by the attacker.
 * 3. Primary rules, re-applied on the aggregates: person level (n < 5, n < 11 for a sensitive
 *    attribute, homogeneity) — flag A — and structure level: at least 3 structures with a
 *    non-zero contribution and none above 85 % of the cell — flag B.
 * 4. Secondary suppression (Gauss, shared/stats) over the whole linked release, then the
 *    audit (fast-audit.ts, with the true aggregates) for every attacker: the outsider (A1, A2),
 *    each lone respondent (A3, conservative model: they know their cell exactly), each
 *    contributing structure (A3 for structures: it knows its own contributions, and a level
 *    where it is alone) — repaired by further suppressions; a population that cannot pass is
 *    not released ("non diffusé", flag N).
 * 5. Vintages (A4). With the previously released vintage of the period, the attacker holds
 *    both: the audit runs on the two vintages' systems together, linked cell by cell where a
 *    level did not change; the previous vintage's confidential cells stay masked and its
 *    published cells are preferred (mask stability).
 *
 * Pure: the caller loads the current bundles and the previous vintage (see report.ts).
 */
import {
  DEFAULT_AUDIT_OPTIONS,
  MARGIN,
  allCoordinates,
  canonicalJson,
  cellKey,
  containment,
  coordsKey,
  gaussSuppress,
  insiderKnowledge,
  isPublishedCell,
  isWithheld,
  linkTables,
  parametrise,
  sensitiveDimensionOf,
  specOf,
  tableConstraints,
  unknownComponents,
  type AuditOptions,
  type LinearEquation,
  type LinkedSystem,
  type Release,
  type SystemVariable,
  type TableSpec,
} from '../../shared/stats/index';
import { OUTSIDER, exactScenarioAudit, fastAudit, type AttackerScenario } from './fast-audit';

/** Stated in every report: who the audit assumes the attacker is. */
export const INSIDER_MODEL =
  'conservative: a person alone in a cell knows it and every finer cell exactly; a structure knows its own contributions (and a level where it is the only contributing structure); vintages: the previous release is known';

export const NON_VENTILE = 'non_ventile';
export const NATIONAL = 'national';

export interface FederationPolicy {
  readonly minCount: number;
  readonly minCountSensitive: number;
  readonly homogeneityMargin: number;
  /** A published cell needs at least this many structures with a non-zero contribution… */
  readonly minStructures: number;
  /** …and no structure above this share of the cell. */
  readonly maxShare: number;
  readonly audit: AuditOptions;
  readonly maxRepairRounds: number;
}

export const DEFAULT_FEDERATION_POLICY: FederationPolicy = Object.freeze({
  minCount: 5,
  minCountSensitive: 11,
  homogeneityMargin: 5,
  minStructures: 3,
  maxShare: 0.85,
  audit: { ...DEFAULT_AUDIT_OPTIONS },
  maxRepairRounds: 40,
});

export interface StructureInput {
  readonly structureId: string;
  /** The region registered at the hub (authoritative, not the bundle's claim). */
  readonly regionCode: string;
  readonly release: Release;
}

/** V published · A person-level rule · B structure rule · D secondary · N population not released. */
export type AggregateFlag = 'V' | 'A' | 'B' | 'D' | 'N';

export interface AggregatedCell {
  /** Table coordinates; a bucket has `non_ventile` on the dimension its equation sums over. */
  readonly coords: readonly string[];
  readonly value: number | null;
  readonly flag: AggregateFlag;
  readonly nonVentile: boolean;
}

export interface TableExclusions {
  /** The structure did not release the table (withheld on the laptop, "non diffusé"). */
  readonly withheld: number;
  /** The structure's population total is masked: its figures cannot be attributed. */
  readonly hiddenTotal: number;
  /** Another catalogue definition of the table. */
  readonly otherDefinition: number;
  /** The table is not in the structure's bundle at all. */
  readonly absent: number;
}

export interface AggregatedTable {
  readonly id: string;
  readonly spec: TableSpec;
  readonly status: 'released' | 'withheld';
  readonly contributingStructures: number;
  readonly excluded: TableExclusions;
  readonly cells: readonly AggregatedCell[];
}

export interface AggregatedLevel {
  /** `national` or a region code. */
  readonly level: string;
  readonly structures: number;
  readonly tables: readonly AggregatedTable[];
}

export interface AggregationAudit {
  readonly passed: boolean;
  readonly repairRounds: number;
  readonly withheldPopulations: readonly string[];
  readonly checks: readonly string[];
  readonly insiderModel: string;
  /** `audited`: A4 ran with the previous vintage; `incompatible`: its tables differ, it could not. */
  readonly previousVintage: 'none' | 'audited' | 'incompatible';
}

/** The previously released vintage of the same period: its bundles and what it released. */
export interface PreviousVintage {
  readonly structures: readonly StructureInput[];
  readonly cells: ReadonlyArray<{
    readonly level: string;
    readonly tableId: string;
    readonly coords: readonly string[];
    readonly value: number | null;
    readonly flag: AggregateFlag;
  }>;
}

/** What tests and diagnostics may inspect; never serialised into a report. */
export interface AggregationInternals {
  readonly system: LinkedSystem;
  readonly values: Float64Array;
  readonly contributors: Int32Array;
  readonly maxContribution: Float64Array;
  readonly published: ReadonlySet<number>;
  readonly primary: ReadonlySet<number>;
  readonly secondary: ReadonlySet<number>;
  readonly withheld: ReadonlySet<number>;
  readonly levels: readonly string[];
  /** Federation variable of a table cell or bucket at a level. */
  variableOf(level: string, tableId: string, coords: readonly string[]): number | undefined;
  /** Each structure's contribution per federation variable (non-zero entries). */
  readonly contributions: ReadonlyArray<{ readonly structureId: string; readonly entries: ReadonlyMap<number, number> }>;
  /** The previous vintage on this system, when one was given. */
  readonly previous:
    | { readonly values: Float64Array; readonly published: ReadonlySet<number>; readonly primary: ReadonlySet<number>; readonly compatible: boolean }
    | undefined;
}

export interface Aggregation {
  readonly levels: readonly AggregatedLevel[];
  readonly droppedTables: ReadonlyArray<{ readonly id: string; readonly reason: string }>;
  readonly audit: AggregationAudit;
  readonly internals: AggregationInternals;
}

interface BucketCell {
  readonly coords: string[];
  readonly equation: number;
}

export function aggregate(
  structures: readonly StructureInput[],
  policyOverrides: Partial<FederationPolicy> = {},
  previous?: PreviousVintage,
): Aggregation {
  const policy: FederationPolicy = { ...DEFAULT_FEDERATION_POLICY, ...policyOverrides };

  // ── 1. One definition per table: the one most structures use; tables that do not link are dropped.
  const votes = new Map<string, Map<string, { spec: TableSpec; count: number }>>();
  for (const s of structures) {
    for (const t of s.release.tables) {
      if (isWithheld(t)) continue;
      const spec = specOf(t);
      const json = canonicalJson(spec);
      const byJson = votes.get(t.id) ?? new Map<string, { spec: TableSpec; count: number }>();
      const v = byJson.get(json) ?? { spec, count: 0 };
      v.count += 1;
      byJson.set(json, v);
      votes.set(t.id, byJson);
    }
  }
  const candidatesSpecs = [...votes.entries()]
    .map(([id, byJson]) => {
      const [json, best] = [...byJson.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))[0]!;
      return { id, json, spec: best.spec, count: best.count };
    })
    .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  const accepted: { id: string; json: string; spec: TableSpec }[] = [];
  const droppedTables: { id: string; reason: string }[] = [];
  for (const c of candidatesSpecs) {
    try {
      linkTables([...accepted.map((a) => a.spec), c.spec]);
      accepted.push(c);
    } catch (e) {
      droppedTables.push({ id: c.id, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  accepted.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const specJson = new Map(accepted.map((a) => [a.id, a.json]));
  const specById = new Map(accepted.map((a) => [a.id, a.spec]));

  const base = linkTables(accepted.map((a) => a.spec));
  const B = base.variables.length;
  const E = base.equations.length;
  const W = B + E;
  const eqBySignature = new Map(base.equations.map((eq, i) => [JSON.stringify(eq.terms), i]));
  const bucketsOf = new Map<string, BucketCell[]>();
  for (const a of accepted) bucketsOf.set(a.id, bucketCells(base, a.spec, eqBySignature));

  // ── 2. Contributions per structure, summed per level. The system spans the regions of both
  // vintages, so the previous vintage maps onto it cell for cell.
  const outputRegions = [...new Set(structures.map((s) => s.regionCode))].sort();
  const regions = [...new Set([...outputRegions, ...(previous?.structures ?? []).map((s) => s.regionCode)])].sort();
  const levels = [NATIONAL, ...regions];
  const levelIndex = new Map(levels.map((l, i) => [l, i]));
  const n = levels.length * W;
  const current = contributionsOf(structures, base, specJson, accepted, levelIndex, W);
  const { values, contributors, maxContribution, structuresPerLevel, tableStats } = current;

  // ── 3. The released system: every level's cells and buckets, margin and region equations.
  const system = federationSystem(base, levels);
  const primaryKind = primaryCells(base, specById, levels.length, W, current, policy);
  const primary = new Set(primaryKind.keys());

  const variableOf = (level: string, tableId: string, coords: readonly string[]): number | undefined => {
    const l = levelIndex.get(level);
    const spec = specById.get(tableId);
    if (l === undefined || spec === undefined) return undefined;
    const bucketDim = coords.indexOf(NON_VENTILE);
    if (bucketDim >= 0) {
      const b = (bucketsOf.get(tableId) ?? []).find((x) => coordsKey(x.coords) === coordsKey(coords));
      return b === undefined ? undefined : l * W + B + b.equation;
    }
    const v = base.indexOf.get(cellKey(spec.population, spec.dimensions, coords));
    return v === undefined ? undefined : l * W + v;
  };

  // ── 4. The previous vintage, on the same system (A4).
  const prior = previous === undefined ? undefined : priorVintage(previous, base, specJson, accepted, levelIndex, W, variableOf);

  // ── 5. Secondary suppression and audit, repaired; populations that cannot pass are withheld.
  const populationOf = (i: number): string => system.variables[i]?.population ?? '';
  const protection = protect(system, current, primary, policy, populationOf, prior?.compatible === true ? prior : undefined, W);

  const published = protection.published;
  const secondary = protection.secondary;
  const withheldVars = new Set<number>();
  for (let i = 0; i < n; i += 1) if (protection.withheldPopulations.has(populationOf(i))) withheldVars.add(i);

  const flagOf = (i: number): AggregateFlag => {
    if (withheldVars.has(i)) return 'N';
    if (published.has(i)) return 'V';
    const p = primaryKind.get(i);
    if (p !== undefined) return p;
    return 'D';
  };

  const outLevels: AggregatedLevel[] = [NATIONAL, ...outputRegions].map((level) => {
    const l = levelIndex.get(level) ?? 0;
    return {
      level,
      structures: structuresPerLevel[l] ?? 0,
      tables: accepted.map(({ id, spec }) => {
        const stats = tableStats.get(id);
        const excluded: TableExclusions = {
          withheld: stats?.withheld[l] ?? 0,
          hiddenTotal: stats?.hiddenTotal[l] ?? 0,
          otherDefinition: stats?.other[l] ?? 0,
          absent: stats?.absent[l] ?? 0,
        };
        const withheld = protection.withheldPopulations.has(spec.population);
        const cells: AggregatedCell[] = [];
        if (!withheld) {
          for (const coords of allCoordinates(spec.dimensions)) {
            const i = variableOf(level, id, coords) ?? -1;
            const flag = flagOf(i);
            cells.push({ coords, value: flag === 'V' ? (values[i] ?? 0) : null, flag, nonVentile: false });
          }
          for (const b of bucketsOf.get(id) ?? []) {
            const i = l * W + B + b.equation;
            const flag = flagOf(i);
            cells.push({ coords: b.coords, value: flag === 'V' ? (values[i] ?? 0) : null, flag, nonVentile: true });
          }
        }
        return {
          id,
          spec,
          status: withheld ? ('withheld' as const) : ('released' as const),
          contributingStructures: stats?.contributing[l] ?? 0,
          excluded,
          cells,
        };
      }),
    };
  });

  const vintageChecked = prior?.compatible === true;
  return {
    levels: outLevels,
    droppedTables,
    audit: {
      passed: protection.passed,
      repairRounds: protection.rounds,
      withheldPopulations: [...protection.withheldPopulations].sort(),
      checks: ['A1', 'A2', 'A3', ...(vintageChecked ? ['A4'] : []), 'structures'],
      insiderModel: INSIDER_MODEL,
      previousVintage: previous === undefined ? 'none' : vintageChecked ? 'audited' : 'incompatible',
    },
    internals: {
      system,
      values,
      contributors,
      maxContribution,
      published,
      primary,
      secondary,
      withheld: withheldVars,
      levels,
      variableOf,
      contributions: current.perStructure.map((p, s) => ({ structureId: structures[s]?.structureId ?? '', entries: p })),
      previous: prior === undefined ? undefined : { values: prior.values, published: prior.published, primary: prior.primary, compatible: prior.compatible },
    },
  };
}

interface TableStats {
  contributing: number[];
  withheld: number[];
  hiddenTotal: number[];
  other: number[];
  absent: number[];
}

/** Sums of the structures' contributions per level, and each structure's own (sparse, by federation variable). */
interface VintageContributions {
  readonly values: Float64Array;
  readonly contributors: Int32Array;
  readonly maxContribution: Float64Array;
  readonly structuresPerLevel: number[];
  readonly tableStats: Map<string, TableStats>;
  readonly perStructure: Map<number, number>[];
  readonly structureIds: string[];
}

function contributionsOf(
  structures: readonly StructureInput[],
  base: LinkedSystem,
  specJson: ReadonlyMap<string, string>,
  accepted: ReadonlyArray<{ id: string; spec: TableSpec }>,
  levelIndex: ReadonlyMap<string, number>,
  W: number,
): VintageContributions {
  const B = base.variables.length;
  const L = levelIndex.size;
  const n = L * W;
  const { ancestors } = containment(base);
  const totalOf = new Map<string, number>();
  base.variables.forEach((v, i) => {
    if (v.specified.length === 0) totalOf.set(v.population, i);
  });
  const values = new Float64Array(n);
  const contributors = new Int32Array(n);
  const maxContribution = new Float64Array(n);
  const structuresPerLevel = new Array<number>(L).fill(0);
  const tableStats = new Map<string, TableStats>();
  for (const a of accepted) {
    const zero = () => new Array<number>(L).fill(0);
    tableStats.set(a.id, { contributing: zero(), withheld: zero(), hiddenTotal: zero(), other: zero(), absent: zero() });
  }
  const perStructure: Map<number, number>[] = [];
  const contribution = new Float64Array(W);
  for (const s of structures) {
    const status = new Map<number, number | null>();
    const tableState = new Map<string, 'ok' | 'withheld' | 'other'>();
    for (const t of s.release.tables) {
      if (isWithheld(t)) {
        tableState.set(t.id, 'withheld');
        continue;
      }
      if (specJson.get(t.id) !== canonicalJson(specOf(t))) {
        tableState.set(t.id, 'other');
        continue;
      }
      tableState.set(t.id, 'ok');
      const vars = base.tableCells.get(t.id) ?? [];
      const position = new Map(allCoordinates(t.dimensions).map((c, i) => [coordsKey(c), i]));
      for (const cell of t.cells) {
        const v = vars[position.get(coordsKey(cell.coords)) ?? -1];
        if (v !== undefined) status.set(v, isPublishedCell(cell) ? cell.value : null);
      }
    }
    contribution.fill(0);
    for (let v = 0; v < B; v += 1) {
      const x = status.get(v);
      if (x === undefined || x === null || x === 0) continue;
      const total = totalOf.get(base.variables[v]?.population ?? '');
      if (total === undefined || typeof status.get(total) !== 'number') continue;
      if ((ancestors[v] ?? []).every((a) => !status.has(a) || typeof status.get(a) === 'number')) contribution[v] = x;
    }
    base.equations.forEach((eq, e) => {
      let r = 0;
      for (const [j, coef] of eq.terms) r += coef * (contribution[j] ?? 0);
      // ≥ 0 by construction (children only contribute under a contributed parent).
      contribution[B + e] = Math.max(0, r);
    });
    const li = [0, levelIndex.get(s.regionCode) ?? 0];
    const own = new Map<number, number>();
    for (const l of li) {
      structuresPerLevel[l] = (structuresPerLevel[l] ?? 0) + 1;
      const off = l * W;
      for (let v = 0; v < W; v += 1) {
        const c = contribution[v] ?? 0;
        if (c <= 0) continue;
        own.set(off + v, c);
        values[off + v] = (values[off + v] ?? 0) + c;
        contributors[off + v] = (contributors[off + v] ?? 0) + 1;
        if (c > (maxContribution[off + v] ?? 0)) maxContribution[off + v] = c;
      }
    }
    perStructure.push(own);
    for (const a of accepted) {
      const stats = tableStats.get(a.id);
      if (stats === undefined) continue;
      const state = tableState.get(a.id);
      const total = totalOf.get(a.spec.population);
      const key: keyof TableStats =
        state === undefined
          ? 'absent'
          : state === 'withheld'
            ? 'withheld'
            : state === 'other'
              ? 'other'
              : total !== undefined && typeof status.get(total) === 'number'
                ? 'contributing'
                : 'hiddenTotal';
      for (const l of li) stats[key][l] = (stats[key][l] ?? 0) + 1;
    }
  }
  return { values, contributors, maxContribution, structuresPerLevel, tableStats, perStructure, structureIds: structures.map((s) => s.structureId) };
}

/** Person rules (flag A) and structure rules (flag B) on the aggregates. */
function primaryCells(
  base: LinkedSystem,
  specById: ReadonlyMap<string, TableSpec>,
  levelCount: number,
  W: number,
  c: VintageContributions,
  policy: FederationPolicy,
): Map<number, 'A' | 'B'> {
  const B = base.variables.length;
  const out = new Map<number, 'A' | 'B'>();
  for (let l = 0; l < levelCount; l += 1) {
    for (let v = 0; v < W; v += 1) {
      const i = l * W + v;
      const value = c.values[i] ?? 0;
      if (value <= 0) continue;
      let person = value < policy.minCount;
      if (!person && v < B) person = sensitiveRuleFails(base, specById, v, value, (g) => c.values[l * W + g] ?? 0, policy);
      const few = (c.contributors[i] ?? 0) < policy.minStructures || (c.maxContribution[i] ?? 0) > policy.maxShare * value;
      if (person || few) out.set(i, person ? 'A' : 'B');
    }
  }
  return out;
}

/** The previous vintage mapped onto this system. */
interface PriorVintage {
  readonly contributions: VintageContributions;
  readonly values: Float64Array;
  /** What it published (zeros included; every cell of a level it did not have, as 0). */
  readonly published: ReadonlySet<number>;
  /** Its primary suppressions (A, B). */
  readonly primary: ReadonlySet<number>;
  /**
   * False when its published values are not what its bundles give on this system (another table
   * definition won the vote since): it cannot be audited with this one.
   */
  readonly compatible: boolean;
}

function priorVintage(
  previous: PreviousVintage,
  base: LinkedSystem,
  specJson: ReadonlyMap<string, string>,
  accepted: ReadonlyArray<{ id: string; spec: TableSpec }>,
  levelIndex: ReadonlyMap<string, number>,
  W: number,
  variableOf: (level: string, tableId: string, coords: readonly string[]) => number | undefined,
): PriorVintage {
  const contributions = contributionsOf(previous.structures, base, specJson, accepted, levelIndex, W);
  const published = new Set<number>();
  const primary = new Set<number>();
  let compatible = true;
  const hadLevel = new Set([NATIONAL, ...previous.cells.map((c) => c.level)]);
  for (const [level, l] of levelIndex) {
    if (hadLevel.has(level)) continue;
    // A level the previous vintage did not have: everyone knows it was empty.
    for (let v = 0; v < W; v += 1) published.add(l * W + v);
  }
  for (const c of previous.cells) {
    const i = variableOf(c.level, c.tableId, c.coords);
    if (i === undefined) {
      if (c.flag === 'V') compatible = false;
      continue;
    }
    if (c.flag === 'V') {
      published.add(i);
      if (c.value !== (contributions.values[i] ?? 0)) compatible = false;
    } else if (c.flag === 'A' || c.flag === 'B') primary.add(i);
  }
  return { contributions, values: contributions.values, published, primary, compatible };
}

/** The "non ventilé" bucket cells of a table: one per margin equation, at the parent with the summed dimension marked. */
function bucketCells(base: LinkedSystem, spec: TableSpec, eqBySignature: ReadonlyMap<string, number>): BucketCell[] {
  const out: BucketCell[] = [];
  const seen = new Set<number>();
  const lookup = (coords: readonly string[]): number => base.indexOf.get(cellKey(spec.population, spec.dimensions, coords)) ?? -1;
  for (const c of tableConstraints(spec)) {
    const coef = new Map<number, number>();
    coef.set(lookup(c.parent), 1);
    for (const ch of c.children) coef.set(lookup(ch), (coef.get(lookup(ch)) ?? 0) - 1);
    const terms = [...coef.entries()].filter(([, a]) => a !== 0).sort((a, b) => a[0] - b[0]);
    const e = eqBySignature.get(JSON.stringify(terms));
    if (e === undefined || seen.has(e)) continue;
    seen.add(e);
    const first = c.children[0] ?? [];
    const d = c.parent.findIndex((x, k) => x === MARGIN && first[k] !== MARGIN);
    const coords = [...c.parent];
    coords[d] = NON_VENTILE;
    out.push({ coords, equation: e });
  }
  return out;
}

/** Person-level rules for a cell counting holders of a sensitive attribute (any table it appears in). */
function sensitiveRuleFails(
  base: LinkedSystem,
  specById: ReadonlyMap<string, TableSpec>,
  v: number,
  value: number,
  valueOf: (baseVar: number) => number,
  policy: FederationPolicy,
): boolean {
  const variable = base.variables[v];
  for (const occ of variable?.occurrences ?? []) {
    const spec = specById.get(occ.tableId);
    if (spec === undefined) continue;
    const attribute = sensitiveDimensionOf(spec);
    const d = attribute === undefined ? -1 : spec.dimensions.findIndex((x) => x.code === attribute);
    const category = d >= 0 ? occ.coords[d] : undefined;
    if (category === undefined || category === MARGIN || (spec.nonSensitiveCategories ?? []).includes(category)) continue;
    if (value < policy.minCountSensitive) return true;
    const group = [...occ.coords];
    group[d] = MARGIN;
    const g = base.indexOf.get(cellKey(spec.population, spec.dimensions, group));
    if (g !== undefined && valueOf(g) - value < policy.homogeneityMargin) return true;
  }
  return false;
}

/** Levels × (cells + buckets), with bucketed margin equations and `national = Σ regions`. */
function federationSystem(base: LinkedSystem, levels: readonly string[]): LinkedSystem {
  const B = base.variables.length;
  const W = B + base.equations.length;
  const variables: SystemVariable[] = [];
  const byCode = (a: readonly [string, string], b: readonly [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  levels.forEach((level, l) => {
    const region: [string, string][] = l === 0 ? [] : [['~region', level]];
    base.variables.forEach((bv) => {
      variables.push({
        key: JSON.stringify([level, bv.key]),
        population: bv.population,
        specified: [...bv.specified, ...region].sort(byCode),
        occurrences: bv.occurrences,
      });
    });
    base.equations.forEach((eq, e) => {
      const parent = eq.terms.find(([, a]) => a > 0)?.[0] ?? eq.terms[0]?.[0] ?? 0;
      variables.push({
        key: JSON.stringify([level, NON_VENTILE, e]),
        population: base.variables[parent]?.population ?? '',
        specified: [['~nv', String(e)] as [string, string], ...region].sort(byCode),
        occurrences: [],
      });
    });
  });
  const equations: LinearEquation[] = [];
  levels.forEach((_, l) => {
    base.equations.forEach((eq, e) => {
      const terms: [number, number][] = eq.terms.map(([j, a]) => [l * W + j, a]);
      terms.push([l * W + B + e, -1]);
      equations.push({ terms: terms.sort((a, b) => a[0] - b[0]) });
    });
  });
  if (levels.length > 1) {
    for (let v = 0; v < W; v += 1) {
      const terms: [number, number][] = [[v, 1]];
      for (let l = 1; l < levels.length; l += 1) terms.push([l * W + v, -1]);
      equations.push({ terms });
    }
  }
  return {
    tables: base.tables,
    variables,
    indexOf: new Map(variables.map((v, i) => [v.key, i])),
    equations,
    tableCells: new Map(),
  };
}

/** Above this many unknown cells the exact rational simplex is too slow for a request. */
const EXACT_COMPONENT_LIMIT = 80;

interface Protection {
  readonly published: Set<number>;
  readonly secondary: Set<number>;
  readonly passed: boolean;
  readonly rounds: number;
  readonly withheldPopulations: Set<string>;
}

function protect(
  system: LinkedSystem,
  current: VintageContributions,
  primary: ReadonlySet<number>,
  policy: FederationPolicy,
  populationOf: (i: number) => string,
  prior: PriorVintage | undefined,
  W: number,
): Protection {
  // Populations share no equation: protect each block on its own, smaller, system.
  const blocks = new Map<string, number[]>();
  system.variables.forEach((_, i) => {
    const p = populationOf(i);
    const list = blocks.get(p) ?? [];
    list.push(i);
    blocks.set(p, list);
  });
  const equationsByBlock = new Map<string, LinearEquation[]>();
  for (const eq of system.equations) {
    const p = populationOf(eq.terms[0]?.[0] ?? -1);
    const list = equationsByBlock.get(p) ?? [];
    list.push(eq);
    equationsByBlock.set(p, list);
  }
  const out = { published: new Set<number>(), secondary: new Set<number>(), passed: true, rounds: 0, withheldPopulations: new Set<string>() };
  for (const [population, indices] of [...blocks].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const local = new Map(indices.map((g, l) => [g, l]));
    const sub: LinkedSystem = {
      tables: system.tables,
      variables: indices.map((g) => system.variables[g]!),
      indexOf: new Map(indices.map((g, l) => [system.variables[g]!.key, l])),
      equations: (equationsByBlock.get(population) ?? []).map((eq) => ({ terms: eq.terms.map(([j, a]) => [local.get(j) ?? -1, a] as const) })),
      tableCells: new Map(),
    };
    const toLocal = (m: ReadonlyMap<number, number>): Map<number, number> => {
      const r = new Map<number, number>();
      for (const [g, a] of m) {
        const l = local.get(g);
        if (l !== undefined) r.set(l, a);
      }
      return r;
    };
    const levelOfLocal = indices.map((g) => Math.floor(g / W));
    // Each structure's contributions to this block, in both vintages, by structure id.
    const byId = new Map<string, { cur: Map<number, number>; prev: Map<number, number> }>();
    current.perStructure.forEach((m, s) => {
      const id = current.structureIds[s] ?? '';
      byId.set(id, { cur: toLocal(m), prev: new Map() });
    });
    prior?.contributions.perStructure.forEach((m, s) => {
      const id = prior.contributions.structureIds[s] ?? '';
      const entry = byId.get(id) ?? { cur: new Map<number, number>(), prev: new Map<number, number>() };
      entry.prev = toLocal(m);
      byId.set(id, entry);
    });
    const structures = [...byId.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, e]) => e)
      .filter((e) => e.cur.size > 0 || e.prev.size > 0);
    let prev: BlockPrevious | undefined;
    if (prior !== undefined) {
      // A level whose contributions are identical in both vintages holds the same values: linked.
      const signature = (pick: (e: { cur: Map<number, number>; prev: Map<number, number> }) => Map<number, number>) => {
        const perLevel = new Map<number, string[]>();
        structures.forEach((e, s) => {
          for (const [l, a] of pick(e)) {
            const lv = levelOfLocal[l] ?? -1;
            const list = perLevel.get(lv) ?? [];
            list.push(`${s}:${l}:${a}`);
            perLevel.set(lv, list);
          }
        });
        return perLevel;
      };
      const curSig = signature((e) => e.cur);
      const prevSig = signature((e) => e.prev);
      const unchanged = new Set<number>();
      levelOfLocal.forEach((lv, l) => {
        if ((curSig.get(lv) ?? []).sort().join('|') === (prevSig.get(lv) ?? []).sort().join('|')) unchanged.add(l);
      });
      prev = {
        values: Float64Array.from(indices, (g) => prior.values[g] ?? 0),
        published: new Set(indices.flatMap((g, l) => (prior.published.has(g) ? [l] : []))),
        primary: new Set(indices.flatMap((g, l) => (prior.primary.has(g) ? [l] : []))),
        unchanged,
      };
    }
    const subValues = Float64Array.from(indices, (g) => current.values[g] ?? 0);
    const subPrimary = new Set(indices.flatMap((g, l) => (primary.has(g) ? [l] : [])));
    // A structure alone at a level (the release gives the count) knows that level's cells exactly.
    const soleKnown = (contributorsOf: (g: number) => number, pick: (e: { cur: Map<number, number>; prev: Map<number, number> }) => Map<number, number>) =>
      structures.map((e) => {
        const levels = new Set<number>();
        for (const l of pick(e).keys()) if (contributorsOf(indices[l] ?? -1) === 1 && isTotal(sub, l)) levels.add(levelOfLocal[l] ?? -1);
        return new Set(levelOfLocal.flatMap((lv, l) => (levels.has(lv) ? [l] : [])));
      });
    const soleCur = soleKnown((g) => current.contributors[g] ?? 0, (x) => x.cur);
    const solePrev = prior === undefined ? [] : soleKnown((g) => prior.contributions.contributors[g] ?? 0, (x) => x.prev);
    const r = protectBlock(sub, subValues, subPrimary, policy, {
      prev,
      structures: structures.map((e, s) => ({ cur: e.cur, prev: e.prev, soleCur: soleCur[s] ?? new Set(), solePrev: solePrev[s] ?? new Set() })),
    });
    for (const l of r.published) out.published.add(indices[l]!);
    for (const l of r.secondary) out.secondary.add(indices[l]!);
    if (r.withheld) out.withheldPopulations.add(population);
    out.rounds += r.rounds;
    out.passed &&= r.passed;
  }
  return out;
}

/** The population total of a block (no coordinate but the region). */
function isTotal(sub: LinkedSystem, l: number): boolean {
  return (sub.variables[l]?.specified ?? []).every(([d]) => d === '~region');
}

interface BlockPrevious {
  readonly values: Float64Array;
  readonly published: ReadonlySet<number>;
  readonly primary: ReadonlySet<number>;
  /** Variables whose value is the same in both vintages (their level did not change). */
  readonly unchanged: ReadonlySet<number>;
}

interface BlockStructure {
  readonly cur: ReadonlyMap<number, number>;
  readonly prev: ReadonlyMap<number, number>;
  readonly soleCur: ReadonlySet<number>;
  readonly solePrev: ReadonlySet<number>;
}

interface BlockProtection {
  readonly published: ReadonlySet<number>;
  readonly secondary: ReadonlySet<number>;
  readonly passed: boolean;
  readonly rounds: number;
  /** Nothing of the block can be released safely. */
  readonly withheld: boolean;
}

/**
 * One population block. With a previous vintage the attacker's system holds both vintages:
 * variables [current…, previous…], each vintage's equations, and `current = previous` for every
 * cell of an unchanged level; the previous vintage's published cells are known, its primary
 * cells are targets too (no cell hidden in either vintage may become computable from both).
 */
function protectBlock(
  system: LinkedSystem,
  values: Float64Array,
  primary: ReadonlySet<number>,
  policy: FederationPolicy,
  extras: { prev: BlockPrevious | undefined; structures: readonly BlockStructure[] },
): BlockProtection {
  const m = system.variables.length;
  const prev = extras.prev;
  const N = prev === undefined ? m : 2 * m;
  const pair: LinkedSystem =
    prev === undefined
      ? system
      : {
          tables: system.tables,
          variables: [...system.variables, ...system.variables.map((v) => ({ ...v, key: JSON.stringify(['~avant', v.key]) }))],
          indexOf: new Map(),
          equations: [
            ...system.equations,
            ...system.equations.map((eq) => ({ terms: eq.terms.map(([j, a]) => [j + m, a] as const) })),
            ...[...prev.unchanged].sort((a, b) => a - b).map((l) => ({ terms: [[l, 1], [l + m, -1]] as const })),
          ],
          tableCells: new Map(),
        };
  const truth = new Float64Array(N);
  truth.set(values, 0);
  if (prev !== undefined) truth.set(prev.values, m);

  // Zeros are always published: fix them to 0 before parametrising rather than forcing them into
  // every span (same spans, far fewer parameters and residual updates).
  const prevKnown = prev === undefined ? [] : [...prev.published].map((l) => l + m).sort((a, b) => a - b);
  const fixedZero = (j: number): boolean => (truth[j] ?? 0) === 0 && (j < m || prev?.published.has(j - m) === true);
  const reduced = pair.equations.map((eq) => ({ terms: eq.terms.filter(([j]) => !fixedZero(j)) })).filter((eq) => eq.terms.length > 0);
  const { vectors: raw } = parametrise(reduced, N);
  const vectors = raw.map((v, i) => (fixedZero(i) ? new Map() : v));
  const equationsOf: number[][] = Array.from({ length: N }, () => []);
  pair.equations.forEach((eq, k) => {
    for (const [j] of eq.terms) equationsOf[j]?.push(k);
  });
  // Most wanted published first: cells the previous vintage published (mask stability), coarse
  // cells, national before regions, large before small.
  const depth = (i: number): number => {
    const v = system.variables[i];
    const own = (v?.specified ?? []).filter(([d]) => d !== '~region');
    return own.some(([d]) => d === '~nv') ? 100 + own.length : own.length;
  };
  const regional = (i: number): number => ((system.variables[i]?.specified ?? []).some(([d]) => d === '~region') ? 1 : 0);
  const hiddenBefore = (i: number): number => (prev !== undefined && !prev.published.has(i) && (prev.values[i] ?? 0) > 0 ? 1 : 0);

  const targets: number[] = [];
  const zeros: number[] = [];
  const allCandidates: number[] = [];
  for (let i = 0; i < m; i += 1) {
    if (primary.has(i)) targets.push(i);
    else if ((values[i] ?? 0) === 0) zeros.push(i);
    // A cell the previous vintage kept as confidential stays masked (its holder knows the change).
    else if (prev?.primary.has(i) !== true) allCandidates.push(i);
  }
  if (prev !== undefined) {
    for (const l of prev.primary) if (!prev.published.has(l) && (prev.values[l] ?? 0) > 0) targets.push(l + m);
  }
  allCandidates.sort(
    (a, b) =>
      hiddenBefore(a) - hiddenBefore(b) ||
      depth(a) - depth(b) ||
      regional(a) - regional(b) ||
      (values[b] ?? 0) - (values[a] ?? 0) ||
      (system.variables[a]!.key < system.variables[b]!.key ? -1 : 1),
  );
  const rank = new Map(allCandidates.map((v, i) => [v, i]));
  const forced = new Set<number>();
  for (let i = 0; i < m; i += 1) if (!primary.has(i) && (values[i] ?? 0) > 0 && prev?.primary.has(i) === true) forced.add(i);

  const { scenarios, scenariosOf } = attackers(system, values, prev, extras.structures, m);

  let extra = new Set<number>();
  let rounds = 0;
  let maskedAll = false;
  for (;;) {
    const candidates = maskedAll ? [] : allCandidates.filter((v) => !extra.has(v));
    const gauss = gaussSuppress({ vectors, spans: [{ known: prevKnown.filter((j) => !fixedZero(j)), targets }], candidates });
    const published = new Set<number>([...zeros, ...gauss.published]);
    const secondary = new Set<number>(maskedAll ? [...allCandidates, ...forced] : [...gauss.secondary, ...extra, ...forced]);
    const seen = new Set<number>([...published, ...prevKnown]);
    // Fast sufficient check first (true aggregates known), for every attacker; the exact LP for
    // what it leaves, on components small enough for the exact simplex — larger ones fail and get repaired.
    const fast = fastAudit({ system: pair, published: seen, truth, targets, options: policy.audit, scenarios: scenarios.slice(1), scenariosOf });
    const failing = [
      ...exactScenarioAudit({
        system: pair,
        published: seen,
        truth,
        options: policy.audit,
        scenarios,
        pending: fast.pending,
        componentLimit: EXACT_COMPONENT_LIMIT,
      }),
    ].sort((a, b) => a - b);
    if (failing.length === 0) return { published, secondary, passed: true, rounds, withheld: false };
    if (maskedAll) {
      // Even with every non-zero cell masked the block leaks (through its zeros, or the previous
      // vintage alone): release none of it.
      return { published: new Set(), secondary: new Set(), passed: true, rounds, withheld: true };
    }
    if (rounds < policy.maxRepairRounds) {
      // Suppress the least wanted published cell sharing an equation with each failing cell's unknowns.
      const components = unknownComponents(pair, seen);
      const picks = new Set<number>();
      for (const t of failing) {
        let best = -1;
        for (const u of components.get(t) ?? [t]) {
          for (const k of equationsOf[u] ?? []) {
            for (const [w] of pair.equations[k]?.terms ?? []) {
              const r = rank.get(w);
              if (r === undefined || !published.has(w) || extra.has(w)) continue;
              if (best < 0 || r > (rank.get(best) ?? -1)) best = w;
            }
          }
        }
        if (best >= 0) picks.add(best);
      }
      if (picks.size > 0) {
        extra = new Set([...extra, ...picks]);
        rounds += 1;
        continue;
      }
    }
    // Last resort: mask every non-zero cell of the block.
    maskedAll = true;
    rounds += 1;
  }
}

/**
 * The attackers of a block (indices into the returned list; 0 is the outsider): every lone
 * respondent of either vintage (conservative model: they know their value-1 cell and every
 * finer cell exactly), and every contributing structure (its contributions as lower bounds and
 * as its own part; exact knowledge of a level where it is the only contributing structure).
 */
function attackers(
  system: LinkedSystem,
  values: Float64Array,
  prev: BlockPrevious | undefined,
  structures: readonly BlockStructure[],
  m: number,
): { scenarios: AttackerScenario[]; scenariosOf: (v: number) => readonly number[] } {
  const scenarios: AttackerScenario[] = [OUTSIDER];
  const vintages: { values: Float64Array; offset: number }[] = [{ values, offset: 0 }];
  if (prev !== undefined) vintages.push({ values: prev.values, offset: m });
  for (const { values: x, offset } of vintages) {
    const truthMap = new Map<number, number>();
    x.forEach((v, i) => truthMap.set(i, v));
    for (const k of insiderKnowledge(system, truthMap, new Set(), () => 'conservative')) {
      scenarios.push({ id: `personne:${k.anchor + offset}`, known: new Set(k.knows.map((c) => c + offset)) });
    }
  }
  structures.forEach((s, i) => {
    const own = new Map<number, number>(s.cur);
    for (const [l, a] of s.prev) if (prev !== undefined) own.set(l + m, a);
    const known = new Set<number>(s.soleCur);
    if (prev !== undefined) for (const l of s.solePrev) known.add(l + m);
    scenarios.push({ id: `structure:${i}`, own, lower: own, known });
  });
  const touching: number[][] = Array.from({ length: prev === undefined ? m : 2 * m }, () => []);
  scenarios.forEach((sc, s) => {
    if (s === 0) return;
    const cells = new Set<number>([...(sc.known ?? []), ...(sc.lower?.keys() ?? [])]);
    for (const c of cells) touching[c]?.push(s - 1);
  });
  return { scenarios, scenariosOf: (v) => touching[v] ?? [] };
}
