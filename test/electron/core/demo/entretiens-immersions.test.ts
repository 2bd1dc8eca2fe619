import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { isValidSiret } from '../../../../shared/domain/siret';
import { generateDemo, type DemoOptions } from '../../../../electron/core/demo/generate';
import { scaledDataset } from '../../../../electron/core/demo/scale';
import { foreignKeyViolations } from '../../../../electron/core/repositories/bulk-demo';
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

function all<T>(core: TestCore, sql: string): T[] {
  return core.vault.store().sqlite.prepare(sql).all() as T[];
}

function count(core: TestCore, sql: string): number {
  return (all<{ n: number }>(core, sql)[0] as { n: number }).n;
}

const NEW_TABLES = /^(organisation|contact|entretien.*|grid_template.*|immersion.*)$/;

/** The tables earlier versions wrote, without the last_entretien_date cache (which entretiens now fill). */
function digestOfEarlierKinds(core: TestCore): string {
  const sqlite = core.vault.store().sqlite;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((t) => t.name)
    .filter((t) => t !== 'audit_log' && t !== 'setting' && !NEW_TABLES.test(t));
  const hash = createHash('sha256');
  for (const t of tables) {
    const rows = (sqlite.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[])
      .map((r) => {
        const { last_entretien_date: _cache, ...rest } = r;
        // Entretien next steps are `action` rows with their own id code; the earlier kinds' actions have no source.
        return t === 'action' && r.source_type === 'entretien' ? null : JSON.stringify(rest);
      })
      .filter((r): r is string => r !== null)
      .sort();
    hash.update(`${t}\n${rows.join('\n')}\n`);
  }
  return hash.digest('hex');
}

