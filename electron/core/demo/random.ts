import type { IsoDate } from '../../../shared/domain/calendar';
import { dayOf, isoOf } from './dates';

/*
 * Seeded randomness for the demo generator. xoshiro128** (128-bit state, good statistical quality,
 * ~1 ns per draw) seeded through splitmix32. Every salarié and every record kind gets its own
 * stream derived from (seed, salarié index, kind), so adding a record kind later (entretiens,
 * immersions) does not change a single value of the kinds already generated.
 */

/** Murmur3's 32-bit finaliser: a bijection on uint32 that scrambles every bit. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a of a label, so streams can be named ("contracts", "freins"). */
export function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A non-negative integer or any string becomes a 32-bit seed. */
export function seedFrom(value: number | string): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? mix32(value % 0x1_0000_0000) : hashLabel(String(value));
}

export class Rng {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** The stream for these parts, e.g. `new Rng(seed, index, hashLabel('contracts'))`. */
  constructor(...parts: number[]) {
    // splitmix32 over the parts fills the four state words.
    let s = 0x9e3779b9;
    for (const p of parts) s = mix32(s ^ mix32((p >>> 0) + 0x6a09e667));
    this.#a = mix32((s = (s + 0x9e3779b9) >>> 0));
    this.#b = mix32((s = (s + 0x9e3779b9) >>> 0));
    this.#c = mix32((s = (s + 0x9e3779b9) >>> 0));
    this.#d = mix32((s + 0x9e3779b9) >>> 0);
    if ((this.#a | this.#b | this.#c | this.#d) === 0) this.#a = 1;
  }

  /** Uniform uint32. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#b, 5), 7), 9) >>> 0;
    const t = this.#b << 9;
    this.#c ^= this.#a;
    this.#d ^= this.#b;
    this.#b ^= this.#c;
    this.#a ^= this.#d;
    this.#c ^= t;
    this.#d = rotl(this.#d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Favours the start of the list (lists of names are ordered most common first). */
  pickSkewed<T>(items: readonly T[], skew = 1.8): T {
    return items[Math.min(items.length - 1, Math.floor(items.length * this.next() ** skew))] as T;
  }

  /** `[[value, weight], …]`; weights need not sum to 1. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return (table[table.length - 1] as readonly [T, number])[0];
  }

  /** `count` distinct items (order random). */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < count && pool.length > 0; i += 1) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0] as T);
    return out;
  }

  /** A date in [from, to], both included. */
  dateBetween(from: IsoDate, to: IsoDate): IsoDate {
    const start = dayOf(from);
    const span = dayOf(to) - start;
    return span <= 0 ? from : isoOf(start + this.int(0, span));
  }

  digits(count: number): string {
    let s = '';
    for (let i = 0; i < count; i += 1) s += String(this.int(0, 9));
    return s;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** Picks in a list with weights known in advance (communes by population): binary search over cumulated weights. */
export class WeightedTable<T> {
  readonly #items: readonly T[];
  readonly #cumulative: Float64Array;

  constructor(items: readonly T[], weight: (item: T) => number) {
    this.#items = items;
    this.#cumulative = new Float64Array(items.length);
    let sum = 0;
    items.forEach((item, i) => {
      sum += Math.max(0, weight(item));
      this.#cumulative[i] = sum;
    });
  }

  pick(rng: Rng): T {
    const total = this.#cumulative[this.#cumulative.length - 1] ?? 0;
    const r = rng.next() * total;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#cumulative[mid] as number) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.#items[lo] as T;
  }
}
