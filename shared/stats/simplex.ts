/**
 * A small exact simplex for `min c·x  s.t.  A·x = b, x ≥ 0` on rationals.
 *
 * Two phases with artificial variables, Bland's rule (smallest index enters, smallest basic
 * index leaves on ties) so degenerate problems — frequent with counts of 0 and 1 — cannot
 * cycle. Dense tableau: the attacker problems we solve have at most a few dozen variables.
 */
import { Rational } from './rational';

const ZERO = Rational.ZERO;
const ONE = Rational.ONE;

export type LpResult =
  | { readonly status: 'optimal'; readonly value: Rational; readonly solution: readonly Rational[] }
  | { readonly status: 'unbounded' }
  | { readonly status: 'infeasible' };

export interface EqualityLp {
  /** m × n constraint matrix. */
  readonly a: readonly (readonly Rational[])[];
  /** m right-hand sides. */
  readonly b: readonly Rational[];
  /** n, needed when there is no row. */
  readonly variableCount?: number;
}

export type VariableBounds =
  | { readonly feasible: false }
  | { readonly feasible: true; readonly bounds: ReadonlyArray<{ readonly min: Rational; readonly max: Rational | null }> };

/** `target ← target − target[e]·row` (row normalised at column e). */
function eliminate(target: Rational[], row: readonly Rational[], e: number): void {
  const f = target[e] ?? ZERO;
  if (f.num === 0n) return;
  for (let j = 0; j < row.length; j++) {
    const x = row[j] ?? ZERO;
    if (x.num !== 0n) target[j] = (target[j] ?? ZERO).subMul(f, x);
  }
}

/** Sign of r1/a1 − r2/a2 for a1, a2 > 0. */
function compareRatios(r1: Rational, a1: Rational, r2: Rational, a2: Rational): -1 | 0 | 1 {
  // r1/a1 = (r1.num·a1.den)/(r1.den·a1.num), denominators positive
  const l = r1.num * a1.den * r2.den * a2.num;
  const r = r2.num * a2.den * r1.den * a1.num;
  return l < r ? -1 : l > r ? 1 : 0;
}

class Tableau {
  /** rows[i] has `columns` coefficients followed by the right-hand side. */
  constructor(
    readonly rows: Rational[][],
    readonly basis: number[],
    readonly columns: number,
  ) {}

  clone(): Tableau {
    return new Tableau(
      this.rows.map((r) => r.slice()),
      this.basis.slice(),
      this.columns,
    );
  }

  pivot(p: number, e: number, objective?: Rational[]): void {
    const row = this.rows[p];
    if (row === undefined) throw new Error('simplex: bad pivot row');
    const lead = row[e] ?? ZERO;
    if (!(lead.num === 1n && lead.den === 1n)) {
      const inv = ONE.div(lead);
      for (let j = 0; j < row.length; j++) {
        const x = row[j] ?? ZERO;
        if (x.num !== 0n) row[j] = x.mul(inv);
      }
    }
    for (let i = 0; i < this.rows.length; i++) {
      const r = this.rows[i];
      if (i !== p && r !== undefined) eliminate(r, row, e);
    }
    if (objective !== undefined) eliminate(objective, row, e);
    this.basis[p] = e;
  }

  /** Reduced-cost row for objective `c` over the first `c.length` columns. */
  reducedCosts(c: readonly Rational[]): Rational[] {
    const d: Rational[] = new Array<Rational>(this.columns + 1).fill(ZERO);
    for (let j = 0; j < c.length; j++) d[j] = c[j] ?? ZERO;
    this.rows.forEach((row, i) => {
      const cb = c[this.basis[i] ?? -1] ?? ZERO;
      if (cb.num === 0n) return;
      for (let j = 0; j <= this.columns; j++) d[j] = (d[j] ?? ZERO).subMul(cb, row[j] ?? ZERO);
    });
    return d;
  }

  /** Runs Bland's-rule iterations on objective row `d`; false when unbounded. */
  optimise(d: Rational[], allowed: number): boolean {
    const rhs = this.columns;
    for (;;) {
      let e = -1;
      for (let j = 0; j < allowed; j++) {
        if ((d[j] ?? ZERO).num < 0n) {
          e = j;
          break;
        }
      }
      if (e < 0) return true;
      // Minimum ratio rhs/a over a > 0, compared by cross-multiplication (no allocation).
      let p = -1;
      for (let i = 0; i < this.rows.length; i++) {
        const row = this.rows[i];
        const a = row?.[e] ?? ZERO;
        if (a.num <= 0n) continue;
        if (p < 0) {
          p = i;
          continue;
        }
        const best = this.rows[p];
        const cmp = compareRatios(row?.[rhs] ?? ZERO, a, best?.[rhs] ?? ZERO, best?.[e] ?? ONE);
        if (cmp < 0 || (cmp === 0 && (this.basis[i] ?? 0) < (this.basis[p] ?? 0))) p = i;
      }
      if (p < 0) return false;
      this.pivot(p, e, d);
    }
  }

  solution(n: number): Rational[] {
    const x = new Array<Rational>(n).fill(ZERO);
    this.rows.forEach((row, i) => {
      const j = this.basis[i] ?? -1;
      if (j >= 0 && j < n) x[j] = row[this.columns] ?? ZERO;
    });
    return x;
  }
}

