import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../../shared/stats/rational';

const q = (n: number | bigint, d: number | bigint = 1) => Rational.of(n, d);

describe('Rational', () => {
  it('normalises sign and common factors', () => {
    expect([q(6, -4).num, q(6, -4).den]).toEqual([-3n, 2n]);
    expect(q(0, -7)).toBe(Rational.ZERO);
    expect(q(10n, 5n).equals(q(2))).toBe(true);
    expect(() => q(1, 0)).toThrow(RangeError);
    expect(() => q(0.5)).toThrow(RangeError);
  });

  it('does exact arithmetic', () => {
    const third = q(1, 3);
    expect(third.add(third).equals(q(2, 3))).toBe(true);
    expect(third.add(third).add(third).equals(Rational.ONE)).toBe(true);
    expect(q(1, 2).sub(q(1, 3)).equals(q(1, 6))).toBe(true);
    expect(q(2, 3).mul(q(9, 4)).equals(q(3, 2))).toBe(true);
    expect(q(2, 3).div(q(4, 9)).equals(q(3, 2))).toBe(true);
    expect(q(5).subMul(q(1, 2), q(4)).equals(q(3))).toBe(true);
    expect(() => Rational.ONE.div(Rational.ZERO)).toThrow(RangeError);
    expect(Rational.ZERO.neg().isZero()).toBe(true);
    expect(third.sub(third).isZero()).toBe(true);
    expect(q(4, 2).isInteger()).toBe(true);
  });

  it('compares, floors and ceils', () => {
    expect(q(1, 3).compare(q(1, 2))).toBe(-1);
    expect(q(-1, 2).compare(q(-2, 4))).toBe(0);
    expect(q(3).compare(q(5, 2))).toBe(1);
    expect(q(-1, 2).floor()).toBe(-1n);
    expect(q(-1, 2).ceil()).toBe(0n);
    expect(q(7, 2).floor()).toBe(3n);
    expect(q(7, 2).ceil()).toBe(4n);
    expect(q(-3).sign()).toBe(-1);
    expect(q(1, 4).toNumber()).toBe(0.25);
    expect(q(-3, 6).toString()).toBe('-1/2');
  });

  it('satisfies field laws on random fractions', () => {
    const frac = fc.tuple(fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 30 })).map(([n, d]) => q(n, d));
    fc.assert(
      fc.property(frac, frac, frac, (a, b, c) => {
        expect(a.add(b).equals(b.add(a))).toBe(true);
        expect(a.mul(b.add(c)).equals(a.mul(b).add(a.mul(c)))).toBe(true);
        expect(a.add(b).sub(b).equals(a)).toBe(true);
        if (!b.isZero()) expect(a.div(b).mul(b).equals(a)).toBe(true);
        expect(a.compare(b)).toBe(Math.sign(a.toNumber() - b.toNumber()));
        // normalised: equal values have equal representations
        const twice = a.add(a).div(q(2));
        expect([twice.num, twice.den]).toEqual([a.num, a.den]);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
