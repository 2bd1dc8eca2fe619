import { randomUUID } from 'node:crypto';

/** Injected everywhere time or identifiers matter, so tests run on a fixed clock with deterministic ids. */
export interface Clock {
  now(): Date;
}

export interface IdSource {
  next(): string;
}

export const systemClock: Clock = { now: () => new Date() };
export const randomIds: IdSource = { next: () => randomUUID() };

/** The calendar date where the user is (local time), as `YYYY-MM-DD`. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
