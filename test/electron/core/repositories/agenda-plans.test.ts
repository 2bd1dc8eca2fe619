import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../../../electron/core/db/schema';
import { generateDemo } from '../../../../electron/core/demo/generate';
import { listAgendaEntretiens } from '../../../../electron/core/repositories/agenda';
import { listAgendaEvaluations } from '../../../../electron/core/repositories/immersions';
import { createTestCore } from '../../../helpers/core';

/*
 * One CIP's week (migration 0140): the entretiens and the immersions' evaluations are found from the CIP's
 * salariés — their ids read from the index by référent — never from every entretien or evaluation of the week.
 */
describe('agenda plans for one CIP', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  const queries: CompiledQuery[] = [];

  beforeAll(async () => {
    core = await createTestCore();
    await generateDemo({ store: core.vault.store(), clock: core.clock, actor: 'test' }, { salaries: 200, seed: 3, today: '2026-11-23', departement: '59', immersionsPerSalarie: 1 });
    const sqlite = core.vault.store().sqlite;
    const referentId = sqlite.prepare('SELECT referent_id FROM salarie WHERE referent_id IS NOT NULL GROUP BY referent_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => void queries.push(event.query) });
    const week = { from: '2026-11-23', to: '2026-11-29', referentId };
    await listAgendaEntretiens(db, week);
    await listAgendaEvaluations(db, week);
  });
  afterAll(() => core.cleanup());

  const plan = (q: CompiledQuery): string =>
    (core.vault.store().sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail).join(' | ');

  it('starts from the CIP’s salariés, whose ids come from the index by référent', () => {
    const [entretiens, evaluations] = queries.map(plan);
    for (const p of [entretiens, evaluations]) {
      expect(p).toContain('COVERING INDEX salarie_referent');
      expect(p).not.toMatch(/entretien_date|immersion_evaluation_date|SCAN/);
    }
    expect(evaluations).toContain('immersion_salarie');
  });
});
