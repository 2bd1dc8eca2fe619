/**
 * Exact sparse linear algebra over the rationals: reduced row echelon form, an incremental
 * echelon basis (for the Gaussian-elimination suppression) and the parametrisation of the
 * margin equations' solution space.
 *
 * Sparse because every margin equation touches a handful of cells; exact because a rounding
 * error here would mean "disclosed" looks like "protected".
 */
import { Rational } from './rational';

// Module-level aliases: read once, not through the import binding in hot loops.
const ZERO = Rational.ZERO;
const ONE = Rational.ONE;
import type { LinearEquation } from './system';

/** Column → non-zero coefficient. */
export type SparseVector = Map<number, Rational>;

export function sparseFromTerms(terms: ReadonlyArray<readonly [number, number]>): SparseVector {
  const v: SparseVector = new Map();
  for (const [j, a] of terms) if (a !== 0) v.set(j, Rational.fromInt(a));
  return v;
}

/** `v ← v − f·row` in place. */
export function eliminateInto(v: SparseVector, f: Rational, row: SparseVector): void {
  if (f.num === 0n) return;
  for (const [j, a] of row) {
    const next = (v.get(j) ?? ZERO).subMul(f, a);
    if (next.num === 0n) v.delete(j);
    else v.set(j, next);
  }
}

export function scaled(v: SparseVector, f: Rational): SparseVector {
  const out: SparseVector = new Map();
  for (const [j, a] of v) out.set(j, a.mul(f));
  return out;
}

function smallestColumn(v: SparseVector): number {
  let best = Infinity;
  for (const j of v.keys()) if (j < best) best = j;
  return best;
}

/** True when `a = λ·b` for some λ ≠ 0 (both non-zero). */
export function isParallel(a: SparseVector, b: SparseVector): boolean {
  if (a.size !== b.size || a.size === 0) return false;
  let ratio: Rational | undefined;
  for (const [j, x] of a) {
    const y = b.get(j);
    if (y === undefined) return false;
    const r = x.div(y);
    if (ratio === undefined) ratio = r;
    else if (!ratio.equals(r)) return false;
  }
  return true;
}

export interface SparseRref {
  /** Pivot column → its row, normalised to 1 at the pivot and 0 at every other pivot. */
  readonly pivots: Map<number, SparseVector>;
  /**
   * Rows left with no pivot column: non-empty only through columns outside `columnOrder`
   * (e.g. a right-hand side carried along: "0 = c", an inconsistency).
   */
  readonly leftovers: readonly SparseVector[];
}

/**
 * Reduced row echelon form of sparse rows, pivoting columns in the given order (columns that
 * come first become pivots, i.e. dependent variables). Rows that reduce to zero are dropped.
 */
export function sparseRref(rows: readonly SparseVector[], columnOrder: readonly number[]): SparseRref {
  const pending = rows.map((r) => new Map(r));
  const pivots = new Map<number, SparseVector>();
  for (const col of columnOrder) {
    let chosen = -1;
    for (let i = 0; i < pending.length; i++) {
      const r = pending[i];
      if (r !== undefined && r.has(col) && (chosen < 0 || r.size < (pending[chosen]?.size ?? Infinity))) chosen = i;
    }
    if (chosen < 0) continue;
    const [row] = pending.splice(chosen, 1);
    if (row === undefined) continue;
    const lead = row.get(col) ?? ONE;
    const normalised = lead.equals(ONE) ? row : scaled(row, ONE.div(lead));
    for (const other of pending) {
      const f = other.get(col);
      if (f !== undefined) eliminateInto(other, f, normalised);
    }
    for (const other of pivots.values()) {
      const f = other.get(col);
      if (f !== undefined) eliminateInto(other, f, normalised);
    }
    pivots.set(col, normalised);
  }
  return { pivots, leftovers: pending.filter((r) => r.size > 0) };
}

/**
 * Expresses every variable of the homogeneous system `equations · x = 0` as a linear form over
 * free parameters. Coarse variables come first in the system's order so they become the
 * dependent ones and the parameters are (mostly) the finest cells — the "inner cells" of
 * Langsrud's formulation.
 */
export function parametrise(equations: readonly LinearEquation[], variableCount: number): {
  readonly dimension: number;
  readonly vectors: readonly SparseVector[];
} {
  const order = Array.from({ length: variableCount }, (_, i) => i);
  const { pivots } = sparseRref(
    equations.map((e) => sparseFromTerms(e.terms)),
    order,
  );
  const param = new Map<number, number>();
  for (const j of order) if (!pivots.has(j)) param.set(j, param.size);
  const vectors: SparseVector[] = order.map((j) => {
    const p = param.get(j);
    if (p !== undefined) return new Map([[p, ONE]]);
    const row = pivots.get(j);
    const v: SparseVector = new Map();
    if (row === undefined) return v;
    for (const [f, a] of row) {
      if (f === j) continue;
      const q = param.get(f);
      if (q !== undefined) v.set(q, a.neg());
    }
    return v;
  });
  return { dimension: param.size, vectors };
}

/**
 * Incrementally built echelon basis. Rows keep insertion order; each row is reduced against the
 * earlier ones and normalised to 1 at its pivot, so one forward pass reduces any vector.
 */
export class EchelonBasis {
  private readonly rows: { pivot: number; row: SparseVector }[] = [];

  get rank(): number {
    return this.rows.length;
  }

  /** Residual of `v` modulo the span (zero map iff `v` is in the span). Does not modify `v`. */
  reduce(v: SparseVector): SparseVector {
    const r = new Map(v);
    for (const { pivot, row } of this.rows) {
      const f = r.get(pivot);
      if (f !== undefined) eliminateInto(r, f, row);
    }
    return r;
  }

  /** Adds an already reduced, non-zero residual; returns its pivot column. */
  addResidual(residual: SparseVector): number {
    const pivot = smallestColumn(residual);
    const lead = residual.get(pivot);
    if (lead === undefined) throw new Error('EchelonBasis: zero residual');
    this.rows.push({ pivot, row: lead.equals(ONE) ? residual : scaled(residual, ONE.div(lead)) });
    return pivot;
  }

  /** Adds `v`; returns false when it was already in the span. */
  add(v: SparseVector): boolean {
    const r = this.reduce(v);
    if (r.size === 0) return false;
    this.addResidual(r);
    return true;
  }

  /** The row added last (normalised), used to update residuals kept outside the basis. */
  lastRow(): { pivot: number; row: SparseVector } | undefined {
    return this.rows[this.rows.length - 1];
  }
}
