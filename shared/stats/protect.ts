/**
 * The protection pipeline for one bundle (laptop side):
 *
 *   primary rules → Gaussian secondary suppression over all linked tables (+ previous
 *   revision) → audit A1–A4 → if a confidential cell fails, suppress one more neighbouring cell
 *   and retry → if that does not converge, withhold ("non diffusé") the table most involved and
 *   start again with the remaining tables.
 *
 * Deterministic: every choice is ordered by counts and canonical keys, never by iteration
 * order of hash maps or by time.
 *
 * Revision rules (A4). The attacker holds the previous revision and assumes a cell keeps its
 * previous value. So: a cell published before stays published (unless now primary); a
 * non-zero cell suppressed before stays suppressed (mask stability, so the previous revision's
 * secrets are not revealed now); previously published cells are known values of the current
 * system. A confidential cell whose old value was published cannot be protected any more, but
 * its new value must not be derivable from this release alone; weaknesses the previous
 * revision causes by itself are tolerated (`alreadyDisclosed`) but may not get worse
 * (see `planRevisionAudit`).
 */
import { unknownComponents } from './attack';
import {
  DEFAULT_AUDIT_OPTIONS,
  auditRelease,
  insiderKnowledge,
  planRevisionAudit,
  type AuditFailure,
  type AuditOptions,
  type CellVerdict,
} from './audit';
import { gaussSuppress, type GaussSpan } from './gauss';
import { parametrise } from './linear';
import { DEFAULT_PRIMARY_POLICY, primaryFlagsOfChecked, type PrimaryPolicy, type PrimaryReason } from './primary';
import { isPublishedCell, isWithheld, type Release, type ReleaseEntry, type ReleasedCell, type WithheldReason } from './release';
import { cellKey, linkTables, type LinkedSystem } from './system';
import { TableError, allCoordinates, checkCountTable, coordsKey, specOf, type CountTable, type TableSpec } from './table';

export interface ProtectOptions {
  readonly primary?: Partial<PrimaryPolicy>;
  readonly audit?: Partial<AuditOptions>;
  /** Cells to treat as confidential whatever their count (reason `manual`). */
  readonly forcePrimary?: ReadonlyArray<{ readonly tableId: string; readonly coords: readonly string[] }>;
  /** Extra suppression rounds after Gauss before a table is withheld. */
  readonly maxRepairRounds?: number;
}

export interface CellAuditReport {
  readonly exact: boolean;
  readonly min?: number;
  readonly max?: number | null;
  readonly passed: boolean;
  readonly failures: readonly AuditFailure[];
}

/** Local report: contains true values, never sent. */
export interface CellReport {
  readonly coords: readonly string[];
  readonly value: number;
  readonly status: 'published' | 'primary' | 'secondary' | 'withheld';
  readonly reasons: readonly PrimaryReason[];
  readonly audit?: CellAuditReport;
}

export interface TableReport {
  readonly tableId: string;
  readonly status: 'released' | 'withheld';
  readonly withheldReason?: WithheldReason;
  readonly cells: readonly CellReport[];
}

export interface ProtectionReport {
  readonly passed: boolean;
  readonly tables: readonly TableReport[];
  readonly withheld: readonly string[];
  readonly repairRounds: number;
  readonly previousContradicted: boolean;
  /** Confidential cells already public or narrowed through the previous revision alone. */
  readonly alreadyDisclosed: ReadonlyArray<{ readonly tableId: string; readonly coords: readonly string[] }>;
  readonly policy: { readonly primary: PrimaryPolicy; readonly audit: AuditOptions };
}

export interface ProtectResult {
  /** Same order as the input tables. */
  readonly tables: readonly ReleaseEntry[];
  readonly report: ProtectionReport;
}

const REASON_ORDER: readonly PrimaryReason[] = ['below_threshold', 'below_sensitive_threshold', 'homogeneous_group', 'manual'];

/** Facts about the input that do not change while tables are withheld. */
interface Facts {
  readonly tables: readonly CountTable[];
  readonly truth: ReadonlyMap<string, number>;
  readonly reasons: ReadonlyMap<string, readonly PrimaryReason[]>;
  readonly sensitive: ReadonlySet<string>;
  readonly previousValue: ReadonlyMap<string, number>;
  readonly previousSuppressed: ReadonlySet<string>;
  readonly previousSpecs: readonly TableSpec[];
  readonly audit: AuditOptions;
  readonly maxRepairRounds: number;
  /** System of all input tables, reused while nothing is withheld and there is no previous revision. */
  readonly system: LinkedSystem;
}

