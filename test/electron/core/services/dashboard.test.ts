import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { call, newSalarie, type TestCore } from '../../../helpers/parcours';

describe('dashboard (today is 23/11/2026)', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(() => core.cleanup());

  it('counts the caseload and lists the most urgent alerts first, with the salarié', async () => {
    const anne = await call(core, 'referents.save', { displayName: 'Anne Roux' });
    const urgent = await newSalarie(core, { lastName: 'Urgent', firstName: 'Ulysse', entryDate: '2025-06-02', referentId: anne.id });
    const late = await newSalarie(core, { lastName: 'Retard', firstName: 'Rita', entryDate: '2026-02-02' });
    const gone = await newSalarie(core, { lastName: 'Parti', firstName: 'Pierre', entryDate: '2026-03-02' });
    const deleted = await newSalarie(core, { lastName: 'Effacé', firstName: 'Eric', entryDate: '2026-04-01' });
    await newSalarie(core, { lastName: 'Ancien', firstName: 'Alain', entryDate: '2025-09-01' });

    await call(core, 'passIae.save', { salarieId: urgent, number: null, startDate: '2024-12-04', baseEndDate: '2026-12-03' });
    await call(core, 'passIae.save', { salarieId: late, number: null, startDate: '2026-02-02', baseEndDate: '2027-01-10' });
    await call(core, 'actions.save', { salarieId: late, label: 'Dossier CAF', kind: 'suivi', owner: null, dueDate: '2026-11-01' });
    await call(core, 'sortie.save', { salarieId: gone, exitDate: '2026-10-31', motif: 'cdi_not_aided', note: null });
    await call(core, 'actions.save', { salarieId: deleted, label: 'Oublié', kind: 'suivi', owner: null, dueDate: '2026-10-01' });
    await call(core, 'salaries.delete', { id: deleted });

    const dashboard = await call(core, 'dashboard.get', {});
    expect(dashboard.today).toBe('2026-11-23');
    expect(dashboard.counts).toEqual({ enParcours: 3, entriesThisYear: 2, exitsThisYear: 1, passEndingWithin60Days: 2 });
    expect(dashboard.alerts.map((a) => [a.code, a.severity, a.salarieName])).toEqual([
      ['PASS_IAE_ENDING', 'critical', 'URGENT Ulysse'],
      ['ACTION_OVERDUE', 'warning', 'RETARD Rita'],
      ['PASS_IAE_ENDING', 'warning', 'RETARD Rita'],
    ]);
    expect(dashboard.alerts[0]).toMatchObject({ salarieId: urgent, message: expect.stringContaining('dans 10 jours') });
    expect(dashboard.alertTotal).toBe(3);
    expect(dashboard.appointments).toEqual([]);

    const mine = await call(core, 'dashboard.get', { referentId: anne.id });
    expect(mine.counts).toEqual({ enParcours: 1, entriesThisYear: 0, exitsThisYear: 0, passEndingWithin60Days: 1 });
    expect(mine.alerts.map((a) => a.salarieId)).toEqual([urgent]);

    // Alerts follow the clock: a month later the first PASS has expired without a contract, so it no longer alerts.
    core.clock.advanceSeconds(30 * 86400);
    const later = await call(core, 'dashboard.get', {});
    expect(later.today).toBe('2026-12-23');
    expect(later.alerts.map((a) => [a.code, a.salarieName])).toEqual([
      ['ACTION_OVERDUE', 'RETARD Rita'],
      ['PASS_IAE_ENDING', 'RETARD Rita'],
    ]);
  });

  it('keeps the 50 most urgent alerts and reports the total', async () => {
    const id = await newSalarie(core, { lastName: 'Chargé', firstName: 'Charles' });
    for (let day = 1; day <= 55; day += 1) {
      const dueDate = `2026-${day <= 28 ? '09' : '10'}-${String(day <= 28 ? day : day - 28).padStart(2, '0')}`;
      await call(core, 'actions.save', { salarieId: id, label: `Action ${day}`, kind: 'suivi', owner: null, dueDate });
    }
    const dashboard = await call(core, 'dashboard.get', {});
    expect(dashboard.alertTotal).toBe(55);
    expect(dashboard.alerts).toHaveLength(50);
    expect(dashboard.alerts[0]!.date).toBe('2026-09-01');
  });
});
