import { copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../../migrations/index';
import { AppError } from '../../../shared/ipc/errors';
import { inspectDatabaseFile } from '../db/backup';
import {
  keyFilePathFor,
  readKeyFile,
  sameBytes,
  unwrapWithPassphrase,
  unwrapWithRecoveryCode,
  writeKeyFile,
  type KeyFile,
} from '../vault/keyfile';
import { fsyncDirectory, fsyncFile, moveIfExists, removeIfExists } from './files';
import { asideFileFor } from './names';

export type RestoreSecret = { passphrase: string } | { recoveryCode: string };

export interface RestoreRequest {
  databaseFile: string;
  backupFile: string;
  secret: RestoreSecret;
  now: Date;
  /** Replace an existing data file (kept aside). The CLI asks for --force; the app asks for a confirmation. */
  force: boolean;
  /** Unwrapped keys by key-file path, shared across the backups tried by one `restoreLatest`. */
  keyCache?: Map<string, Buffer | null>;
  /** Called once the backup is verified and copied, right before the files are swapped (closes the store). */
  beforeReplace?: () => void;
}

export interface RestoreOutcome {
  /** `<data file>.avant-restauration-<date>`, or null when there was no data file. */
  previousFile: string | null;
  /** True when the backup's own key file was installed: the passphrase of that day opens Jalons from now on. */
  passphraseOfBackup: boolean;
  schemaVersion: number;
}

function readKeyFileOrNull(path: string): KeyFile | null {
  try {
    return readKeyFile(path);
  } catch {
    return null;
  }
}

async function unwrapOnce(path: string, secret: RestoreSecret, cache: Map<string, Buffer | null>): Promise<Buffer | null> {
  if (cache.has(path)) return cache.get(path)!;
  const file = readKeyFileOrNull(path);
  const key = !file ? null : 'passphrase' in secret ? await unwrapWithPassphrase(file, secret.passphrase) : await unwrapWithRecoveryCode(file, secret.recoveryCode);
  cache.set(path, key);
  return key;
}

/**
 * Restores a backup file over the data file, verifying it first: the secret must unwrap a key (from the current
 * key file, so today's passphrase keeps working, or from the backup's key file copy) that opens the backup; the
 * backup must pass the full integrity check and not come from a newer Jalons. Only then is the current file
 * moved aside (with its -wal/-shm and a copy of its key file) and the verified copy renamed into place.
 * Returns 'wrong-secret' when the secret opens nothing; throws CORRUPT / TOO_NEW / CONFLICT otherwise.
 * Nothing is changed unless the restore completes up to the final renames.
 */
export async function restoreBackupFile(request: RestoreRequest): Promise<RestoreOutcome | 'wrong-secret'> {
  if (request.keyCache) return restoreWithCache(request, request.keyCache);
  const cache = new Map<string, Buffer | null>();
  try {
    return await restoreWithCache(request, cache);
  } finally {
    wipeKeyCache(cache);
  }
}

async function restoreWithCache(request: RestoreRequest, cache: Map<string, Buffer | null>): Promise<RestoreOutcome | 'wrong-secret'> {
  const { databaseFile, backupFile } = request;
  if (!existsSync(backupFile)) throw new AppError('NOT_FOUND', `Sauvegarde introuvable : ${backupFile}.`);
  const currentKeyPath = keyFilePathFor(databaseFile);
  const backupKeyPath = keyFilePathFor(backupFile);
  const candidates: Array<{ source: 'current' | 'backup'; key: Buffer }> = [];
  const currentKey = await unwrapOnce(currentKeyPath, request.secret, cache);
  if (currentKey) candidates.push({ source: 'current', key: currentKey });
  const backupKey = await unwrapOnce(backupKeyPath, request.secret, cache);
  if (backupKey && !(currentKey && sameBytes(currentKey, backupKey))) candidates.push({ source: 'backup', key: backupKey });
  if (candidates.length === 0) return 'wrong-secret';

  let chosen: { source: 'current' | 'backup'; key: Buffer; schemaVersion: number } | null = null;
  for (const candidate of candidates) {
    const check = inspectDatabaseFile(backupFile, candidate.key);
    if (!check) continue;
    if (check.integrity !== 'ok') {
      throw new AppError('CORRUPT', 'Cette sauvegarde est endommagée (vérification d’intégrité échouée) : elle n’a pas été restaurée.');
    }
    if (check.schemaVersion > LATEST_SCHEMA_VERSION) {
      throw new AppError(
        'TOO_NEW',
        `Cette sauvegarde vient d’une version plus récente de Jalons (schéma ${check.schemaVersion}, cette version connaît ${LATEST_SCHEMA_VERSION}) : installez la dernière version avant de la restaurer.`,
      );
    }
    if (check.schemaVersion < 1) throw new AppError('CORRUPT', 'Ce fichier n’est pas une sauvegarde Jalons : il n’a pas été restauré.');
    chosen = { ...candidate, schemaVersion: check.schemaVersion };
    break;
  }
  if (!chosen) {
    if (backupKey) {
      throw new AppError('CORRUPT', 'Cette sauvegarde ne correspond pas au fichier de clé copié avec elle : elle n’a pas été restaurée.');
    }
    return 'wrong-secret';
  }

  const exists = existsSync(databaseFile);
  const aside = asideFileFor(databaseFile, request.now);
  if (exists && !request.force) {
    throw new AppError(
      'CONFLICT',
      `${databaseFile} existe déjà : relancez avec --force pour le remplacer (il sera conservé sous ${aside}).`,
    );
  }
  mkdirSync(dirname(databaseFile), { recursive: true });
  const incoming = `${databaseFile}.restauration-en-cours`;
  removeIfExists(incoming);
  try {
    copyFileSync(backupFile, incoming);
    fsyncFile(incoming);
  } catch (error) {
    removeIfExists(incoming);
    throw error;
  }
  request.beforeReplace?.();
  // Keep the replaced store whole: its WAL holds committed writes, and a stale WAL must never meet the restored file.
  if (exists) renameSync(databaseFile, aside);
  moveIfExists(`${databaseFile}-wal`, `${aside}-wal`);
  moveIfExists(`${databaseFile}-shm`, `${aside}-shm`);
  if (existsSync(currentKeyPath)) copyFileSync(currentKeyPath, keyFilePathFor(aside));
  renameSync(incoming, databaseFile);
  fsyncDirectory(databaseFile);
  if (chosen.source === 'backup') {
    const copy = readKeyFile(backupKeyPath)!;
    writeKeyFile(currentKeyPath, { ...copy, failures: { count: 0, lastAt: null } });
  }
  return {
    previousFile: exists ? aside : null,
    passphraseOfBackup: chosen.source === 'backup',
    schemaVersion: chosen.schemaVersion,
  };
}

/** Wipes the keys a restore unwrapped. */
export function wipeKeyCache(cache: Map<string, Buffer | null>): void {
  for (const key of cache.values()) key?.fill(0);
  cache.clear();
}
