import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync } from 'node:fs';
import { applyKey, isSqliteCode, type SqliteDatabase } from './open';

/*
 * The SQL half of backups (the file handling lives in electron/core/backup/). Only SQLite can copy and check
 * an encrypted store, and SQL belongs to the db layer.
 */

/**
 * A consistent, compacted copy of the open store. `VACUUM INTO` writes the new file through the connection's
 * cipher, so the copy is encrypted with the SAME key — unlike `db.backup()`, which SQLite3MultipleCiphers
 * refuses between an encrypted source and a keyless target. It reads one snapshot (WAL), so writers may go on.
 */
export function copyDatabaseInto(db: SqliteDatabase, target: string): void {
  db.prepare('VACUUM INTO ?').run(target);
}

export interface CopyCheck {
  /** 'ok', or SQLite's description of the damage. */
  integrity: string;
  schemaVersion: number;
}

const ALIAS = 'jalons_backup_check';

/**
 * Checks a copy through the open connection: ATTACH without KEY uses the main database's key, so a copy that
 * attaches and passes the check is proven readable with this store's key (a clear or foreign file fails).
 */
export function checkCopyWithSameKey(db: SqliteDatabase, file: string, mode: 'quick' | 'full'): CopyCheck {
  db.prepare(`ATTACH DATABASE ? AS ${ALIAS}`).run(file);
  try {
    const integrity = String(db.pragma(`${ALIAS}.${mode === 'full' ? 'integrity_check' : 'quick_check'}`, { simple: true }));
    return { integrity, schemaVersion: Number(db.pragma(`${ALIAS}.user_version`, { simple: true })) };
  } catch (error) {
    if (isSqliteCode(error, 'SQLITE_NOTADB')) return { integrity: 'clé différente ou fichier illisible', schemaVersion: -1 };
    throw error;
  } finally {
    db.prepare(`DETACH DATABASE ${ALIAS}`).run();
  }
}

/**
 * Opens a database file on its own, read-only, with a candidate key. `null` when the key does not open it
 * (another key, or not a database at all); otherwise the full integrity check and the schema version.
 */
export function inspectDatabaseFile(file: string, key: Buffer): CopyCheck | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (error) {
      if (isSqliteCode(error, 'SQLITE_NOTADB')) return null;
      throw error;
    }
    try {
      return {
        integrity: String(db.pragma('integrity_check', { simple: true })),
        schemaVersion: Number(db.pragma('user_version', { simple: true })),
      };
    } catch (error) {
      if (typeof (error as { code?: unknown }).code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test((error as { code: string }).code)) {
        return { integrity: (error as Error).message, schemaVersion: -1 };
      }
      throw error;
    }
  } finally {
    db.close();
  }
}

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True when the file starts with SQLite's clear-text header, i.e. anyone could read it. */
export function isPlainSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}
