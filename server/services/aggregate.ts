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
 *    audit A1–A3 (shared/stats auditSystem, with the true aggregates) — repaired by further
 *    suppressions, and a population that cannot pass is not released ("non diffusé", flag N).
 *
 * Pure: the caller loads the current bundles (see report.ts).
 */
import {
  DEFAULT_AUDIT_OPTIONS,
  MARGIN,
  allCoordinates,
  auditSystem,
  canonicalJson,
  cellKey,
  containment,
  coordsKey,
  gaussSuppress,
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
import { fastAudit } from './fast-audit';

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

export function aggregate(structures: readonly StructureInput[], policyOverrides: Partial<FederationPolicy> = {}): Aggregation {
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
  const { ancestors } = containment(base);
  const totalOf = new Map<string, number>();
  base.variables.forEach((v, i) => {
    if (v.specified.length === 0) totalOf.set(v.population, i);
  });
  const eqBySignature = new Map(base.equations.map((eq, i) => [JSON.stringify(eq.terms), i]));
  const bucketsOf = new Map<string, BucketCell[]>();
  for (const a of accepted) bucketsOf.set(a.id, bucketCells(base, a.spec, eqBySignature));

  // ── 2. Contributions per structure, summed per level.
  const regions = [...new Set(structures.map((s) => s.regionCode))].sort();
  const levels = [NATIONAL, ...regions];
  const levelIndex = new Map(levels.map((l, i) => [l, i]));
  const n = levels.length * W;
  const values = new Float64Array(n);
  const contributors = new Int32Array(n);
  const maxContribution = new Float64Array(n);
  const structuresPerLevel = new Array<number>(levels.length).fill(0);
  const tableStats = new Map<string, { contributing: number[]; withheld: number[]; hiddenTotal: number[]; other: number[]; absent: number[] }>();
  for (const a of accepted) {
    const zero = () => new Array<number>(levels.length).fill(0);
    tableStats.set(a.id, { contributing: zero(), withheld: zero(), hiddenTotal: zero(), other: zero(), absent: zero() });
  }

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
    for (const l of li) {
      structuresPerLevel[l] = (structuresPerLevel[l] ?? 0) + 1;
      const off = l * W;
      for (let v = 0; v < W; v += 1) {
        const c = contribution[v] ?? 0;
        if (c <= 0) continue;
        values[off + v] = (values[off + v] ?? 0) + c;
        contributors[off + v] = (contributors[off + v] ?? 0) + 1;
        if (c > (maxContribution[off + v] ?? 0)) maxContribution[off + v] = c;
      }
    }
    for (const a of accepted) {
      const stats = tableStats.get(a.id);
      if (stats === undefined) continue;
      const state = tableState.get(a.id);
      const total = totalOf.get(a.spec.population);
      const key: keyof typeof stats =
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

  // ── 3. The released system: every level's cells and buckets, margin and region equations.
  const system = federationSystem(base, levels);
  const primary = new Set<number>();
  const primaryKind = new Map<number, 'A' | 'B'>();
  for (let l = 0; l < levels.length; l += 1) {
    for (let v = 0; v < W; v += 1) {
      const i = l * W + v;
      const value = values[i] ?? 0;
      if (value <= 0) continue;
      let person = value < policy.minCount;
      if (!person && v < B) person = sensitiveRuleFails(base, specById, v, value, (g) => values[l * W + g] ?? 0, policy);
      const few = (contributors[i] ?? 0) < policy.minStructures || (maxContribution[i] ?? 0) > policy.maxShare * value;
      if (person || few) {
        primary.add(i);
        primaryKind.set(i, person ? 'A' : 'B');
      }
    }
  }

  // ── 4. Secondary suppression and audit, repaired; populations that cannot pass are withheld.
  const populationOf = (i: number): string => system.variables[i]?.population ?? '';
  const protection = protect(system, values, primary, policy, populationOf);

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

  const outLevels: AggregatedLevel[] = levels.map((level, l) => ({
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
  }));

  return {
    levels: outLevels,
    droppedTables,
    audit: {
      passed: protection.passed,
      repairRounds: protection.rounds,
      withheldPopulations: [...protection.withheldPopulations].sort(),
      checks: ['A1', 'A2', 'A3', 'structures'],
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
    },
  };
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
  values: Float64Array,
  primary: ReadonlySet<number>,
  policy: FederationPolicy,
  populationOf: (i: number) => string,
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
    const subValues = Float64Array.from(indices, (g) => values[g] ?? 0);
    const subPrimary = new Set(indices.flatMap((g, l) => (primary.has(g) ? [l] : [])));
    const r = protectBlock(sub, subValues, subPrimary, policy);
    for (const l of r.published) out.published.add(indices[l]!);
    for (const l of r.secondary) out.secondary.add(indices[l]!);
    if (r.withheld) out.withheldPopulations.add(population);
    out.rounds += r.rounds;
    out.passed &&= r.passed;
  }
  return out;
}

interface BlockProtection {
  readonly published: ReadonlySet<number>;
  readonly secondary: ReadonlySet<number>;
  readonly passed: boolean;
  readonly rounds: number;
  /** Nothing of the block can be released safely. */
  readonly withheld: boolean;
}

function protectBlock(system: LinkedSystem, values: Float64Array, primary: ReadonlySet<number>, policy: FederationPolicy): BlockProtection {
  const n = system.variables.length;
  const truth = new Map<number, number>();
  for (let i = 0; i < n; i += 1) truth.set(i, values[i] ?? 0);
  // Zeros are always published: fix them to 0 before parametrising rather than forcing them into
  // every span (same spans, far fewer parameters and residual updates).
  const reduced = system.equations
    .map((eq) => ({ terms: eq.terms.filter(([j]) => (values[j] ?? 0) !== 0) }))
    .filter((eq) => eq.terms.length > 0);
  const { vectors: raw } = parametrise(reduced, n);
  const vectors = raw.map((v, i) => ((values[i] ?? 0) === 0 ? new Map() : v));
  const equationsOf: number[][] = Array.from({ length: n }, () => []);
  system.equations.forEach((eq, k) => {
    for (const [j] of eq.terms) equationsOf[j]?.push(k);
  });
  // Most wanted published first: coarse cells, national before regions, large before small.
  const depth = (i: number): number => {
    const v = system.variables[i];
    const own = (v?.specified ?? []).filter(([d]) => d !== '~region');
    return own.some(([d]) => d === '~nv') ? 100 + own.length : own.length;
  };
  const regional = (i: number): number => ((system.variables[i]?.specified ?? []).some(([d]) => d === '~region') ? 1 : 0);

  const targets: number[] = [];
  const zeros: number[] = [];
  const allCandidates: number[] = [];
  for (let i = 0; i < n; i += 1) {
    if (primary.has(i)) targets.push(i);
    else if ((values[i] ?? 0) === 0) zeros.push(i);
    else allCandidates.push(i);
  }
  allCandidates.sort(
    (a, b) =>
      depth(a) - depth(b) ||
      regional(a) - regional(b) ||
      (values[b] ?? 0) - (values[a] ?? 0) ||
      (system.variables[a]!.key < system.variables[b]!.key ? -1 : 1),
  );
  const rank = new Map(allCandidates.map((v, i) => [v, i]));

  let extra = new Set<number>();
  let rounds = 0;
  let maskedAll = false;
  for (;;) {
    const candidates = maskedAll ? [] : allCandidates.filter((v) => !extra.has(v));
    const gauss = gaussSuppress({ vectors, spans: [{ known: [], targets }], candidates });
    const published = new Set<number>([...zeros, ...gauss.published]);
    const secondary = new Set<number>(maskedAll ? allCandidates : [...gauss.secondary, ...extra]);
    // Fast sufficient check first (true aggregates known); the exact LP audit for the rest, on
    // components small enough for the exact simplex — larger ones count as failing and get repaired.
    const fast = fastAudit({ system, published, truth: values, targets, options: policy.audit });
    const rest = targets.filter((t) => !fast.cleared.has(t));
    const failing = rest.filter((t) => (fast.componentSize.get(t) ?? 0) > EXACT_COMPONENT_LIMIT);
    const exactTargets = rest.filter((t) => (fast.componentSize.get(t) ?? 0) <= EXACT_COMPONENT_LIMIT);
    let consistent = true;
    if (exactTargets.length > 0) {
      const audit = auditSystem({
        system,
        published: new Map([...published].sort((a, b) => a - b).map((v) => [v, values[v] ?? 0])),
        targets: exactTargets,
        truth,
        options: policy.audit,
      });
      consistent = !audit.inconsistent;
      failing.push(...[...audit.verdicts].filter(([, v]) => v.failures.length > 0).map(([t]) => t));
    }
    if (consistent && failing.length === 0) return { published, secondary, passed: true, rounds, withheld: false };
    if (maskedAll) {
      // Even with every non-zero cell masked the block leaks (through its zeros): release none of it.
      return { published: new Set(), secondary: new Set(), passed: true, rounds, withheld: true };
    }
    if (rounds < policy.maxRepairRounds) {
      // Suppress the least wanted published cell sharing an equation with each failing cell's unknowns.
      const components = unknownComponents(system, published);
      const picks = new Set<number>();
      for (const t of failing) {
        let best = -1;
        for (const u of components.get(t) ?? [t]) {
          for (const k of equationsOf[u] ?? []) {
            for (const [w] of system.equations[k]?.terms ?? []) {
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
