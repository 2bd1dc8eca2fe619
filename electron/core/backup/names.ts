import { basename, join } from 'node:path';
import type { BackupKind } from '../../../shared/ipc/backups';

/*
 * Backup file names carry everything the list needs while the store is locked (or damaged):
 * `<store>-<UTC time>-<kind>[-n].db`, e.g. `jalons-2026-11-23T09-00-00-000Z-auto.db`, with its key file copy
 * beside it under the vault's own naming (`….db.keys.json`), so a backup is itself an openable store.
 */

const KINDS: readonly BackupKind[] = ['auto', 'manuelle', 'avant-migration'];
const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/;

/** `jalons.db` → `jalons`: the prefix that tells this store's backups from another's in a shared folder. */
export function storeStem(databaseFile: string): string {
  return basename(databaseFile).replace(/\.(db|sqlite|sqlite3)$/i, '') || 'jalons';
}

/** Colons are not allowed in Windows file names: `2026-11-23T09:00:00.000Z` → `2026-11-23T09-00-00-000Z`. */
export function stampOf(date: Date): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

function stampToIso(stamp: string): string | null {
  const m = STAMP.exec(stamp);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

export function backupFileName(databaseFile: string, at: Date, kind: BackupKind, attempt = 1): string {
  return `${storeStem(databaseFile)}-${stampOf(at)}-${kind}${attempt > 1 ? `-${attempt}` : ''}.db`;
}

export interface ParsedBackupName {
  file: string;
  createdAt: string;
  kind: BackupKind;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The backup this file name denotes, or null for anything else in the folder. */
export function parseBackupName(databaseFile: string, file: string): ParsedBackupName | null {
  const pattern = new RegExp(
    `^${escapeRegExp(storeStem(databaseFile))}-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z)-(${KINDS.join('|')})(?:-\\d+)?\\.db$`,
  );
  const m = pattern.exec(file);
  if (!m) return null;
  const createdAt = stampToIso(m[1]!);
  if (!createdAt) return null;
  return { file, createdAt, kind: m[2] as BackupKind };
}

/** A file being written: never listed, removed by the next backup if a crash left it behind. */
export const PARTIAL_SUFFIX = '.partiel';

/** Where the replaced data file is kept by a restore. */
export function asideFileFor(databaseFile: string, at: Date): string {
  return `${databaseFile}.avant-restauration-${stampOf(at)}`;
}

export function pathIn(folder: string, file: string): string {
  return join(folder, file);
}
