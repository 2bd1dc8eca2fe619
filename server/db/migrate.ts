import { sql, type Kysely } from 'kysely';
import type { HubDatabase } from './dialect';
import { HUB_MIGRATIONS } from './migrations/index';
import type { HubMigration } from './migrations/types';
import type { HubDB } from './schema';

export class HubSchemaTooNewError extends Error {
  override readonly name = 'HubSchemaTooNewError';
}

export interface HubMigrationResult {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly string[];
}

/**
 * Applies every pending migration in one transaction (both dialects have transactional DDL), so
 * the database is either fully migrated or untouched. A database written by a newer hub is
 * refused. On PostgreSQL an advisory lock serialises hubs starting at the same time.
 */
export async function migrateHub(
  hub: Pick<HubDatabase, 'db' | 'kind'>,
  migrations: readonly HubMigration[] = HUB_MIGRATIONS,
): Promise<HubMigrationResult> {
  for (let i = 1; i < migrations.length; i += 1) {
    if ((migrations[i]?.version ?? 0) <= (migrations[i - 1]?.version ?? 0)) throw new Error('hub migrations out of order');
  }
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  return hub.db.transaction().execute(async (trx) => {
    if (hub.kind === 'postgres') await sql`select pg_advisory_xact_lock(727274001)`.execute(trx);
    await trx.schema
      .createTable('hub_schema_version')
      .ifNotExists()
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    const row = await trx.selectFrom('hub_schema_version').select('version').where('id', '=', 1).executeTakeFirst();
    const from = row?.version ?? 0;
    if (from > latest) {
      throw new HubSchemaTooNewError(
        `Cette base du siège a été créée par une version plus récente de Jalons (schéma ${from}, cette version connaît ${latest}). Mettez le serveur à jour.`,
      );
    }
    const pending = migrations.filter((m) => m.version > from);
    for (const m of pending) await m.up(trx as unknown as Kysely<any>, hub.kind);
    if (pending.length > 0) {
      if (row === undefined) await trx.insertInto('hub_schema_version').values({ id: 1, version: latest }).execute();
      else await trx.updateTable('hub_schema_version').set({ version: latest }).where('id', '=', 1).execute();
    }
    return { from, to: pending.length > 0 ? latest : from, applied: pending.map((m) => `${m.version}-${m.name}`) };
  });
}

/** The schema version a database is at (0 when empty). */
export async function hubSchemaVersion(db: Kysely<HubDB>): Promise<number> {
  try {
    const row = await db.selectFrom('hub_schema_version').select('version').where('id', '=', 1).executeTakeFirst();
    return row?.version ?? 0;
  } catch {
    return 0;
  }
}
