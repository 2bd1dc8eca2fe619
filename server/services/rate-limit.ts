/**
 * In-memory sliding-window limiter, per key (client address). Enough for one hub process; a
 * hub behind several processes would need a shared store (documented limitation).
 */
export class RateLimiter {
  readonly #hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Counts one attempt; returns the seconds to wait when over the limit, else 0. */
  hit(key: string): number {
    const t = this.now();
    const recent = (this.#hits.get(key) ?? []).filter((x) => x > t - this.windowMs);
    if (recent.length >= this.limit) {
      this.#hits.set(key, recent);
      return Math.max(1, Math.ceil(((recent[0] ?? t) + this.windowMs - t) / 1000));
    }
    recent.push(t);
    this.#hits.set(key, recent);
    if (this.#hits.size > 10_000) this.#sweep(t);
    return 0;
  }

  #sweep(t: number): void {
    for (const [k, v] of this.#hits) if (v.every((x) => x <= t - this.windowMs)) this.#hits.delete(k);
  }
}
