import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodOutput } from '../../../../shared/ipc/contract';
import { ImmersionAssessmentExport } from '../../../../shared/ipc/immersions';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

type View = MethodOutput<'immersions.get'>;

/** Monday to Friday, 9 h–12 h and 13 h 30–17 h. */
const WEEK = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '09:00', end: '12:00' },
  { weekday, start: '13:30', end: '17:00' },
]);
const CONFIDENTIAL = 'Suivi en addictologie le mardi';

describe('immersions (PMSMP) through the dispatcher', () => {
  let core: TestCore;
  let salarieId: string;
  let referentId: string;

  beforeEach(async () => {
    core = await createTestCore();
    await call(core, 'structure.save', { name: 'Atelier du Val', siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
    referentId = (await call(core, 'referents.save', { displayName: 'Claire Martin' })).id;
    salarieId = await newSalarie(core, { lastName: 'Durand', firstName: 'Samir', referentId });
    await call(core, 'freins.save', { salarieId, kind: 'health', identifiedDate: '2026-10-01', details: CONFIDENTIAL });
  });
  afterEach(() => core.cleanup());

  function prepare(overrides: Partial<MethodInput<'immersions.save'>> = {}) {
    return call(core, 'immersions.save', {
      salarieId,
      objective: 'skills_validation',
      romeCode: 'k2204',
      newTutor: { organisationId: null, organisationName: 'Résidence Les Tilleuls', name: 'Nadia Benali', role: 'Gouvernante', phone: null, email: null },
      startDate: '2026-12-01',
      endDate: '2026-12-14',
      schedule: WEEK,
      place: '12 rue des Tilleuls, Lille',
      activities: 'Entretien des parties communes',
      notes: 'Note confidentielle : fatigue',
      ...overrides,
    });
  }

  async function start(id: string): Promise<View> {
    await call(core, 'immersions.transition', { id, to: 'convention_a_signer' });
    await call(core, 'immersions.transition', { id, to: 'signee' });
    return call(core, 'immersions.transition', { id, to: 'en_cours' });
  }

  const ratingsOf = (view: View, levels: Record<string, string | null>) =>
    view.grid!.items.filter((i) => !i.removed).map((i) => ({ itemId: i.id, levelCode: levels[i.label] ?? null, comment: null }));

  it('prepares a brouillon with a tutor typed once, who joins the partners directory', async () => {
    const view = await prepare();
    expect(view).toMatchObject({
      status: 'brouillon',
      objective: 'skills_validation',
      romeCode: 'K2204',
      romeLabel: 'Nettoyage de locaux',
      host: { name: 'Résidence Les Tilleuls' },
      tutor: { name: 'Nadia Benali', role: 'Gouvernante' },
      prescriber: { organisationId: null, name: 'Atelier du Val (structure employeuse)' },
      weeklyHours: 32.5,
      scheduledHours: 65,
      notes: null,
      hasNotes: true,
      referentName: 'Claire Martin',
    });
    expect(view.allowedTransitions.map((t) => t.to)).toEqual(['convention_a_signer', 'annulee']);
    expect(view.steps.find((s) => s.step === 'structure_trouvee')).toMatchObject({ done: true, source: 'record', doneDate: '2026-11-23' });
    const partners = await call(core, 'partners.list', { query: 'tilleuls' });
    expect(partners.rows.map((r) => [r.name, r.contactCount, r.immersionsHosted])).toEqual([['Résidence Les Tilleuls', 1, 0]]);
    // Notes only on request, and that read is logged.
    expect((await call(core, 'immersions.get', { id: view.id, includeNotes: true })).notes).toBe('Note confidentielle : fatigue');
    expect(await auditActions(core)).toEqual(expect.arrayContaining(['partners.create', 'partners.addContact', 'immersions.create', 'immersions.readNotes']));
  });

  it('moves along the allowed transitions only, refusing others with a French VALIDATION error', async () => {
    const bare = await call(core, 'immersions.save', { salarieId, objective: 'discovery' });
    const refused = await callError(core, 'immersions.transition', { id: bare.id, to: 'convention_a_signer' });
    expect(refused).toMatchObject({
      code: 'VALIDATION',
      message: 'Pour établir la convention, renseignez d’abord la structure d’accueil, le métier visé, la date de début et la date de fin.',
    });
    const skipped = await callError(core, 'immersions.transition', { id: bare.id, to: 'en_cours' });
    expect(skipped.message).toBe('Une immersion « Brouillon » ne peut pas passer à « En cours ».');
    expect((await callError(core, 'immersions.transition', { id: bare.id, to: 'annulee' })).message).toBe('Indiquez le motif de l’annulation.');

    const view = await prepare();
    const started = await start(view.id);
    expect(started.status).toBe('en_cours');
    expect(started.allowedTransitions.map((t) => t.to)).toEqual(['terminee']);
    expect(started.steps.filter((s) => s.done).map((s) => s.step)).toEqual(['structure_trouvee', 'convention_preparee', 'demarrage_confirme']);
    expect((await callError(core, 'immersions.transition', { id: view.id, to: 'annulee', reason: 'Abandon' })).code).toBe('VALIDATION');
    // The convention names host, trade and dates: they cannot be removed once it exists.
    const cleared = await callError(core, 'immersions.save', { id: view.id, salarieId, objective: 'skills_validation', romeCode: 'K2204', hostOrganisationId: started.host!.organisationId, startDate: null, endDate: '2026-12-14' });
    expect(cleared.message).toBe('La convention est établie : la date de début reste obligatoire.');
    const cancelled = await call(core, 'immersions.transition', { id: bare.id, to: 'annulee', reason: 'Projet abandonné' });
    expect(cancelled).toMatchObject({ status: 'annulee', cancelReason: 'Projet abandonné', allowedTransitions: [] });
  });

  it('builds the grid from a shipped template, individualises it, records evaluations and shows the progression', async () => {
    const view = await prepare();
    await start(view.id);
    const library = await call(core, 'grids.listTemplates', {});
    expect(library.length).toBeGreaterThanOrEqual(13);
    const template = library.find((t) => t.romeCode === 'K2204')!;
    expect(template).toMatchObject({ id: 'modele-agent-entretien', origin: 'shipped', version: 1, itemCount: 12 });

    const withGrid = await call(core, 'immersions.createGrid', { immersionId: view.id, templateId: template.id });
    const grid = withGrid.grid!;
    expect(grid).toMatchObject({ templateName: 'Agent·e d’entretien', templateVersion: 1, kind: 'competences', individualisedOn: null });
    expect(grid.scale.map((l) => l.label)).toEqual(['Non évalué', 'Non acquis', 'En cours d’acquisition', 'Acquis']);
    expect(withGrid.steps.find((s) => s.step === 'grille_construite')).toMatchObject({ done: false, record: { type: 'grille', label: 'Grille à individualiser' } });

    // Individualisation at the first tripartite: one added, one reworded, one removed.
    const [first, second, third, ...rest] = grid.items;
    const individualised = await call(core, 'immersions.saveGrid', {
      immersionId: view.id,
      individualisedOn: '2026-11-25',
      items: [
        { id: first!.id, section: first!.section, label: first!.label },
        { id: second!.id, section: second!.section, label: 'Respecte les dosages indiqués sur les bidons' },
        ...rest.map((i) => ({ id: i.id, section: i.section, label: i.label })),
        { id: null, section: 'professionnel', label: 'Utilise l’autolaveuse en sécurité' },
      ],
    });
    expect(individualised.grid!.items).toHaveLength(12);
    expect(individualised.grid!.items.some((i) => i.id === third!.id)).toBe(false);
    const reworded = individualised.grid!.items.find((i) => i.id === second!.id)!;
    expect(reworded).toMatchObject({ label: 'Respecte les dosages indiqués sur les bidons', templateLabel: 'Respecte les dosages et les pictogrammes de sécurité des produits' });
    expect(individualised.grid!.items.at(-1)).toMatchObject({ origin: 'ajout', label: 'Utilise l’autolaveuse en sécurité' });
    expect(individualised.steps.find((s) => s.step === 'grille_construite')).toMatchObject({ done: true, doneDate: '2026-11-25' });

    // Planned evaluations: one weekly, then the final one on the last day; they reach the agenda.
    const planned = await call(core, 'immersions.planEvaluations', { id: view.id });
    expect(planned.evaluations.map((e) => [e.kind, e.status, e.date, e.evaluators.map((x) => x.role)])).toEqual([
      ['hebdomadaire', 'planifiee', '2026-12-07', ['tuteur', 'referent']],
      ['finale', 'planifiee', '2026-12-14', ['tuteur', 'referent']],
    ]);
    const agenda = await call(core, 'agenda.range', { from: '2026-12-07', to: '2026-12-13' });
    expect(agenda).toEqual([
      expect.objectContaining({
        source: 'evaluation_immersion',
        date: '2026-12-07',
        status: 'planifie',
        salarieName: 'Samir Durand',
        title: 'Évaluation intermédiaire hebdomadaire — Nettoyage de locaux',
        thirdParties: ['Nadia Benali (Résidence Les Tilleuls)'],
        immersionId: view.id,
      }),
    ]);

    const items = individualised.grid!.items;
    const weekly = planned.evaluations[0]!;
    const added = items.at(-1)!;
    const evaluators = [{ role: 'tuteur' as const, name: 'Nadia Benali' }, { role: 'referent' as const, name: 'Claire Martin' }];
    await call(core, 'immersions.saveEvaluation', {
      id: weekly.id,
      immersionId: view.id,
      kind: 'hebdomadaire',
      status: 'realisee',
      date: '2026-12-04',
      evaluators,
      ratings: [
        { itemId: first!.id, levelCode: 'non_acquis', comment: 'Oublie le chariot' },
        { itemId: reworded.id, levelCode: 'non_acquis', comment: null },
        { itemId: added.id, levelCode: 'non_evalue', comment: null },
      ],
    });
    await call(core, 'immersions.saveEvaluation', {
      immersionId: view.id,
      kind: 'hebdomadaire',
      status: 'realisee',
      date: '2026-12-09',
      evaluators,
      ratings: [
        { itemId: first!.id, levelCode: 'en_cours', comment: null },
        { itemId: reworded.id, levelCode: 'en_cours', comment: null },
      ],
    });
    // The final one is made with the host.
    const withoutHost = await callError(core, 'immersions.saveEvaluation', {
      id: planned.evaluations[1]!.id,
      immersionId: view.id,
      kind: 'finale',
      status: 'realisee',
      date: '2026-12-14',
      evaluators: [{ role: 'referent', name: 'Claire Martin' }],
      ratings: [],
    });
    expect(withoutHost.message).toBe('L’évaluation finale se fait avec la structure d’accueil : ajoutez le tuteur ou la tutrice parmi les évaluateurs.');
    const final = await call(core, 'immersions.saveEvaluation', {
      id: planned.evaluations[1]!.id,
      immersionId: view.id,
      kind: 'finale',
      status: 'realisee',
      date: '2026-12-14',
      evaluators,
      ratings: [
        { itemId: first!.id, levelCode: 'acquis', comment: null },
        { itemId: reworded.id, levelCode: 'en_cours', comment: 'Encore des hésitations' },
        { itemId: added.id, levelCode: 'acquis', comment: null },
      ],
      salarieOpinion: 'J’ai aimé travailler en équipe.',
      hostOpinion: 'Sérieux et ponctuel.',
    });
    expect(final.evaluations.map((e) => [e.kind, e.status, e.date])).toEqual([
      ['hebdomadaire', 'realisee', '2026-12-04'],
      ['hebdomadaire', 'realisee', '2026-12-09'],
      ['finale', 'realisee', '2026-12-14'],
    ]);
    expect((await callError(core, 'immersions.saveEvaluation', { immersionId: view.id, kind: 'finale', status: 'planifiee', date: '2026-12-15' })).message).toMatch(
      /déjà une évaluation finale/,
    );

    const progression = final.progression!;
    expect(progression.rows.find((r) => r.itemId === first!.id)).toMatchObject({ outcome: 'atteint', delta: 2 });
    expect(progression.rows.find((r) => r.itemId === first!.id)!.points.map((p) => p.levelLabel)).toEqual(['Non acquis', 'En cours d’acquisition', 'Acquis']);
    expect(progression.rows.find((r) => r.itemId === reworded.id)).toMatchObject({ outcome: 'en_progres' });
    expect(progression.reached).toEqual([first!.id, added.id]);
    expect(progression.remaining).toEqual([reworded.id]);
    expect(final.steps.filter((s) => ['evaluations_hebdomadaires', 'evaluation_finale'].includes(s.step)).map((s) => [s.done, s.doneDate])).toEqual([
      [true, '2026-12-09'],
      [true, '2026-12-14'],
    ]);
    // The grid cannot be swapped once used; rated items removed stay readable in past evaluations.
    expect((await callError(core, 'immersions.createGrid', { immersionId: view.id, templateId: 'modele-decouverte' })).code).toBe('CONFLICT');
  });

  it('keeps the wording an evaluation was made with when the template or the grid is edited afterwards', async () => {
    const view = await prepare();
    await start(view.id);
    const withGrid = await call(core, 'immersions.createGrid', { immersionId: view.id, templateId: 'modele-agent-entretien' });
    const item = withGrid.grid!.items[0]!;
    const original = item.label;
    await call(core, 'immersions.saveEvaluation', {
      immersionId: view.id,
      kind: 'hebdomadaire',
      status: 'realisee',
      date: '2026-12-04',
      evaluators: [{ role: 'tuteur', name: 'Nadia Benali' }],
      ratings: ratingsOf(withGrid, { [original]: 'en_cours' }),
    });

    // A new version of the template: the library shows it, the immersion's grid and evaluation do not change.
    const template = await call(core, 'grids.getTemplate', { id: 'modele-agent-entretien' });
    const edited = await call(core, 'grids.saveTemplate', {
      id: template.id,
      basedOnVersion: template.version,
      name: template.name,
      romeCode: template.romeCode,
      romeLabel: template.romeLabel,
      kind: template.kind,
      description: template.description,
      scale: template.scale,
      items: template.items.map((i, n) => (n === 0 ? { ...i, label: 'Prépare son chariot (nouvelle version)' } : i)),
    });
    expect(edited).toMatchObject({ version: 2, shownVersion: 2, usedBy: 1 });
    expect(edited.versions.map((v) => v.version)).toEqual([1, 2]);
    expect((await call(core, 'grids.getTemplate', { id: template.id, version: 1 })).items[0]!.label).toBe(original);
    // Saving from a stale version is refused rather than silently overwriting the newer one.
    const stale = { id: template.id, basedOnVersion: 1, name: template.name, romeCode: template.romeCode, romeLabel: template.romeLabel, kind: template.kind, description: '', scale: template.scale, items: template.items };
    expect((await callError(core, 'grids.saveTemplate', stale)).code).toBe('CONFLICT');

    // The immersion's own item is reworded after the evaluation: the grid changes, the evaluation does not.
    let after = await call(core, 'immersions.get', { id: view.id });
    expect(after.grid!.items[0]!.label).toBe(original);
    after = await call(core, 'immersions.saveGrid', {
      immersionId: view.id,
      items: after.grid!.items.map((i, n) => ({ id: i.id, section: i.section, label: n === 0 ? 'Prépare son chariot seul' : i.label })),
    });
    expect(after.grid!.items[0]!.label).toBe('Prépare son chariot seul');
    expect(after.evaluations[0]!.ratings[0]).toMatchObject({ itemId: item.id, itemLabel: original, levelLabel: 'En cours d’acquisition' });

    // Removing the rated item keeps it (removed) so the evaluation still reads it.
    after = await call(core, 'immersions.saveGrid', {
      immersionId: view.id,
      items: after.grid!.items.slice(1).map((i) => ({ id: i.id, section: i.section, label: i.label })),
    });
    expect(after.grid!.items.find((i) => i.id === item.id)).toMatchObject({ removed: true, rated: true });
    expect(after.evaluations[0]!.ratings[0]!.itemLabel).toBe(original);

    // Duplicating makes an independent user template.
    const copy = await call(core, 'grids.duplicateTemplate', { id: template.id, name: 'Agent·e d’entretien — Résidence' });
    expect(copy).toMatchObject({ origin: 'user', version: 1, duplicatedFromId: template.id, usedBy: 0 });
    expect(copy.items[0]!.label).toBe('Prépare son chariot (nouvelle version)');
  });

  it('writes the bilan with Immersion Facilitée’s rules and exports it as validated JSON without confidential data', async () => {
    const view = await prepare();
    await start(view.id);
    const withGrid = await call(core, 'immersions.createGrid', { immersionId: view.id, templateId: 'modele-agent-entretien' });
    await call(core, 'immersions.saveEvaluation', {
      immersionId: view.id,
      kind: 'finale',
      status: 'realisee',
      date: '2026-12-14',
      evaluators: [{ role: 'tuteur', name: 'Nadia Benali' }],
      ratings: ratingsOf(withGrid, { [withGrid.grid!.items[0]!.label]: 'acquis' }),
      hostOpinion: 'Sérieux.',
    });
    const base = {
      immersionId: view.id,
      status: 'PARTIALLY_COMPLETED' as const,
      establishmentFeedback: 'Bonne intégration dans l’équipe.',
      establishmentAdvices: 'Viser un poste en résidence.',
      writtenOn: '2026-12-15',
    };
    const partial = await callError(core, 'immersions.saveBilan', base);
    expect(partial.issues?.map((i) => i.path)).toEqual(['lastDayOfPresence', 'numberOfMissedHours']);
    const tooMany = await callError(core, 'immersions.saveBilan', { ...base, lastDayOfPresence: '2026-12-04', numberOfMissedHours: 30 });
    expect(tooMany.message).toBe('Les heures manquées (30 h) dépassent les heures prévues jusqu’au 04/12/2026 (26 h).');
    const noFeedback = await callError(core, 'immersions.saveBilan', { ...base, status: 'COMPLETED', establishmentFeedback: null });
    expect(noFeedback.issues?.[0]?.path).toBe('establishmentFeedback');

    const saved = await call(core, 'immersions.saveBilan', {
      ...base,
      lastDayOfPresence: '2026-12-11',
      numberOfMissedHours: 6.5,
      endedWithAJob: true,
      typeOfContract: 'CDD > ou = 6 mois',
      contractStartDate: '2027-01-04',
      beneficiaryAgreement: true,
      nextSteps: ['recherche_emploi', 'poursuite_parcours'],
    });
    expect(saved.bilan).toMatchObject({ status: 'PARTIALLY_COMPLETED', numberOfMissedHours: 6.5, endedWithAJob: true, typeOfContract: 'CDD > ou = 6 mois', nextSteps: ['recherche_emploi', 'poursuite_parcours'] });
    expect(saved.steps.find((s) => s.step === 'bilan')).toMatchObject({ done: true, doneDate: '2026-12-15' });

    const exported = await call(core, 'immersions.exportBilan', { id: view.id });
    expect(exported.fileName).toBe('bilan-immersion-k2204-2026-12-01.json');
    const json = JSON.parse(exported.content) as unknown;
    const parsed = ImmersionAssessmentExport.parse(json);
    expect(parsed).toMatchObject({
      status: 'PARTIALLY_COMPLETED',
      lastDayOfPresence: '2026-12-11',
      numberOfMissedHours: 6.5,
      endedWithAJob: true,
      typeOfContract: 'CDD > ou = 6 mois',
      contractStartDate: '2027-01-04',
      establishmentFeedback: 'Bonne intégration dans l’équipe.',
      establishmentAdvices: 'Viser un poste en résidence.',
    });
    const grid = parsed['x-jalons-grid'];
    expect(grid.immersion).toMatchObject({ immersionObjective: 'Confirmer un projet professionnel', appellation: { romeCode: 'K2204' }, dateStart: '2026-12-01' });
    expect(grid.evaluations[0]!.ratings[0]).toMatchObject({ levelCode: 'acquis', levelLabel: 'Acquis' });
    expect(grid.progression.reached).toEqual([withGrid.grid!.items[0]!.id]);
    for (const secret of [CONFIDENTIAL, 'Note confidentielle', 'Durand']) expect(exported.content).not.toContain(secret);
    expect(await auditActions(core)).toContain('immersions.exportBilan');

    // Nobody came: IF's « Non applicable » texts, no hire.
    const other = await prepare({ startDate: '2027-01-11', endDate: '2027-01-15' });
    await call(core, 'immersions.transition', { id: other.id, to: 'convention_a_signer' });
    await call(core, 'immersions.transition', { id: other.id, to: 'signee' });
    await call(core, 'immersions.saveBilan', { immersionId: other.id, status: 'DID_NOT_SHOW', endedWithAJob: true, writtenOn: '2027-01-12' });
    const absent = ImmersionAssessmentExport.parse(JSON.parse((await call(core, 'immersions.exportBilan', { id: other.id })).content));
    expect(absent).toMatchObject({ status: 'DID_NOT_SHOW', endedWithAJob: false, establishmentFeedback: 'Non applicable', establishmentAdvices: 'Non applicable' });
  });

  it('renews once for the same objective, carrying the grid over, and warns on the rules', async () => {
    await call(core, 'contracts.save', { salarieId, kind: 'FIXED_TERM_I', siaeKind: null, annexeId: null, startDate: '2026-06-01', endDate: '2026-12-20', weeklyHours: 26, referentId: null });
    const view = await prepare({ endDate: '2027-01-05' });
    expect(view.warnings.map((w) => w.code)).toEqual(['duree_max', 'hors_contrat', 'fin_de_contrat']);
    expect(view.warnings[0]).toMatchObject({ rule: 'Une PMSMP dure au plus un mois, de date à date.' });
    expect((await callError(core, 'immersions.renew', { id: view.id })).message).toMatch(/commencée ou terminée/);
    await call(core, 'immersions.save', { id: view.id, salarieId, objective: 'skills_validation', romeCode: 'K2204', hostOrganisationId: view.host!.organisationId, tutorContactId: view.tutor!.contactId, startDate: '2026-12-01', endDate: '2026-12-14', schedule: WEEK });
    await start(view.id);
    await call(core, 'immersions.createGrid', { immersionId: view.id, templateId: 'modele-agent-entretien' });
    await call(core, 'immersions.transition', { id: view.id, to: 'terminee' });

    const renewal = await call(core, 'immersions.renew', { id: view.id });
    expect(renewal).toMatchObject({ status: 'brouillon', objective: 'skills_validation', startDate: '2026-12-15', endDate: '2026-12-28', renewalOf: { id: view.id }, evaluations: [] });
    expect(renewal.host?.organisationId).toBe(view.host!.organisationId);
    expect(renewal.grid?.items).toHaveLength(12);
    expect(renewal.renewalRefusal).toMatch(/déjà un renouvellement/);
    expect((await callError(core, 'immersions.renew', { id: view.id })).message).toMatch(/déjà été renouvelée/);
    expect((await callError(core, 'immersions.renew', { id: renewal.id })).message).toMatch(/déjà un renouvellement/);
    // Changing the objective of the renewal is a warning with the rule's wording.
    const changed = await call(core, 'immersions.save', { id: renewal.id, salarieId, objective: 'discovery', romeCode: 'K2204', hostOrganisationId: renewal.host!.organisationId, startDate: '2026-12-15', endDate: '2026-12-28', schedule: WEEK });
    expect(changed.warnings.map((w) => w.code)).toContain('renouvellement_objectif');
    expect((await call(core, 'immersions.get', { id: view.id })).renewals.map((r) => r.id)).toEqual([renewal.id]);
  });

  it('links tripartite entretiens to Fiche 1’s steps and shows immersions to the partner and on the fiche', async () => {
    const view = await prepare();
    const host = view.host!.organisationId;
    const tripartite = (date: string, status: 'tenu' | 'planifie') =>
      call(core, 'entretiens.save', {
        salarieId,
        kind: 'tripartite',
        moment: 'immersion',
        status,
        date,
        participants: [{ role: 'salarie' }, { role: 'referent' }, { role: 'tuteur', organisationId: host, contactId: view.tutor!.contactId }],
        link: { type: 'immersion', id: view.id },
      });
    const first = await tripartite('2026-11-20', 'tenu');
    const last = await tripartite('2026-12-15', 'planifie');
    let seen = await call(core, 'immersions.get', { id: view.id });
    expect(seen.steps.find((s) => s.step === 'premier_tripartite')).toMatchObject({ done: true, doneDate: '2026-11-20', record: { type: 'entretien', id: first.id } });
    expect(seen.steps.find((s) => s.step === 'tripartite_final')).toMatchObject({ done: false, record: { type: 'entretien', id: last.id } });

    // An entretien recorded without the link can be linked from the immersion.
    const other = await call(core, 'entretiens.save', { salarieId, kind: 'suivi_individuel', moment: 'immersion', status: 'tenu', date: '2026-11-22', participants: [{ role: 'salarie' }] });
    seen = await call(core, 'immersions.linkEntretien', { id: view.id, entretienId: other.id, linked: true });
    expect(seen.linkedEntretiens.map((e) => e.id)).toEqual([first.id, other.id, last.id]);
    expect((await call(core, 'entretiens.get', { id: other.id })).link).toMatchObject({ type: 'immersion', id: view.id });

    // Freins levés: ticked by hand with a date, and unticked.
    seen = await call(core, 'immersions.setStep', { id: view.id, step: 'freins_leves', doneDate: '2026-11-28' });
    expect(seen.steps.find((s) => s.step === 'freins_leves')).toMatchObject({ done: true, source: 'manual', doneDate: '2026-11-28' });
    seen = await call(core, 'immersions.setStep', { id: view.id, step: 'freins_leves', doneDate: null });
    expect(seen.steps.find((s) => s.step === 'freins_leves')).toMatchObject({ done: false, source: null });

    await start(view.id);
    const partner = await call(core, 'partners.get', { id: host });
    expect(partner.history.find((h) => h.kind === 'immersion')).toMatchObject({ refId: view.id, salarieName: 'Samir Durand', title: 'Immersion validation des compétences — Nettoyage de locaux (en cours)' });
    expect((await call(core, 'partners.list', { query: 'tilleuls' })).rows[0]!.immersionsHosted).toBe(1);

    const fiche = await call(core, 'salaries.get', { id: salarieId });
    const event = fiche.timeline.find((e) => e.kind === 'immersion');
    expect(event).toMatchObject({ date: '2026-12-01', title: 'Immersion validation des compétences : Nettoyage de locaux', ref: { type: 'immersion', id: view.id } });
    expect(JSON.stringify(fiche.timeline)).not.toContain('Note confidentielle');

    // A tutor removed from the partner form is kept (inactive): the immersion still names them.
    await call(core, 'partners.save', { id: host, name: 'Résidence Les Tilleuls', kind: 'entreprise', siret: null, nafCode: null, communeInsee: null, address: null, sizeBand: null, notes: null, contacts: [] });
    expect((await call(core, 'immersions.get', { id: view.id })).tutor?.name).toBe('Nadia Benali');

    // Only a brouillon or a cancelled immersion can be deleted; its entretiens are unlinked.
    expect((await callError(core, 'immersions.delete', { id: view.id })).code).toBe('VALIDATION');
    const draft = await call(core, 'immersions.save', { salarieId, objective: 'discovery' });
    await call(core, 'immersions.linkEntretien', { id: draft.id, entretienId: other.id, linked: true });
    await call(core, 'immersions.delete', { id: draft.id });
    expect((await call(core, 'entretiens.get', { id: other.id })).link).toBeNull();
  });

  it('lists immersions in progress first, then planned ones, then finished ones, with filters', async () => {
    const running = await prepare();
    await start(running.id);
    const planned = await prepare({ startDate: '2027-02-01', endDate: '2027-02-12' });
    const other = await newSalarie(core, { lastName: 'Martin', firstName: 'Léa' });
    const discovery = await call(core, 'immersions.save', { salarieId: other, objective: 'discovery' });
    await call(core, 'immersions.transition', { id: discovery.id, to: 'annulee', reason: 'Projet abandonné' });

    const all = await call(core, 'immersions.list', {});
    expect(all.rows.map((r) => [r.id, r.status])).toEqual([
      [running.id, 'en_cours'],
      [planned.id, 'brouillon'],
      [discovery.id, 'annulee'],
    ]);
    expect(all.rows[0]).toMatchObject({ salarieName: 'Samir Durand', referentName: 'Claire Martin', hostName: 'Résidence Les Tilleuls', romeLabel: 'Nettoyage de locaux' });
    expect((await call(core, 'immersions.list', { phase: 'a_venir' })).rows.map((r) => r.id)).toEqual([planned.id]);
    expect((await call(core, 'immersions.list', { phase: 'terminees' })).rows.map((r) => r.id)).toEqual([discovery.id]);
    expect((await call(core, 'immersions.list', { objective: 'discovery' })).total).toBe(1);
    expect((await call(core, 'immersions.list', { query: 'tilleuls' })).total).toBe(2);
    expect((await call(core, 'immersions.list', { query: 'lea' })).rows.map((r) => r.id)).toEqual([discovery.id]);
    expect((await call(core, 'immersions.list', { referentId })).total).toBe(2);
    // A deleted salarié's immersions leave the list.
    await call(core, 'salaries.delete', { id: other });
    expect((await call(core, 'immersions.list', {})).total).toBe(2);
  });

  it('records every write in the audit log with ids only, in the same transaction', async () => {
    const view = await prepare();
    await start(view.id);
    await call(core, 'immersions.createGrid', { immersionId: view.id, templateId: 'modele-agent-entretien' });
    const rows = await core.ctx.db().selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'detail']).where('action', 'like', 'immersions.%').execute();
    expect(rows.map((r) => r.action)).toEqual(['immersions.create', 'immersions.transition', 'immersions.transition', 'immersions.transition', 'immersions.createGrid']);
    const text = JSON.stringify(rows);
    for (const personal of ['Samir', 'Durand', 'Nadia', 'Tilleuls', 'fatigue', 'parties communes']) expect(text).not.toContain(personal);
    // A refused write leaves nothing behind.
    const before = (await auditActions(core)).length;
    await callError(core, 'immersions.saveEvaluation', { immersionId: view.id, kind: 'finale', status: 'realisee', date: '2026-12-14', evaluators: [], ratings: [] });
    expect((await auditActions(core)).length).toBe(before);
  });
});
