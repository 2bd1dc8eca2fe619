import { Kysely, SqliteDialect } from 'kysely';
import type { SqliteDatabase } from './open';
import type { DB } from './schema';

export function createKysely(db: SqliteDatabase): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: db }) });
}
