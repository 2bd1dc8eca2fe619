import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../../../electron/core/demo/generate';
import { foldForSearch } from '../../../../shared/domain/text';
import { createTestCore } from '../../../helpers/core';
import { call, type TestCore } from '../../../helpers/parcours';

/*
 * The query shapes changed for a large group's store (deferred join for deep pages, one pass for a search's
 * count, agenda of one CIP from her salariés, alert inputs limited to what the rules read): they must give the
 * same answers as the plain reading of the data.
 */

let core: TestCore;
const TODAY = '2026-11-23';

beforeAll(async () => {
  core = await createTestCore();
  // The demo's "today" is the test clock's day.
  await generateDemo({ store: core.vault.store(), clock: core.clock, actor: 'test' }, { salaries: 400, seed: 7, today: TODAY, departement: '59', referents: 8 });
}, 120_000);
afterAll(() => core.cleanup());

function all<T>(sql: string, ...params: unknown[]): T[] {
  return core.vault.store().sqlite.prepare(sql).all(...params) as T[];
}

describe('the caseload list on many salariés', () => {
  it('pages through the whole list by name without gap nor repeat, whatever the offset', async () => {
    const expected = all<{ id: string }>('SELECT id FROM salarie WHERE deleted_at IS NULL ORDER BY search_key, id').map((r) => r.id);
    const seen: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 37) {
      const page = await call(core, 'salaries.list', { status: 'tous', offset, limit: 37 });
      expect(page.total).toBe(expected.length);
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual(expected);
    // Another sort and a status filter use the same deferred page.
    const byEntry = all<{ id: string }>(
      "SELECT id FROM salarie WHERE deleted_at IS NULL AND status = 'en_parcours' ORDER BY entry_date DESC NULLS LAST, search_key, id LIMIT 20 OFFSET 100",
    ).map((r) => r.id);
    const page = await call(core, 'salaries.list', { status: 'en_parcours', sort: 'entree', offset: 100, limit: 20 });
    expect(page.rows.map((r) => r.id)).toEqual(byEntry);
  });

  it('counts a search in the same pass as its page, and still when the page is past the end', async () => {
    const { last_name: name } = all<{ last_name: string }>("SELECT last_name FROM salarie WHERE status = 'en_parcours' GROUP BY last_name ORDER BY count(*) DESC LIMIT 1")[0]!;
    const prefix = name.slice(0, 3);
    const first = await call(core, 'salaries.list', { query: prefix, limit: 5 });
    const everyone = await call(core, 'salaries.list', { query: prefix, limit: 500 });
    expect(first.total).toBe(everyone.rows.length);
    expect(first.rows).toEqual(everyone.rows.slice(0, 5));
    const beyond = await call(core, 'salaries.list', { query: prefix, offset: 1000, limit: 5 });
    expect(beyond).toEqual({ total: first.total, rows: [] });
  });
});

describe('one CIP among many', () => {
  it('shows her week in the agenda, and only hers', async () => {
    const referents = all<{ id: string }>('SELECT id FROM referent ORDER BY id');
    expect(referents).toHaveLength(8);
    for (const { id } of referents.slice(0, 3)) {
      const events = await call(core, 'agenda.range', { from: TODAY, to: '2026-11-29', referentId: id });
      const expected = all<{ id: string }>(
        `SELECT e.id FROM entretien e JOIN salarie s ON s.id = e.salarie_id
          WHERE s.referent_id = ? AND e.date BETWEEN ? AND ? AND e.status IN ('planifie', 'tenu') ORDER BY e.id`,
        id,
        TODAY,
        '2026-11-29',
      ).map((r) => r.id);
      expect(events.filter((e) => e.source === 'entretien').map((e) => e.id).sort()).toEqual(expected);
    }
  });

  it('lists the planned appointments of the week on her dashboard, with the same alerts as her caseload list', async () => {
    const id = all<{ id: string }>('SELECT id FROM referent ORDER BY id')[0]!.id;
    const dashboard = await call(core, 'dashboard.get', { referentId: id });
    const monday = '2026-11-23';
    const planned = all<{ id: string }>(
      `SELECT e.id FROM entretien e JOIN salarie s ON s.id = e.salarie_id
        WHERE s.referent_id = ? AND e.date BETWEEN ? AND '2026-11-29' AND e.status = 'planifie' ORDER BY e.id`,
      id,
      monday,
    ).map((r) => r.id);
    const evaluations = await call(core, 'agenda.range', { from: monday, to: '2026-11-29', referentId: id });
    const plannedEvaluations = evaluations.filter((e) => e.source === 'evaluation_immersion' && e.status === 'planifie').map((e) => e.id);
    expect(dashboard.appointments.map((a) => a.id).sort()).toEqual([...planned, ...plannedEvaluations].sort());
    // Alerts read from the open actions and open freins only: the same as the list computes for each salarié.
    const list = await call(core, 'salaries.list', { status: 'tous', referentId: id, limit: 500 });
    const perSalarie = new Map<string, number>();
    for (const alert of (await call(core, 'dashboard.get', { referentId: id })).alerts) perSalarie.set(alert.salarieId, (perSalarie.get(alert.salarieId) ?? 0) + 1);
    expect(list.rows.reduce((n, r) => n + r.alertCount, 0)).toBe(dashboard.alertTotal);
    for (const [salarieId, count] of perSalarie) {
      if (dashboard.alertTotal <= 50) expect(list.rows.find((r) => r.id === salarieId)?.alertCount).toBe(count);
    }
  });
});

