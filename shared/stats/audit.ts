/**
 * Disclosure audit of a release (design note C(a), checks A1–A4):
 *
 * - A1 exact: no confidential cell is a linear combination of what the attacker knows.
 * - A2 interval: the attacker's LP interval [min, max] (equations + published values + x ≥ 0)
 *   has width ≥ max(minIntervalWidth, ceil(relativeIntervalWidth·value)); on the laptop also
 *   `min ≤ value − 1`, so the attacker cannot conclude "at least this many".
 * - A3 insider: a respondent alone in a cell (value 1, published or suppressed) knows that
 *   cell and everything finer inside it (their own attributes). With that knowledge, A1/A2
 *   must still hold for every other confidential cell. Conservative model: the insider is
 *   assumed to know they are alone (cell = 1). Precise model: they only know cells holding
 *   them are ≥ 1, unless a published 1 tells them they are alone.
 * - A4 linked tables and revision: all of the above runs on one system holding every table of
 *   the bundle, plus the previous revision's published cells as known values.
 *
 * The laptop passes true values (`truth`), which enables the value-dependent parts and the
 * insider audit of suppressed cells. The hub has no true values: it runs A1, A2 with the
 * absolute width and A3 (exact test) for insiders alone in published cells.
 */
import { attack, unknownComponents, type AttackCache, type TargetOutcome } from './attack';
import { Rational } from './rational';
import { containment, type LinkedSystem } from './system';

export type InsiderModel = 'conservative' | 'precise' | 'by-sensitivity';

export interface AuditOptions {
  readonly minIntervalWidth: number;
  readonly relativeIntervalWidth: number;
  readonly requireLowerSlack: boolean;
  readonly insiderModel: InsiderModel;
}

export const DEFAULT_AUDIT_OPTIONS: AuditOptions = Object.freeze({
  minIntervalWidth: 2,
  relativeIntervalWidth: 0.1,
  requireLowerSlack: true,
  insiderModel: 'conservative',
});

/** One failed check; `insider` is the anchor cell of the respondent for A3 failures. */
export interface AuditFailure {
  readonly check: 'A1' | 'A2' | 'A3';
  readonly kind: 'exact' | 'narrow_interval' | 'lower_bound_reached';
  readonly insider?: number;
  readonly min?: number;
  readonly max?: number | null;
  readonly required?: number;
}

export interface CellVerdict {
  readonly variable: number;
  readonly exact: boolean;
  /** Attacker's interval without insider knowledge (absent when exact in linear-only mode). */
  readonly min?: number;
  readonly max?: number | null;
  readonly failures: readonly AuditFailure[];
}

export interface SystemAudit {
  readonly passed: boolean;
  readonly verdicts: ReadonlyMap<number, CellVerdict>;
  /** Published values violate a margin equation or non-negativity: a malformed release. */
  readonly inconsistent: boolean;
  /** The previous revision's values contradict this one (some data changed); intervals fell back. */
  readonly previousContradicted: boolean;
}

export interface AuditInput {
  readonly system: LinkedSystem;
  /** Values the attacker reads in this release. */
  readonly published: ReadonlyMap<number, number>;
  /** Previous revision's values of cells not published now (attacker assumes unchanged). */
  readonly previous?: ReadonlyMap<number, number>;
  /** Confidential cells to check. */
  readonly targets: readonly number[];
  /** True counts (laptop only). */
  readonly truth?: ReadonlyMap<number, number>;
  /** Variables belonging to a sensitive table (insider model `by-sensitivity`). */
  readonly sensitive?: ReadonlySet<number>;
  readonly options?: Partial<AuditOptions>;
}

export interface InsiderKnowledge {
  /** The value-1 cell the insider is alone in. */
  readonly anchor: number;
  /** Cells whose value the insider knows (their own cells); never targets for this insider. */
  readonly knows: readonly number[];
  /** Cells known to hold the insider (≥ 1), for the precise model. */
  readonly atLeastOne: readonly number[];
  /** True when the knowledge is exact (conservative model, or alone in a published cell). */
  readonly exact: boolean;
}

/**
 * What each lone respondent knows. From an anchor `a` (a cell of value 1), every value-1 cell
 * coarser or finer than a cell holding only that person holds only that person too; the
 * insider knows those cells and everything finer (their own attributes: 1 where they are,
 * 0 elsewhere). Conservative model: they know they are alone. Precise model: unless a
 * published 1 tells them so, they only know that the cells holding them are ≥ 1.
 */
