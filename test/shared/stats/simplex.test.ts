import { describe, expect, it } from 'vitest';
import { Rational } from '../../../shared/stats/rational';

const ZERO = Rational.ZERO;
const ONE = Rational.ONE;
const fromInt = (n: number): Rational => Rational.fromInt(n);
const rational = (n: number, d = 1): Rational => Rational.of(n, d);
import { integerLp, maximise, minimise, variableBounds } from '../../../shared/stats/simplex';

const ints = (xs: number[]): Rational[] => xs.map(fromInt);

describe('exact simplex', () => {
  it('solves a textbook maximisation (Wyndor: max 3x + 5y)', () => {
    // x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 with slacks s1..s3: optimum 36 at (2, 6).
    const lp = integerLp(
      [
        [1, 0, 1, 0, 0],
        [0, 2, 0, 1, 0],
        [3, 2, 0, 0, 1],
      ],
      [4, 12, 18],
    );
    const r = maximise(lp, ints([3, 5, 0, 0, 0]));
    expect(r.status).toBe('optimal');
    if (r.status !== 'optimal') return;
    expect(r.value).toEqual(fromInt(36));
    expect(r.solution.slice(0, 2)).toEqual(ints([2, 6]));
  });

  it('returns fractional optima exactly', () => {
    // max x + y s.t. 2x + y ≤ 4, x + 2y ≤ 4 → 8/3 at (4/3, 4/3).
    const lp = integerLp(
      [
        [2, 1, 1, 0],
        [1, 2, 0, 1],
      ],
      [4, 4],
    );
    const r = maximise(lp, ints([1, 1, 0, 0]));
    expect(r.status === 'optimal' && r.value).toEqual(rational(8, 3));
  });

  it('terminates on Beale’s cycling example thanks to Bland’s rule', () => {
    // min −3/4 x4 + 20 x5 − 1/2 x6 + 6 x7 (x1..x3 slacks): classic cycling instance, optimum −5/4.
    const q = (n: number, d = 1): Rational => rational(n, d);
    const lp = {
      a: [
        [ONE, ZERO, ZERO, q(1, 4), q(-8), q(-1), q(9)],
        [ZERO, ONE, ZERO, q(1, 2), q(-12), q(-1, 2), q(3)],
        [ZERO, ZERO, ONE, ZERO, ZERO, ONE, ZERO],
      ],
      b: [ZERO, ZERO, ONE],
    };
    const r = minimise(lp, [ZERO, ZERO, ZERO, q(-3, 4), q(20), q(-1, 2), q(6)]);
    expect(r.status === 'optimal' && r.value).toEqual(rational(-5, 4));
  });

  it('detects infeasible and unbounded problems', () => {
    expect(minimise(integerLp([[1, 1]], [-1]), ints([1, 1])).status).toBe('infeasible');
    expect(maximise(integerLp([[1, -1]], [0]), ints([1, 0])).status).toBe('unbounded');
  });

  it('handles redundant equality rows', () => {
    // x + y = 2 stated twice, and 2x + 2y = 4: bounds of x are [0, 2].
    const lp = integerLp(
      [
        [1, 1],
        [1, 1],
        [2, 2],
      ],
      [2, 2, 4],
    );
    const b = variableBounds(lp, [0, 1]);
    expect(b).toEqual({ feasible: true, bounds: [{ min: ZERO, max: fromInt(2) }, { min: ZERO, max: fromInt(2) }] });
  });

  it('gives attacker bounds of a suppressed 2×2 rectangle', () => {
    // a + b = 5, c + d = 9, a + c = 6, b + d = 8 (one degree of freedom): a ∈ [0, 5].
    const lp = integerLp(
      [
        [1, 1, 0, 0],
        [0, 0, 1, 1],
        [1, 0, 1, 0],
        [0, 1, 0, 1],
      ],
      [5, 9, 6, 8],
    );
    const b = variableBounds(lp, [0, 3]);
    expect(b).toEqual({ feasible: true, bounds: [{ min: ZERO, max: fromInt(5) }, { min: fromInt(3), max: fromInt(8) }] });
    expect(variableBounds(integerLp([[1, 1]], [-3]), [0])).toEqual({ feasible: false });
  });
});
