import type { Kysely } from 'kysely';
import type { HubDialectKind } from '../dialect';

/**
 * A hub migration: numbered, append-only, written with Kysely's schema builder so the same
 * code runs on SQLite and PostgreSQL; `dialect` only picks a column type where the two differ.
 */
export interface HubMigration {
  readonly version: number;
  readonly name: string;
  // The schema is being built: no typed tables yet.
  up(db: Kysely<any>, dialect: HubDialectKind): Promise<void>;
}