describe('demo generator: partners, entretiens, immersions', () => {
  it('leaves every record of the earlier kinds unchanged for the same seed', async () => {
    const without = await demoCore({ entretiensPerSalarie: 0, immersionsPerSalarie: 0, partners: 0 });
    const withNew = await demoCore();
    expect(count(without, 'SELECT count(*) AS n FROM entretien')).toBe(0);
    expect(count(withNew, 'SELECT count(*) AS n FROM entretien')).toBeGreaterThan(0);
    expect(digestOfEarlierKinds(withNew)).toBe(digestOfEarlierKinds(without));
  });

  it('writes a consistent store: no foreign key broken, caches as the services compute them', async () => {
    const core = await demoCore();
    expect(foreignKeyViolations(core.vault.store().sqlite)).toEqual([]);
    // last_entretien_date is the latest held entretien, as entretiens.refreshLastEntretien writes it.
    const mismatched = count(
      core,
      `SELECT count(*) AS n FROM salarie s
        WHERE s.last_entretien_date IS NOT (SELECT max(e.date) FROM entretien e WHERE e.salarie_id = s.id AND e.status = 'tenu')`,
    );
    expect(mismatched).toBe(0);
    // Most people in parcours were seen in the last four weeks: the "no entretien" alert is the exception.
    const seen = count(core, "SELECT count(*) AS n FROM salarie WHERE status = 'en_parcours' AND last_entretien_date >= '2026-10-26'");
    const inParcours = count(core, "SELECT count(*) AS n FROM salarie WHERE status = 'en_parcours'");
    expect(seen / inParcours).toBeGreaterThan(0.6);
  });

  it('generates a partners directory with valid SIRETs, NAF codes and active contacts', async () => {
    const core = await demoCore();
    const orgs = all<{ kind: string; siret: string; naf_code: string }>(core, 'SELECT kind, siret, naf_code FROM organisation');
    expect(orgs.length).toBeGreaterThanOrEqual(24);
    expect(orgs.every((o) => isValidSiret(o.siret) && /^\d{2}\.\d{2}[A-Z]$/.test(o.naf_code))).toBe(true);
    expect(new Set(orgs.map((o) => o.kind))).toEqual(new Set(['entreprise', 'association', 'organisme_public', 'siae', 'prescripteur', 'organisme_formation']));
    expect(count(core, 'SELECT count(*) AS n FROM organisation o WHERE NOT EXISTS (SELECT 1 FROM contact c WHERE c.organisation_id = o.id AND c.active = 1)')).toBe(0);
  });

  it('generates entretiens with a realistic share of tripartite ones, third parties from the directory, objectives and next steps', async () => {
    const core = await demoCore();
    const total = count(core, 'SELECT count(*) AS n FROM entretien');
    expect(total / 300).toBeGreaterThan(5);
    expect(total / 300).toBeLessThan(12);
    const tripartite = count(core, "SELECT count(*) AS n FROM entretien WHERE kind = 'tripartite'") / total;
    expect(tripartite).toBeGreaterThan(0.1);
    expect(tripartite).toBeLessThan(0.35);
    // Held tripartites have a third party from the directory.
    const heldTripartite = count(core, "SELECT count(*) AS n FROM entretien WHERE kind = 'tripartite' AND status = 'tenu'");
    const withThird = count(
      core,
      `SELECT count(DISTINCT e.id) AS n FROM entretien e JOIN entretien_participant p ON p.entretien_id = e.id
        JOIN organisation o ON o.id = p.organisation_id WHERE e.kind = 'tripartite' AND e.status = 'tenu'`,
    );
    expect(withThird).toBe(heldTripartite);
    expect(count(core, 'SELECT count(*) AS n FROM entretien_objective')).toBeGreaterThan(0);
    expect(count(core, "SELECT count(*) AS n FROM action WHERE source_type = 'entretien' AND source_id IN (SELECT id FROM entretien)")).toBe(
      count(core, "SELECT count(*) AS n FROM action WHERE source_type = 'entretien'"),
    );
    expect(count(core, "SELECT count(*) AS n FROM entretien WHERE status = 'planifie' AND date > '2026-11-23'")).toBeGreaterThan(0);
    // A tripartite opens through the real handler, with its warnings computed (complete: no warning about participants).
    const id = all<{ id: string }>(core, "SELECT id FROM entretien WHERE kind = 'tripartite' AND status = 'tenu' AND link_type IS NULL LIMIT 1")[0]!.id;
    const view = await call(core, 'entretiens.get', { id, includeNotes: false });
    expect(view.participants.map((p) => p.role).slice(0, 2)).toEqual(['salarie', 'referent']);
    expect(view.warnings.filter((w) => w.code === 'TRIPARTITE_INCOMPLETE')).toEqual([]);
  });

  it('generates immersions with their grid, evaluations and bilan, following the dates', async () => {
    const core = await demoCore({ immersionsPerSalarie: 1 });
    const immersions = count(core, 'SELECT count(*) AS n FROM immersion');
    expect(immersions / 300).toBeGreaterThan(0.5);
    // Started ones have a grid copied from a stored template version; finished ones mostly a bilan.
    expect(count(core, "SELECT count(*) AS n FROM immersion i WHERE i.status IN ('en_cours', 'terminee') AND NOT EXISTS (SELECT 1 FROM immersion_grid g WHERE g.immersion_id = i.id)")).toBe(0);
    expect(count(core, "SELECT count(*) AS n FROM immersion WHERE status = 'terminee' AND end_date >= '2026-11-23'")).toBe(0);
    expect(count(core, "SELECT count(*) AS n FROM immersion WHERE status = 'en_cours' AND NOT ('2026-11-23' BETWEEN start_date AND end_date)")).toBe(0);
    expect(count(core, 'SELECT count(*) AS n FROM immersion_bilan') / count(core, "SELECT count(*) AS n FROM immersion WHERE status = 'terminee'")).toBeGreaterThan(0.7);
    expect(count(core, "SELECT count(*) AS n FROM immersion_evaluation WHERE status = 'realisee' AND date > '2026-11-23'")).toBe(0);
    expect(count(core, 'SELECT count(*) AS n FROM immersion_rating')).toBeGreaterThan(0);
    // Each immersion's tripartites are linked to it.
    expect(count(core, "SELECT count(*) AS n FROM entretien WHERE link_type = 'immersion' AND link_id NOT IN (SELECT id FROM immersion)")).toBe(0);
    const finished = all<{ id: string }>(core, "SELECT i.id FROM immersion i JOIN immersion_bilan b ON b.immersion_id = i.id WHERE b.status = 'COMPLETED' LIMIT 3");
    for (const { id } of finished) {
      const view = await call(core, 'immersions.get', { id, includeNotes: false });
      expect(view.grid?.items.length).toBeGreaterThan(0);
      expect(view.bilan?.status).toBe('COMPLETED');
      expect(view.steps.find((s) => s.step === 'premier_tripartite')?.record?.type).toBe('entretien');
    }
  });

  it('reaches the benchmark counts per salarié at the full-dataset rates', async () => {
    const { rates } = scaledDataset(0.003);
    const core = await demoCore(rates);
    const per = (table: string) => count(core, `SELECT count(*) AS n FROM ${table}`) / 300;
    expect(per('entretien')).toBeGreaterThan(8.5);
    expect(per('entretien')).toBeLessThan(11.5);
    expect(per('immersion')).toBeGreaterThan(1.6);
    expect(per('immersion')).toBeLessThan(2.4);
    expect(per('frein')).toBeGreaterThan(2.6);
    expect(per('frein')).toBeLessThan(3.4);
    expect(foreignKeyViolations(core.vault.store().sqlite)).toEqual([]);
  });
});
