import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { auditActions, BLANK_IDENTITY, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

async function names(core: TestCore, query: Record<string, unknown>): Promise<string[]> {
  const { rows } = await call(core, 'salaries.list', query);
  return rows.map((r) => `${r.lastName} ${r.firstName}`);
}

describe('salariés: identity, search and soft delete', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(() => core.cleanup());

  it('refuses an incomplete salarié in French, then creates a valid one with its commune', async () => {
    const invalid = await callError(core, 'salaries.create', {
      ...BLANK_IDENTITY,
      lastName: ' ',
      firstName: 'Thérèse',
      entryDate: '31/02/2026',
      referentId: null,
    });
    expect(invalid.code).toBe('VALIDATION');
    expect(invalid.issues?.map((i) => i.path).sort()).toEqual(['entryDate', 'lastName']);
    expect(invalid.issues?.find((i) => i.path === 'lastName')?.message).toBe('Nom : champ obligatoire.');

    const unknownCommune = await callError(core, 'salaries.create', {
      ...BLANK_IDENTITY,
      lastName: 'Martin',
      firstName: 'Thérèse',
      communeInsee: '59999',
      entryDate: '2026-03-02',
      referentId: null,
    });
    expect(unknownCommune).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'communeInsee' }] });

    const id = await newSalarie(core, { lastName: 'Martin', firstName: 'Thérèse', communeInsee: '59350', birthDate: '1980-06-15' });
    const fiche = await call(core, 'salaries.get', { id });
    expect(fiche.identity).toMatchObject({ lastName: 'Martin', firstName: 'Thérèse', communeName: 'Lille', status: 'en_parcours' });
    expect(fiche.age).toBe(46);
    expect(await auditActions(core)).toEqual(['salaries.create']);
  });

  it('finds "Thérèse" when typing "therese", by prénom, by nom de naissance and with several words', async () => {
    const id = await newSalarie(core, { lastName: 'Dupont', firstName: 'Marie-Thérèse', birthName: 'Lefèvre' });
    await newSalarie(core, { lastName: 'Durand', firstName: 'Thomas' });
    await newSalarie(core, { lastName: 'Thérond', firstName: 'Marc' });

    expect(await names(core, { query: 'therese' })).toEqual(['Dupont Marie-Thérèse']);
    expect(await names(core, { query: 'THÉR' })).toEqual(['Dupont Marie-Thérèse', 'Thérond Marc']);
    expect(await names(core, { query: 'lefev' })).toEqual(['Dupont Marie-Thérèse']);
    expect(await names(core, { query: 'mar dup' })).toEqual(['Dupont Marie-Thérèse']);
    expect(await names(core, { query: 'mar ther' })).toEqual(['Dupont Marie-Thérèse', 'Thérond Marc']);
    expect(await names(core, { query: 'du' })).toEqual(['Dupont Marie-Thérèse', 'Durand Thomas']);
    expect(await names(core, { query: 'pont' })).toEqual([]);

    // Renaming rewrites the search tokens: the old name no longer matches.
    await call(core, 'salaries.updateIdentity', {
      id,
      identity: { ...BLANK_IDENTITY, lastName: 'Leclerc', firstName: 'Marie-Thérèse', birthName: null },
    });
    expect(await names(core, { query: 'dupont' })).toEqual([]);
    expect(await names(core, { query: 'lefevre' })).toEqual([]);
    expect(await names(core, { query: 'lecl therese' })).toEqual(['Leclerc Marie-Thérèse']);
  });

  it('keeps a typed search in step with exits, renames, deletion and restoration', async () => {
    const dubois = await newSalarie(core, { lastName: 'Dubois', firstName: 'Anne' });
    const dumas = await newSalarie(core, { lastName: 'Dumas', firstName: 'Paul' });
    expect(await names(core, { query: 'du' })).toEqual(['Dubois Anne', 'Dumas Paul']);
    // A rename moves the person in the name order.
    await call(core, 'salaries.updateIdentity', { id: dubois, identity: { ...BLANK_IDENTITY, lastName: 'Duval', firstName: 'Anne', birthName: null } });
    expect(await names(core, { query: 'du' })).toEqual(['Dumas Paul', 'Duval Anne']);
    // An exit takes the person out of « en parcours » and into « sorti ».
    await call(core, 'sortie.save', { salarieId: dumas, exitDate: '2026-06-30', motif: 'cdi_not_aided', note: null });
    expect(await names(core, { query: 'du' })).toEqual(['Duval Anne']);
    expect(await names(core, { query: 'du', status: 'sorti' })).toEqual(['Dumas Paul']);
    expect((await call(core, 'salaries.list', { query: 'du', status: 'tous' })).total).toBe(2);
    // Deleted, found nowhere; restored, found again.
    await call(core, 'salaries.delete', { id: dubois });
    expect(await names(core, { query: 'du', status: 'tous' })).toEqual(['Dumas Paul']);
    await call(core, 'salaries.restore', { id: dubois });
    expect(await names(core, { query: 'duv' })).toEqual(['Duval Anne']);
    // One person matching a word twice counts once.
    await newSalarie(core, { lastName: 'Durand', firstName: 'Durande' });
    const twice = await call(core, 'salaries.list', { query: 'dur' });
    expect(twice.total).toBe(1);
    expect(twice.rows.map((r) => r.lastName)).toEqual(['Durand']);
  });

  it('filters by status, référent and SIAE kind, and sorts by name, entry, end of PASS and end of contract', async () => {
    const anne = await call(core, 'referents.save', { displayName: 'Anne Roux' });
    await call(core, 'structure.save', { name: 'GES', siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
    const a = await newSalarie(core, { lastName: 'Alpha', firstName: 'A', entryDate: '2026-03-01', referentId: anne.id });
    const b = await newSalarie(core, { lastName: 'Bravo', firstName: 'B', entryDate: '2026-05-01' });
    const c = await newSalarie(core, { lastName: 'Charlie', firstName: 'C', entryDate: '2026-01-01' });
    await call(core, 'passIae.save', { salarieId: a, number: null, startDate: '2026-03-01', baseEndDate: '2028-02-28' });
    await call(core, 'passIae.save', { salarieId: b, number: null, startDate: '2025-05-01', baseEndDate: '2027-04-30' });
    const contract = { kind: 'FIXED_TERM_I', annexeId: null, weeklyHours: 26, referentId: null } as const;
    await call(core, 'contracts.save', { ...contract, salarieId: a, siaeKind: null, startDate: '2026-03-01', endDate: '2027-02-28' });
    await call(core, 'contracts.save', { ...contract, salarieId: b, siaeKind: 'EI', startDate: '2026-05-01', endDate: '2026-12-31' });
    await call(core, 'sortie.save', { salarieId: c, exitDate: '2026-06-30', motif: 'cdi_not_aided', note: null });

    expect(await names(core, {})).toEqual(['Alpha A', 'Bravo B']);
    expect(await names(core, { status: 'sorti' })).toEqual(['Charlie C']);
    expect(await names(core, { status: 'tous', sort: 'entree' })).toEqual(['Bravo B', 'Alpha A', 'Charlie C']);
    expect(await names(core, { status: 'tous', sort: 'fin_pass' })).toEqual(['Bravo B', 'Alpha A', 'Charlie C']);
    expect(await names(core, { sort: 'fin_contrat' })).toEqual(['Bravo B', 'Alpha A']);
    expect(await names(core, { referentId: anne.id })).toEqual(['Alpha A']);
    expect(await names(core, { siaeKind: 'EI' })).toEqual(['Bravo B']);

    const page = await call(core, 'salaries.list', { status: 'tous', limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => r.lastName)).toEqual(['Bravo']);
    const alpha = (await call(core, 'salaries.list', { query: 'alpha' })).rows[0]!;
    expect(alpha).toMatchObject({ referentId: anne.id, referentName: 'Anne Roux', siaeKind: 'ACI', passIaeEnd: '2028-02-28', contractEnd: '2027-02-28' });
  });

  it('gives each row its alert level, and "with alerts" keeps only salariés that have some', async () => {
    const quiet = await newSalarie(core, { lastName: 'Calme', firstName: 'Claire' });
    const urgent = await newSalarie(core, { lastName: 'Urgent', firstName: 'Ulysse' });
    // PASS ending in 10 days: critical.
    await call(core, 'passIae.save', { salarieId: urgent, number: null, startDate: '2024-12-04', baseEndDate: '2026-12-03' });
    // An action due last week: warning.
    await call(core, 'actions.save', { salarieId: quiet, label: 'Relancer la CAF', kind: 'suivi', owner: null, dueDate: '2026-11-16' });
    await newSalarie(core, { lastName: 'Neutre', firstName: 'Nina' });

    const { rows } = await call(core, 'salaries.list', {});
    const level = Object.fromEntries(rows.map((r) => [r.lastName, [r.alertLevel, r.alertCount]]));
    expect(level).toEqual({ Calme: ['warning', 1], Urgent: ['critical', 1], Neutre: [null, 0] });
    expect(await names(core, { withAlerts: true })).toEqual(['Calme Claire', 'Urgent Ulysse']);
    const actionId = (await call(core, 'salaries.get', { id: quiet })).parcours.actions[0]!.id;
    const done = { salarieId: quiet, id: actionId, label: 'Relancer la CAF', kind: 'suivi', owner: null, dueDate: '2026-11-16', doneDate: '2026-11-20' } as const;
    expect(await call(core, 'actions.save', done)).toMatchObject({ doneDate: '2026-11-20', overdue: false });
    expect(await names(core, { withAlerts: true })).toEqual(['Urgent Ulysse']);
  });

  it('soft-deletes with a 10-minute undo window, hides the salarié everywhere, and restores it', async () => {
    const id = await newSalarie(core, { lastName: 'Martin', firstName: 'Paul' });
    expect(await call(core, 'salaries.delete', { id })).toEqual({ id, undoUntil: '2026-11-23T09:10:00.000Z' });
    expect((await call(core, 'salaries.list', { status: 'tous' })).total).toBe(0);
    expect((await call(core, 'dashboard.get', {})).counts.enParcours).toBe(0);
    expect(await callError(core, 'salaries.get', { id })).toEqual({ code: 'NOT_FOUND', message: 'Ce salarié n’existe pas ou a été supprimé.' });
    expect(await callError(core, 'passIae.save', { salarieId: id, number: null, startDate: '2026-01-01', baseEndDate: '2027-12-31' })).toMatchObject({
      code: 'NOT_FOUND',
    });

    core.clock.advanceSeconds(3600);
    expect(await call(core, 'salaries.restore', { id })).toMatchObject({ id, lastName: 'Martin', status: 'en_parcours' });
    expect((await call(core, 'salaries.list', {})).total).toBe(1);
    expect(await auditActions(core)).toEqual(['salaries.create', 'salaries.delete', 'salaries.restore']);
    expect(await callError(core, 'salaries.restore', { id: 'inconnu' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows only that a confidential note exists, keeps it when the form omits it, and reveals it with an audit entry', async () => {
    const id = await newSalarie(core, { lastName: 'Martin', firstName: 'Paul', confidentialNote: 'Suivi psychiatrique' });
    const fiche = await call(core, 'salaries.get', { id });
    expect(fiche.identity.hasConfidentialNote).toBe(true);
    expect(JSON.stringify(fiche)).not.toContain('psychiatrique');

    const { confidentialNote: _omitted, ...withoutNote } = BLANK_IDENTITY;
    await call(core, 'salaries.updateIdentity', { id, identity: { ...withoutNote, lastName: 'Martin', firstName: 'Paul', phone: '06 12 34 56 78' } });
    const revealed = await call(core, 'salaries.revealConfidential', { id });
    expect(revealed.confidentialNote).toBe('Suivi psychiatrique');

    const log = await core.ctx.db().selectFrom('audit_log').selectAll().where('action', '=', 'salaries.revealConfidential').execute();
    expect(log).toEqual([expect.objectContaining({ entity: 'salarie', entity_id: id, actor: 'cip' })]);
    expect(log[0]!.detail ?? '').not.toContain('psychiatrique');

    await call(core, 'salaries.updateIdentity', { id, identity: { ...BLANK_IDENTITY, lastName: 'Martin', firstName: 'Paul' } });
    expect((await call(core, 'salaries.get', { id })).identity.hasConfidentialNote).toBe(false);
  });

  it('assigns a référent and stores the situation at entry as ASP codes, refusing incoherent ones', async () => {
    const id = await newSalarie(core, { lastName: 'Martin', firstName: 'Paul' });
    const anne = await call(core, 'referents.save', { displayName: 'Anne Roux' });
    expect(await call(core, 'salaries.assignReferent', { id, referentId: anne.id, entryDate: '2026-02-02' })).toMatchObject({
      referentId: anne.id,
      referentName: 'Anne Roux',
      entryDate: '2026-02-02',
    });
    expect(await callError(core, 'salaries.assignReferent', { id, referentId: 'nope', entryDate: '2026-02-02' })).toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: 'referentId' }],
    });

    const situation = {
      educationLevel: '50',
      prescriberType: '03',
      isEmployed: false,
      employerType: null,
      unemployedSince: '03',
      resourceless: false,
      franceTravailRegistered: true,
      franceTravailSince: '03',
      rqth: false,
      oeth: false,
      rsa: 'OUI-NM',
      rsaSince: null,
      ass: false,
      assSince: null,
      aah: false,
      aahSince: null,
      aseExit: false,
      isolatedParent: true,
      housingIssue: false,
      refugee: false,
      detentionExitOrPpsmj: false,
      lowLevelInFrench: false,
      mobilityIssue: true,
    } as const;
    const incoherent = await callError(core, 'salaries.updateSituation', { id, situation });
    expect(incoherent).toMatchObject({ code: 'VALIDATION', message: 'La durée de perception du RSA est obligatoire.', issues: [{ path: 'situation.rsaSince' }] });
    await call(core, 'salaries.updateSituation', { id, situation: { ...situation, rsaSince: '02' } });
    expect((await call(core, 'salaries.get', { id })).situation).toEqual({ ...situation, rsaSince: '02' });
    const stored = await core.ctx.db().selectFrom('situation').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ education_level: '50', rsa: 'OUI-NM', rsa_since: '02', isolated_parent: 1 });
  });
});
