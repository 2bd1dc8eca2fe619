import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../../electron/core/db/schema';
import { generateDemo } from '../../../../electron/core/demo/generate';
import { alertActions, alertContracts, alertOpenFreins } from '../../../../electron/core/repositories/alert-inputs';
import { createTestCore } from '../../../helpers/core';

/*
 * What the alert rules read for a page of the caseload or a dashboard (migration 0140): open freins, open and
 * exit-preparation actions, and contracts come from covering indexes — the rows themselves are not visited.
 */
describe('alert inputs plans', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  const queries: CompiledQuery[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    core = await createTestCore();
    await generateDemo({ store: core.vault.store(), clock: core.clock, actor: 'test' }, { salaries: 200, seed: 5, today: '2026-11-23', departement: '59' });
    const sqlite = core.vault.store().sqlite;
    ids = sqlite.prepare('SELECT id FROM salarie ORDER BY id LIMIT 50').pluck().all() as string[];
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => void queries.push(event.query) });
    expect((await alertOpenFreins(db, ids)).length).toBeGreaterThan(0);
    expect((await alertActions(db, ids)).length).toBeGreaterThan(0);
    expect((await alertContracts(db, ids)).length).toBeGreaterThan(0);
  });
  afterAll(() => core.cleanup());

  const plan = (q: CompiledQuery): string =>
    (core.vault.store().sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join(' | ');

  it('reads open freins, alerting actions and contracts from their covering indexes only', () => {
    const [freins, actions, contracts] = queries.map(plan);
    expect(freins).toContain('COVERING INDEX frein_open');
    expect(actions).toContain('COVERING INDEX action_alert_inputs');
    expect(contracts).toContain('COVERING INDEX contract_stats');
  });
});
