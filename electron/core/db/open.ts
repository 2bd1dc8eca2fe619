import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync } from 'node:fs';
import { AppError } from '../../../shared/ipc/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../migrations/index';
import { migrate, pendingMigrations, schemaVersionOf, type MigrationResult } from './migrate';
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
  /**
   * Called when an existing store is about to be migrated, before any change: the vault backs the file up
   * here. Throwing aborts the open with the store untouched.
   */
  beforeMigrate?: (db: SqliteDatabase, migration: { from: number; to: number }) => void;
  /**
   * The integrity check at open. 'bounded' (default): `PRAGMA quick_check` when the file is at most
   * QUICK_CHECK_MAX_BYTES. 'none': a job worker's connection (the main thread's open already checked).
   */
  integrityCheck?: 'bounded' | 'none';
  /**
   * false: this connection's commits never copy the WAL back into the file (a job worker's: it calls
   * checkpointPassive after answering, so the copy is not part of the wait). Default true (SQLite's 1000 pages).
   */
  autoCheckpoint?: boolean;
}

/**
 * quick_check reads and decrypts every page: about 8 ms of CPU per MB here (33 s for the 4 GB store of a
 * large group — unlocking took longer than the auto-lock delay allows). Above this size it is not run at
 * unlock: damage is still caught when a page is read (SQLITE_CORRUPT), and by the daily backup, whose
 * VACUUM INTO reads every page and whose copy gets a quick check (every page read and authenticated).
 */
export const QUICK_CHECK_MAX_BYTES = 64 * 2 ** 20;

/** Decrypted page cache per connection, in KiB (at most; see openDatabase). */
export const PAGE_CACHE_KIB = 128 * 1024;

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
 * The one open sequence: key → WAL → foreign_keys → quick integrity check (bounded, see QUICK_CHECK_MAX_BYTES) → migrations.
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
    // Every page read from the file is decrypted (AES + HMAC): SQLite's default 2 MB cache made a large store
    // decrypt the same pages again and again (a page deep in a 100 000-row list took 1.5–2 s, 0.13 s with this).
    // The cache grows only as pages are used; sorts stay in memory rather than in temporary files.
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    db.pragma('temp_store = MEMORY');
    if (options.autoCheckpoint === false) db.pragma('wal_autocheckpoint = 0');
    const bytes = Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));
    if ((options.integrityCheck ?? 'bounded') === 'bounded' && bytes <= QUICK_CHECK_MAX_BYTES) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') {
        throw new AppError('CORRUPT', 'La base de données est endommagée. Restaurez la dernière sauvegarde.');
      }
    }
    const migrations = options.migrations ?? MIGRATIONS;
    if (exists && options.beforeMigrate && !options.skipMigrations && !options.readonly) {
      const from = schemaVersionOf(db);
      const pending = pendingMigrations(migrations, from, options.migrateUpTo);
      if (from > 0 && pending.length > 0) options.beforeMigrate(db, { from, to: pending[pending.length - 1]!.version });
    }
    const migration = options.skipMigrations || options.readonly
      ? { from: 0, to: 0, applied: [] }
      : migrate(db, migrations, options.migrateUpTo);
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
    optimizeDatabase(db);
  } finally {
    db.close();
  }
}

/** `PRAGMA optimize` (may ANALYZE, a write). Best effort: a full disk or a read-only file (query_only) must not fail the caller. */
export function optimizeDatabase(db: SqliteDatabase): void {
  try {
    db.pragma('optimize');
  } catch {
    // Nothing lost: statistics are only a hint for the query planner.
  }
}

/**
 * Copies committed pages from the WAL into the file. PASSIVE never waits for nor blocks other connections'
 * readers and writers (it stops at a page a reader still needs; the next checkpoint goes on from there).
 * Best effort: the WAL stays valid, and the connections' own checkpoints copy it later.
 */
export function checkpointPassive(db: SqliteDatabase): void {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // See above.
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

/**
 * Read-only mode after a failed write (disk full, file not writable): SQLite itself then refuses every write
 * with SQLITE_READONLY before touching the file, so nothing can be half-written while reads keep working.
 */
export function setQueryOnly(db: SqliteDatabase, on: boolean): void {
  db.pragma(`query_only = ${on ? 'ON' : 'OFF'}`);
}
