import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { HubDB } from './schema';

export type HubDialectKind = 'sqlite' | 'postgres';

export interface HubDatabase {
  readonly db: Kysely<HubDB>;
  readonly kind: HubDialectKind;
  /** Where the data lives, for messages (never the password). */
  readonly description: string;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'hub.sqlite';

export interface OpenHubDatabaseOptions {
  /** The hub's data folder (SQLite file, receipt key). */
  readonly dataDir: string;
  /** `postgres://…`: PostgreSQL instead of the embedded SQLite file. */
  readonly databaseUrl?: string | undefined;
  /** PostgreSQL pool size. */
  readonly poolSize?: number;
}

/**
 * Opens the hub database without migrating it (see migrate.ts). SQLite: a plain file in the
 * data folder — the hub only holds anonymised tables; disk encryption is the host's job — in
 * WAL mode with synchronous=FULL, because a receipt promises the bundle is durably stored.
 */
export function openHubDatabase(options: OpenHubDatabaseOptions): HubDatabase {
  if (options.databaseUrl) {
    const url = new URL(options.databaseUrl);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      throw new Error(`Adresse de base de données non prise en charge : ${url.protocol} (postgres:// attendu).`);
    }
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the hub; the next query reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<HubDB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'postgres',
      description: `PostgreSQL ${url.hostname}:${url.port || '5432'}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = join(options.dataDir, SQLITE_FILE);
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<HubDB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, kind: 'sqlite', description: `SQLite ${file}`, close: () => db.destroy() };
}

/** A unique or primary-key constraint refused the write (both dialects). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
