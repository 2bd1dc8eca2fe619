import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * A migration is frozen in time: raw SQL against the connection, never the app's current types.
 * The runner wraps all pending migrations in one transaction.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}
