import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { AppError } from '../../../shared/ipc/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../migrations/index';
import { migrate, type MigrationResult } from './migrate';
import type { Migration } from '../../../migrations/types';

export type SqliteDatabase = Database.Database;

export interface OpenOptions {
  create?: boolean;
  readonly?: boolean;
  migrations?: readonly Migration[];
  /** Stop at this schema version (tests of a single migration). */
  migrateUpTo?: number;
  /** Skip migrations entirely (`check` and tests that inspect an old schema). */
  skipMigrations?: boolean;
}

export interface OpenedDatabase {
  db: SqliteDatabase;
  migration: MigrationResult;
}

/** SQLCipher 4 format, so the file can be opened by standard tools given the raw key. */
export function applyKey(db: SqliteDatabase, key: Buffer): void {
  if (key.length !== 32) throw new Error('database key must be 32 bytes');
  db.pragma("cipher='sqlcipher'");
  db.pragma('legacy=4');
  // https://www.zetetic.net/sqlcipher/sqlcipher-api/#key : a blob literal is used as the raw key (no KDF).
  db.pragma(`key="x'${key.toString('hex')}'"`);
}

/**
 * The one open sequence: key → WAL → foreign_keys → quick integrity check → migrations.
 * Throws AppError with a French message on a wrong key, corruption or a too-new schema.
 */
export function openDatabase(file: string, key: Buffer, options: OpenOptions = {}): OpenedDatabase {
  const exists = existsSync(file);
  if (!exists && !options.create) {
    throw new AppError('NOT_FOUND', `Aucune base de données Jalons à l’emplacement ${file}.`);
  }
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    applyKey(db, key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      if (isSqliteCode(error, 'SQLITE_NOTADB')) {
        throw new AppError('WRONG_PASSPHRASE', 'La clé ne permet pas d’ouvrir cette base de données.');
      }
      throw error;
    }
    if (!options.readonly) db.pragma('journal_mode = WAL');
    // FULL: a write acknowledged to the user survives a power cut, not only a crash (batteries die).
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      throw new AppError('CORRUPT', 'La base de données est endommagée. Restaurez la dernière sauvegarde.');
    }
    const migration = options.skipMigrations || options.readonly
      ? { from: 0, to: 0, applied: [] }
      : migrate(db, options.migrations ?? MIGRATIONS, options.migrateUpTo);
    return { db, migration };
  } catch (error) {
    db.close();
    throw error;
  }
}

export function isSqliteCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}

export { LATEST_SCHEMA_VERSION };

/** `PRAGMA optimize` before close, as SQLite recommends for long-lived connections. */
export function closeDatabase(db: SqliteDatabase): void {
  if (!db.open) return;
  try {
    db.pragma('optimize');
  } finally {
    db.close();
  }
}

export interface HealthReport {
  integrity: string;
  schemaVersion: number;
}

/** Full integrity check (slower than the quick check run at every open). */
export function checkHealth(db: SqliteDatabase): HealthReport {
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  return { integrity, schemaVersion: db.pragma('user_version', { simple: true }) as number };
}