interface Attempt {
  readonly system: LinkedSystem;
  readonly passed: boolean;
  readonly published: ReadonlySet<number>;
  readonly secondary: ReadonlySet<number>;
  readonly verdicts: ReadonlyMap<number, CellVerdict>;
  readonly failing: readonly number[];
  /** Confidential cells whose previous value is public (audited against this release alone). */
  readonly revisionExposed: ReadonlySet<number>;
  readonly rounds: number;
  readonly previousContradicted: boolean;
}

export function protectBundle(
  tables: readonly CountTable[],
  options: ProtectOptions = {},
  previousRevision?: Release,
): ProtectResult {
  const primaryPolicy: PrimaryPolicy = { ...DEFAULT_PRIMARY_POLICY, ...options.primary };
  const auditOptions: AuditOptions = { ...DEFAULT_AUDIT_OPTIONS, ...options.audit };
  const facts = gatherFacts(tables, primaryPolicy, auditOptions, options, previousRevision);

  const withheld = new Set<string>();
  let attempt = protectActive(facts, withheld);
  let rounds = attempt.rounds;
  while (!attempt.passed) {
    const next = tableToWithhold(attempt, facts, withheld);
    if (next === undefined) break;
    withheld.add(next);
    attempt = protectActive(facts, withheld);
    rounds += attempt.rounds;
  }
  return assemble(facts, attempt, withheld, rounds, primaryPolicy);
}

function gatherFacts(
  tables: readonly CountTable[],
  primaryPolicy: PrimaryPolicy,
  audit: AuditOptions,
  options: ProtectOptions,
  previous: Release | undefined,
): Facts {
  const system = linkTables(tables.map(specOf)); // also validates ids and linked dimensions
  const truth = new Map<string, number>();
  const reasons = new Map<string, Set<PrimaryReason>>();
  const sensitive = new Set<string>();
  for (const t of tables) {
    const values = checkCountTable(t);
    for (const cell of t.cells) {
      const key = cellKey(t.population, t.dimensions, cell.coords);
      const seen = truth.get(key);
      if (seen !== undefined && seen !== cell.value) {
        throw new TableError(`linked tables disagree on ${key}: ${seen} vs ${cell.value} (table ${t.id})`);
      }
      truth.set(key, cell.value);
      if (t.sensitive) sensitive.add(key);
    }
    for (const flag of primaryFlagsOfChecked(t, values, primaryPolicy)) {
      const key = cellKey(t.population, t.dimensions, flag.coords);
      const set = reasons.get(key) ?? new Set<PrimaryReason>();
      for (const r of flag.reasons) set.add(r);
      reasons.set(key, set);
    }
  }
  for (const f of options.forcePrimary ?? []) {
    const t = tables.find((x) => x.id === f.tableId);
    if (t === undefined) throw new TableError(`forcePrimary: unknown table ${f.tableId}`);
    const key = cellKey(t.population, t.dimensions, f.coords);
    if (!truth.has(key)) throw new TableError(`forcePrimary: table ${t.id} has no cell ${coordsKey(f.coords)}`);
    if ((truth.get(key) ?? 0) === 0) continue; // a zero reveals nothing and is never suppressed
    const set = reasons.get(key) ?? new Set<PrimaryReason>();
    set.add('manual');
    reasons.set(key, set);
  }

  const previousValue = new Map<string, number>();
  const previousSuppressed = new Set<string>();
  const previousSpecs: TableSpec[] = [];
  for (const t of previous?.tables ?? []) {
    if (isWithheld(t)) continue;
    previousSpecs.push(specOf(t));
    for (const cell of t.cells) {
      const key = cellKey(t.population, t.dimensions, cell.coords);
      if (isPublishedCell(cell)) previousValue.set(key, cell.value);
      else previousSuppressed.add(key);
    }
  }
  const ordered = new Map<string, readonly PrimaryReason[]>();
  for (const [k, set] of reasons) ordered.set(k, REASON_ORDER.filter((r) => set.has(r)));
  return {
    tables,
    truth,
    reasons: ordered,
    sensitive,
    previousValue,
    previousSuppressed,
    previousSpecs,
    audit,
    maxRepairRounds: options.maxRepairRounds ?? 12,
    system,
  };
}