describe('alerts of a page read from the open records only', () => {
  it('gives each row of the list the alerts its fiche shows (read from every record)', async () => {
    // Salariés with open freins that have actions, and exit-preparation actions: the inputs the list narrows.
    const ids = all<{ id: string }>(
      `SELECT DISTINCT f.salarie_id AS id FROM frein f JOIN frein_action fa ON fa.frein_id = f.id JOIN salarie s ON s.id = f.salarie_id
        WHERE f.status IN ('identified', 'in_progress') AND s.deleted_at IS NULL ORDER BY f.salarie_id LIMIT 25`,
    ).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(10);
    const list = await call(core, 'salaries.list', { status: 'tous', limit: 500 });
    let withAlerts = 0;
    for (const id of ids) {
      const fiche = await call(core, 'salaries.get', { id });
      const row = list.rows.find((r) => r.id === id);
      expect(row, id).toBeDefined();
      expect(row!.alertCount, id).toBe(fiche.alerts.length);
      if (fiche.alerts.length > 0) withAlerts += 1;
    }
    expect(withAlerts).toBeGreaterThan(0);
  });
});

describe('the immersions list on many immersions', () => {
  const rank = (status: string) => (status === 'en_cours' ? 0 : status === 'terminee' || status === 'annulee' ? 2 : 1);
  const phases = { toutes: null, en_cours: ['en_cours'], a_venir: ['brouillon', 'convention_a_signer', 'signee'], terminees: ['terminee', 'annulee'] } as const;

  it('pages each phase in SQL in the order of the plain reading: in progress, planned, then finished latest first', async () => {
    const rows = all<{ id: string; status: string; start_date: string | null }>(
      'SELECT i.id, i.status, i.start_date FROM immersion i JOIN salarie s ON s.id = i.salarie_id WHERE s.deleted_at IS NULL',
    );
    for (const [phase, statuses] of Object.entries(phases)) {
      const expected = rows
        .filter((r) => statuses === null || (statuses as readonly string[]).includes(r.status))
        .sort((a, b) => {
          const byRank = rank(a.status) - rank(b.status);
          if (byRank !== 0) return byRank;
          const ad = a.start_date ?? '9999-12-31';
          const bd = b.start_date ?? '9999-12-31';
          const byDate = rank(a.status) === 2 ? (bd < ad ? -1 : bd > ad ? 1 : 0) : ad < bd ? -1 : ad > bd ? 1 : 0;
          return byDate || (a.id < b.id ? -1 : 1);
        })
        .map((r) => r.id);
      expect(expected.length, phase).toBeGreaterThan(0);
      const seen: string[] = [];
      for (let offset = 0; offset < expected.length; offset += 97) {
        const page = await call(core, 'immersions.list', { phase: phase as keyof typeof phases, offset, limit: 97 });
        expect(page.total, phase).toBe(expected.length);
        seen.push(...page.rows.map((r) => r.id));
      }
      expect(seen, phase).toEqual(expected);
      expect(await call(core, 'immersions.list', { phase: phase as keyof typeof phases, offset: expected.length + 5, limit: 10 })).toEqual({ total: expected.length, rows: [] });
    }
  });

  it('orders a text search (read and sorted in JS) as the SQL page', async () => {
    const referentId = all<{ id: string }>('SELECT id FROM referent ORDER BY id')[0]!.id;
    const paged = await call(core, 'immersions.list', { referentId, limit: 500 });
    expect(paged.total).toBeGreaterThan(3);
    const text = (r: (typeof paged.rows)[number]) => foldForSearch(`${r.salarieName} ${r.hostName ?? ''} ${r.romeLabel ?? ''} ${r.romeCode ?? ''}`);
    // A word of the first host's name: shared by several rows, not by all.
    const word = foldForSearch(paged.rows.find((r) => r.hostName)!.hostName!).split(/\s+/).sort((a, b) => b.length - a.length)[0]!;
    const searched = await call(core, 'immersions.list', { referentId, query: word, limit: 500 });
    const expected = paged.rows.filter((r) => text(r).includes(word));
    expect(searched.total).toBe(expected.length);
    expect(searched.rows).toEqual(expected);
  });
});
