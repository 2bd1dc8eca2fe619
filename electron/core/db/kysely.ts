import { Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver } from 'kysely';
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
    super({ database: db });
    this.#db = db;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#db.inTransaction) await super.rollbackTransaction(connection);
  }
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
