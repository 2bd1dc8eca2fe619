import type { BackupKind } from '../../../shared/ipc/backups';

/**
 * Which backups to keep: the newest of each of the last 7 days, 4 ISO weeks and 12 months that have one
 * (the classic grandfather-father-son scheme, counted like restic's --keep-daily/weekly/monthly), plus the
 * 2 latest pre-migration backups, which are kept apart so a same-day backup never pushes out the copy taken
 * just before a schema update. Buckets use UTC so the plan does not depend on the machine's time zone.
 * Pure: no clock, no file system.
 */
export const RETENTION = { daily: 7, weekly: 4, monthly: 12, preMigration: 2 } as const;
export type Retention = { daily: number; weekly: number; monthly: number; preMigration: number };

export interface RotationItem {
  file: string;
  createdAt: string;
  kind: BackupKind;
}

export interface RotationPlan {
  /** Newest first. */
  keep: string[];
  remove: string[];
}

function dayKey(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function monthKey(d: Date): string {
  return d.toISOString().slice(0, 7);
}

/** ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday), e.g. `2026-W48`. */
export function isoWeekKey(d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** `-2` in `…-manuelle-2.db`: a second backup within the same millisecond (fixed clocks, quick double clicks). */
function attemptOf(file: string): number {
  const m = /-(\d+)\.db$/.exec(file);
  return m ? Number(m[1]) : 1;
}

/**
 * Newest first; at the same instant the later attempt first (by number: `-10` after `-9`), then by name, so the
 * order never depends on how files were listed — and the backup just written is never taken for an older one.
 */
export function compareNewestFirst(a: { file: string; createdAt: string }, b: { file: string; createdAt: string }): number {
  const byTime = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (byTime !== 0) return byTime;
  const byAttempt = attemptOf(b.file) - attemptOf(a.file);
  if (byAttempt !== 0) return byAttempt;
  return a.file < b.file ? 1 : a.file > b.file ? -1 : 0;
}

function newestFirst(items: readonly RotationItem[]): RotationItem[] {
  return [...items].sort(compareNewestFirst);
}

function keepPerBucket(sorted: readonly RotationItem[], bucket: (d: Date) => string, count: number, kept: Set<string>): void {
  let last: string | null = null;
  let taken = 0;
  for (const item of sorted) {
    if (taken >= count) return;
    const key = bucket(new Date(item.createdAt));
    if (key === last) continue;
    last = key;
    kept.add(item.file);
    taken += 1;
  }
}

export function planRotation(items: readonly RotationItem[], retention: Retention = RETENTION): RotationPlan {
  const sorted = newestFirst(items);
  const regular = sorted.filter((i) => i.kind !== 'avant-migration');
  const kept = new Set<string>();
  keepPerBucket(regular, dayKey, retention.daily, kept);
  keepPerBucket(regular, isoWeekKey, retention.weekly, kept);
  keepPerBucket(regular, monthKey, retention.monthly, kept);
  for (const item of sorted.filter((i) => i.kind === 'avant-migration').slice(0, retention.preMigration)) kept.add(item.file);
  return {
    keep: sorted.filter((i) => kept.has(i.file)).map((i) => i.file),
    remove: sorted.filter((i) => !kept.has(i.file)).map((i) => i.file),
  };
}