function protectActive(facts: Facts, withheld: ReadonlySet<string>): Attempt {
  const active = facts.tables.filter((t) => !withheld.has(t.id));
  const activeIds = new Set(active.map((t) => t.id));
  const specs: TableSpec[] = active.map(specOf);
  for (const p of facts.previousSpecs) {
    if (activeIds.has(p.id)) continue;
    const current = facts.tables.find((t) => t.id === p.id);
    specs.push(current === undefined ? p : specOf(current));
  }
  const system = specs.length === facts.tables.length && withheld.size === 0 ? facts.system : linkTables(specs);
  const n = system.variables.length;
  const keyOf = (v: number): string => system.variables[v]?.key ?? '';

  const truth = new Map<number, number>();
  const sensitive = new Set<number>();
  const inCurrent: boolean[] = [];
  for (let v = 0; v < n; v++) {
    const x = facts.truth.get(keyOf(v));
    if (x !== undefined) truth.set(v, x);
    if (facts.sensitive.has(keyOf(v))) sensitive.add(v);
    inCurrent.push(system.variables[v]?.occurrences.some((o) => activeIds.has(o.tableId)) ?? false);
  }
  const isPrimary = (v: number): boolean => facts.reasons.has(keyOf(v));
  const previousValue = (v: number): number | undefined => facts.previousValue.get(keyOf(v));

  const targets: number[] = [];
  for (let v = 0; v < n; v++) if (isPrimary(v) && truth.has(v)) targets.push(v);
  const allPrevious = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const p = previousValue(v);
    if (p !== undefined) allPrevious.set(v, p);
  }
  const plan = planRevisionAudit({ system, targets, truth, sensitive, options: facts.audit }, allPrevious);

  // Classify the cells of the active tables.
  const forcedPublished: number[] = [];
  const forcedSecondary = new Set<number>();
  const candidates: number[] = [];
  for (let v = 0; v < n; v++) {
    if (!inCurrent[v] || isPrimary(v)) continue;
    const value = truth.get(v) ?? 0;
    if (value === 0) forcedPublished.push(v);
    else if (facts.previousSuppressed.has(keyOf(v))) forcedSecondary.add(v);
    else if (previousValue(v) !== undefined) forcedPublished.push(v);
    else candidates.push(v);
  }
  // Most wanted published first: coarse cells (totals, margins), then large counts.
  candidates.sort(
    (a, b) =>
      (system.variables[a]?.specified.length ?? 0) - (system.variables[b]?.specified.length ?? 0) ||
      (truth.get(b) ?? 0) - (truth.get(a) ?? 0) ||
      (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0),
  );
  const rank = new Map(candidates.map((v, i) => [v, i]));

  const { vectors } = parametrise(system.equations, n);
  const modelOf = (a: number): 'conservative' | 'precise' =>
    facts.audit.insiderModel === 'by-sensitivity' ? (sensitive.has(a) ? 'conservative' : 'precise') : facts.audit.insiderModel;
  // Attackers Gauss protects against: the hub (this release + previous revision), each lone
  // respondent on top of that (conservative model), and this release alone for cells whose
  // old value is public.
  const previousKnown = [...allPrevious.keys()].filter((v) => !inCurrent[v] || isPrimary(v));
  const hubKnown = [...forcedPublished, ...previousKnown];
  const spans: GaussSpan[] = [{ known: hubKnown, targets: plan.combinedTargets }];
  for (const insider of insiderKnowledge(system, truth, new Set(), modelOf)) {
    if (!insider.exact) continue;
    const own = new Set(insider.knows);
    spans.push({ known: [...hubKnown, ...insider.knows], targets: plan.combinedTargets.filter((t) => !own.has(t)) });
  }
  if (plan.currentOnlyTargets.length > 0) spans.push({ known: forcedPublished, targets: plan.currentOnlyTargets });
  const equationsOf: number[][] = Array.from({ length: n }, () => []);
  system.equations.forEach((eq, i) => {
    for (const [j] of eq.terms) equationsOf[j]?.push(i);
  });

  const extra = new Set<number>();
  let rounds = 0;
  for (;;) {
    const gauss = gaussSuppress({ vectors, spans, candidates: candidates.filter((v) => !extra.has(v)) });
    const published = new Set<number>([...forcedPublished, ...gauss.published]);
    const secondary = new Set<number>([...forcedSecondary, ...extra, ...gauss.secondary]);
    const publishedValues = new Map([...published].sort((a, b) => a - b).map((v) => [v, truth.get(v) ?? 0]));
    const audit = auditRelease(
      { system, published: publishedValues, previousAll: allPrevious, targets, truth, sensitive, options: facts.audit },
      plan,
    );
    const verdicts = audit.verdicts;
    const failing = [...verdicts].filter(([, v]) => v.failures.length > 0).map(([t]) => t);
    const passed = failing.length === 0 && !audit.inconsistent;
    const result = { system, published, secondary, verdicts, revisionExposed: new Set(plan.currentOnlyTargets), previousContradicted: audit.previousContradicted };
    if (passed) return { ...result, passed, failing, rounds };
    if (rounds >= facts.maxRepairRounds) return { ...result, passed, failing, rounds };

    // Repair: for each failing cell, suppress the least wanted published candidate that shares
    // an equation with the unknown cells around it — this widens the attacker's interval.
    const withPrevious = unknownComponents(system, new Set<number>([...published, ...previousKnown]));
    const currentOnly = unknownComponents(system, published);
    const revisionExposed = new Set(plan.currentOnlyTargets);
    const picks = new Set<number>();
    for (const t of failing) {
      const around = new Set((revisionExposed.has(t) ? currentOnly : withPrevious).get(t) ?? [t]);
      let best = -1;
      for (const u of around) {
        for (const e of equationsOf[u] ?? []) {
          for (const [w] of system.equations[e]?.terms ?? []) {
            const r = rank.get(w);
            if (r === undefined || !published.has(w) || extra.has(w)) continue;
            if (best < 0 || r > (rank.get(best) ?? -1)) best = w;
          }
        }
      }
      if (best >= 0) picks.add(best);
    }
    if (picks.size === 0) return { ...result, passed, failing, rounds };
    for (const p of picks) extra.add(p);
    rounds++;
  }
}

