import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createKysely } from '../../electron/core/db/kysely';
import { openDatabase, type OpenOptions } from '../../electron/core/db/open';
import { tempDir } from './fixtures';

/** A real encrypted SQLite file in a temp folder, migrated (or stopped at a version). */
export function openTestStore(options: OpenOptions = {}) {
  const temp = tempDir();
  const file = join(temp.dir, 'jalons.db');
  const key = randomBytes(32);
  const { db: sqlite } = openDatabase(file, key, { create: true, ...options });
  const db = createKysely(sqlite);
  return {
    file,
    key,
    sqlite,
    db,
    reopen(more: OpenOptions = {}) {
      sqlite.close();
      const { db: again } = openDatabase(file, key, more);
      return again;
    },
    close() {
      if (sqlite.open) sqlite.close();
      temp.cleanup();
    },
  };
}
