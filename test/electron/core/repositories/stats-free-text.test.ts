import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../../../electron/core/db/schema';
import { loadStatsRecords } from '../../../../electron/core/repositories/stats';
import { createTestCore } from '../../../helpers/core';
import { call, type TestCore } from '../../../helpers/parcours';
import { arrangeRichSalarie, arrangeStructure, type RichSalarie } from '../../../helpers/rgpd-fixture';

/**
 * Columns holding names, contact details or free text (schema as of the immersions migration).
 * The statistics loader must never select them: what it never reads it cannot leak.
 */
const FREE_TEXT_COLUMNS = [
  'last_name',
  'first_name',
  'birth_name',
  'search_key',
  'phone',
  'email',
  'confidential_note',
  'commune_insee',
  'details',
  'note',
  'notes',
  'partner',
  'reason_explanation',
  'title',
  'organisme',
  'decisions',
  'place_detail',
  'missed_reason',
  'display_name',
  'text',
  'conditions',
  'schedule_note',
  'place',
  'activities',
  'cancel_reason',
  'evaluators',
  'salarie_opinion',
  'host_opinion',
  'comment',
  'establishment_feedback',
  'establishment_advices',
  'beneficiary_feedback',
  'next_steps_note',
  'situation',
  'owner',
  'token',
];

describe('statistics records loader', () => {
  let core: TestCore;
  let rich: RichSalarie;
  beforeEach(async () => {
    core = await createTestCore();
    const referentId = await arrangeStructure(core);
    rich = await arrangeRichSalarie(core, referentId);
    await call(core, 'salaries.revealConfidential', { id: rich.id });
  });
  afterEach(() => core.cleanup());

  it('selects no free-text column and returns none of the stored texts', async () => {
    const statements: string[] = [];
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: core.vault.store().sqlite }),
      log: (event) => {
        if (event.level === 'query') statements.push(event.query.sql);
      },
    });
    const records = await loadStatsRecords(db, { start: '2019-01-01', end: '2021-12-31' });
    expect(records.persons.map((p) => p.id)).toEqual([rich.id]);
    expect(records.freins.length).toBe(2);

    const text = JSON.stringify(records);
    for (const s of rich.all) expect(text, s).not.toContain(s);

    const selected = statements.filter((s) => /^\s*select/i.test(s));
    expect(selected.length).toBeGreaterThan(4);
    for (const statement of selected) {
      // Only the select list: `situation` is also a table name, used in FROM.
      const list = statement.slice(0, statement.search(/\sfrom\s/i));
      for (const column of FREE_TEXT_COLUMNS) {
        expect(new RegExp(`(^|[\\s,."])${column}"?(\\s|,|$)`).test(list), `${column} in: ${list}`).toBe(false);
      }
    }
  });
});
