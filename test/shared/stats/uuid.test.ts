import { describe, expect, it } from 'vitest';
import { createUuidV7Generator, formatUuidV7, isUuidV7, uuidV7Timestamp } from '../../../shared/stats/uuid';

describe('UUIDv7', () => {
  it('matches the RFC 9562 appendix A.6 example layout', () => {
    // Example: ts 0x017F22E279B0 (2022-02-22 19:22:22 UTC), rand_a 0xCC3, rand_b 0x18C4DC0C0C07398F.
    const randB = Uint8Array.from([0x18, 0xc4, 0xdc, 0x0c, 0x0c, 0x07, 0x39, 0x8f]);
    const id = formatUuidV7(0x017f22e279b0, 0xcc3, randB);
    expect(id).toBe('017f22e2-79b0-7cc3-98c4-dc0c0c07398f');
    expect(isUuidV7(id)).toBe(true);
    expect(uuidV7Timestamp(id)).toBe(0x017f22e279b0);
  });

  it('is generated from the injected clock and randomness, strictly increasing', () => {
    let t = 1_750_000_000_000;
    let seed = 1;
    const gen = createUuidV7Generator({
      now: () => t,
      randomBytes: (n) => Uint8Array.from({ length: n }, () => (seed = (seed * 1103515245 + 12345) % 256)),
    });
    const ids = [gen(), gen(), gen()];
    t -= 5000; // clock going backwards must not break ordering
    ids.push(gen());
    t += 10_000;
    ids.push(gen());
    for (const id of ids) expect(isUuidV7(id)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(uuidV7Timestamp(ids[4] ?? '')).toBe(t);
  });

  it('rejects other versions and uppercase', () => {
    expect(isUuidV7('017f22e2-79b0-4cc3-98c4-dc0c0c07398f')).toBe(false);
    expect(isUuidV7('017F22E2-79B0-7CC3-98C4-DC0C0C07398F')).toBe(false);
    expect(() => formatUuidV7(-1, 0, new Uint8Array(8))).toThrow(RangeError);
  });
});
