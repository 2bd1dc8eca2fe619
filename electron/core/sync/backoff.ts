/**
 * Exponential backoff with full jitter (design note C(b)): the n-th retry waits a uniformly random
 * time in [0, min(cap, base·2^n)]. There is no give-up: an offline laptop may stay away for weeks
 * and must still deliver when it comes back.
 */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({ baseMs: 30_000, capMs: 6 * 60 * 60 * 1000 });

/** Upper bound of the wait before retry number `retry` (0 for the first retry). */
export function backoffCeilingMs(retry: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Math.max(0, Math.floor(retry));
  // 2 ** n overflows to Infinity for large n, which min() turns into the cap.
  return Math.min(policy.capMs, policy.baseMs * 2 ** n);
}

/** A random wait in [0, ceiling]; `random` returns values in [0, 1) like Math.random. */
export function backoffDelayMs(retry: number, random: () => number = Math.random, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.floor(r * backoffCeilingMs(retry, policy));
}