/** The active table holding most failing cells (sensitive first, then by id). */
function tableToWithhold(attempt: Attempt, facts: Facts, withheld: ReadonlySet<string>): string | undefined {
  const active = facts.tables.filter((t) => !withheld.has(t.id));
  const failing = new Set(attempt.failing);
  let best: { id: string; count: number; sensitive: boolean } | undefined;
  for (const t of active) {
    const vars = attempt.system.tableCells.get(t.id) ?? [];
    const count = vars.filter((v) => failing.has(v)).length;
    const better =
      best === undefined ||
      count > best.count ||
      (count === best.count && t.sensitive && !best.sensitive) ||
      (count === best.count && t.sensitive === best.sensitive && t.id < best.id);
    if (better) best = { id: t.id, count, sensitive: t.sensitive };
  }
  if (best === undefined) return undefined;
  if (best.count > 0) return best.id;
  // Failing cells live only in previous-revision structure: withhold what shares their population.
  const populations = new Set(attempt.failing.map((v) => attempt.system.variables[v]?.population));
  return active.filter((t) => populations.has(t.population)).map((t) => t.id).sort()[0] ?? best.id;
}

function assemble(
  facts: Facts,
  attempt: Attempt,
  withheld: ReadonlySet<string>,
  rounds: number,
  primaryPolicy: PrimaryPolicy,
): ProtectResult {
  const { system } = attempt;
  const entries: ReleaseEntry[] = [];
  const reports: TableReport[] = [];
  const alreadyDisclosed: { tableId: string; coords: readonly string[] }[] = [];
  for (const t of facts.tables) {
    const values = new Map(t.cells.map((c) => [coordsKey(c.coords), c.value]));
    const cellsInOrder = allCoordinates(t.dimensions);
    if (withheld.has(t.id)) {
      entries.push({ id: t.id, withheld: true, reason: 'disclosure_risk' });
      reports.push({
        tableId: t.id,
        status: 'withheld',
        withheldReason: 'disclosure_risk',
        cells: cellsInOrder.map((coords) => {
          const key = cellKey(t.population, t.dimensions, coords);
          return { coords, value: values.get(coordsKey(coords)) ?? 0, status: 'withheld', reasons: facts.reasons.get(key) ?? [] };
        }),
      });
      continue;
    }
    const cells: ReleasedCell[] = [];
    const cellReports: CellReport[] = [];
    for (const coords of cellsInOrder) {
      const key = cellKey(t.population, t.dimensions, coords);
      const v = system.indexOf.get(key) ?? -1;
      const value = values.get(coordsKey(coords)) ?? 0;
      const reasons = facts.reasons.get(key) ?? [];
      let status: CellReport['status'];
      if (attempt.published.has(v)) {
        cells.push({ coords, value });
        status = 'published';
      } else {
        const kind = reasons.length > 0 ? 'primary' : 'secondary';
        cells.push({ coords, suppressed: kind });
        status = kind;
      }
      const verdict = attempt.verdicts.get(v);
      const audit: CellAuditReport | undefined =
        verdict === undefined
          ? undefined
          : {
              exact: verdict.exact,
              ...(verdict.min === undefined ? {} : { min: verdict.min }),
              ...(verdict.max === undefined ? {} : { max: verdict.max }),
              passed: verdict.failures.length === 0,
              failures: verdict.failures,
            };
      if (reasons.length > 0 && attempt.revisionExposed.has(v)) {
        alreadyDisclosed.push({ tableId: t.id, coords });
      }
      cellReports.push({ coords, value, status, reasons, ...(audit === undefined ? {} : { audit }) });
    }
    entries.push({ ...specOf(t), cells });
    reports.push({ tableId: t.id, status: 'released', cells: cellReports });
  }
  return {
    tables: entries,
    report: {
      passed: attempt.passed,
      tables: reports,
      withheld: facts.tables.filter((t) => withheld.has(t.id)).map((t) => t.id),
      repairRounds: rounds,
      previousContradicted: attempt.previousContradicted,
      alreadyDisclosed,
      policy: { primary: primaryPolicy, audit: facts.audit },
    },
  };
}
