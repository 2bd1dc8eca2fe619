/**
 * Exact rational numbers on bigint.
 *
 * Invariant: `den > 0` and `gcd(|num|, den) = 1`, so structural equality is numeric
 * equality. Values are immutable; every operation returns a new value. Integer fast paths
 * (den = 1) matter because almost every coefficient we handle is 0 or ±1. Methods rather than
 * free functions: the elimination and simplex loops call them millions of times.
 */
function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

function toBigInt(n: bigint | number): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isSafeInteger(n)) throw new RangeError(`Rational: ${n} is not a safe integer`);
  return BigInt(n);
}

export class Rational {
  /** Shared instances of small integers: counts and ±1 coefficients are most of what we build. */
  private static readonly small: readonly Rational[] = Array.from({ length: 129 }, (_, i) => new Rational(BigInt(i - 64), 1n));
  static readonly ZERO: Rational = Rational.fromInt(0);
  static readonly ONE: Rational = Rational.fromInt(1);

  /** Use `Rational.of` / `Rational.fromInt`: the constructor trusts its arguments are normalised. */
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  /** `num / den`, normalised. Numbers must be safe integers. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    return Rational.normalise(toBigInt(num), toBigInt(den));
  }

  static fromInt(n: bigint | number): Rational {
    const v = toBigInt(n);
    if (v >= -64n && v <= 64n) return Rational.small[Number(v) + 64] ?? new Rational(v, 1n);
    return new Rational(v, 1n);
  }

  private static normalise(num: bigint, den: bigint): Rational {
    if (den === 0n) throw new RangeError('Rational: division by zero');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    if (den === 1n || num === 0n) return Rational.fromInt(den === 1n ? num : 0n);
    const g = gcd(num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  isZero(): boolean {
    return this.num === 0n;
  }

  isInteger(): boolean {
    return this.den === 1n;
  }

  sign(): -1 | 0 | 1 {
    return this.num === 0n ? 0 : this.num < 0n ? -1 : 1;
  }

  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }

  add(b: Rational): Rational {
    if (this.num === 0n) return b;
    if (b.num === 0n) return this;
    if (this.den === 1n && b.den === 1n) return Rational.fromInt(this.num + b.num);
    return Rational.normalise(this.num * b.den + b.num * this.den, this.den * b.den);
  }

  sub(b: Rational): Rational {
    if (b.num === 0n) return this;
    if (this.den === 1n && b.den === 1n) return Rational.fromInt(this.num - b.num);
    return Rational.normalise(this.num * b.den - b.num * this.den, this.den * b.den);
  }

  mul(b: Rational): Rational {
    if (this.num === 0n || b.num === 0n) return Rational.ZERO;
    if (this.den === 1n && b.den === 1n) return Rational.fromInt(this.num * b.num);
    return Rational.normalise(this.num * b.num, this.den * b.den);
  }

  div(b: Rational): Rational {
    if (b.num === 0n) throw new RangeError('Rational: division by zero');
    if (this.num === 0n) return Rational.ZERO;
    return Rational.normalise(this.num * b.den, this.den * b.num);
  }

  /** `this − f·b`, the elimination step; no work when `f` or `b` is zero. */
  subMul(f: Rational, b: Rational): Rational {
    if (f.num === 0n || b.num === 0n) return this;
    return this.sub(f.mul(b));
  }

  compare(b: Rational): -1 | 0 | 1 {
    if (this.den === b.den) return this.num < b.num ? -1 : this.num > b.num ? 1 : 0;
    const l = this.num * b.den;
    const r = b.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  equals(b: Rational): boolean {
    return this.num === b.num && this.den === b.den;
  }

  /** Largest integer ≤ this. */
  floor(): bigint {
    if (this.den === 1n) return this.num;
    const q = this.num / this.den; // truncates toward zero
    return this.num < 0n ? q - 1n : q;
  }

  /** Smallest integer ≥ this. */
  ceil(): bigint {
    return -this.neg().floor();
  }

  /** Nearest double; for display only, never for decisions. */
  toNumber(): number {
    return this.den === 1n ? Number(this.num) : Number(this.num) / Number(this.den);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

export const ZERO = Rational.ZERO;
export const ONE = Rational.ONE;
