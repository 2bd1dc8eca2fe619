/**
 * The attacker's problem on a linked system: given the cells whose values they know, what can
 * they say about the others?
 *
 * Known values are substituted into the margin equations; what remains splits into connected
 * components of unknown cells. For each component holding a target:
 *  - exact test: the target is determined iff its unit vector lies in the row space of the
 *    component's equations (reduced row echelon form, exact rationals);
 *  - interval: min and max of the target under the equations and `x ≥ lower bound` (LP
 *    relaxation, exact simplex). Integrality is ignored; for 1-D/2-D tables the LP bounds are
 *    the integer bounds, for linked/3-D tables they can only be wider than the integer ones.
 *
 * Components are cached by content, so re-running the attack with a little more knowledge
 * (an insider) only re-solves the components that knowledge touches.
 */
import { Rational } from './rational';

const ZERO = Rational.ZERO;
import { sparseRref, type SparseVector } from './linear';
import { variableBounds } from './simplex';
import type { LinkedSystem } from './system';

export interface TargetOutcome {
  readonly exact: boolean;
  /** Absent in linear-only mode or when the component is infeasible. */
  readonly min?: Rational;
  /** `null` = unbounded above. */
  readonly max?: Rational | null;
  /** The component's constraints contradict each other (only with wrong known values). */
  readonly infeasible: boolean;
}

export interface AttackProblem {
  readonly system: LinkedSystem;
  /**
   * Variables the attacker knows. A `null` value means "known, value not available to us"
   * (the hub auditing an insider): only the exact test is possible then.
   */
  readonly known: ReadonlyMap<number, Rational | null>;
  /** Lower bounds other than 0 (an insider knows their own cell holds at least 1). */
  readonly lowerBounds?: ReadonlyMap<number, number>;
  readonly targets: readonly number[];
  readonly linearOnly?: boolean;
}

export interface AttackResult {
  readonly outcomes: ReadonlyMap<number, TargetOutcome>;
  /** A fully known equation does not hold: the known values are inconsistent. */
  readonly inconsistent: boolean;
}

/** Cache shared across attacks on the same system (see module comment). */
export type AttackCache = Map<string, Map<number, TargetOutcome>>;

interface ReducedEquation {
  readonly terms: ReadonlyArray<readonly [number, number]>;
  readonly rhs: Rational;
}

/** Connected components of the unknown variables through the equations that link them. */
export function unknownComponents(system: LinkedSystem, known: ReadonlySet<number> | ReadonlyMap<number, unknown>): Map<number, number[]> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    let y = x;
    while (parent.get(y) !== r) {
      const next = parent.get(y) ?? r;
      parent.set(y, r);
      y = next;
    }
    return r;
  };
  system.variables.forEach((_, i) => {
    if (!known.has(i)) parent.set(i, i);
  });
  for (const eq of system.equations) {
    let first = -1;
    for (const [j] of eq.terms) {
      if (known.has(j)) continue;
      if (first < 0) first = j;
      else {
        const a = find(first);
        const b = find(j);
        if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
      }
    }
  }
  const groups = new Map<number, number[]>();
  for (const i of parent.keys()) {
    const r = find(i);
    const g = groups.get(r);
    if (g === undefined) groups.set(r, [i]);
    else g.push(i);
  }
  const out = new Map<number, number[]>();
  for (const g of groups.values()) {
    g.sort((a, b) => a - b);
    for (const i of g) out.set(i, g);
  }
  return out;
}

export function attack(problem: AttackProblem, cache: AttackCache = new Map()): AttackResult {
  const { system, known, targets } = problem;
  const lower = problem.lowerBounds ?? new Map<number, number>();
  let inconsistent = false;
  const reduced: ReducedEquation[] = [];
  for (const eq of system.equations) {
    const terms: [number, number][] = [];
    let rhs: Rational = ZERO;
    let valueMissing = false;
    for (const [j, a] of eq.terms) {
      if (!known.has(j)) {
        terms.push([j, a]);
        continue;
      }
      const v = known.get(j);
      if (v === null || v === undefined) valueMissing = true;
      else rhs = rhs.sub(Rational.fromInt(a).mul(v));
    }
    if (terms.length === 0) {
      if (!valueMissing && rhs.num !== 0n) inconsistent = true;
      continue;
    }
    reduced.push({ terms, rhs: valueMissing ? ZERO : rhs });
  }

  const components = unknownComponents(system, known);
  const equationsOf = new Map<number[], ReducedEquation[]>();
  for (const eq of reduced) {
    const first = eq.terms[0];
    const comp = first === undefined ? undefined : components.get(first[0]);
    if (comp === undefined) continue;
    const list = equationsOf.get(comp);
    if (list === undefined) equationsOf.set(comp, [eq]);
    else list.push(eq);
  }

  const outcomes = new Map<number, TargetOutcome>();
  const wanted = new Map<number[], number[]>();
  for (const t of targets) {
    if (known.has(t)) {
      outcomes.set(t, knownOutcome(known.get(t) ?? null, problem.linearOnly === true));
      continue;
    }
    const comp = components.get(t);
    if (comp === undefined) continue;
    const list = wanted.get(comp);
    if (list === undefined) wanted.set(comp, [t]);
    else list.push(t);
  }
  for (const [comp, ts] of wanted) {
    const solved = solveComponent(comp, equationsOf.get(comp) ?? [], lower, ts, problem.linearOnly === true, cache);
    for (const t of ts) {
      const o = solved.get(t);
      if (o !== undefined) outcomes.set(t, o);
    }
  }
  return { outcomes, inconsistent };
}

