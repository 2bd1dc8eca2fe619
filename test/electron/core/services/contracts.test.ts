import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

const CDDI = { kind: 'FIXED_TERM_I', siaeKind: null, annexeId: null, weeklyHours: 26, referentId: null } as const;

describe('contracts', () => {
  let core: TestCore;
  let salarieId: string;
  beforeEach(async () => {
    core = await createTestCore();
    salarieId = await newSalarie(core, { lastName: 'Martin', firstName: 'Paul' });
  });
  afterEach(() => core.cleanup());

  it('needs a SIAE kind, from the contract or the structure', async () => {
    const error = await callError(core, 'contracts.save', { ...CDDI, salarieId, startDate: '2026-02-01', endDate: '2026-07-31' });
    expect(error).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'siaeKind' }] });
    await call(core, 'structure.save', { name: 'EI Nord', siret: null, siaeKind: 'EI', regionCode: null, departementCode: null, annexes: [] });
    const view = await call(core, 'contracts.save', { ...CDDI, salarieId, startDate: '2026-02-01', endDate: '2026-07-31' });
    expect(view.siaeKind).toBe('EI');
  });

  it('warns, without refusing, about a contract outside the PASS IAE, a short CDDI, too few hours or the wrong kind', async () => {
    await call(core, 'passIae.save', { salarieId, number: null, startDate: '2026-03-01', baseEndDate: '2028-02-29' });
    const view = await call(core, 'contracts.save', {
      ...CDDI,
      salarieId,
      siaeKind: 'ACI',
      startDate: '2026-02-01',
      endDate: '2026-04-30',
      weeklyHours: 15,
    });
    expect(view.warnings.map((w) => w.code)).toEqual(['starts_before_pass', 'cddi_too_short', 'hours_below_min']);
    expect(view.warnings[0]!.message).toBe('Le contrat commence le 01/02/2026, avant le début du PASS IAE (01/03/2026).');

    const mission = await call(core, 'contracts.save', { ...CDDI, kind: 'TEMPORARY', salarieId, siaeKind: 'ACI', startDate: '2026-03-01', endDate: '2026-06-30' });
    expect(mission.warnings.map((w) => w.code)).toEqual(['kind_not_allowed']);

    const fine = await call(core, 'contracts.save', { ...CDDI, salarieId, siaeKind: 'ACI', startDate: '2026-05-01', endDate: '2026-10-31' });
    expect(fine.warnings).toEqual([]);
  });

  it('keeps the end-of-contract cache and the SIAE kind of the latest contract up to date', async () => {
    const first = await call(core, 'contracts.save', { ...CDDI, salarieId, siaeKind: 'ACI', startDate: '2026-01-05', endDate: '2026-06-30' });
    const second = await call(core, 'contracts.save', { ...CDDI, salarieId, siaeKind: 'EI', startDate: '2026-07-01', endDate: '2026-12-31', isRenewal: true });
    let row = (await call(core, 'salaries.list', {})).rows[0]!;
    expect(row).toMatchObject({ contractEnd: '2026-12-31', siaeKind: 'EI' });

    await call(core, 'contracts.save', { ...CDDI, id: second.id, salarieId, siaeKind: 'EI', startDate: '2026-07-01', endDate: '2027-03-31' });
    row = (await call(core, 'salaries.list', {})).rows[0]!;
    expect(row.contractEnd).toBe('2027-03-31');

    await call(core, 'contracts.delete', { id: second.id });
    row = (await call(core, 'salaries.list', {})).rows[0]!;
    expect(row).toMatchObject({ contractEnd: '2026-06-30', siaeKind: 'ACI' });
    expect((await call(core, 'salaries.get', { id: salarieId })).parcours.contracts.map((c) => c.id)).toEqual([first.id]);
    expect(await callError(core, 'contracts.delete', { id: second.id })).toEqual({ code: 'NOT_FOUND', message: 'Ce contrat n’existe pas ou a été supprimé.' });
    expect(await auditActions(core)).toEqual(['salaries.create', 'contracts.save', 'contracts.save', 'contracts.save', 'contracts.delete']);
  });

  it('refuses to edit another salarié’s contract or to point to an unknown annexe', async () => {
    const other = await newSalarie(core, { lastName: 'Autre', firstName: 'Anne' });
    const mine = await call(core, 'contracts.save', { ...CDDI, salarieId, siaeKind: 'ACI', startDate: '2026-01-05', endDate: '2026-06-30' });
    expect(await callError(core, 'contracts.save', { ...CDDI, id: mine.id, salarieId: other, siaeKind: 'ACI', startDate: '2026-01-05', endDate: null })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await callError(core, 'contracts.save', { ...CDDI, salarieId, siaeKind: 'ACI', annexeId: 'nope', startDate: '2026-01-05', endDate: null })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'annexeId' }],
    });
  });
});
