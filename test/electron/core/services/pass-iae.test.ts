import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

describe('PASS IAE (today is 23/11/2026)', () => {
  let core: TestCore;
  let salarieId: string;
  beforeEach(async () => {
    core = await createTestCore();
    salarieId = await newSalarie(core, { lastName: 'Martin', firstName: 'Paul' });
  });
  afterEach(() => core.cleanup());

  const passEndInList = async () => (await call(core, 'salaries.list', {})).rows[0]!.passIaeEnd;

  it('saves the PASS and shows its end, remaining days and status', async () => {
    const view = await call(core, 'passIae.save', { salarieId, number: '99999 21 12345', startDate: '2026-01-05', baseEndDate: '2028-01-04' });
    expect(view).toMatchObject({ number: '999992112345', effectiveEndDate: '2028-01-04', status: 'VALID', suspensions: [], prolongations: [] });
    // 23/11/2026 → 04/01/2028 inclusive.
    expect(view.remainingDays).toBe(408);
    expect(await passEndInList()).toBe('2028-01-04');
  });

  it('pushes the end date back by a suspension, updates the remaining days and the list cache', async () => {
    await call(core, 'passIae.save', { salarieId, number: null, startDate: '2026-01-05', baseEndDate: '2028-01-04' });
    const { pass, warnings } = await call(core, 'passIae.addSuspension', {
      salarieId,
      startDate: '2026-09-01',
      endDate: '2026-09-15',
      reason: 'CONTRACT_SUSPENDED',
    });
    expect(warnings).toEqual([]);
    expect(pass.effectiveEndDate).toBe('2028-01-19');
    expect(pass.remainingDays).toBe(423);
    expect(pass.suspensions).toEqual([
      { id: expect.any(String), startDate: '2026-09-01', endDate: '2026-09-15', reason: 'CONTRACT_SUSPENDED', reasonExplanation: null },
    ]);
    expect(await passEndInList()).toBe('2028-01-19');

    const back = await call(core, 'passIae.removePeriod', { salarieId, id: pass.suspensions[0]!.id });
    expect(back.effectiveEndDate).toBe('2028-01-04');
    expect(await passEndInList()).toBe('2028-01-04');
    expect(await auditActions(core)).toEqual(['salaries.create', 'passIae.save', 'passIae.addSuspension', 'passIae.removePeriod']);
  });

  it('shows a suspension under way as SUSPENDED', async () => {
    await call(core, 'passIae.save', { salarieId, number: null, startDate: '2026-01-05', baseEndDate: '2028-01-04' });
    const { pass } = await call(core, 'passIae.addSuspension', { salarieId, startDate: '2026-11-20', endDate: '2026-12-20', reason: 'CONTRACT_BROKEN' });
    expect(pass.status).toBe('SUSPENDED');
  });

  it('refuses impossible suspensions with the rule’s French message and records nothing', async () => {
    await call(core, 'passIae.save', { salarieId, number: null, startDate: '2026-01-05', baseEndDate: '2028-01-04' });
    await call(core, 'passIae.addSuspension', { salarieId, startDate: '2026-09-01', endDate: '2026-09-15', reason: 'CONTRACT_SUSPENDED' });

    const overlap = await callError(core, 'passIae.addSuspension', { salarieId, startDate: '2026-09-10', endDate: '2026-09-30', reason: 'CONTRACT_BROKEN' });
    expect(overlap.code).toBe('VALIDATION');
    expect(overlap.message).toBe('La période chevauche une suspension existante pour ce PASS IAE (du 01/09/2026 au 15/09/2026).');

    const future = await callError(core, 'passIae.addSuspension', { salarieId, startDate: '2026-12-01', endDate: '2026-12-31', reason: 'CONTRACT_BROKEN' });
    expect(future).toMatchObject({ code: 'VALIDATION', message: 'Une suspension ne peut pas commencer dans le futur.', issues: [{ path: 'startDate' }] });

    const reversed = await callError(core, 'passIae.addSuspension', { salarieId, startDate: '2026-10-10', endDate: '2026-10-01', reason: 'CONTRACT_BROKEN' });
    expect(reversed.code).toBe('VALIDATION');

    const fiche = await call(core, 'salaries.get', { id: salarieId });
    expect(fiche.parcours.passIae?.suspensions).toHaveLength(1);
  });

  it('accepts a historical reason with warnings instead of refusing it', async () => {
    await call(core, 'passIae.save', { salarieId, number: null, startDate: '2025-01-06', baseEndDate: '2027-01-05' });
    const { pass, warnings } = await call(core, 'passIae.addSuspension', { salarieId, startDate: '2025-03-03', endDate: '2025-04-01', reason: 'SICKNESS' });
    expect(warnings.map((w) => w.code).sort()).toEqual(['suspension_reason_historical', 'suspension_too_retroactive']);
    expect(pass.effectiveEndDate).toBe('2027-02-04');
    // Health reason: the fiche's history keeps the date but not the reason.
    const event = (await call(core, 'salaries.get', { id: salarieId })).timeline.find((e) => e.title === 'Suspension du PASS IAE');
    expect(event).toMatchObject({ confidential: true });
    expect(event?.detail).not.toContain('maladie');
  });

  it('adds a prolongation starting at the PASS end, and refuses one that does not', async () => {
    await call(core, 'passIae.save', { salarieId, number: null, startDate: '2025-03-01', baseEndDate: '2027-02-28' });
    const wrongStart = await callError(core, 'passIae.addProlongation', {
      salarieId,
      startDate: '2027-01-31',
      endDate: '2027-08-31',
      reason: 'COMPLETE_TRAINING',
    });
    expect(wrongStart).toMatchObject({ code: 'VALIDATION', message: 'La prolongation doit commencer à la date de fin du PASS IAE (28/02/2027).' });

    const { pass, warnings } = await call(core, 'passIae.addProlongation', {
      salarieId,
      startDate: '2027-02-28',
      endDate: '2027-08-31',
      reason: 'COMPLETE_TRAINING',
    });
    expect(warnings).toEqual([]);
    expect(pass.effectiveEndDate).toBe('2027-08-31');
    expect(pass.prolongations).toHaveLength(1);
  });

  it('asks for the PASS itself before any suspension', async () => {
    const error = await callError(core, 'passIae.addSuspension', { salarieId, startDate: '2026-09-01', endDate: '2026-09-15', reason: 'CONTRACT_BROKEN' });
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('Aucun PASS IAE') });
    expect(await callError(core, 'passIae.removePeriod', { salarieId, id: 'x' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
