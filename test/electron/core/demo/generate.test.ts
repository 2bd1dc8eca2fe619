import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ageAt, federationAgeBracket } from '../../../../shared/domain/people';
import { isValidSiret } from '../../../../shared/domain/siret';
import { validateSituationAtEntry } from '../../../../shared/domain/situation';
import { generateDemo, type DemoOptions } from '../../../../electron/core/demo/generate';
import { createTestCore } from '../../../helpers/core';
import { call, type TestCore } from '../../../helpers/parcours';

const BASE: DemoOptions = { salaries: 300, seed: 42, today: '2026-11-23', departement: '59' };
const cores: TestCore[] = [];
afterEach(() => {
  for (const c of cores.splice(0)) c.cleanup();
});

async function demoCore(options: Partial<DemoOptions> = {}): Promise<TestCore> {
  const core = await createTestCore();
  cores.push(core);
  await generateDemo({ store: core.vault.store(), clock: core.clock, actor: 'test' }, { ...BASE, ...options });
  return core;
}

/** Every business table's content, ordered, hashed (the audit log and settings hold run-time facts). */
function digest(core: TestCore): string {
  const sqlite = core.vault.store().sqlite;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((t) => t.name)
    .filter((t) => t !== 'audit_log' && t !== 'setting');
  const hash = createHash('sha256');
  for (const t of tables) {
    const rows = (sqlite.prepare(`SELECT * FROM "${t}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
    hash.update(`${t}\n${rows.join('\n')}\n`);
  }
  return hash.digest('hex');
}

function all<T>(core: TestCore, sql: string): T[] {
  return core.vault.store().sqlite.prepare(sql).all() as T[];
}

describe('demo generator', () => {
  it('gives identical content for the same seed and reference day, different content for another seed', async () => {
    const a = await demoCore();
    const b = await demoCore();
    const c = await demoCore({ seed: 43 });
    expect(digest(a)).toBe(digest(b));
    expect(digest(c)).not.toBe(digest(a));
  });

  it('creates the requested number of salariés with a plausible parcours each', async () => {
    const core = await demoCore();
    const count = (sql: string) => (all<{ n: number }>(core, sql)[0] as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM salarie')).toBe(300);
    expect(count('SELECT count(*) AS n FROM situation')).toBe(300);
    expect(count('SELECT count(*) AS n FROM pass_iae')).toBe(300);
    expect(count('SELECT count(*) AS n FROM referent')).toBeGreaterThanOrEqual(3);
    expect(count('SELECT count(*) AS n FROM referent')).toBeLessThanOrEqual(6);
    expect(count('SELECT count(*) AS n FROM annexe_financiere')).toBe(7);
    // 1 to 3 contracts and 0 to 4 freins per salarié.
    expect(all<{ n: number }>(core, 'SELECT count(*) AS n FROM contract GROUP BY salarie_id').every((r) => r.n >= 1 && r.n <= 3)).toBe(true);
    expect(count('SELECT count(DISTINCT salarie_id) AS n FROM contract')).toBe(300);
    expect(all<{ n: number }>(core, 'SELECT count(*) AS n FROM frein GROUP BY salarie_id').every((r) => r.n <= 4)).toBe(true);
    const exited = count('SELECT count(*) AS n FROM sortie') / 300;
    expect(exited).toBeGreaterThan(0.4);
    expect(exited).toBeLessThan(0.7);
    const trained = count('SELECT count(DISTINCT salarie_id) AS n FROM formation') / 300;
    expect(trained).toBeGreaterThan(0.25);
    expect(trained).toBeLessThan(0.55);
    expect(count("SELECT count(*) AS n FROM action WHERE done_date IS NULL AND due_date >= '2026-11-23'")).toBeGreaterThan(0);
  });

  it('keeps the summary caches consistent with the records, as the services compute them', async () => {
    const core = await demoCore();
    const rows = all<{ status: string; exit_date: string | null; sortie_date: string | null; contract_end: string | null; last_end: string | null }>(
      core,
      `SELECT s.status, s.exit_date, so.exit_date AS sortie_date, s.contract_end,
              (SELECT c.end_date FROM contract c WHERE c.salarie_id = s.id ORDER BY c.start_date DESC LIMIT 1) AS last_end
         FROM salarie s LEFT JOIN sortie so ON so.salarie_id = s.id`,
    );
    for (const r of rows) {
      expect(r.status).toBe(r.sortie_date ? 'sorti' : 'en_parcours');
      expect(r.exit_date).toBe(r.sortie_date);
      expect(r.contract_end).toBe(r.last_end);
    }
    // Every salarié is findable by name through the real list handler.
    const first = all<{ last_name: string }>(core, 'SELECT last_name FROM salarie LIMIT 1')[0]!;
    const found = await call(core, 'salaries.list', { query: first.last_name, status: 'tous' });
    expect(found.total).toBeGreaterThan(0);
  });

  it('generates coherent situations, ages like the IAE population, and a valid SIRET', async () => {
    const core = await demoCore();
    const structure = await call(core, 'structure.get', {});
    expect(structure?.siaeKind).toBe('ACI');
    expect(isValidSiret(structure!.siret!)).toBe(true);
    const people = all<{ id: string; birth_date: string; entry_date: string }>(core, 'SELECT id, birth_date, entry_date FROM salarie ORDER BY id');
    const young = people.filter((p) => federationAgeBracket(ageAt(p.birth_date, p.entry_date)) === 'under_26').length / people.length;
    expect(young).toBeGreaterThan(0.12);
    expect(young).toBeLessThan(0.32);
    expect(people.every((p) => ageAt(p.birth_date, p.entry_date) >= 18 && ageAt(p.birth_date, p.entry_date) <= 64)).toBe(true);
    // The fiches open through the real handlers, with situations the ASP would accept.
    for (const p of people.slice(0, 25)) {
      const fiche = await call(core, 'salaries.get', { id: p.id });
      expect(validateSituationAtEntry(fiche.situation!)).toEqual([]);
      expect(fiche.parcours.passIae).not.toBeNull();
    }
  });

  it('generates a valid SIRET for every seed tried, and another SIAE kind on request', async () => {
    for (const seed of [1, 2, 3]) {
      const core = await demoCore({ seed, salaries: 5, siaeKind: 'AI' });
      const structure = await call(core, 'structure.get', {});
      expect(isValidSiret(structure!.siret!)).toBe(true);
      expect(structure!.siaeKind).toBe('AI');
      expect(all<{ kind: string }>(core, 'SELECT DISTINCT kind FROM contract').map((r) => r.kind)).toEqual(['FIXED_TERM_USAGE']);
    }
  });

  it('refuses to fill a store that already holds data', async () => {
    const core = await demoCore({ salaries: 3 });
    await expect(generateDemo({ store: core.vault.store(), clock: core.clock, actor: 'test' }, BASE)).rejects.toThrow(/base vide/);
  });
});
