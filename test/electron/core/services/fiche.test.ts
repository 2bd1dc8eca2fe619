import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

describe('the fiche: parcours views, alerts and timeline', () => {
  let core: TestCore;
  let salarieId: string;
  beforeEach(async () => {
    core = await createTestCore();
    await call(core, 'structure.save', { name: 'ACI', siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
    salarieId = await newSalarie(core, { lastName: 'Martin', firstName: 'Paul', entryDate: '2026-01-05', birthDate: '1990-12-01' });
  });
  afterEach(() => core.cleanup());

  it('merges every dated record into one history, newest first, confidential facts without their text', async () => {
    await call(core, 'passIae.save', { salarieId, number: '999991234567', startDate: '2026-01-05', baseEndDate: '2028-01-04' });
    await call(core, 'contracts.save', {
      salarieId,
      kind: 'FIXED_TERM_I',
      siaeKind: null,
      annexeId: null,
      startDate: '2026-01-05',
      endDate: '2026-06-30',
      weeklyHours: 26,
      referentId: null,
    });
    const frein = await call(core, 'freins.save', { salarieId, kind: 'justice', identifiedDate: '2026-02-10', details: 'Sursis probatoire' });
    await call(core, 'freins.addAction', { freinId: frein.id, date: '2026-03-01', mode: 'external', partner: 'SPIP', note: 'Contrôle judiciaire' });
    await call(core, 'formations.save', {
      salarieId,
      title: 'CACES R489',
      organisme: 'AFPA',
      kind: 'habilitation',
      setting: 'external',
      startDate: '2026-04-06',
      endDate: '2026-04-10',
      hours: 35,
      certificationKind: null,
      certificationOutcome: null,
    });
    await call(core, 'projet.save', { salarieId, status: 'en_construction', targets: [{ romeCode: 'N1103', label: 'Magasinage' }], note: null });
    await call(core, 'actions.save', { salarieId, label: 'Inscription France Travail', kind: 'suivi', owner: 'Paul', dueDate: '2026-05-15', doneDate: '2026-05-12' });
    await call(core, 'sortie.save', { salarieId, exitDate: '2026-06-30', motif: 'cdd_6_months_or_more', note: null });
    await call(core, 'sortie.recordFollowUp', { salarieId, offsetMonths: 1, doneDate: '2026-08-03', situation: 'Toujours en poste', note: null });

    const fiche = await call(core, 'salaries.get', { id: salarieId });
    expect(fiche.age).toBe(35);
    expect(fiche.identity.status).toBe('sorti');
    expect(fiche.parcours.formations.map((f) => f.title)).toEqual(['CACES R489']);
    expect(fiche.parcours.projet).toMatchObject({ status: 'en_construction', targets: [{ romeCode: 'N1103', label: 'Magasinage' }] });
    expect(fiche.parcours.sortie).toMatchObject({ counts: true, monthsWorked: expect.closeTo(5.85, 1) });

    const dates = fiche.timeline.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    // The projet is dated by its last save (today); on the same day the later step comes first (contract, PASS, entry).
    expect(fiche.timeline.map((e) => e.kind)).toEqual([
      'projet',
      'suivi',
      'sortie',
      'contrat',
      'action',
      'formation',
      'frein_action',
      'frein',
      'contrat',
      'pass_iae',
      'entree',
    ]);
    expect(fiche.timeline[0]).toMatchObject({ kind: 'projet', date: '2026-11-23' });
    expect(fiche.timeline.at(-1)).toMatchObject({ kind: 'entree', date: '2026-01-05', title: 'Entrée en parcours' });
    expect(fiche.timeline.find((e) => e.kind === 'suivi')).toMatchObject({ date: '2026-08-03', detail: 'Toujours en poste' });
    const confidential = fiche.timeline.filter((e) => e.confidential);
    expect(confidential.map((e) => e.kind).sort()).toEqual(['frein', 'frein_action']);
    expect(JSON.stringify(fiche)).not.toMatch(/Sursis|Contrôle judiciaire/);
  });

  it('lists alerts and lets a preparation action clear the exit-preparation alert', async () => {
    await call(core, 'passIae.save', { salarieId, number: null, startDate: '2026-01-05', baseEndDate: '2028-01-04' });
    await call(core, 'contracts.save', {
      salarieId,
      kind: 'FIXED_TERM_I',
      siaeKind: null,
      annexeId: null,
      startDate: '2026-01-05',
      endDate: '2027-03-31',
      weeklyHours: 26,
      referentId: null,
    });
    const codes = async () => (await call(core, 'salaries.get', { id: salarieId })).alerts.map((a) => a.code).sort();
    expect(await codes()).toEqual(['EXIT_WITHOUT_PREPARATION', 'NO_RECENT_ENTRETIEN']);
    const action = await call(core, 'actions.save', { salarieId, label: 'Enquête métier', kind: 'preparation_sortie', owner: null, dueDate: '2026-12-15' });
    expect(action).toMatchObject({ kind: 'preparation_sortie', overdue: false });
    expect(await codes()).toEqual(['NO_RECENT_ENTRETIEN']);
  });

  it('saves the projet (duplicates once), formations and actions, and deletes them', async () => {
    const projet = await call(core, 'projet.save', {
      salarieId,
      status: 'a_confirmer',
      targets: [
        { romeCode: 'k2204', label: 'Nettoyage de locaux' },
        { romeCode: 'K2204', label: 'Nettoyage' },
        { romeCode: 'A1203', label: 'Espaces verts' },
      ],
      note: 'Immersion prévue',
    });
    expect(projet.targets).toEqual([
      { romeCode: 'K2204', label: 'Nettoyage de locaux' },
      { romeCode: 'A1203', label: 'Espaces verts' },
    ]);
    const formation = await call(core, 'formations.save', {
      salarieId,
      title: 'Savoirs de base',
      organisme: null,
      kind: 'basic_skills',
      setting: 'internal',
      startDate: '2026-03-02',
      endDate: null,
      hours: null,
      certificationKind: null,
      certificationOutcome: null,
    });
    const updated = await call(core, 'formations.save', { ...formation, salarieId, title: 'Savoirs de base (FLE)', hours: 40 });
    expect(updated).toMatchObject({ id: formation.id, title: 'Savoirs de base (FLE)', hours: 40 });
    const action = await call(core, 'actions.save', { salarieId, label: 'Relance', kind: 'suivi', owner: null, dueDate: '2026-11-20' });
    expect(action.overdue).toBe(true);

    await call(core, 'formations.delete', { id: formation.id });
    await call(core, 'actions.delete', { id: action.id });
    const fiche = await call(core, 'salaries.get', { id: salarieId });
    expect(fiche.parcours.formations).toEqual([]);
    expect(fiche.parcours.actions).toEqual([]);
    expect(await callError(core, 'formations.delete', { id: formation.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await auditActions(core)).toEqual([
      'structure.save',
      'salaries.create',
      'projet.save',
      'formations.save',
      'formations.save',
      'actions.save',
      'formations.delete',
      'actions.delete',
    ]);
  });

  it('shows the next planned rendez-vous from today on: not a held, cancelled or past one', async () => {
    const plan = (date: string, startTime: string | null, status: 'planifie' | 'tenu' | 'annule' = 'planifie', kind: 'suivi_individuel' | 'tripartite' = 'suivi_individuel') =>
      call(core, 'entretiens.save', { salarieId, kind, moment: 'parcours', status, date, startTime, participants: [{ role: 'salarie' }] });
    expect((await call(core, 'salaries.get', { id: salarieId })).nextEntretien).toBeNull();
    // Today is 2026-11-23 (test clock).
    await plan('2026-11-20', '10:00'); // planned but past: not "next"
    await plan('2026-11-23', '09:00', 'tenu');
    await plan('2026-11-24', '10:00', 'annule');
    await plan('2026-12-01', '14:00', 'planifie', 'tripartite');
    const later = await plan('2026-11-26', '16:00');
    const sameDayEarlier = await plan('2026-11-26', '08:30');
    const fiche = await call(core, 'salaries.get', { id: salarieId });
    expect(fiche.nextEntretien).toEqual({ id: sameDayEarlier.id, date: '2026-11-26', startTime: '08:30', kind: 'suivi_individuel' });
    await call(core, 'entretiens.markHeld', { id: sameDayEarlier.id });
    expect((await call(core, 'salaries.get', { id: salarieId })).nextEntretien?.id).toBe(later.id);
  });
});
