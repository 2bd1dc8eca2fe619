import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../../../shared/domain/siret';
import { periodRange, type StatsPeriod } from '../../../../shared/indicators/period';
import { auditReceivedBundle, isPublishedCell, isWithheld, parseBundle, serializeBundle, type Bundle } from '../../../../shared/stats/index';
import { loadStatsRecords, PSEUDONYM_SETTING } from '../../../../electron/core/repositories/stats';
import { bundleContentKey } from '../../../../electron/core/services/stats-build';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

const YEAR_2026: StatsPeriod = { kind: 'year', year: 2026, index: 1 };
const SIREN = `73282932${luhnCheckDigit('73282932')}`;
const SIRET = `${SIREN}0001${luhnCheckDigit(`${SIREN}0001`)}`;
const STRUCTURE_NAME = 'Les Ateliers Quenouille';
/** Strings that must never leave the laptop (names, notes, details, titles, SIRET). */
const SECRETS = [STRUCTURE_NAME, SIRET, 'Quenouille', 'Zéphyrine', 'Bartholomé', 'XYZZY', 'dépression', 'psychiatre', 'Cariste Confidentielle', 'très privées', 'Sainte-Anne'];

async function seed(core: TestCore): Promise<{ ids: string[] }> {
  await call(core, 'structure.save', { name: STRUCTURE_NAME, siret: SIRET, siaeKind: 'ACI', regionCode: '32', departementCode: '59', annexes: [] });
  const ids: string[] = [];
  for (let i = 0; i < 14; i += 1) {
    const id = await newSalarie(core, {
      lastName: `Quenouille${String.fromCharCode(65 + i)}`,
      firstName: i % 2 === 0 ? 'Zéphyrine' : 'Bartholomé',
      sex: i % 2 === 0 ? '2' : '1',
      birthDate: i < 3 ? '2003-04-04' : i < 11 ? '1985-06-06' : '1968-02-02',
      entryDate: i < 9 ? '2025-09-01' : '2026-02-02',
      qpv: i % 3 === 0,
      confidentialNote: 'Note confidentielle XYZZY',
    });
    ids.push(id);
    await call(core, 'salaries.updateSituation', {
      id,
      situation: {
        educationLevel: i % 2 === 0 ? '50' : '70',
        prescriberType: null,
        isEmployed: false,
        employerType: null,
        unemployedSince: '04',
        resourceless: false,
        franceTravailRegistered: true,
        franceTravailSince: i < 7 ? '04' : '03',
        rqth: false,
        oeth: false,
        rsa: i < 8 ? 'OUI-NM' : 'NON',
        rsaSince: i < 8 ? '03' : null,
        ass: false,
        assSince: null,
        aah: i === 13,
        aahSince: i === 13 ? '04' : null,
        aseExit: false,
        isolatedParent: false,
        housingIssue: false,
        refugee: false,
        detentionExitOrPpsmj: false,
        lowLevelInFrench: false,
        mobilityIssue: false,
      },
    });
    await call(core, 'contracts.save', {
      salarieId: id,
      kind: 'FIXED_TERM_I',
      siaeKind: null,
      annexeId: null,
      startDate: i < 9 ? '2025-09-01' : '2026-02-02',
      endDate: '2026-12-31',
      weeklyHours: 26,
      referentId: null,
      hoursWorked: 400 + i * 10,
    });
    if (i < 2) {
      const frein = await call(core, 'freins.save', { salarieId: id, kind: 'mental_health', identifiedDate: '2026-01-10', details: 'Suivi au CMP pour dépression' });
      await call(core, 'freins.addAction', { freinId: frein.id, date: '2026-02-10', mode: 'external', partner: 'CMP Sainte-Anne', note: 'RDV psychiatre' });
    }
    if (i < 7) await call(core, 'freins.save', { salarieId: id, kind: 'mobility', identifiedDate: '2026-01-15', details: null });
    if (i < 3) {
      await call(core, 'formations.save', {
        salarieId: id,
        title: 'Habilitation Cariste Confidentielle',
        organisme: null,
        kind: 'habilitation',
        setting: 'external',
        startDate: '2026-03-02',
        endDate: '2026-03-06',
        hours: 35,
        certificationKind: 'habilitation',
        certificationOutcome: 'obtained',
      });
    }
    if (i < 6) await call(core, 'entretiens.save', { salarieId: id, kind: 'tripartite', moment: 'parcours', status: 'tenu', date: '2026-04-14', notes: 'Notes tripartite très privées' });
  }
  // Two counted exits (more than three months worked in an ACI).
  for (const id of ids.slice(0, 2)) await call(core, 'sortie.save', { salarieId: id, exitDate: '2026-05-29', motif: 'cdi_not_aided', note: 'Parti chez Quenouille SA' });
  return { ids };
}

