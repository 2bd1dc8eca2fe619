/**
 * UUIDv7 (RFC 9562): 48-bit Unix milliseconds, version 7, 12 bits `rand_a`, variant `10`,
 * 62 bits `rand_b`. Pure: the caller injects the clock and the random bytes (e.g. from
 * `crypto.getRandomValues`), so tests are reproducible and this module needs no platform API.
 *
 * The generator is monotonic within one process (RFC 9562 §6.2 method 1): when the clock does
 * not advance — or goes backwards — `rand_a` is used as a counter on the last timestamp.
 */

export const UUID_V7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const MAX_TIMESTAMP = 2 ** 48 - 1;

export function isUuidV7(s: string): boolean {
  return UUID_V7_PATTERN.test(s);
}

/** Milliseconds since the Unix epoch encoded in a UUIDv7. */
export function uuidV7Timestamp(uuid: string): number {
  if (!isUuidV7(uuid)) throw new RangeError(`not a UUIDv7: ${uuid}`);
  return parseInt(uuid.slice(0, 8) + uuid.slice(9, 13), 16);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * Formats a UUIDv7 from a timestamp, a 12-bit `rand_a` and at least 8 random bytes for `rand_b`
 * (only their low 62 bits are used).
 */
export function formatUuidV7(unixMs: number, randA: number, randB: Uint8Array): string {
  if (!Number.isSafeInteger(unixMs) || unixMs < 0 || unixMs > MAX_TIMESTAMP) {
    throw new RangeError(`UUIDv7 timestamp out of range: ${unixMs}`);
  }
  if (randB.length < 8) throw new RangeError('UUIDv7 needs 8 random bytes for rand_b');
  const b = Array.from(randB.subarray(0, 8));
  const timeHex = hex(unixMs, 12);
  const variantByte = ((b[0] ?? 0) & 0x3f) | 0x80;
  const tail = [variantByte, ...b.slice(1)].map((x) => hex(x, 2)).join('');
  return `${timeHex.slice(0, 8)}-${timeHex.slice(8, 12)}-7${hex(randA & 0xfff, 3)}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`;
}

export interface UuidV7Sources {
  /** Current time in Unix milliseconds. */
  readonly now: () => number;
  /** `n` cryptographically random bytes. */
  readonly randomBytes: (n: number) => Uint8Array;
}

/** Returns a function producing strictly increasing UUIDv7 strings. */
export function createUuidV7Generator(sources: UuidV7Sources): () => string {
  let lastMs = -1;
  let counter = 0;
  return () => {
    const now = Math.floor(sources.now());
    const bytes = sources.randomBytes(10);
    if (bytes.length < 10) throw new RangeError('randomBytes returned too few bytes');
    if (now > lastMs) {
      lastMs = now;
      // Seed the counter in the lower half so several ids fit in one millisecond.
      counter = (((bytes[8] ?? 0) << 8) | (bytes[9] ?? 0)) & 0x7ff;
    } else {
      counter++;
      if (counter > 0xfff) {
        lastMs++;
        counter = 0;
      }
    }
    return formatUuidV7(lastMs, counter, bytes.subarray(0, 8));
  };
}
