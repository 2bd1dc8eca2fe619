import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDatabase as KyselySqliteDatabase, type SqliteStatement } from 'kysely';
import type { SqliteDatabase } from './open';
import type { DB } from './schema';

/**
 * After SQLITE_FULL (and some I/O errors) SQLite has already rolled the whole transaction back. Kysely's
 * ROLLBACK would then fail with "no transaction is active" and that error would replace the real one, so a
 * full disk would surface as an unexpected error instead of DISK_FULL. Roll back only what is still open.
 */
class RollbackOnlyIfOpenDriver extends SqliteDriver {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    super({ database: withStatementCache(db) });
    this.#db = db;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#db.inTransaction) await super.rollbackTransaction(connection);
  }
}

/** Statements kept per connection (by SQL text, most recently used). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable, and a salarié's fiche runs fifteen
 * queries (preparing them was ~15 % of its CPU on a large store). The recent ones are kept by SQL text. Safe
 * because nothing streams (Kysely's `stream()` would leave a statement busy) and SQLite re-prepares a statement
 * by itself after a schema change.
 */
function withStatementCache(db: SqliteDatabase): KyselySqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = db.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

class JalonsSqliteDialect extends SqliteDialect {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    super({ database: db });
    this.#db = db;
  }

  override createDriver(): Driver {
    return new RollbackOnlyIfOpenDriver(this.#db);
  }
}

export function createKysely(db: SqliteDatabase): Kysely<DB> {
  return new Kysely<DB>({ dialect: new JalonsSqliteDialect(db) });
}
