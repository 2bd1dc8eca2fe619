import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/open';
import { openTestStore } from '../../../helpers/store';

/** Personal strings a lost laptop must never reveal. */
const PERSONAL = ['Benhamouda', 'Marie-Thérèse', 'marie.benhamouda@exemple.fr', '06 12 34 56 78', 'suivi addictologie'];

describe('encrypted store', () => {
  let store: ReturnType<typeof openTestStore>;
  afterEach(() => store.close());

  it('keeps no personal string in clear in the database file or its WAL', () => {
    store = openTestStore();
    const insert = store.sqlite.prepare('INSERT INTO setting (key, value) VALUES (?, ?)');
    PERSONAL.forEach((value, i) => insert.run(`k${i}`, value));
    expect(existsSync(`${store.file}-wal`)).toBe(true);
    for (const path of [store.file, `${store.file}-wal`]) {
      const bytes = readFileSync(path);
      for (const text of PERSONAL) {
        expect(bytes.includes(Buffer.from(text, 'utf8')), `${text} in ${path}`).toBe(false);
        expect(bytes.includes(Buffer.from(text, 'utf16le'))).toBe(false);
      }
    }
    store.sqlite.close();
    const bytes = readFileSync(store.file);
    for (const text of PERSONAL) expect(bytes.includes(Buffer.from(text, 'utf8'))).toBe(false);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('cannot be opened without the key, with another key, or by plain SQLite', () => {
    store = openTestStore();
    store.sqlite.close();
    const plain = new Database(store.file);
    expect(() => plain.prepare('SELECT * FROM setting').all()).toThrow(/not a database/);
    plain.close();
    expect(() => openDatabase(store.file, randomBytes(32))).toThrow(/ne permet pas d’ouvrir/);
    const { db } = openDatabase(store.file, store.key);
    expect(db.prepare('SELECT count(*) AS n FROM setting').get()).toEqual({ n: 0 });
    db.close();
  });

  it('opens with WAL and foreign keys on', () => {
    store = openTestStore();
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('audit log refuses updates', () => {
    store = openTestStore();
    store.sqlite
      .prepare("INSERT INTO audit_log (at, actor, action, entity) VALUES ('2026-11-23T09:00:00Z', 'cip', 'x', 'y')")
      .run();
    expect(() => store.sqlite.prepare("UPDATE audit_log SET actor = 'autre'").run()).toThrow(/append-only/);
  });
});
