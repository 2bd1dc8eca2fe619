/**
 * The federation report from the database (both dialects): only current revisions count, the
 * masks follow the aggregation, labels come from the catalogue, CSV for spreadsheets.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { coordsKey } from '../../shared/stats/index';
import { NATIONAL, NON_VENTILE, aggregate } from '../../server/services/aggregate';
import { listAudit } from '../../server/repositories/audit';
import { listVintages, vintageCells } from '../../server/repositories/vintages';
import { buildReport, loadPeriodContributions, loadPreviousVintage, reportCsv, type HubReport } from '../../server/services/report';
import { submitEnvelope } from '../../server/services/submission';
import { YEAR_2026, envelopeText, makeBundle, type TestDevice } from './bundles';
import { enrolTestDevice, forEachDialect, openTestHub, type TestHub } from './helpers';

function tableOf(report: HubReport, level: string, id: string) {
  return report.levels.find((l) => l.level === level)?.tables.find((t) => t.id === id);
}

forEachDialect('federation report', (dialect) => {
  let hub: TestHub;
  const devices: TestDevice[] = [];
  let revised: TestDevice;

  beforeAll(async () => {
    hub = await openTestHub(dialect);
    const send = async (d: TestDevice, b: ReturnType<typeof makeBundle>) => {
      const out = await submitEnvelope(hub.ctx, { body: Buffer.from(envelopeText(b, d)), client: 'test' });
      expect(out.status).toBe(201);
    };
    for (let i = 0; i < 9; i += 1) {
      const d = await enrolTestDevice(hub, { regionCode: '53', name: `Bretagne ${i}` });
      devices.push(d);
      await send(d, makeBundle(d, { seed: 500 + i, size: 60 + 17 * i }));
    }
    for (let i = 0; i < 2; i += 1) {
      const d = await enrolTestDevice(hub, { regionCode: '94', name: `Corse ${i}` });
      devices.push(d);
      await send(d, makeBundle(d, { seed: 600 + i, size: 70 }));
    }
    // One structure will revise its figures (see below): only its revision 2 may count then.
    revised = devices[0]!;
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  it('aggregates the current bundles: national and each region, labels from the catalogue or codes, flags on every cell', async () => {
    const report = await buildReport(hub.ctx, { period: YEAR_2026 });
    expect(report).toMatchObject({ format: 'jalons-hub-report/1', periodKey: '2026-Y1', periodLabel: 'Année 2026', audit: { passed: true } });
    expect(report.levels.map((l) => [l.level, l.structures])).toEqual([
      [NATIONAL, 11],
      ['53', 9],
      ['94', 2],
    ]);
    expect(report.levels[1]?.label).toBe('Bretagne (53)');
    const exits = tableOf(report, NATIONAL, 'exits.category');
    expect(exits?.contributingStructures).toBe(11);
    expect(exits?.cells.some((c) => c.nonVentile && c.coords[0] === NON_VENTILE && c.labels[0] === 'Non ventilé')).toBe(true);
    for (const level of report.levels) {
      for (const t of level.tables) {
        for (const c of t.cells) {
          expect(['V', 'A', 'B', 'D', 'N']).toContain(c.flag);
          expect(c.flag === 'V' ? typeof c.value === 'number' : c.value === null).toBe(true);
        }
      }
    }
    // Two structures in Corse: no non-zero figure of theirs can be published.
    const corse = report.levels.find((l) => l.level === '94');
    expect(corse?.tables.flatMap((t) => t.cells).filter((c) => c.flag === 'V' && (c.value ?? 0) > 0)).toEqual([]);
    // Filtering by region keeps the same masks.
    const bretagne = await buildReport(hub.ctx, { period: YEAR_2026, region: '53' });
    expect(bretagne.levels.map((l) => l.level)).toEqual(['53']);
    expect(tableOf(bretagne, '53', 'exits.category')).toEqual(tableOf(report, '53', 'exits.category'));
  });

  it('counts only the current revision of a structure', async () => {
    const before = await buildReport(hub.ctx, { period: YEAR_2026 });
    const total = (r: HubReport) => tableOf(r, NATIONAL, 'present.sex_age')?.cells.find((c) => coordsKey(c.coords) === coordsKey(['*', '*']))?.value;
    const contributions = await loadPeriodContributions(hub.ctx, '2026-Y1');
    const ownBefore = contributions.find((c) => c.structureId === revised.structureId);
    expect(ownBefore).toBeDefined();
    const current = await hub.ctx.db.selectFrom('bundles').select(['bundle_id', 'envelope']).where('structure_id', '=', revised.structureId).executeTakeFirstOrThrow();
    const rev1 = JSON.parse(current.envelope.toString('utf8')).payload;
    const rev2 = makeBundle(revised, { seed: 701, size: 200, revision: 2, previous: rev1 });
    expect((await submitEnvelope(hub.ctx, { body: Buffer.from(envelopeText(rev2, revised)), client: 'test' })).status).toBe(201);
    const after = await buildReport(hub.ctx, { period: YEAR_2026 });
    const a = total(before);
    const b = total(after);
    expect(typeof a === 'number' && typeof b === 'number').toBe(true);
    // 60 people replaced by 200.
    expect((b ?? 0) - (a ?? 0)).toBe(200 - 60);
    expect(after.levels[0]?.structures).toBe(11);
  });

  it('stores each released vintage with its cells; the same bundles give the same vintage, the next one is audited with it (A4)', async () => {
    const again = await buildReport(hub.ctx, { period: YEAR_2026 });
    expect((await listVintages(hub.ctx.db, '2026-Y1')).map((v) => v.vintage)).toEqual([1, 2]);
    expect(again).toMatchObject({ vintage: 2, audit: { passed: true, previousVintage: 'audited' } });
    expect(again.audit.checks).toEqual(expect.arrayContaining(['A1', 'A2', 'A3', 'A4']));
    expect(again.audit.insiderModel).toMatch(/^conservative/);
    const first = await vintageCells(hub.ctx.db, '2026-Y1', 1);
    const second = await vintageCells(hub.ctx.db, '2026-Y1', 2);
    expect(first.length).toBeGreaterThan(0);
    // The hub's own copy of a masked cell has no value either.
    for (const c of [...first, ...second]) expect(c.flag === 'V' ? typeof c.value === 'number' : c.value === null).toBe(true);
    // Every cell vintage 1 kept confidential is still masked in vintage 2 (unless it is now empty).
    const later = new Map(second.map((c) => [JSON.stringify([c.level, c.table_id, c.cell_key]), c]));
    let confidential = 0;
    for (const c of first) {
      if (c.flag !== 'A' && c.flag !== 'B') continue;
      confidential += 1;
      const n = later.get(JSON.stringify([c.level, c.table_id, c.cell_key]));
      expect(n?.flag !== 'V' || n.value === 0, `${c.level} ${c.table_id} ${c.cell_key}`).toBe(true);
    }
    expect(confidential).toBeGreaterThan(0);
    expect((await listAudit(hub.ctx.db, { action: 'report.vintage' })).map((r) => JSON.parse(r.detail).vintage)).toEqual([1, 2]);
    // The database refuses a masked cell with a value, and a second vintage with the same number.
    const masked = { period_key: '2026-Y1', vintage: 1, level: 'zz', table_id: 't', cell_key: '["*"]', value: 3, flag: 'A' as const };
    await expect(hub.ctx.db.insertInto('released_cells').values(masked).execute()).rejects.toThrow();
    const row = await hub.ctx.db.selectFrom('released_vintages').selectAll().where('period_key', '=', '2026-Y1').where('vintage', '=', 2).executeTakeFirstOrThrow();
    await expect(hub.ctx.db.insertInto('released_vintages').values({ ...row, fingerprint: 'autre' }).execute()).rejects.toThrow();
    // A restarted hub (no cache in memory) serves the stored vintage as released.
    const restarted = await hub.reopen();
    const fromStore = await buildReport(restarted.ctx, { period: YEAR_2026 });
    expect(fromStore.vintage).toBe(2);
    expect(fromStore.levels).toEqual(again.levels);
  });

  it('matches the aggregation computed directly from the stored cells and the previous vintage', async () => {
    const report = await buildReport(hub.ctx, { period: YEAR_2026 });
    const [first] = await listVintages(hub.ctx.db, '2026-Y1');
    const row = await hub.ctx.db.selectFrom('released_vintages').selectAll().where('period_key', '=', '2026-Y1').where('vintage', '=', first!.vintage).executeTakeFirstOrThrow();
    const direct = aggregate(await loadPeriodContributions(hub.ctx, '2026-Y1'), {}, await loadPreviousVintage(hub.ctx, '2026-Y1', row));
    for (const level of direct.levels) {
      for (const t of level.tables) {
        const r = tableOf(report, level.level, t.id);
        expect(r?.cells.map((c) => [c.coords, c.value, c.flag])).toEqual(t.cells.map((c) => [c.coords, c.value, c.flag]));
      }
    }
  });

  it('CSV: BOM, semicolons, one line per cell with labels, empty value when masked', async () => {
    const report = await buildReport(hub.ctx, { period: YEAR_2026 });
    const csv = reportCsv(report);
    expect(csv.startsWith('\uFEFFPériode;Niveau;Code niveau;Tableau;Code tableau;Cellule;Codes cellule;Valeur;Indicateur;Signification\r\n')).toBe(true);
    const lines = csv.trim().split('\r\n');
    const cells = report.levels.reduce((s, l) => s + l.tables.reduce((x, t) => x + Math.max(1, t.cells.length), 0), 0);
    expect(lines).toHaveLength(1 + cells);
    expect(lines.some((l) => l.includes('Non ventilé'))).toBe(true);
    const masked = lines.find((l) => /;;(A|B|D);/.test(l));
    if (report.levels.some((l) => l.tables.some((t) => t.cells.some((c) => c.value === null)))) expect(masked).toBeDefined();
  });

  it('an empty period gives an empty, passing report', async () => {
    const report = await buildReport(hub.ctx, { period: { kind: 'year', year: 2025, index: 1 } });
    expect(report.levels).toEqual([expect.objectContaining({ level: NATIONAL, structures: 0, tables: [] })]);
    expect(report.audit.passed).toBe(true);
    // Nothing released, nothing stored.
    expect(report.vintage).toBe(0);
    expect(await listVintages(hub.ctx.db, '2025-Y1')).toEqual([]);
  });
});