/**
 * Phase 1: a feasible basis over the original columns only, or undefined if infeasible.
 * `basisHint[i]` may name a unit column of row i (coefficient 1 there, 0 in every other row,
 * e.g. a pivot column of a reduced row echelon form): when the row's right-hand side is
 * non-negative that column starts in the basis and the row needs no artificial variable.
 */
function feasibleTableau(lp: EqualityLp, basisHint?: readonly (number | undefined)[]): Tableau | undefined {
  const n = lp.variableCount ?? lp.a[0]?.length ?? 0;
  const flips = lp.b.map((bi) => bi.num < 0n);
  const hinted = lp.b.map((_, i) => {
    const h = basisHint?.[i];
    const lead = h === undefined ? undefined : lp.a[i]?.[h];
    return h !== undefined && !flips[i] && lead !== undefined && lead.num === 1n && lead.den === 1n ? h : undefined;
  });
  const artificialRows = hinted.map((h, i) => (h === undefined ? i : -1)).filter((i) => i >= 0);
  const k = artificialRows.length;
  const width = n + k;
  const rows: Rational[][] = lp.a.map((r, i) => {
    const row: Rational[] = new Array<Rational>(width + 1).fill(ZERO);
    for (let j = 0; j < n; j++) row[j] = flips[i] ? (r[j] ?? ZERO).neg() : (r[j] ?? ZERO);
    row[width] = flips[i] ? (lp.b[i] ?? ZERO).neg() : (lp.b[i] ?? ZERO);
    return row;
  });
  const basis = hinted.map((h) => h ?? -1);
  artificialRows.forEach((i, a) => {
    const row = rows[i];
    if (row !== undefined) row[n + a] = ONE;
    basis[i] = n + a;
  });
  const t = new Tableau(rows, basis, width);
  if (k === 0) return t;

  const c: Rational[] = new Array<Rational>(width).fill(ZERO);
  for (let a = 0; a < k; a++) c[n + a] = ONE;
  const d = t.reducedCosts(c);
  t.optimise(d, width);
  if ((d[width] ?? ZERO).num !== 0n) return undefined; // −(Σ artificials) ≠ 0

  // Drive artificial variables out of the basis; a row where that is impossible is redundant.
  for (let i = t.rows.length - 1; i >= 0; i--) {
    if ((t.basis[i] ?? 0) < n) continue;
    const row = t.rows[i] ?? [];
    let e = -1;
    for (let j = 0; j < n; j++) {
      if ((row[j] ?? ZERO).num !== 0n) {
        e = j;
        break;
      }
    }
    if (e >= 0) t.pivot(i, e);
    else {
      t.rows.splice(i, 1);
      t.basis.splice(i, 1);
    }
  }
  const reduced = t.rows.map((row) => [...row.slice(0, n), row[width] ?? ZERO]);
  return new Tableau(reduced, t.basis.slice(), n);
}

function phaseTwo(start: Tableau, c: readonly Rational[]): LpResult {
  const t = start.clone();
  const d = t.reducedCosts(c);
  if (!t.optimise(d, t.columns)) return { status: 'unbounded' };
  return { status: 'optimal', value: (d[t.columns] ?? ZERO).neg(), solution: t.solution(t.columns) };
}

/** Minimises `c·x` subject to `A·x = b`, `x ≥ 0`. */
export function minimise(lp: EqualityLp, c: readonly Rational[]): LpResult {
  const start = feasibleTableau(lp);
  if (start === undefined) return { status: 'infeasible' };
  return phaseTwo(start, c);
}

/** Maximises `c·x` subject to `A·x = b`, `x ≥ 0`. */
export function maximise(lp: EqualityLp, c: readonly Rational[]): LpResult {
  const r = minimise(lp, c.map((x) => x.neg()));
  return r.status === 'optimal' ? { ...r, value: r.value.neg() } : r;
}

/**
 * `[min, max]` of each target variable over the polyhedron (`max = null` when unbounded).
 * Phase 1 runs once; each target's minimisation starts from that feasible basis and its
 * maximisation from the minimum's optimal basis (any feasible basis is a valid start).
 */
export function variableBounds(
  lp: EqualityLp,
  targets: readonly number[],
  basisHint?: readonly (number | undefined)[],
): VariableBounds {
  const start = feasibleTableau(lp, basisHint);
  if (start === undefined) return { feasible: false };
  const n = start.columns;
  const unit = (j: number, v: Rational): Rational[] => {
    const c = new Array<Rational>(n).fill(ZERO);
    c[j] = v;
    return c;
  };
  let current = start;
  /** Optimum of `c` from the current basis; the basis moves on unless the problem is unbounded. */
  const solve = (c: readonly Rational[]): Rational | null => {
    const t = current.clone();
    const d = t.reducedCosts(c);
    if (!t.optimise(d, t.columns)) return null;
    current = t;
    return (d[t.columns] ?? ZERO).neg();
  };
  const minusOne = Rational.fromInt(-1);
  const bounds = targets.map((j) => {
    current = start;
    // x ≥ 0 keeps the minimum bounded; the maximum may be unbounded.
    const min = solve(unit(j, ONE)) ?? ZERO;
    const negMax = solve(unit(j, minusOne));
    return { min, max: negMax === null ? null : negMax.neg() };
  });
  return { feasible: true, bounds };
}

/** Convenience for tests and callers holding integers. */
export function integerLp(a: readonly (readonly number[])[], b: readonly number[]): EqualityLp {
  return { a: a.map((r) => r.map((x) => Rational.fromInt(x))), b: b.map((x) => Rational.fromInt(x)) };
}