function cellValue(bundle: Bundle, tableId: string, coords: string[]): number | 'secret' | undefined {
  const table = bundle.tables.find((t) => t.id === tableId);
  if (!table || isWithheld(table)) return undefined;
  const cell = table.cells.find((c) => JSON.stringify(c.coords) === JSON.stringify(coords));
  if (!cell) return undefined;
  return isPublishedCell(cell) ? cell.value : 'secret';
}

describe('federation statistics service (real encrypted store, worker thread)', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(() => core.cleanup());

  it('computes the structure’s own indicators, unsuppressed, with the previous period', async () => {
    await seed(core);
    const local = await call(core, 'stats.local', { period: YEAR_2026 });
    expect(local.periodLabel).toBe('Année 2026');
    expect(local.previousPeriodLabel).toBe('Année 2025');
    const table = (id: string) => local.tables.find((t) => t.id === id)!;
    const cell = (id: string, coords: string[]) => table(id).cells.find((c) => JSON.stringify(c.coords) === JSON.stringify(coords))!;
    expect(cell('present.sex_age', ['*', '*'])).toMatchObject({ value: 14, previous: 9 });
    expect(cell('entries.sex_age', ['*', '*'])).toMatchObject({ value: 5, previous: 9 });
    expect(cell('present.minima', ['aah'])).toMatchObject({ value: 1 });
    expect(cell('present.tripartite', ['yes'])).toMatchObject({ value: 6, previous: 0 });
    expect(cell('exits.category_sex', ['durable_employment', '*'])).toMatchObject({ value: 2 });
    expect(cell('freins.type_status', ['sante', 'not_lifted'])).toMatchObject({ value: 2 });
    expect(table('freins.type_status').title).toBe('Freins par type et situation');
    expect(table('present.minima').dimensions[0]?.categories.find((c) => c.code === 'aah')?.label).toBe('AAH');
  }, 120_000);

  it('previews exactly what leaves: a bundle the hub’s re-audit accepts, with a reason for each secret cell, and no personal data', async () => {
    await seed(core);
    const preview = await call(core, 'stats.preview', { period: YEAR_2026 });
    const bundle = parseBundle(JSON.parse(preview.bundleJson));
    expect(serializeBundle(bundle)).toBe(preview.bundleJson);
    expect(auditReceivedBundle(bundle)).toMatchObject({ passed: true, problems: [], primaryViolations: [] });
    expect(preview.audit).toEqual({ laptopPassed: true, hubPassed: true, problems: [] });
    expect(preview).toMatchObject({ revision: 1, existing: false, storedRevision: null });
    expect(bundle).toMatchObject({ siaeKind: 'ACI', regionCode: '32', period: YEAR_2026, revision: 1, catalogueVersion: '2026.1' });

    // The lone AAH beneficiary and the 2 persons with a health frein are secret, with a reason.
    expect(cellValue(bundle, 'present.minima', ['aah'])).toBe('secret');
    expect(cellValue(bundle, 'freins.type_status', ['sante', '*'])).toBe('secret');
    expect(cellValue(bundle, 'present.sex_age', ['*', '*'])).toBe(14);
    const aah = preview.hiddenCells.find((h) => h.tableId === 'present.minima' && h.cellLabel === 'AAH');
    expect(aah?.reason).toMatch(/^Case masquée : elle compte moins de (5|11) personnes/);
    const minima = preview.tables.find((t) => t.id === 'present.minima')!;
    expect(minima.cells.find((c) => JSON.stringify(c.coords) === '["aah"]')).toMatchObject({ value: null, suppressed: 'primary' });
    for (const h of preview.hiddenCells) expect(h.reason).toMatch(/^Case masquée/);
    expect(preview.unavailable).toEqual([]);

    // Never a name, a note, a detail, a title or the SIRET; the structure appears under its pseudonym.
    for (const secret of SECRETS) expect(preview.bundleJson).not.toContain(secret);
    const pseudonym = JSON.parse((await core.ctx.db().selectFrom('setting').select('value').where('key', '=', PSEUDONYM_SETTING).executeTakeFirstOrThrow()).value);
    expect(bundle.structureId).toBe(pseudonym);
    expect(bundle.structureId).toMatch(/^st_[A-Za-z0-9_-]{16,}$/);
    // Nothing stored by a preview.
    expect(await core.ctx.db().selectFrom('stats_bundle').selectAll().execute()).toEqual([]);
  }, 120_000);

  it('confirms idempotently, refuses a stale preview, and audits a new revision against the previous one', async () => {
    const { ids } = await seed(core);
    const first = await call(core, 'stats.preview', { period: YEAR_2026 });
    const again = await call(core, 'stats.preview', { period: YEAR_2026 });
    // Determinism: same data → same content (only the fresh id differs before anything is stored).
    expect(bundleContentKey(parseBundle(JSON.parse(again.bundleJson)))).toBe(bundleContentKey(parseBundle(JSON.parse(first.bundleJson))));

    const confirmed = await call(core, 'stats.confirm', { period: YEAR_2026, bundleId: first.bundleId, contentDigest: first.contentDigest });
    expect(confirmed).toEqual({ bundleId: first.bundleId, revision: 1, created: true, createdAt: '2026-11-23T09:00:00.000Z' });
    const stored = await core.ctx.db().selectFrom('stats_bundle').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: first.bundleId, period_kind: 'year', period_year: 2026, period_index: 1, revision: 1, catalogue_version: '2026.1' });
    expect(stored[0]?.canonical_json).toBe(first.bundleJson);
    expect(await auditActions(core)).toContain('stats.confirm');

    // Same content again: the stored bundle comes back byte for byte, nothing new is stored.
    const same = await call(core, 'stats.preview', { period: YEAR_2026 });
    expect(same).toMatchObject({ existing: true, revision: 1, bundleId: first.bundleId, bundleJson: first.bundleJson, storedRevision: 1 });
    expect(await call(core, 'stats.confirm', { period: YEAR_2026, bundleId: same.bundleId, contentDigest: same.contentDigest })).toMatchObject({ created: false, revision: 1 });
    expect(await core.ctx.db().selectFrom('stats_bundle').selectAll().execute()).toHaveLength(1);

    // The data change: the old preview cannot be confirmed any more.
    await call(core, 'sortie.save', { salarieId: ids[5]!, exitDate: '2026-06-30', motif: 'qualifying_training', note: null });
    const stale = await callError(core, 'stats.confirm', { period: YEAR_2026, bundleId: same.bundleId, contentDigest: same.contentDigest });
    expect(stale.code).toBe('CONFLICT');
    expect(stale.message).toContain('relancez l’aperçu');

    const second = await call(core, 'stats.preview', { period: YEAR_2026 });
    expect(second).toMatchObject({ revision: 2, existing: false, storedRevision: 1 });
    expect(second.bundleId).not.toBe(first.bundleId);
    expect(await call(core, 'stats.confirm', { period: YEAR_2026, bundleId: second.bundleId, contentDigest: second.contentDigest })).toMatchObject({ revision: 2, created: true });
    const rev1 = parseBundle(JSON.parse(first.bundleJson));
    const rev2 = parseBundle(JSON.parse(second.bundleJson));
    // The hub audits revision 2 together with revision 1 (differencing between revisions).
    expect(auditReceivedBundle(rev2, rev1)).toMatchObject({ passed: true, problems: [] });
    expect(rev2.structureId).toBe(rev1.structureId);
    const rows = await core.ctx.db().selectFrom('stats_bundle').select(['revision']).orderBy('revision').execute();
    expect(rows.map((r) => r.revision)).toEqual([1, 2]);
  }, 180_000);

  it('asks for the region before building a bundle, and never uses the SIRET as an identifier', async () => {
    await call(core, 'structure.save', { name: STRUCTURE_NAME, siret: SIRET, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
    await newSalarie(core, { lastName: 'Quenouille', firstName: 'Zéphyrine' });
    const error = await callError(core, 'stats.preview', { period: YEAR_2026 });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('région');
    const invalid = await callError(core, 'stats.preview', { period: { kind: 'quarter', year: 2026, index: 5 } });
    expect(invalid.code).toBe('VALIDATION');
  }, 60_000);

  it('counts immersions once their tables exist, and lists them as « non disponible » otherwise', async () => {
    const { ids } = await seed(core);
    const db = core.ctx.db();
    const host = await call(core, 'partners.save', { name: 'Boulangerie Quenouille', kind: 'entreprise', siret: null, nafCode: null, communeInsee: null, address: null, sizeBand: null, notes: null });
    const at = '2026-05-01T09:00:00.000Z';
    for (const [n, id] of ids.slice(0, 6).entries()) {
      await db
        .insertInto('immersion')
        .values({ id: `imm-${n}`, salarie_id: id, objective: 'discovery', host_organisation_id: host.id, start_date: '2026-05-04', end_date: '2026-05-15', status: 'terminee', notes: 'Très privé Quenouille', created_at: at, updated_at: at, rome_code: null, rome_label: null, tutor_contact_id: null, prescriber_organisation_id: null, schedule: '[]', schedule_note: null, place: null, activities: null, cancel_reason: null, renewal_of_id: null })
        .execute();
      await db
        .insertInto('immersion_bilan')
        .values({ immersion_id: `imm-${n}`, status: 'COMPLETED', ended_with_job: n < 5 ? 1 : 0, written_on: '2026-05-15', created_at: at, updated_at: at, last_day_of_presence: null, missed_hours: null, type_of_contract: null, contract_start_date: null, establishment_feedback: 'Très bien', establishment_advices: 'Continuer', beneficiary_agreement: 1, beneficiary_feedback: null, next_steps: '[]', next_steps_note: null })
        .execute();
    }
    const local = await call(core, 'stats.local', { period: YEAR_2026 });
    const sector = local.tables.find((t) => t.id === 'immersions.sector_hired')!;
    expect(sector.cells.find((c) => JSON.stringify(c.coords) === '["marchand","yes"]')?.value).toBe(5);
    expect(local.unavailable).toEqual([]);

    // A store without the immersions feature (tables absent): the tables are listed, not computed.
    await core.vault.store().sqlite.exec('DROP TABLE immersion_bilan; DROP TABLE immersion_rating; DROP TABLE immersion_evaluation; DROP TABLE immersion_grid_item; DROP TABLE immersion_grid; DROP TABLE immersion_step; DROP TABLE immersion;');
    const without = await call(core, 'stats.local', { period: YEAR_2026 });
    expect(without.tables.map((t) => t.id)).not.toContain('immersions.sector_hired');
    expect(without.unavailable.map((u) => [u.title, u.reason.slice(0, 16)])).toEqual([
      ['Immersions par objectif et réalisation', 'Non disponible :'],
      ['Immersions par secteur d’accueil et embauche', 'Non disponible :'],
    ]);
    const preview = await call(core, 'stats.preview', { period: YEAR_2026 });
    expect(preview.bundleJson).not.toContain('immersions.');
    expect(preview.unavailable).toHaveLength(2);
  }, 180_000);

  it('loads codes only for statistics: no name, note, detail or title reaches the records', async () => {
    await seed(core);
    const records = await loadStatsRecords(core.ctx.db(), periodRange(YEAR_2026));
    expect(records.persons).toHaveLength(14);
    const text = JSON.stringify(records);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text).not.toContain('CMP');
    expect(text).not.toContain('Parti chez');
  }, 60_000);

  it('builds the ASP report with its CSV', async () => {
    await seed(core);
    const report = await call(core, 'stats.aspReport', { period: YEAR_2026 });
    expect(report.profile.find((r) => r.code === '2_total')?.value).toBe(14);
    expect(report.profile.find((r) => r.code === '2_rsa')?.value).toBe(8);
    expect(report.exitsByCategory.find((c) => c.category === 'durable_employment')?.count).toBe(2);
    const none = report.freins.find((g) => g.annexeId === null)!;
    expect(none.rows.find((r) => r.type === 'sante')).toMatchObject({ concerned: 2, externalOnly: 2 });
    expect(report.csv.startsWith('\uFEFFRapport ASP;Année 2026;')).toBe(true);
    expect(report.fileName).toBe('rapport-asp-2026-Y1.csv');
  }, 60_000);
});
