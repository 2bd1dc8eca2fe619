import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffCeilingMs, backoffDelayMs } from '../../../../electron/core/sync/backoff';

describe('backoff (full jitter, base 30 s, cap 6 h, no give-up)', () => {
  it('always waits within [0, min(cap, base·2^n)]', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const delay = backoffDelayMs(n, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** n));
        expect(Number.isFinite(delay)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('grows from 30 s and stops growing at 6 h instead of giving up', () => {
    expect(backoffCeilingMs(0)).toBe(30_000);
    expect(backoffCeilingMs(1)).toBe(60_000);
    expect(backoffCeilingMs(9)).toBe(15_360_000);
    expect(backoffCeilingMs(10)).toBe(6 * 3600 * 1000);
    expect(backoffCeilingMs(5_000)).toBe(6 * 3600 * 1000);
    // Just under the ceiling with the largest random value: the jitter uses the whole range.
    expect(backoffDelayMs(3, () => 0.999999)).toBe(Math.floor(0.999999 * 240_000));
  });

  it('is 0 when the tests set the base to 0', () => {
    expect(backoffDelayMs(12, () => 0.9, { baseMs: 0, capMs: 0 })).toBe(0);
  });
});