export function insiderKnowledge(
  system: LinkedSystem,
  values: ReadonlyMap<number, number>,
  published: ReadonlySet<number>,
  modelOf: (anchor: number) => 'conservative' | 'precise',
): InsiderKnowledge[] {
  const { ancestors, descendants } = containment(system);
  const out: InsiderKnowledge[] = [];
  const seen = new Set<string>();
  const sortedAnchors = [...values.entries()].filter(([, v]) => v === 1).map(([i]) => i).sort((a, b) => a - b);
  for (const a of sortedAnchors) {
    // Cells holding only this person: a value-1 cell finer or coarser than one of them holds
    // the same person (a cell with one person has exactly that person in its value-1 parts,
    // and a value-1 cell containing it cannot hold anyone else).
    const alone = new Set<number>([a]);
    for (const queue = [a]; queue.length > 0; ) {
      const m = queue.pop() ?? a;
      for (const x of [...(ancestors[m] ?? []), ...(descendants[m] ?? [])]) {
        if (values.get(x) === 1 && !alone.has(x)) {
          alone.add(x);
          queue.push(x);
        }
      }
    }
    const closure = new Set<number>(alone);
    for (const h of alone) for (const d of descendants[h] ?? []) closure.add(d);
    const knows = [...closure].sort((x, y) => x - y);
    const exact = modelOf(a) === 'conservative' || [...alone].some((h) => published.has(h));
    const holding = new Set<number>(alone);
    for (const h of alone) for (const x of ancestors[h] ?? []) holding.add(x);
    const atLeastOne = exact ? [] : [...holding].sort((x, y) => x - y);
    const signature = JSON.stringify([knows, atLeastOne, exact]);
    if (seen.has(signature)) continue;
    seen.add(signature);
    out.push({ anchor: a, knows, atLeastOne, exact });
  }
  return out;
}

function resolveModel(options: AuditOptions, sensitive: ReadonlySet<number> | undefined) {
  return (anchor: number): 'conservative' | 'precise' => {
    if (options.insiderModel === 'by-sensitivity') return sensitive?.has(anchor) === true ? 'conservative' : 'precise';
    return options.insiderModel;
  };
}

export function requiredWidth(options: AuditOptions, value: number | undefined): number {
  const relative = value === undefined ? 0 : Math.ceil(options.relativeIntervalWidth * value - 1e-9);
  return Math.max(options.minIntervalWidth, relative);
}

/** Attack with previous-revision values, falling back to "previous cells unknown" where they contradict. */
function attackWithFallback(
  input: AuditInput,
  knownCurrent: Map<number, Rational | null>,
  targets: readonly number[],
  lowerBounds: ReadonlyMap<number, number> | undefined,
  linearOnly: boolean,
  cache: AttackCache,
): { outcomes: Map<number, TargetOutcome>; inconsistent: boolean; contradicted: boolean } {
  const withPrevious = new Map(knownCurrent);
  for (const [v, x] of input.previous ?? []) if (!withPrevious.has(v)) withPrevious.set(v, Rational.fromInt(x));
  const base = { system: input.system, targets, linearOnly, ...(lowerBounds ? { lowerBounds } : {}) };
  const first = attack({ ...base, known: withPrevious }, cache);
  const outcomes = new Map(first.outcomes);
  const contradicted = (input.previous?.size ?? 0) > 0 && (first.inconsistent || [...first.outcomes.values()].some((o) => o.infeasible));
  if (!contradicted) return { outcomes, inconsistent: first.inconsistent, contradicted: false };
  // The attacker's "unchanged" guess is refuted by the data: keep the exact verdicts (they only
  // depend on which cells are known) but take intervals from the current release alone.
  const second = attack({ ...base, known: knownCurrent }, cache);
  for (const t of targets) {
    const a = first.outcomes.get(t);
    const b = second.outcomes.get(t);
    if (a === undefined || b === undefined) continue;
    if (a.infeasible || first.inconsistent) outcomes.set(t, { ...b, exact: a.exact || b.exact });
  }
  return { outcomes, inconsistent: second.inconsistent || [...second.outcomes.values()].some((o) => o.infeasible), contradicted: true };
}

