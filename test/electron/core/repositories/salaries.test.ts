import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  insertSalarie,
  listAlertCandidates,
  listSalaries,
  replaceSearchTokens,
  updateSalarie,
  type AlertFilterDates,
  type SalarieListFilter,
} from '../../../../electron/core/repositories/salaries';
import { searchKeyFor, searchTokensFor } from '../../../../electron/core/services/salarie-summary';
import { openTestStore } from '../../../helpers/store';

type Store = ReturnType<typeof openTestStore>;

const DATES: AlertFilterDates = {
  today: '2026-11-23',
  passHorizon: '2027-01-22',
  contractHorizon: '2026-12-23',
  entretienCutoff: '2026-10-26',
  exitPreparationHorizon: '2027-05-23',
  exitPreparationMonths: 6,
  freinCutoff: '2026-09-28',
};

const BASE: SalarieListFilter = { words: [], status: 'tous', referentId: null, siaeKind: null, alerts: null, sort: 'nom', offset: 0, limit: 100 };

async function add(store: Store, id: string, lastName: string, firstName: string, birthName: string | null = null, caches: Record<string, unknown> = {}) {
  await insertSalarie(store.db, {
    id,
    last_name: lastName,
    first_name: firstName,
    birth_name: birthName,
    sex: null,
    birth_date: null,
    search_key: searchKeyFor(lastName, firstName),
    entry_date: '2026-01-05',
    referent_id: null,
    created_at: 'x',
    updated_at: 'x',
    commune_insee: null,
    qpv: 0,
    zrr: 0,
    phone: null,
    email: null,
    confidential_note: null,
  });
  await replaceSearchTokens(store.db, id, searchTokensFor(lastName, firstName, birthName));
  if (Object.keys(caches).length > 0) await updateSalarie(store.db, id, caches);
}

async function ids(store: Store, filter: Partial<SalarieListFilter>): Promise<string[]> {
  return (await listSalaries(store.db, { ...BASE, ...filter })).rows.map((r) => r.id);
}

describe('salaries repository (real encrypted SQLite)', () => {
  let store: Store;
  beforeEach(() => {
    store = openTestStore();
  });
  afterEach(() => store.close());

  it('prefix-matches every word against the tokens with index ranges', async () => {
    await add(store, 'a', 'N’Diaye', 'Aïssatou', 'Sow');
    await add(store, 'b', 'Diallo', 'Marie-Thérèse');
    await add(store, 'c', 'Dia', 'Zoé');
    // N’Diaye gives the tokens "n" and "diaye".
    expect(await ids(store, { words: ['dia'] })).toEqual(['c', 'b', 'a']);
    expect(await ids(store, { words: ['n'] })).toEqual(['a']);
    expect(await ids(store, { words: ['ndiaye'] })).toEqual([]);
    expect(await ids(store, { words: ['diaye', 'aiss'] })).toEqual(['a']);
    expect(await ids(store, { words: ['so'] })).toEqual(['a']);
    expect(await ids(store, { words: ['therese', 'dia'] })).toEqual(['b']);
    // "%" and "_" are plain characters here, not LIKE wildcards.
    expect(await ids(store, { words: ['%'] })).toEqual([]);
    expect(await ids(store, { words: ['_'] })).toEqual([]);

    await replaceSearchTokens(store.db, 'c', searchTokensFor('Durand', 'Zoé', null));
    expect(await ids(store, { words: ['dia'] })).toEqual(['b', 'a']);
  });

  it('uses the token primary key for the search (no table scan of tokens)', async () => {
    const plan = store.sqlite
      .prepare(`EXPLAIN QUERY PLAN SELECT salarie_id FROM salarie_search_token WHERE token >= ? AND token < ?`)
      .all('mar', 'mar\u{10FFFF}') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH salarie_search_token USING (PRIMARY KEY|COVERING INDEX)/);
  });

  it('sorts by end of PASS and end of contract with empty dates last, and never lists deleted salariés', async () => {
    await add(store, 'a', 'Alpha', 'A', null, { pass_end: '2027-05-01', contract_end: null });
    await add(store, 'b', 'Bravo', 'B', null, { pass_end: null, contract_end: '2026-12-31' });
    await add(store, 'c', 'Charlie', 'C', null, { pass_end: '2026-12-01', contract_end: '2027-06-30' });
    await add(store, 'd', 'Delta', 'D', null, { pass_end: '2026-01-01', deleted_at: '2026-11-01T00:00:00.000Z' });
    expect(await ids(store, { sort: 'fin_pass' })).toEqual(['c', 'a', 'b']);
    expect(await ids(store, { sort: 'fin_contrat' })).toEqual(['b', 'c', 'a']);
    expect((await listSalaries(store.db, BASE)).total).toBe(3);
  });

  it('pre-filters salariés that may have an alert, from the caches only', async () => {
    await add(store, 'pass-soon', 'A', 'a', null, { pass_end: '2027-01-10', siae_kind: 'ACI', contract_end: '2027-06-30', last_entretien_date: '2026-11-20' });
    await add(store, 'pass-later', 'B', 'b', null, { pass_end: '2027-06-10', siae_kind: 'ACI', contract_end: '2027-06-30', last_entretien_date: '2026-11-20' });
    await add(store, 'contract-soon', 'C', 'c', null, { pass_end: '2027-06-10', siae_kind: 'ACI', contract_end: '2026-12-15', last_entretien_date: '2026-11-20' });
    await add(store, 'old-entretien', 'D', 'd', null, { pass_end: '2027-06-10', siae_kind: 'ACI', contract_end: '2027-06-30', last_entretien_date: '2026-09-01' });
    await add(store, 'no-contract', 'E', 'e', null, {});
    await add(store, 'exited', 'F', 'f', null, { pass_end: '2026-12-01', siae_kind: 'ACI', contract_end: '2026-12-01', exit_date: '2026-11-01', status: 'sorti' });
    await add(store, 'overdue', 'G', 'g', null, { exit_date: '2026-11-01', status: 'sorti' });
    await store.db
      .insertInto('action')
      .values({ id: 'x', salarie_id: 'overdue', label: 'Suivi', kind: 'suivi', owner: null, due_date: '2026-11-02', done_date: null, source_type: null, source_id: null, created_at: 'x' })
      .execute();
    await add(store, 'frein', 'H', 'h', null, {});
    await store.db
      .insertInto('frein')
      .values({ id: 'f', salarie_id: 'frein', kind: 'housing', status: 'identified', identified_date: '2026-06-01', closed_date: null, details: null, created_at: 'x', updated_at: 'x' })
      .execute();

    const expected = ['contract-soon', 'frein', 'old-entretien', 'overdue', 'pass-soon'];
    expect((await listAlertCandidates(store.db, DATES, null)).map((r) => r.id).sort()).toEqual(expected);
    expect((await ids(store, { alerts: DATES })).sort()).toEqual(expected);
    expect((await ids(store, { alerts: DATES, status: 'en_parcours' })).sort()).toEqual(['contract-soon', 'frein', 'old-entretien', 'pass-soon']);
  });
});
