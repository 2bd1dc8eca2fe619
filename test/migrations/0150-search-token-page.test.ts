import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../migrations/index';

type TokenRow = { token: string; salarie_id: string; status: string | null; search_key: string | null; live: number };

function salarie(db: Database.Database, id: string, searchKey: string, status: string, deletedAt: string | null = null): void {
  db.prepare(
    `INSERT INTO salarie (id, last_name, first_name, search_key, status, created_at, updated_at, deleted_at)
     VALUES (?, ?, 'X', ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', ?)`,
  ).run(id, searchKey, searchKey, status, deletedAt);
}

const tokens = (db: Database.Database): TokenRow[] =>
  db.prepare('SELECT token, salarie_id, status, search_key, live FROM salarie_search_token ORDER BY token, salarie_id').all() as TokenRow[];

describe('migration 0150: the search tokens carry their salarié’s status, sort key and liveness', () => {
  it('fills the copies of an existing store, then keeps them in step through triggers', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS, 140);
    salarie(db, 'a', 'dupont marie', 'en_parcours');
    salarie(db, 'b', 'durand paul', 'sorti');
    salarie(db, 'c', 'duval anne', 'en_parcours', '2026-11-01T00:00:00Z');
    const insert = db.prepare('INSERT INTO salarie_search_token (token, salarie_id) VALUES (?, ?)');
    for (const [token, id] of [['dupont', 'a'], ['marie', 'a'], ['durand', 'b'], ['duval', 'c']] as const) insert.run(token, id);

    migrate(db, MIGRATIONS);
    expect(tokens(db)).toEqual([
      { token: 'dupont', salarie_id: 'a', status: 'en_parcours', search_key: 'dupont marie', live: 1 },
      { token: 'durand', salarie_id: 'b', status: 'sorti', search_key: 'durand paul', live: 1 },
      { token: 'duval', salarie_id: 'c', status: 'en_parcours', search_key: 'duval anne', live: 0 },
      { token: 'marie', salarie_id: 'a', status: 'en_parcours', search_key: 'dupont marie', live: 1 },
    ]);

    // A token written without the copies (a rename, the RGPD purge) gets them from its salarié.
    insert.run('paul', 'b');
    expect(tokens(db).find((t) => t.token === 'paul')).toEqual({ token: 'paul', salarie_id: 'b', status: 'sorti', search_key: 'durand paul', live: 1 });
    // A change of status, name order or deletion reaches every token of the salarié.
    db.prepare("UPDATE salarie SET status = 'sorti', search_key = 'leclerc marie' WHERE id = 'a'").run();
    db.prepare("UPDATE salarie SET deleted_at = NULL WHERE id = 'c'").run();
    db.prepare("UPDATE salarie SET deleted_at = '2026-11-20T00:00:00Z' WHERE id = 'b'").run();
    expect(tokens(db).map((t) => [t.token, t.status, t.search_key, t.live])).toEqual([
      ['dupont', 'sorti', 'leclerc marie', 1],
      ['durand', 'sorti', 'durand paul', 0],
      ['duval', 'en_parcours', 'duval anne', 1],
      ['marie', 'sorti', 'leclerc marie', 1],
      ['paul', 'sorti', 'durand paul', 0],
    ]);
    db.close();
  });
});