function judge(
  outcome: TargetOutcome | undefined,
  value: number | undefined,
  options: AuditOptions,
  insider: number | undefined,
): AuditFailure[] {
  if (outcome === undefined) return [];
  const tag = insider === undefined ? {} : { insider };
  if (outcome.exact) return [{ check: insider === undefined ? 'A1' : 'A3', kind: 'exact', ...tag }];
  if (outcome.min === undefined || outcome.max === undefined) return [];
  const check = insider === undefined ? 'A2' : 'A3';
  const failures: AuditFailure[] = [];
  const required = requiredWidth(options, value);
  const width: Rational | null = outcome.max === null ? null : outcome.max.sub(outcome.min);
  const min = outcome.min.toNumber();
  const max = outcome.max === null ? null : outcome.max.toNumber();
  if (width !== null && width.compare(Rational.fromInt(required)) < 0) {
    failures.push({ check, kind: 'narrow_interval', min, max, required, ...tag });
  }
  // "At least `value`" is itself a disclosure: the attacker's minimum must stay below it.
  if (options.requireLowerSlack && value !== undefined && value >= 1 && outcome.min.ceil() > BigInt(value - 1)) {
    failures.push({ check, kind: 'lower_bound_reached', min, max, ...tag });
  }
  return failures;
}

export function auditSystem(input: AuditInput): SystemAudit {
  const options: AuditOptions = { ...DEFAULT_AUDIT_OPTIONS, ...input.options };
  const cache: AttackCache = new Map();
  const known = new Map<number, Rational | null>();
  for (const [v, x] of input.published) known.set(v, Rational.fromInt(x));
  const targets = [...new Set(input.targets)].filter((t) => !input.published.has(t)).sort((a, b) => a - b);
  const exposedByPublication = [...new Set(input.targets)].filter((t) => input.published.has(t));

  const base = attackWithFallback(input, known, targets, undefined, false, cache);
  const failures = new Map<number, AuditFailure[]>(targets.map((t) => [t, []]));
  for (const t of exposedByPublication) failures.set(t, [{ check: 'A1', kind: 'exact' }]);
  for (const t of targets) {
    failures.get(t)?.push(...judge(base.outcomes.get(t), input.truth?.get(t), options, undefined));
  }

  // A3: insiders. The laptop knows every value-1 cell; the hub only the published ones.
  const truth = input.truth;
  const values = truth ?? new Map([...input.published].filter(([, x]) => x === 1));
  const publishedSet = new Set(input.published.keys());
  const insiders = insiderKnowledge(input.system, values, publishedSet, resolveModel(options, input.sensitive));
  // An insider's knowledge only changes the components of unknown cells it touches; targets
  // elsewhere keep the outsider's verdict, already judged above.
  const baseKnown = new Set<number>([...known.keys(), ...(base.contradicted ? [] : (input.previous?.keys() ?? []))]);
  const components = insiders.length > 0 ? unknownComponents(input.system, baseKnown) : new Map<number, number[]>();
  for (const insider of insiders) {
    const own = new Set(insider.knows);
    const learnt = (insider.exact ? insider.knows : insider.atLeastOne).filter((c) => !baseKnown.has(c));
    if (learnt.length === 0) continue;
    const touched = new Set<number>();
    for (const c of learnt) for (const x of components.get(c) ?? [c]) touched.add(x);
    const insiderTargets = targets.filter((t) => !own.has(t) && touched.has(t));
    if (insiderTargets.length === 0) continue;
    const extra = new Map(known);
    let linearOnly = false;
    if (insider.exact) {
      for (const c of insider.knows) {
        if (extra.has(c)) continue;
        const v = truth?.get(c);
        if (v === undefined) linearOnly = true;
        extra.set(c, v === undefined ? null : Rational.fromInt(v));
      }
    }
    const lower = insider.exact ? undefined : new Map(learnt.map((c) => [c, 1]));
    const run = attackWithFallback(input, extra, insiderTargets, lower, linearOnly, cache);
    for (const t of insiderTargets) {
      failures.get(t)?.push(...judge(run.outcomes.get(t), truth?.get(t), options, insider.anchor));
    }
  }

  const verdicts = new Map<number, CellVerdict>();
  for (const [t, f] of failures) {
    const o = base.outcomes.get(t);
    verdicts.set(t, {
      variable: t,
      exact: o?.exact ?? true,
      ...(o?.min === undefined ? {} : { min: o.min.toNumber() }),
      ...(o?.max === undefined ? {} : { max: o.max === null ? null : o.max.toNumber() }),
      failures: f,
    });
  }
  const passed = !base.inconsistent && [...verdicts.values()].every((v) => v.failures.length === 0);
  return { passed, verdicts, inconsistent: base.inconsistent, previousContradicted: base.contradicted };
}

