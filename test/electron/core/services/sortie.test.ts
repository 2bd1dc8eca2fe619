import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

async function structure(core: TestCore, siaeKind: 'ACI' | 'AI') {
  await call(core, 'structure.save', { name: 'Structure', siret: null, siaeKind, regionCode: null, departementCode: null, annexes: [] });
}

describe('sortie', () => {
  let core: TestCore;
  let salarieId: string;
  beforeEach(async () => {
    core = await createTestCore();
    salarieId = await newSalarie(core, { lastName: 'Martin', firstName: 'Paul', entryDate: '2026-01-05' });
  });
  afterEach(() => core.cleanup());

  it('ACI: categorises the motif and does not count an exit after 2 months worked', async () => {
    await structure(core, 'ACI');
    await call(core, 'contracts.save', {
      salarieId,
      kind: 'FIXED_TERM_I',
      siaeKind: null,
      annexeId: null,
      startDate: '2026-01-05',
      endDate: '2026-05-04',
      weeklyHours: 26,
      referentId: null,
    });
    const sortie = await call(core, 'sortie.save', { salarieId, exitDate: '2026-03-04', motif: 'cdi_not_aided', note: null });
    expect(sortie).toMatchObject({
      motifLabel: 'Embauche en CDI non aidé',
      category: 'durable_employment',
      categoryLabel: 'Emploi durable',
      categoryToBeConfirmed: false,
      counts: false,
      countingReason: 'Sortie non comptée : 2 mois travaillés, il faut plus de 3 mois en ACI.',
      monthsWorked: 2,
    });
    const stored = await core.ctx.db().selectFrom('sortie').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ category: 'durable_employment', mapping_version: expect.stringContaining('2026'), counts: 0 });
    expect((await call(core, 'salaries.list', { status: 'sorti' })).rows.map((r) => r.id)).toEqual([salarieId]);
  });

  it('AI: counts an exit at 150 hours (summed from the contracts), not at 149 hours given by hand', async () => {
    await structure(core, 'AI');
    const mission = { salarieId, kind: 'FIXED_TERM_USAGE', siaeKind: null, annexeId: null, weeklyHours: 10, referentId: null } as const;
    await call(core, 'contracts.save', { ...mission, startDate: '2026-02-02', endDate: '2026-03-31', hoursWorked: 90 });
    await call(core, 'contracts.save', { ...mission, startDate: '2026-04-01', endDate: '2026-05-31', hoursWorked: 60 });
    const counted = await call(core, 'sortie.save', { salarieId, exitDate: '2026-05-31', motif: 'cdd_6_months_or_more', note: null });
    expect(counted).toMatchObject({ counts: true, hoursWorked: 150, countingReason: 'Sortie comptée : 150 h travaillées (au moins 150 h requises en AI).' });
    const notCounted = await call(core, 'sortie.save', { salarieId, exitDate: '2026-05-31', motif: 'cdd_6_months_or_more', hoursWorked: 149, note: null });
    expect(notCounted).toMatchObject({ counts: false, hoursWorked: 149 });
  });

  it('flags a category still to be confirmed', async () => {
    const sortie = await call(core, 'sortie.save', { salarieId, exitDate: '2026-06-30', motif: 'retirement', note: null });
    expect(sortie).toMatchObject({ category: 'neutralised', categoryToBeConfirmed: true });
  });

  it('schedules follow-ups at +1, +3 and +6 months, records one, and keeps it when the exit date moves', async () => {
    const sortie = await call(core, 'sortie.save', { salarieId, exitDate: '2026-03-31', motif: 'unemployed', note: null });
    expect(sortie.followUps.map((f) => [f.offsetMonths, f.dueDate, f.doneDate])).toEqual([
      [1, '2026-04-30', null],
      [3, '2026-06-30', null],
      [6, '2026-09-30', null],
    ]);
    const recorded = await call(core, 'sortie.recordFollowUp', { salarieId, offsetMonths: 1, doneDate: '2026-05-04', situation: 'En formation', note: null });
    expect(recorded.followUps[0]).toMatchObject({ doneDate: '2026-05-04', situation: 'En formation' });

    const moved = await call(core, 'sortie.save', { salarieId, exitDate: '2026-04-15', motif: 'unemployed', note: null });
    expect(moved.followUps.map((f) => [f.offsetMonths, f.dueDate, f.doneDate])).toEqual([
      [1, '2026-05-15', '2026-05-04'],
      [3, '2026-07-15', null],
      [6, '2026-10-15', null],
    ]);
    const early = await callError(core, 'sortie.recordFollowUp', { salarieId, offsetMonths: 3, doneDate: '2026-04-01', situation: 'X', note: null });
    expect(early.code).toBe('VALIDATION');
  });

  it('refuses an exit before the entry date', async () => {
    const error = await callError(core, 'sortie.save', { salarieId, exitDate: '2025-12-31', motif: 'unemployed', note: null });
    expect(error).toMatchObject({ code: 'VALIDATION', message: 'La date de sortie précède la date d’entrée en parcours.' });
  });

  it('cancels the sortie: follow-ups removed, salarié back en parcours', async () => {
    await call(core, 'sortie.save', { salarieId, exitDate: '2026-03-31', motif: 'unemployed', note: null });
    await call(core, 'sortie.cancel', { salarieId });
    const fiche = await call(core, 'salaries.get', { id: salarieId });
    expect(fiche.parcours.sortie).toBeNull();
    expect(fiche.identity.status).toBe('en_parcours');
    expect(await core.ctx.db().selectFrom('sortie_follow_up').selectAll().execute()).toEqual([]);
    expect(await callError(core, 'sortie.cancel', { salarieId })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await auditActions(core)).toEqual(['salaries.create', 'sortie.save', 'sortie.cancel']);
  });
});
