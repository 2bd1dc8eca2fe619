import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { immersionTablesExist, insertBundle, insertPseudonymIfAbsent, latestBundle, readPseudonym, type StatsBundleRow } from '../../../../electron/core/repositories/stats';
import { createTestCore } from '../../../helpers/core';
import type { TestCore } from '../../../helpers/parcours';

const ROW: StatsBundleRow = {
  id: '01934f3e-0000-7000-8000-000000000001',
  period_kind: 'quarter',
  period_year: 2026,
  period_index: 2,
  revision: 1,
  catalogue_version: '2026.1',
  canonical_json: '{}',
  created_at: '2026-11-23T09:00:00.000Z',
};

describe('stats repository', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(() => core.cleanup());

  it('keeps one row per (period, revision), never rewritten, and finds the latest revision', async () => {
    const db = core.ctx.db();
    await insertBundle(db, ROW);
    await insertBundle(db, { ...ROW, id: '01934f3e-0000-7000-8000-000000000002', revision: 2 });
    await expect(insertBundle(db, { ...ROW, id: '01934f3e-0000-7000-8000-000000000003', revision: 2 })).rejects.toThrow(/UNIQUE/);
    await expect(db.updateTable('stats_bundle').set({ canonical_json: '{"x":1}' }).where('id', '=', ROW.id).execute()).rejects.toThrow(/immutable/);
    expect((await latestBundle(db, { kind: 'quarter', year: 2026, index: 2 }))?.revision).toBe(2);
    expect(await latestBundle(db, { kind: 'quarter', year: 2026, index: 3 })).toBeNull();
  });

  it('draws the structure pseudonym once: a second writer keeps the first one', async () => {
    const db = core.ctx.db();
    expect(await readPseudonym(db)).toBeNull();
    expect(await insertPseudonymIfAbsent(db, 'st_first_pseudonym')).toBe('st_first_pseudonym');
    expect(await insertPseudonymIfAbsent(db, 'st_second_pseudonym')).toBe('st_first_pseudonym');
  });

  it('sees whether the immersions feature’s tables exist', async () => {
    expect(await immersionTablesExist(core.ctx.db())).toBe(true);
    core.vault.store().sqlite.exec('DROP TABLE immersion_bilan;');
    expect(await immersionTablesExist(core.ctx.db())).toBe(false);
  });
});
