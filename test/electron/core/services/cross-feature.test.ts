import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { call, newSalarie, type TestCore } from '../../../helpers/parcours';

/** Links between features: entretiens on the fiche and the dashboard, hires on the partner's history. */
describe('entretiens, dashboard, fiche and partners together', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
    await call(core, 'structure.save', { name: 'Jardins de l’Espoir', siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
  });
  afterEach(() => core.cleanup());

  it('lists this week’s planned appointments on the dashboard, not held or past weeks', async () => {
    // FixedClock: Monday 2026-11-23.
    const id = await newSalarie(core, { lastName: 'Durand', firstName: 'Léa' });
    const base = { salarieId: id, kind: 'suivi_individuel', moment: 'parcours' } as const;
    await call(core, 'entretiens.save', { ...base, status: 'planifie', date: '2026-11-26', startTime: '14:30' });
    await call(core, 'entretiens.save', { ...base, status: 'tenu', date: '2026-11-23' });
    await call(core, 'entretiens.save', { ...base, status: 'planifie', date: '2026-12-01' });
    const dashboard = await call(core, 'dashboard.get', { referentId: null });
    expect(dashboard.appointments).toEqual([
      expect.objectContaining({ date: '2026-11-26', time: '14:30', salarieId: id, title: 'Suivi individuel' }),
    ]);
  });

  it('shows entretiens in the fiche timeline, without their confidential notes', async () => {
    const id = await newSalarie(core, { lastName: 'Martin', firstName: 'Paul' });
    await call(core, 'entretiens.save', {
      salarieId: id,
      kind: 'tripartite',
      moment: 'parcours',
      status: 'tenu',
      date: '2026-11-20',
      notes: 'Confidentiel : suivi addictologie',
    });
    const fiche = await call(core, 'salaries.get', { id });
    const event = fiche.timeline.find((e) => e.kind === 'entretien');
    expect(event).toMatchObject({ date: '2026-11-20', title: 'Entretien tripartite' });
    expect(JSON.stringify(fiche.timeline)).not.toContain('addictologie');
  });

  it('records the hiring employer on the sortie: it appears in the partner’s history', async () => {
    const id = await newSalarie(core, { lastName: 'Petit', firstName: 'Nora', entryDate: '2025-01-06' });
    const partner = await call(core, 'partners.save', { name: 'Propreté Nord', kind: 'entreprise', siret: null, nafCode: null, communeInsee: null, address: null, sizeBand: null, notes: null });
    const sortie = await call(core, 'sortie.save', { salarieId: id, exitDate: '2026-11-02', motif: 'cdi_not_aided', note: null, employerOrganisationId: partner.id });
    expect(sortie.employerOrganisationId).toBe(partner.id);
    // Saving again without the field keeps the employer.
    const again = await call(core, 'sortie.save', { salarieId: id, exitDate: '2026-11-03', motif: 'cdi_not_aided', note: null });
    expect(again.employerOrganisationId).toBe(partner.id);
    const view = await call(core, 'partners.get', { id: partner.id });
    expect(view.history).toContainEqual(expect.objectContaining({ kind: 'embauche', salarieId: id }));
  });
});
