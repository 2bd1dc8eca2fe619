/**
 * A fast, sufficient version of the A1/A2 audit for the federation release, where the hub
 * knows the true aggregates.
 *
 * The exact audit (shared/stats auditSystem) solves two exact LPs per confidential cell on its
 * connected component of unknown cells; a region with few structures makes that component
 * hundreds of cells wide and the dense rational simplex takes minutes. Here, instead: the true
 * table x* is a feasible point; every nullspace direction d of the component's equations
 * (one per free variable of its RREF) moves x* along a segment that stays feasible while
 * x* + λd ≥ 0. The target's values along those segments are attainable, so the attacker's
 * LP interval contains [x*ₜ − maxDown, x*ₜ + maxUp]. If that already has the required width
 * and leaves x*ₜ − 1 reachable, the cell passes A1 and A2 — no LP needed. Cells this cannot
 * clear go to the exact audit.
 */
import { Rational, requiredWidth, sparseRref, unknownComponents, type AuditOptions, type LinkedSystem, type SparseVector } from '../../shared/stats/index';

export interface FastAuditInput {
  readonly system: LinkedSystem;
  readonly published: ReadonlySet<number>;
  /** True value of every variable. */
  readonly truth: ArrayLike<number>;
  readonly targets: readonly number[];
  readonly options: AuditOptions;
  /** Directions tried per target at most. */
  readonly maxDirections?: number;
}

export interface FastAuditResult {
  /** Targets proven to pass A1 and A2. */
  readonly cleared: ReadonlySet<number>;
  /** Size of the unknown component of each target not cleared. */
  readonly componentSize: ReadonlyMap<number, number>;
}

const EPS = 1e-9;

export function fastAudit(input: FastAuditInput): FastAuditResult {
  const { system, published, truth, options } = input;
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
  const componentSize = new Map<number, number>();
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
    const x = (l: number): number => truth[vars[l] ?? -1] ?? 0;

    for (const t of targets) {
      const lt = local.get(t) ?? -1;
      const pivotRow = pivots.get(lt);
      const frees = pivotRow === undefined ? [lt] : [...pivotRow.keys()].filter((c) => c !== lt).slice(0, maxDirections);
      let up = 0;
      let down = 0;
      for (const f of frees) {
        // d_f = 1; for each pivot p whose row has f: d_p = −a (p = rhs − a·x_f − …).
        const d: [number, number][] = [[f, 1]];
        for (const [p, a] of rowsOfFree.get(f) ?? []) d.push([p, -a]);
        let forward = Infinity;
        let backward = Infinity;
        for (const [j, dj] of d) {
          if (Math.abs(dj) < EPS) continue;
          if (dj < 0) forward = Math.min(forward, x(j) / -dj);
          else backward = Math.min(backward, x(j) / dj);
        }
        const dt = d.find(([j]) => j === lt)?.[1] ?? 0;
        if (Math.abs(dt) < EPS) continue;
        const inc = dt > 0 ? forward * dt : backward * -dt;
        const dec = dt > 0 ? backward * dt : forward * -dt;
        up = Math.max(up, inc);
        down = Math.max(down, dec);
      }
      const value = truth[t] ?? 0;
      const width = up + down;
      const wide = width + EPS >= requiredWidth(options, value);
      const slack = !options.requireLowerSlack || value < 1 || down + EPS >= 1;
      if (frees.length > 0 && wide && slack) cleared.add(t);
      else componentSize.set(t, comp.length);
    }
  }
  return { cleared, componentSize };
}
