/**
 * The A1/A2/A3 audit of the federation release, where the hub knows the true aggregates, for
 * several attackers at once (design note A2, A3 and C(b) step 4).
 *
 * Attackers ("scenarios"): the outsider (published cells only, x ≥ 0); each lone respondent
 * (conservative model: they know their value-1 cell and every finer cell exactly); each
 * contributing structure (it knows its own contribution to every cell, so x ≥ its
 * contribution, and it knows exactly the cells of a level where it is the only contributing
 * structure — the release says how many structures contribute). What a structure must not
 * learn is the rest of a cell, the other structures' part.
 *
 * Fast, sufficient pass: the true table x* is feasible; every nullspace direction d of the
 * target's component (one per free variable of its RREF) moves x* along a segment that stays
 * feasible while x* + λd ≥ the attacker's lower bounds, and — for an attacker who knows some
 * cells — while d is 0 on those cells. The target's values along those segments are
 * attainable, so the attacker's LP interval contains [x*ₜ − maxDown, x*ₜ + maxUp]. If that is
 * wide enough and leaves x*ₜ − 1 reachable, the cell passes for that attacker without an LP.
 * What this cannot clear goes to the exact check (`exactScenarioAudit`: exact rational LP on
 * the attacker's component), or counts as failing when the component is too large.
 */
import {
  Rational,
  attack,
  requiredWidth,
  sparseRref,
  unknownComponents,
  type AuditOptions,
  type LinkedSystem,
  type SparseVector,
} from '../../shared/stats/index';

/** What one attacker knows besides the published cells. */
export interface AttackerScenario {
  readonly id: string;
  /** Cells whose true value the attacker knows. */
  readonly known?: ReadonlySet<number>;
  /** Lower bounds above 0 (a structure's own contributions). */
  readonly lower?: ReadonlyMap<number, number>;
  /** The attacker's own part of each cell: what must stay protected is the value minus it. */
  readonly own?: ReadonlyMap<number, number>;
}

export const OUTSIDER: AttackerScenario = Object.freeze({ id: 'outsider' });

export interface FastAuditInput {
  readonly system: LinkedSystem;
  readonly published: ReadonlySet<number>;
  /** True value of every variable. */
  readonly truth: ArrayLike<number>;
  readonly targets: readonly number[];
  readonly options: AuditOptions;
  /** Attackers besides the outsider, who is always audited. */
  readonly scenarios?: readonly AttackerScenario[];
  /** Scenarios touching each variable (speeds up the pass; all scenarios when absent). */
  readonly scenariosOf?: (variable: number) => readonly number[];
  /** Directions tried per target at most. */
  readonly maxDirections?: number;
}

export interface FastAuditResult {
  /** Targets proven to pass for every attacker. */
  readonly cleared: ReadonlySet<number>;
  /** Targets not cleared → the attackers (indices into [OUTSIDER, ...scenarios]) left to check exactly. */
  readonly pending: ReadonlyMap<number, readonly number[]>;
  /** Size of the (outsider's) unknown component of each target not cleared. */
  readonly componentSize: ReadonlyMap<number, number>;
}

const EPS = 1e-9;

/** The protected quantity's true value for an attacker: the cell minus the attacker's own part. */
export function protectedValue(scenario: AttackerScenario, target: number, truth: ArrayLike<number>): number {
  return (truth[target] ?? 0) - (scenario.own?.get(target) ?? 0);
}

function passes(options: AuditOptions, rest: number, up: number, down: number): boolean {
  const wide = up + down + EPS >= requiredWidth(options, rest);
  const slack = !options.requireLowerSlack || rest < 1 || down + EPS >= 1;
  return wide && slack;
}