function knownOutcome(value: Rational | null, linearOnly: boolean): TargetOutcome {
  if (value === null || linearOnly) return { exact: true, infeasible: false };
  return { exact: true, min: value, max: value, infeasible: false };
}

function solveComponent(
  vars: readonly number[],
  equations: readonly ReducedEquation[],
  lower: ReadonlyMap<number, number>,
  targets: readonly number[],
  linearOnly: boolean,
  cache: AttackCache,
): Map<number, TargetOutcome> {
  const signature = JSON.stringify([
    linearOnly,
    vars,
    equations.map((e) => [e.terms, e.rhs.num.toString(), e.rhs.den.toString()]),
    vars.map((v) => lower.get(v) ?? 0),
  ]);
  let entry = cache.get(signature);
  if (entry === undefined) {
    entry = new Map();
    cache.set(signature, entry);
  }
  const missing = targets.filter((t) => !entry.has(t));
  if (missing.length === 0) return entry;

  const local = new Map<number, number>(vars.map((v, i) => [v, i]));
  const k = vars.length;
  // Exact test on the coefficient rows, right-hand side carried in column k (never a pivot).
  const rows: SparseVector[] = equations.map((e) => {
    const r: SparseVector = new Map();
    for (const [j, a] of e.terms) r.set(local.get(j) ?? -1, Rational.fromInt(a));
    if (e.rhs.num !== 0n) r.set(k, e.rhs);
    return r;
  });
  const { pivots, leftovers } = sparseRref(
    rows,
    vars.map((_, i) => i),
  );
  // A row reduced to "0 = c ≠ 0": the known values contradict each other around here.
  const contradictory = leftovers.length > 0;
  const open: number[] = [];
  for (const t of missing) {
    const row = pivots.get(local.get(t) ?? -1);
    const exact = row !== undefined && [...row.keys()].every((c) => c === local.get(t) || c === k);
    if (exact && row !== undefined) {
      const value = row.get(k) ?? ZERO;
      entry.set(
        t,
        linearOnly || contradictory ? { exact, infeasible: contradictory } : { exact, min: value, max: value, infeasible: false },
      );
    } else if (linearOnly) entry.set(t, { exact: false, infeasible: false });
    else open.push(t);
  }
  if (open.length === 0) return entry;

  // LP on the independent RREF rows (same polyhedron, fewer rows), variables shifted to
  // y = x − lower ≥ 0; each row's pivot column is a ready-made basic variable.
  const pivotRows = [...pivots.entries()];
  const a = pivotRows.map(([, row]) => {
    const r = new Array<Rational>(k).fill(ZERO);
    for (const [c, x] of row) if (c < k) r[c] = x;
    return r;
  });
  const b = pivotRows.map(([, row]) => {
    let rhs = row.get(k) ?? ZERO;
    for (const [c, x] of row) {
      const l = c < k ? (lower.get(vars[c] ?? -1) ?? 0) : 0;
      if (l !== 0) rhs = rhs.sub(x.mul(Rational.fromInt(l)));
    }
    return rhs;
  });
  const result = contradictory
    ? { feasible: false as const }
    : pivotRows.length === 0
      ? { feasible: true as const, bounds: open.map(() => ({ min: ZERO, max: null })) }
      : variableBounds(
          { a, b, variableCount: k },
          open.map((t) => local.get(t) ?? 0),
          pivotRows.map(([col]) => col),
        );
  open.forEach((t, i) => {
    if (!result.feasible) {
      entry.set(t, { exact: false, infeasible: true });
      return;
    }
    const bound = result.bounds[i];
    const shift = Rational.fromInt(lower.get(t) ?? 0);
    const min = (bound?.min ?? ZERO).add(shift);
    const max = bound?.max === null || bound?.max === undefined ? null : bound.max.add(shift);
    entry.set(t, { exact: false, min, max, infeasible: false });
  });
  return entry;
}
