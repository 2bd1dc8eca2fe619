import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

describe('freins', () => {
  let core: TestCore;
  let salarieId: string;
  beforeEach(async () => {
    core = await createTestCore();
    salarieId = await newSalarie(core, { lastName: 'Martin', firstName: 'Paul' });
  });
  afterEach(() => core.cleanup());

  it('follows the lifecycle: invalid transitions refused, lifting sets the closing date, reopening clears it', async () => {
    const frein = await call(core, 'freins.save', { salarieId, kind: 'mobility', identifiedDate: '2026-09-01', details: 'Pas de permis' });
    expect(frein).toMatchObject({ status: 'identified', closedDate: null, confidential: false, details: 'Pas de permis', hasDetails: true });

    const withAction = await call(core, 'freins.addAction', {
      freinId: frein.id,
      date: '2026-09-15',
      mode: 'external',
      partner: 'Auto-école sociale',
      note: 'Inscription au code',
    });
    expect(withAction.actions).toEqual([
      { id: expect.any(String), date: '2026-09-15', mode: 'external', partner: 'Auto-école sociale', note: 'Inscription au code' },
    ]);

    await call(core, 'freins.setStatus', { id: frein.id, status: 'in_progress', date: '2026-09-15' });
    const same = await callError(core, 'freins.setStatus', { id: frein.id, status: 'in_progress', date: '2026-09-20' });
    expect(same).toMatchObject({ code: 'VALIDATION', message: 'Le frein est déjà « En cours ».' });

    const lifted = await call(core, 'freins.setStatus', { id: frein.id, status: 'lifted', date: '2026-11-02' });
    expect(lifted).toMatchObject({ status: 'lifted', closedDate: '2026-11-02' });
    const invalid = await callError(core, 'freins.setStatus', { id: frein.id, status: 'abandoned', date: '2026-11-10' });
    expect(invalid.message).toBe('Un frein « Levé » ne peut pas passer à « Abandonné ».');

    const reopened = await call(core, 'freins.setStatus', { id: frein.id, status: 'in_progress', date: '2026-11-20' });
    expect(reopened).toMatchObject({ status: 'in_progress', closedDate: null });
    expect(await auditActions(core)).toEqual([
      'salaries.create',
      'freins.save',
      'freins.addAction',
      'freins.setStatus',
      'freins.setStatus',
      'freins.setStatus',
    ]);
  });

  it('hides the details of a health frein in every view, and reveals them only on request, logged', async () => {
    const frein = await call(core, 'freins.save', { salarieId, kind: 'addiction', identifiedDate: '2026-10-01', details: 'Alcool, suivi CSAPA' });
    expect(frein).toMatchObject({ confidential: true, details: null, hasDetails: true });
    await call(core, 'freins.addAction', { freinId: frein.id, date: '2026-10-05', mode: 'external', partner: 'CSAPA', note: 'Premier rendez-vous' });

    const fiche = await call(core, 'salaries.get', { id: salarieId });
    expect(fiche.parcours.freins[0]).toMatchObject({ details: null, actions: [{ note: null }] });
    expect(JSON.stringify(fiche)).not.toMatch(/Alcool|Premier rendez-vous/);
    expect(fiche.timeline.filter((e) => e.kind.startsWith('frein')).every((e) => e.confidential)).toBe(true);

    const revealed = await call(core, 'salaries.revealConfidential', { id: salarieId });
    expect(revealed.freinDetails).toEqual([{ freinId: frein.id, details: 'Alcool, suivi CSAPA' }]);
    expect(revealed.freinActionNotes).toEqual([{ freinId: frein.id, actionId: expect.any(String), note: 'Premier rendez-vous' }]);
    expect((await auditActions(core)).at(-1)).toBe('salaries.revealConfidential');

    // Saving the frein again without its (hidden) details keeps them.
    await call(core, 'freins.save', { salarieId, id: frein.id, kind: 'addiction', identifiedDate: '2026-09-28' });
    expect((await call(core, 'salaries.revealConfidential', { id: salarieId })).freinDetails[0]!.details).toBe('Alcool, suivi CSAPA');
  });

  it('deletes a frein with its actions', async () => {
    const frein = await call(core, 'freins.save', { salarieId, kind: 'housing', identifiedDate: '2026-10-01', details: null });
    await call(core, 'freins.addAction', { freinId: frein.id, date: '2026-10-05', mode: 'internal', partner: null, note: null });
    await call(core, 'freins.delete', { id: frein.id });
    expect((await call(core, 'salaries.get', { id: salarieId })).parcours.freins).toEqual([]);
    expect(await core.ctx.db().selectFrom('frein_action').selectAll().execute()).toEqual([]);
    expect(await callError(core, 'freins.setStatus', { id: frein.id, status: 'lifted', date: '2026-11-01' })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
