import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersionOf } from '../../../../electron/core/db/migrate';
import { openDatabase } from '../../../../electron/core/db/open';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../migrations/index';
import type { Migration } from '../../../../migrations/types';
import { openTestStore } from '../../../helpers/store';

describe('migration runner', () => {
  const stores: Array<ReturnType<typeof openTestStore>> = [];
  afterEach(() => stores.splice(0).forEach((s) => s.close()));

  it('brings a new database to the latest schema version', () => {
    const store = openTestStore();
    stores.push(store);
    expect(schemaVersionOf(store.sqlite)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('registry versions are strictly increasing multiples of ten', () => {
    MIGRATIONS.forEach((m, i) => {
      expect(m.version % 10).toBe(0);
      if (i > 0) expect(m.version).toBeGreaterThan(MIGRATIONS[i - 1]!.version);
    });
  });

  it('refuses a database created by a newer version, and leaves it untouched', () => {
    const store = openTestStore();
    stores.push(store);
    store.sqlite.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    store.sqlite.close();
    expect(() => openDatabase(store.file, store.key)).toThrow(/version plus récente de Jalons/);
    const again = openDatabase(store.file, store.key, { skipMigrations: true });
    expect(schemaVersionOf(again.db)).toBe(LATEST_SCHEMA_VERSION + 10);
    again.db.close();
  });

  it('applies all pending migrations in one transaction: a failure leaves the previous version intact', () => {
    const db = new Database(':memory:');
    const good: Migration = { version: 10, name: 'a', up: (d) => d.exec('CREATE TABLE a (x)') };
    const alsoGood: Migration = { version: 20, name: 'b', up: (d) => d.exec('CREATE TABLE b (x)') };
    const failing: Migration = {
      version: 30,
      name: 'c',
      up: (d) => {
        d.exec('CREATE TABLE c (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [good, alsoGood, failing])).toThrow('boom');
    expect(schemaVersionOf(db)).toBe(0);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables).toEqual([]);
    expect(migrate(db, [good, alsoGood]).applied).toEqual(['10-a', '20-b']);
    expect(schemaVersionOf(db)).toBe(20);
    db.close();
  });

  it('rejects an unordered registry', () => {
    const db = new Database(':memory:');
    const m = (version: number): Migration => ({ version, name: String(version), up: () => undefined });
    expect(() => migrate(db, [m(20), m(10)])).toThrow(/out of order/);
    db.close();
  });
});
