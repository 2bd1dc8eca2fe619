import { existsSync, mkdirSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { BackupInfo, BackupKind } from '../../../shared/ipc/backups';
import { AppError } from '../../../shared/ipc/errors';
import { checkCopyWithSameKey, copyDatabaseInto, isPlainSqliteFile } from '../db/backup';
import type { SqliteDatabase } from '../db/open';
import { keyFilePathFor, readKeyFile, writeKeyFile } from '../vault/keyfile';
import { fsyncDirectory, fsyncFile, removeIfExists } from './files';
import { listBackups } from './list';
import { backupFileName, PARTIAL_SUFFIX, parseBackupName, pathIn, storeStem } from './names';
import { planRotation } from './rotation';

export type Progress = (done: number, total: number | null, label: string) => void;

export interface CreateBackupRequest {
  /** An open connection to the store (the job worker's own, or the vault's before a migration). */
  db: SqliteDatabase;
  databaseFile: string;
  kind: BackupKind;
  now: Date;
  /**
   * 'quick' (quick_check: every page read, authenticated and its b-tree walked) for the daily and pre-migration
   * backups; 'full' (integrity_check: also every index entry against its row) when asked for explicitly.
   */
  check: 'quick' | 'full';
  /** Into the rotation folder… */
  folder?: string;
  /** …or to exactly this file (`jalons backup --out`), without rotation. */
  target?: string;
  progress?: Progress;
}

export interface CreatedBackup {
  path: string;
  info: BackupInfo;
  schemaVersion: number;
  /** Backups deleted by the rotation. */
  removed: string[];
}

const STEPS = 3;

/**
 * One encrypted backup: copy (VACUUM INTO, same key) to a `.partiel` file → fsync → refuse a clear-text file →
 * integrity check through the store's key → copy of the key file (so the passphrase of that day restores it)
 * → atomic rename → rotation. A crash at any point leaves at most a `.partiel` file, never a listed half-backup.
 */
export function createBackup(request: CreateBackupRequest): CreatedBackup {
  const progress = request.progress ?? (() => undefined);
  const keyFile = readKeyFile(keyFilePathFor(request.databaseFile));
  if (!keyFile) throw new AppError('NOT_SET_UP', 'Le fichier de clé de Jalons est introuvable : la sauvegarde ne pourrait pas être restaurée.');
  if (request.target) mkdirSync(dirname(request.target), { recursive: true });
  const target = request.target ?? uniqueTarget(request);
  const partial = `${target}${PARTIAL_SUFFIX}`;
  try {
    if (!request.target && request.folder) removeStalePartials(request.folder, request.databaseFile);
    progress(0, STEPS, 'Copie chiffrée de la base');
    removeIfExists(partial);
    copyDatabaseInto(request.db, partial);
    fsyncFile(partial);
    if (isPlainSqliteFile(partial)) {
      throw new AppError('INTERNAL', 'La copie de sauvegarde n’était pas chiffrée : elle a été supprimée.');
    }
    progress(1, STEPS, 'Vérification de la copie');
    const check = checkCopyWithSameKey(request.db, partial, request.check);
    if (check.integrity !== 'ok') {
      throw new AppError('CORRUPT', 'La copie de sauvegarde n’a pas passé la vérification d’intégrité : elle a été supprimée. Vos données ne sont pas touchées.');
    }
    progress(2, STEPS, 'Rangement de la sauvegarde');
    // The key copy first: a listed backup always has its key file beside it.
    writeKeyFile(keyFilePathFor(target), { ...keyFile, failures: { count: 0, lastAt: null } });
    renameSync(partial, target);
    fsyncDirectory(target);
    const removed = request.target ? [] : rotate(request.folder!, request.databaseFile);
    progress(STEPS, STEPS, 'Sauvegarde terminée');
    const parsed = parseBackupName(request.databaseFile, basename(target));
    return {
      path: target,
      schemaVersion: check.schemaVersion,
      removed,
      info: {
        file: basename(target),
        createdAt: parsed?.createdAt ?? request.now.toISOString(),
        kind: parsed?.kind ?? request.kind,
        sizeBytes: statSync(target).size,
        hasKeyFile: true,
      },
    };
  } catch (error) {
    removeIfExists(partial);
    throw asBackupError(error);
  }
}

function uniqueTarget(request: CreateBackupRequest): string {
  if (!request.folder) throw new Error('createBackup needs a folder or a target');
  mkdirSync(request.folder, { recursive: true });
  for (let attempt = 1; ; attempt += 1) {
    const path = pathIn(request.folder, backupFileName(request.databaseFile, request.now, request.kind, attempt));
    if (!existsSync(path) && !existsSync(`${path}${PARTIAL_SUFFIX}`)) return path;
  }
}

/** Left behind by a crash during an earlier backup. */
function removeStalePartials(folder: string, databaseFile: string): void {
  const stem = `${storeStem(databaseFile)}-`;
  for (const name of readdirSync(folder)) {
    if (name.startsWith(stem) && name.endsWith(PARTIAL_SUFFIX)) removeIfExists(pathIn(folder, name));
  }
}

/** Applies the retention plan; removes each dropped backup with its key file copy. */
export function rotate(folder: string, databaseFile: string): string[] {
  const plan = planRotation(listBackups(folder, databaseFile));
  for (const file of plan.remove) {
    const path = pathIn(folder, file);
    removeIfExists(keyFilePathFor(path));
    if (existsSync(path)) unlinkSync(path);
  }
  return plan.remove;
}

/** File-system failures of the backup folder become French errors that say the data itself is untouched. */
export function asBackupError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return new AppError('DISK_FULL', 'Le disque du dossier de sauvegarde est plein : la sauvegarde n’a pas été faite. Vos données ne sont pas touchées.');
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
    return new AppError('READ_ONLY', 'Jalons ne peut pas écrire dans le dossier de sauvegarde : choisissez-en un autre dans Paramètres. Vos données ne sont pas touchées.');
  }
  return error;
}
