import { afterEach, describe, expect, it } from 'vitest';
import { compactDatabase } from '../../../../electron/core/repositories/rgpd-purge';
import { stringsFoundIn } from '../../../helpers/sqlcipher-pages';
import { openTestStore } from '../../../helpers/store';

/** Personal strings of a deleted record, looked for in the decrypted pages of the file and its WAL. */
const GONE = ['Benhamouda Marie-Thérèse', 'suivi addictologie au CSAPA', 'marie.benhamouda@exemple.fr'];
const KEPT = 'Dupont Jean, toujours en parcours';

describe('compacting after a purge', () => {
  let store: ReturnType<typeof openTestStore>;
  afterEach(() => store.close());

  it('removes deleted texts from the file and the WAL even where SQLite only marked them free', () => {
    store = openTestStore();
    // Worst case: a build or connection without secure_delete leaves deleted cells in place.
    store.sqlite.pragma('secure_delete = OFF');
    const insert = store.sqlite.prepare('INSERT INTO setting (key, value) VALUES (?, ?)');
    GONE.forEach((text, i) => insert.run(`gone${i}`, JSON.stringify(text.repeat(50))));
    insert.run('kept', JSON.stringify(KEPT));
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.sqlite.prepare("DELETE FROM setting WHERE key LIKE 'gone%'").run();
    store.sqlite.pragma('wal_checkpoint(PASSIVE)');
    // Deleted, yet still readable in the decrypted pages (SQLite only reuses the start of a freed cell):
    // this is what the compaction is for.
    expect(stringsFoundIn(store.file, store.key, GONE).length).toBeGreaterThan(0);

    expect(compactDatabase(store.sqlite)).toEqual({ walCleared: true });
    expect(stringsFoundIn(store.file, store.key, GONE)).toEqual([]);
    expect(stringsFoundIn(store.file, store.key, [KEPT])).toEqual([KEPT]);
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM setting').get()).toEqual({ n: 1 });
  });
});