export function fastAudit(input: FastAuditInput): FastAuditResult {
  const { system, published, truth, options } = input;
  const scenarios = [OUTSIDER, ...(input.scenarios ?? [])];
  const all = scenarios.map((_, i) => i).slice(1);
  const scenariosOf = (v: number): readonly number[] => (input.scenariosOf === undefined ? all : input.scenariosOf(v).map((s) => s + 1));
  const maxDirections = input.maxDirections ?? 64;
  const components = unknownComponents(system, published);
  const byComponent = new Map<number[], number[]>();
  for (const t of input.targets) {
    if (published.has(t)) continue;
    const comp = components.get(t);
    if (comp === undefined) continue;
    const list = byComponent.get(comp) ?? [];
    list.push(t);
    byComponent.set(comp, list);
  }
  const equationsOf = new Map<number, number[]>();
  system.equations.forEach((eq, k) => {
    for (const [j] of eq.terms) {
      if (published.has(j)) continue;
      const list = equationsOf.get(j) ?? [];
      list.push(k);
      equationsOf.set(j, list);
    }
  });

  const cleared = new Set<number>();
  const pending = new Map<number, number[]>();
  const componentSize = new Map<number, number>();
  for (const t of input.targets) {
    if (published.has(t)) {
      // A published target is known to everyone: nothing the exact pass could clear either.
      pending.set(t, [0]);
      componentSize.set(t, 1);
    }
  }
  for (const [comp, targets] of byComponent) {
    const targetSet = new Set(targets);
    // Targets last: they tend to become free variables, whose own unit direction is the simplest.
    const vars = [...comp.filter((v) => !targetSet.has(v)), ...comp.filter((v) => targetSet.has(v))];
    const local = new Map(vars.map((v, i) => [v, i]));
    const rows: SparseVector[] = [];
    const seen = new Set<number>();
    for (const v of comp) {
      for (const k of equationsOf.get(v) ?? []) {
        if (seen.has(k)) continue;
        seen.add(k);
        const row: SparseVector = new Map();
        for (const [j, a] of system.equations[k]?.terms ?? []) {
          const l = local.get(j);
          if (l !== undefined) row.set(l, Rational.fromInt(a));
        }
        if (row.size > 0) rows.push(row);
      }
    }
    const { pivots } = sparseRref(
      rows,
      vars.map((_, i) => i),
    );
    // Free column → pivot rows that mention it.
    const rowsOfFree = new Map<number, [number, number][]>();
    for (const [p, row] of pivots) {
      for (const [c, a] of row) {
        if (c === p) continue;
        const list = rowsOfFree.get(c) ?? [];
        list.push([p, a.toNumber()]);
        rowsOfFree.set(c, list);
      }
    }
    // Scenarios that touch this component (any other attacker sees it as the outsider does).
    const touching = new Set<number>();
    for (const v of comp) for (const s of scenariosOf(v)) touching.add(s);
    const involved = [...touching].sort((a, b) => a - b);

    for (const t of targets) {
      const lt = local.get(t) ?? -1;
      const pivotRow = pivots.get(lt);
      const frees = pivotRow === undefined ? [lt] : [...pivotRow.keys()].filter((c) => c !== lt).slice(0, maxDirections);
      // Outsider per direction; other attackers only where they differ (they touch the direction).
      const outUp: number[] = [];
      const outDown: number[] = [];
      const own = new Map<number, { up: number; down: number; directions: Set<number> }>();
      for (const f of frees) {
        // d_f = 1; for each pivot p whose row has f: d_p = −a (p = rhs − a·x_f − …).
        const d: [number, number][] = [[vars[f] ?? -1, 1]];
        for (const [p, a] of rowsOfFree.get(f) ?? []) if (Math.abs(a) >= EPS) d.push([vars[p] ?? -1, -a]);
        const dt = d.find(([j]) => j === t)?.[1] ?? 0;
        if (Math.abs(dt) < EPS) continue;
        const k = outUp.length;
        let forward = Infinity;
        let backward = Infinity;
        // A lower bound only ever shrinks a ratio: an attacker's limit is min(outsider's, its own touched ratios).
        const sForward = new Map<number, number>();
        const sBackward = new Map<number, number>();
        const blocked = new Set<number>();
        for (const [j, dj] of d) {
          const x = truth[j] ?? 0;
          if (dj < 0) forward = Math.min(forward, x / -dj);
          else backward = Math.min(backward, x / dj);
          for (const s of scenariosOf(j)) {
            const sc = scenarios[s] ?? OUTSIDER;
            if (sc.known?.has(j) === true) {
              blocked.add(s);
              continue;
            }
            const slack = Math.max(0, x - (sc.lower?.get(j) ?? 0));
            if (dj < 0) sForward.set(s, Math.min(sForward.get(s) ?? Infinity, slack / -dj));
            else sBackward.set(s, Math.min(sBackward.get(s) ?? Infinity, slack / dj));
          }
        }
        const moves = (fw: number, bw: number): [number, number] => (dt > 0 ? [fw * dt, bw * dt] : [bw * -dt, fw * -dt]);
        const [inc, dec] = moves(forward, backward);
        outUp.push(inc);
        outDown.push(dec);
        for (const s of new Set([...sForward.keys(), ...sBackward.keys(), ...blocked])) {
          const entry = own.get(s) ?? { up: 0, down: 0, directions: new Set<number>() };
          entry.directions.add(k);
          if (!blocked.has(s)) {
            const [i, dcr] = moves(Math.min(forward, sForward.get(s) ?? Infinity), Math.min(backward, sBackward.get(s) ?? Infinity));
            entry.up = Math.max(entry.up, i);
            entry.down = Math.max(entry.down, dcr);
          }
          own.set(s, entry);
        }
      }
      const byUp = outUp.map((_, k) => k).sort((a, b) => (outUp[b] ?? 0) - (outUp[a] ?? 0));
      const byDown = outDown.map((_, k) => k).sort((a, b) => (outDown[b] ?? 0) - (outDown[a] ?? 0));
      const failing: number[] = [];
      for (const s of [0, ...involved]) {
        const sc = scenarios[s] ?? OUTSIDER;
        if (sc.known?.has(t) === true) continue; // its own cell (a lone respondent, a structure alone)
        const rest = protectedValue(sc, t, truth);
        if (s > 0 && rest <= 0) continue; // nothing of anyone else's in it
        const entry = own.get(s);
        let up = entry?.up ?? 0;
        let down = entry?.down ?? 0;
        // Directions this attacker does not touch: it moves along them as the outsider does.
        const firstUp = byUp.find((k) => entry?.directions.has(k) !== true);
        const firstDown = byDown.find((k) => entry?.directions.has(k) !== true);
        if (firstUp !== undefined) up = Math.max(up, outUp[firstUp] ?? 0);
        if (firstDown !== undefined) down = Math.max(down, outDown[firstDown] ?? 0);
        if (outUp.length === 0 || !passes(options, rest, up, down)) failing.push(s);
      }
      if (failing.length === 0) cleared.add(t);
      else {
        pending.set(t, failing);
        componentSize.set(t, comp.length);
      }
    }
  }
  return { cleared, pending, componentSize };
}

