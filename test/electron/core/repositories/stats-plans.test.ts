import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../../electron/core/db/schema';
import { generateDemo } from '../../../../electron/core/demo/generate';
import { loadStatsRecords } from '../../../../electron/core/repositories/stats';
import { periodRange } from '../../../../shared/indicators/period';
import { createTestCore } from '../../../helpers/core';

/*
 * How the statistics read a year (migration 0130): on a large group's store every page read is decrypted, so a
 * whole-table scan of formations or immersions, or the wide rows of contracts and sorties, cost more than the
 * computation itself. The plans SQLite chooses for the repository's very queries are checked here.
 */
describe('statistics loading plans', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  const queries: CompiledQuery[] = [];

  beforeAll(async () => {
    core = await createTestCore();
    await generateDemo({ store: core.vault.store(), clock: core.clock, actor: 'test' }, { salaries: 300, seed: 11, today: '2026-11-23', departement: '59', immersionsPerSalarie: 0.5 });
    const sqlite = core.vault.store().sqlite;
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => void queries.push(event.query) });
    const records = await loadStatsRecords(db, periodRange({ kind: 'year', year: 2025, index: 1 }));
    expect(records.persons.length).toBeGreaterThan(50);
    expect(records.formations.length).toBeGreaterThan(0);
    expect(records.immersions?.length ?? 0).toBeGreaterThan(0);
  });
  afterAll(() => core.cleanup());

  const plan = (q: CompiledQuery): string[] =>
    (core.vault.store().sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);

  it('never reads a whole table of the parcours row by row', () => {
    // A scan through a covering index reads only the index's narrow pages; a bare SCAN reads every row.
    const scans = queries
      .filter((q) => !/from "(annexe_financiere|sqlite_master)"/i.test(q.sql) && !/sqlite_master/.test(q.sql))
      .flatMap((q) => plan(q).filter((line) => /^SCAN \w+$/.test(line)).map((line) => `${line} — ${q.sql.slice(0, 80)}`));
    expect(scans).toEqual([]);
  });

  it('reads formations, immersions, contracts and the salariés through covering indexes', () => {
    const lines = queries.flatMap(plan);
    for (const index of ['formation_stats', 'immersion_stats', 'contract_stats', 'salarie_stats']) {
      expect(lines.some((line) => line.includes(`COVERING INDEX ${index}`)), index).toBe(true);
    }
    // The few soft-deleted salariés come from their own small index, not from the salarie rows.
    expect(lines.filter((line) => line.includes('salarie_deleted')).length, 'salarie_deleted').toBeGreaterThanOrEqual(3);
  });
});
