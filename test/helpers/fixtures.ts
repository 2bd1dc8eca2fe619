import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock, IdSource } from '../../electron/core/clock';
import type { ScryptParams } from '../../electron/core/vault/keyfile';

/** A clock that only moves when the test says so. */
export class FixedClock implements Clock {
  #now: number;
  constructor(iso = '2026-11-23T09:00:00.000Z') {
    this.#now = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.#now);
  }
  advanceSeconds(seconds: number): void {
    this.#now += seconds * 1000;
  }
}

export function sequentialIds(prefix = 'id'): IdSource {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, '0')}` };
}

/** Cheap key derivation so tests stay fast; production uses DEFAULT_SCRYPT. */
export const TEST_KDF: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'jalons-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
