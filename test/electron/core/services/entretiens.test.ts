import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../../shared/ipc/contract';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

// The fixed clock says Monday 2026-11-23, 09:00 UTC.
type SaveInput = MethodInput<'entretiens.save'>;

describe('entretiens (tripartite ones above all)', () => {
  let core: TestCore;
  let referentId: string;
  let salarieId: string;

  beforeEach(async () => {
    core = await createTestCore();
    referentId = (await call(core, 'referents.save', { displayName: 'Claire Martin' })).id;
    salarieId = await newSalarie(core, { lastName: 'Dupont', firstName: 'Léa', referentId, entryDate: '2026-09-01' });
    await call(core, 'contracts.save', {
      salarieId,
      kind: 'FIXED_TERM_I',
      siaeKind: 'ACI',
      annexeId: null,
      startDate: '2026-09-01',
      endDate: '2027-08-31',
      weeklyHours: 26,
      referentId: null,
    });
  });
  afterEach(() => core.cleanup());

  function tripartite(overrides: Partial<SaveInput> = {}): SaveInput {
    return {
      salarieId,
      kind: 'tripartite',
      moment: 'immersion',
      status: 'tenu',
      date: '2026-11-20',
      startTime: '14:00',
      durationMinutes: 60,
      placeKind: 'entreprise',
      participants: [
        { role: 'salarie' },
        { role: 'referent', referentId },
        {
          role: 'employeur',
          newContact: { organisationId: null, organisationName: 'Boulangerie Martin', name: 'Paul Durand', role: 'Gérant', phone: '03 20 00 00 00', email: null },
        },
      ],
      objectives: [
        { text: 'Découvrir le métier de boulanger', deadline: '2026-12-15', conditions: 'Horaires 6 h – 13 h, chaussures de sécurité fournies' },
        { text: 'Valider les gestes de base du façonnage', deadline: '2027-01-15', conditions: null },
      ],
      documents: [
        { label: 'CV', direction: 'remis' },
        { label: 'Convention d’immersion signée', direction: 'a_produire' },
      ],
      nextSteps: [{ label: 'Envoyer la convention à l’entreprise', dueDate: '2026-11-27', owner: 'Claire Martin' }],
      notes: 'Souci de garde d’enfant le mercredi',
      ...overrides,
    };
  }

  async function alertCodes(): Promise<string[]> {
    return (await call(core, 'salaries.get', { id: salarieId })).alerts.map((a) => a.code);
  }

  it('saves a tripartite entretien with a new employer contact, who joins the partners directory', async () => {
    const view = await call(core, 'entretiens.save', tripartite());

    expect(view.warnings).toEqual([]);
    expect(view.salarieName).toBe('Léa Dupont');
    expect(view.participants.map((p) => [p.role, p.displayName, p.organisationName])).toEqual([
      ['salarie', 'Léa Dupont', null],
      ['referent', 'Claire Martin', null],
      ['employeur', 'Paul Durand', 'Boulangerie Martin'],
    ]);
    expect(view.objectives.map((o) => o.deadline)).toEqual(['2026-12-15', '2027-01-15']);
    expect(view.objectives[0]?.conditions).toContain('chaussures');
    expect(view.documents.map((d) => d.direction)).toEqual(['remis', 'a_produire']);

    const partners = await call(core, 'partners.list', { query: 'boul' });
    expect(partners.total).toBe(1);
    expect(partners.rows[0]).toMatchObject({ name: 'Boulangerie Martin', kind: 'entreprise', contactCount: 1, tripartiteCount: 1, lastContactDate: '2026-11-20' });
    const picked = await call(core, 'partners.searchContacts', { query: 'durand' });
    expect(picked).toEqual([
      { organisationId: view.participants[2]?.organisationId, organisationName: 'Boulangerie Martin', contactId: view.participants[2]?.contactId, contactName: 'Paul Durand', role: 'Gérant' },
    ]);

    // Typing the same organisation and contact again (other case and spacing) reuses them.
    const again = await call(core, 'entretiens.save', tripartite({
      date: '2026-11-21',
      participants: [
        { role: 'salarie' },
        { role: 'referent', referentId },
        { role: 'employeur', newContact: { organisationId: null, organisationName: '  boulangerie   MARTIN', name: 'paul durand', role: null, phone: null, email: null } },
      ],
    }));
    expect(again.participants[2]?.contactId).toBe(view.participants[2]?.contactId);
    expect((await call(core, 'partners.list', {})).total).toBe(1);
  });

  it('turns next steps into open actions, flagged overdue once the clock passes their due date', async () => {
    const view = await call(core, 'entretiens.save', tripartite());
    expect(view.nextSteps).toEqual([
      { id: expect.any(String), label: 'Envoyer la convention à l’entreprise', dueDate: '2026-11-27', owner: 'Claire Martin', doneDate: null, overdue: false },
    ]);
    const open = await call(core, 'actions.listOpen', {});
    expect(open).toEqual([
      { id: view.nextSteps[0]?.id, salarieId, salarieName: 'Léa Dupont', label: 'Envoyer la convention à l’entreprise', dueDate: '2026-11-27', owner: 'Claire Martin', overdue: false },
    ]);
    expect(await call(core, 'actions.listOpen', { overdueOnly: true })).toEqual([]);
    expect(await alertCodes()).not.toContain('ACTION_OVERDUE');

    core.clock.advanceSeconds(5 * 86_400); // Saturday 28 November
    const later = await call(core, 'actions.listOpen', { overdueOnly: true });
    expect(later.map((a) => [a.label, a.overdue])).toEqual([['Envoyer la convention à l’entreprise', true]]);
    expect(await call(core, 'actions.listOpen', { referentId: 'someone-else' })).toEqual([]);
    expect((await call(core, 'entretiens.get', { id: view.id })).nextSteps[0]?.overdue).toBe(true);
    // The parcours alerts read every action, whatever its source: the fiche shows it.
    expect(await alertCodes()).toContain('ACTION_OVERDUE');
    const dashboard = await call(core, 'dashboard.get', { referentId });
    expect(dashboard.alerts.filter((a) => a.code === 'ACTION_OVERDUE').map((a) => a.salarieId)).toEqual([salarieId]);
  });

  it('on update, replaces the open next steps and keeps the done ones', async () => {
    const view = await call(core, 'entretiens.save', tripartite());
    const step = view.nextSteps[0]!;
    await call(core, 'actions.save', { salarieId, id: step.id, label: step.label, kind: 'suivi', owner: step.owner, dueDate: step.dueDate, doneDate: '2026-11-24' });

    const updated = await call(core, 'entretiens.save', tripartite({
      id: view.id,
      nextSteps: [
        // The done step shown back by the form is not duplicated.
        { label: step.label, dueDate: step.dueDate, owner: step.owner },
        { label: 'Faire le point après la première semaine', dueDate: '2026-12-04', owner: null },
      ],
    }));
    expect(updated.nextSteps.map((s) => [s.label, s.doneDate])).toEqual([
      ['Envoyer la convention à l’entreprise', '2026-11-24'],
      ['Faire le point après la première semaine', null],
    ]);

    const again = await call(core, 'entretiens.save', tripartite({ id: view.id, nextSteps: [] }));
    expect(again.nextSteps.map((s) => s.label)).toEqual(['Envoyer la convention à l’entreprise']);
    expect((await call(core, 'actions.listOpen', {})).length).toBe(0);
  });

  it('updates the last-entretien date when held, so the "no recent entretien" alert goes away', async () => {
    expect(await alertCodes()).toContain('NO_RECENT_ENTRETIEN');

    const planned = await call(core, 'entretiens.save', tripartite({ status: 'planifie', date: '2026-11-23', nextSteps: [], notes: null }));
    expect(await alertCodes()).toContain('NO_RECENT_ENTRETIEN');

    const held = await call(core, 'entretiens.markHeld', { id: planned.id });
    expect(held.status).toBe('tenu');
    // Pre-filled for the form: what was planned comes back.
    expect(held.participants.map((p) => p.role)).toEqual(['salarie', 'referent', 'employeur']);
    expect(held.objectives).toHaveLength(2);
    expect(await alertCodes()).not.toContain('NO_RECENT_ENTRETIEN');

    // A correction (it was missed after all) brings the alert back.
    const missed = await call(core, 'entretiens.markMissed', { id: planned.id, reason: 'Absente, malade' });
    expect(missed).toMatchObject({ status: 'manque', missedReason: 'Absente, malade' });
    expect(await alertCodes()).toContain('NO_RECENT_ENTRETIEN');

    // Moving a missed appointment plans it again.
    const moved = await call(core, 'entretiens.move', { id: planned.id, date: '2026-11-30', startTime: '10:30' });
    expect(moved).toMatchObject({ status: 'planifie', date: '2026-11-30', startTime: '10:30', missedReason: null });
  });

  it('warns (without refusing) about a tripartite entretien without third party and an objective without deadline', async () => {
    const view = await call(core, 'entretiens.save', tripartite({
      participants: [{ role: 'salarie' }, { role: 'referent' }],
      objectives: [{ text: 'Lever le frein mobilité', deadline: null, conditions: null }],
    }));
    expect(view.warnings.map((w) => w.code)).toEqual(['TRIPARTITE_INCOMPLETE', 'OBJECTIVE_WITHOUT_DEADLINE']);
    expect(view.warnings[0]?.message).toMatch(/au moins un tiers/);
    // The référent defaults to the salarié's own.
    expect(view.participants[1]).toMatchObject({ role: 'referent', referentId, displayName: 'Claire Martin' });
  });

  it('keeps notes confidential: hidden unless asked, and the read is logged', async () => {
    const view = await call(core, 'entretiens.save', tripartite());
    expect(view).toMatchObject({ notes: null, hasNotes: true });
    expect(await call(core, 'entretiens.get', { id: view.id })).toMatchObject({ notes: null, hasNotes: true });
    expect(await auditActions(core)).not.toContain('entretiens.readNotes');

    const revealed = await call(core, 'entretiens.get', { id: view.id, includeNotes: true });
    expect(revealed.notes).toBe('Souci de garde d’enfant le mercredi');
    expect(await auditActions(core)).toContain('entretiens.readNotes');

    // Saving without the notes (not read by the form) keeps them; null clears them.
    const { notes: _omitted, ...withoutNotes } = tripartite({ id: view.id });
    expect(await call(core, 'entretiens.save', withoutNotes)).toMatchObject({ hasNotes: true });
    expect(await call(core, 'entretiens.save', tripartite({ id: view.id, notes: null }))).toMatchObject({ hasNotes: false });

    const details = await core.ctx.db().selectFrom('audit_log').select('detail').execute();
    expect(details.map((d) => d.detail ?? '').join('\n')).not.toMatch(/garde|Durand|Boulangerie|Léa/);
    expect(await auditActions(core)).toEqual(expect.arrayContaining(['entretiens.create', 'partners.create', 'partners.addContact']));
  });

  it('refuses freins of another salarié, in French', async () => {
    const other = await newSalarie(core, { lastName: 'Bernard', firstName: 'Yanis' });
    const own = await call(core, 'freins.save', { salarieId, kind: 'mobility', identifiedDate: '2026-10-01' });
    const foreign = await call(core, 'freins.save', { salarieId: other, kind: 'housing', identifiedDate: '2026-10-01' });

    const error = await callError(core, 'entretiens.save', tripartite({ freinIds: [own.id, foreign.id] }));
    expect(error).toMatchObject({ code: 'VALIDATION', message: 'Ce frein ne concerne pas ce salarié : choisissez un frein de sa fiche.', issues: [{ path: 'freinIds.1' }] });
    expect(await call(core, 'entretiens.listForSalarie', { salarieId })).toEqual([]);

    const ok = await call(core, 'entretiens.save', tripartite({ freinIds: [own.id] }));
    expect(ok.freins).toEqual([{ id: own.id, kind: 'mobility', confidential: false }]);
  });

  it('plans the next appointment with the same participants, and lists newest first', async () => {
    const view = await call(core, 'entretiens.save', tripartite({ nextAppointment: { date: '2026-12-18', startTime: '09:30', kind: 'tripartite' } }));
    expect(view.nextEntretienId).not.toBeNull();
    const next = await call(core, 'entretiens.get', { id: view.nextEntretienId! });
    expect(next).toMatchObject({ status: 'planifie', date: '2026-12-18', startTime: '09:30', kind: 'tripartite', salarieId, notes: null, hasNotes: false });
    expect(next.participants.map((p) => p.displayName)).toEqual(['Léa Dupont', 'Claire Martin', 'Paul Durand']);
    expect(next.warnings).toEqual([]);

    // Saving again moves that appointment instead of planning another one.
    await call(core, 'entretiens.save', tripartite({ id: view.id, nextAppointment: { date: '2026-12-21', startTime: null, kind: 'tripartite' } }));
    const list = await call(core, 'entretiens.listForSalarie', { salarieId });
    expect(list.map((e) => [e.date, e.status])).toEqual([
      ['2026-12-21', 'planifie'],
      ['2026-11-20', 'tenu'],
    ]);
    expect(list[1]?.thirdParties).toEqual(['Paul Durand (Boulangerie Martin)']);
  });

  it('deletes an entretien with its open next steps', async () => {
    const view = await call(core, 'entretiens.save', tripartite());
    expect(await call(core, 'actions.listOpen', {})).toHaveLength(1);
    await call(core, 'entretiens.delete', { id: view.id });
    expect(await call(core, 'actions.listOpen', {})).toEqual([]);
    expect(await callError(core, 'entretiens.get', { id: view.id })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await alertCodes()).toContain('NO_RECENT_ENTRETIEN');
  });

  it('plans post-hiring follow-ups at trial end, +3 and +6 months with the employer', async () => {
    const employer = await call(core, 'partners.save', {
      name: 'Espaces Verts du Nord',
      kind: 'entreprise',
      siret: null,
      nafCode: null,
      communeInsee: null,
      address: null,
      sizeBand: null,
      notes: null,
    });
    const planned = await call(core, 'entretiens.planPostHiring', { salarieId, hireDate: '2026-01-31', trialEndDate: '2026-03-15', organisationId: employer.id });
    expect(planned.map((e) => [e.date, e.kind, e.status])).toEqual([
      ['2026-03-15', 'suivi_emploi', 'planifie'],
      ['2026-04-30', 'suivi_emploi', 'planifie'],
      ['2026-07-31', 'suivi_emploi', 'planifie'],
    ]);
    expect(planned[0]?.thirdParties).toEqual(['Espaces Verts du Nord']);
    const first = await call(core, 'entretiens.get', { id: planned[0]!.id });
    expect(first).toMatchObject({ moment: 'apres_sortie', title: 'Fin de la période d’essai' });
    expect(first.participants.map((p) => p.role)).toEqual(['salarie', 'referent', 'employeur']);

    // Planning twice does not duplicate.
    await call(core, 'entretiens.planPostHiring', { salarieId, hireDate: '2026-01-31', trialEndDate: '2026-03-15', organisationId: employer.id });
    expect(await call(core, 'entretiens.listForSalarie', { salarieId })).toHaveLength(3);
  });

  it('links an entretien to a contract of the same salarié only', async () => {
    const contract = (await call(core, 'salaries.get', { id: salarieId })).parcours.contracts[0]!;
    const view = await call(core, 'entretiens.save', tripartite({ link: { type: 'contrat', id: contract.id } }));
    expect(view.link).toEqual({ type: 'contrat', id: contract.id, label: expect.stringContaining('du 01/09/2026') });
    expect(await callError(core, 'entretiens.save', tripartite({ link: { type: 'formation', id: 'nope' } }))).toMatchObject({ code: 'VALIDATION' });
  });
});