export interface ExactScenarioInput {
  readonly system: LinkedSystem;
  readonly published: ReadonlySet<number>;
  readonly truth: ArrayLike<number>;
  readonly options: AuditOptions;
  /** [OUTSIDER, ...scenarios] — the indices `pending` refers to. */
  readonly scenarios: readonly AttackerScenario[];
  readonly pending: ReadonlyMap<number, readonly number[]>;
  /** Above this many unknown cells the exact rational simplex is too slow: counts as failing. */
  readonly componentLimit: number;
  /** At most this many exact problems; the rest counts as failing. */
  readonly maxProblems?: number;
}

/**
 * Exact check of what the fast pass left: for each (target, attacker), the attacker's LP
 * interval of the target (exact rationals), judged on the protected part. Returns the targets
 * that fail for at least one attacker.
 */
export function exactScenarioAudit(input: ExactScenarioInput): Set<number> {
  const { system, published, truth, options } = input;
  const failing = new Set<number>();
  const byScenario = new Map<number, number[]>();
  for (const [t, list] of input.pending) {
    for (const s of list) {
      const ts = byScenario.get(s) ?? [];
      ts.push(t);
      byScenario.set(s, ts);
    }
  }
  const cache: NonNullable<Parameters<typeof attack>[1]> = new Map();
  let budget = input.maxProblems ?? 400;
  for (const [s, targets] of [...byScenario].sort((a, b) => a[0] - b[0])) {
    const sc = input.scenarios[s] ?? OUTSIDER;
    const known = new Map<number, Rational | null>();
    for (const v of published) known.set(v, Rational.fromInt(truth[v] ?? 0));
    for (const v of sc.known ?? []) known.set(v, Rational.fromInt(truth[v] ?? 0));
    const components = unknownComponents(system, known);
    const open: number[] = [];
    for (const t of targets) {
      if (known.has(t)) {
        if (!(sc.known?.has(t) === true) && (s === 0 || protectedValue(sc, t, truth) > 0)) failing.add(t);
        continue;
      }
      if ((components.get(t)?.length ?? 0) > input.componentLimit || budget <= 0) failing.add(t);
      else {
        open.push(t);
        budget -= 1;
      }
    }
    if (open.length === 0) continue;
    const lowerBounds = new Map<number, number>();
    for (const [v, x] of sc.lower ?? []) if (x > 0 && !known.has(v)) lowerBounds.set(v, x);
    const result = attack({ system, known, targets: open, lowerBounds }, cache);
    for (const t of open) {
      const o = result.outcomes.get(t);
      const rest = protectedValue(sc, t, truth);
      if (s > 0 && rest <= 0) continue;
      if (o === undefined || o.infeasible || o.exact || o.min === undefined || o.max === undefined) {
        failing.add(t);
        continue;
      }
      const x = truth[t] ?? 0;
      const up = o.max === null ? Infinity : o.max.toNumber() - x;
      const down = x - o.min.toNumber();
      if (!passes(options, rest, up, down)) failing.add(t);
    }
  }
  return failing;
}