/** Failures tolerated because the previous revision alone already causes them. */
export interface PreviousWaivers {
  readonly signatures: ReadonlySet<string>;
  /** Targets the previous revision alone determines exactly: nothing left to protect. */
  readonly exposed: ReadonlySet<number>;
}

export function failureSignature(target: number, f: AuditFailure): string {
  return `${target}|${f.check}|${f.kind}|${f.insider ?? ''}`;
}

/**
 * Audits the previous revision alone (no current publication) so that its existing weaknesses
 * are tolerated — they cannot be repaired by publishing less now — but nothing new is.
 */
export function previousWaivers(input: Omit<AuditInput, 'published' | 'previous'>, previousAll: ReadonlyMap<number, number>): PreviousWaivers {
  const signatures = new Set<string>();
  const exposed = new Set<number>();
  if (previousAll.size === 0 || input.targets.length === 0) return { signatures, exposed };
  const baseline = auditSystem({ ...input, published: new Map(), previous: previousAll });
  for (const [t, verdict] of baseline.verdicts) {
    for (const f of verdict.failures) signatures.add(failureSignature(t, f));
    if (verdict.failures.some((f) => f.check === 'A1')) exposed.add(t);
  }
  return { signatures, exposed };
}

/** The audit with waived failures removed. */
export function applyWaivers(audit: SystemAudit, waivers: PreviousWaivers): SystemAudit {
  const verdicts = new Map<number, CellVerdict>();
  for (const [t, v] of audit.verdicts) {
    verdicts.set(t, { ...v, failures: v.failures.filter((f) => !waivers.signatures.has(failureSignature(t, f))) });
  }
  const passed = !audit.inconsistent && [...verdicts.values()].every((v) => v.failures.length === 0);
  return { ...audit, verdicts, passed };
}

/**
 * How a release is audited against the previous revision (A4):
 * - combined: current published + previous values of the other cells (attacker assumes they
 *   did not change), for confidential cells the previous revision did not publish and does not
 *   already determine by itself; failures the previous revision alone causes are waived;
 * - current-only: the current release alone, for the remaining confidential cells — their old
 *   value is public, but a changed current value must not be derivable from this release.
 */
export interface RevisionPlan {
  readonly combinedTargets: readonly number[];
  readonly currentOnlyTargets: readonly number[];
  readonly waivers: PreviousWaivers;
}

export function planRevisionAudit(
  input: Omit<AuditInput, 'published' | 'previous'>,
  previousAll: ReadonlyMap<number, number>,
): RevisionPlan {
  const targets = [...new Set(input.targets)].sort((a, b) => a - b);
  const fresh = targets.filter((t) => !previousAll.has(t));
  const waivers = previousWaivers({ ...input, targets: fresh }, previousAll);
  const combinedTargets = fresh.filter((t) => !waivers.exposed.has(t));
  const combined = new Set(combinedTargets);
  return { combinedTargets, currentOnlyTargets: targets.filter((t) => !combined.has(t)), waivers };
}

export interface ReleaseAuditInput extends Omit<AuditInput, 'previous'> {
  /** Every value the previous revision published. */
  readonly previousAll?: ReadonlyMap<number, number>;
}

/** Audit of a release, jointly with the previous revision when there is one (see `RevisionPlan`). */
export function auditRelease(input: ReleaseAuditInput, plan?: RevisionPlan): SystemAudit {
  const previousAll = input.previousAll ?? new Map<number, number>();
  if (previousAll.size === 0) return auditSystem(input);
  const p = plan ?? planRevisionAudit(input, previousAll);
  const previous = new Map([...previousAll].filter(([v]) => !input.published.has(v)));
  const combined = applyWaivers(auditSystem({ ...input, previous, targets: p.combinedTargets }), p.waivers);
  const currentOnly = auditSystem({ ...input, targets: p.currentOnlyTargets });
  const verdicts = new Map([...combined.verdicts, ...currentOnly.verdicts]);
  return {
    passed: combined.passed && currentOnly.passed,
    verdicts,
    inconsistent: combined.inconsistent || currentOnly.inconsistent,
    previousContradicted: combined.previousContradicted,
  };
}
