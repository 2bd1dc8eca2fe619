import { call, newSalarie, type TestCore } from './parcours';

/*
 * A salarié with something in every part of the parcours, each free text unique, so tests can look for
 * them anywhere: exports, the audit log, print views, the decrypted database file after a purge.
 * FixedClock: Monday 2026-11-23. The exit (2020-12-31) is more than 5 years old: due for anonymisation.
 */

export const STRUCTURE = { name: 'Atelier Solidaire du Val', siret: null, siaeKind: 'ACI' as const, regionCode: null, departementCode: null, annexes: [] };

export interface RichSalarie {
  id: string;
  entretienId: string;
  immersionId: string | null;
  healthFreinId: string;
  /** Identity and other texts shown in ordinary views. */
  ordinary: string[];
  /** Confidential texts: never in prints for employers, statistics, or an export without notes. */
  confidential: string[];
  /** Every unique string of this salarié (ordinary + confidential). */
  all: string[];
}

export async function arrangeStructure(core: TestCore): Promise<string> {
  await call(core, 'structure.save', STRUCTURE);
  return (await call(core, 'referents.save', { displayName: 'Claire Martin' })).id;
}

/** `exited: false` leaves the salarié in parcours (no sortie, no follow-up, nothing due). */
export async function arrangeRichSalarie(core: TestCore, referentId: string, tag = 'Zorglub', options: { exited?: boolean } = {}): Promise<RichSalarie> {
  const exited = options.exited ?? true;
  const t = (label: string) => `${label} ${tag}`;
  const lastName = `Vandenbroucke${tag}`;
  const firstName = `Philomène${tag}`;
  const email = `philo.${tag.toLowerCase()}@exemple.fr`;
  const confidential = {
    note: t('NOTE-CONFIDENTIELLE suivi addictologie'),
    health: t('DETAILS-SANTE traitement lourd'),
    healthAction: t('ACTION-SANTE rendez-vous au CMP'),
    entretienNotes: t('NOTES-ENTRETIEN évoque une condamnation'),
    immersionNotes: t('NOTES-IMMERSION fatigue liée au traitement'),
  };
  const ordinary = {
    lastName,
    firstName,
    birthName: `Xantippe${tag}`,
    email,
    phone: `06 ${String(tag.length * 7 + tag.charCodeAt(0)).padStart(2, '0').slice(-2)} 76 54 32`,
    housing: t('DETAILS-LOGEMENT foyer de jeunes travailleurs'),
    projet: t('PROJET-NOTE souhaite travailler en espaces verts'),
    formation: t('FORMATION-TITRE CACES R489'),
    action: t('ACTION-LABEL dossier de mutuelle'),
    decisions: t('DECISIONS-ENTRETIEN passage à 26 heures'),
    objective: t('OBJECTIF-ENTRETIEN autonomie sur la tondeuse'),
    sortie: t('SORTIE-NOTE embauche chez un paysagiste'),
    followUp: t('SUIVI-SITUATION toujours en poste'),
    immersionPlace: t('LIEU-IMMERSION serres municipales'),
  };

  const id = await newSalarie(core, {
    lastName,
    firstName,
    birthName: ordinary.birthName,
    birthDate: '1988-03-12',
    sex: '2',
    email,
    phone: ordinary.phone,
    entryDate: '2019-01-07',
    referentId,
    confidentialNote: confidential.note,
  });
  await call(core, 'passIae.save', { salarieId: id, number: '999991234567', startDate: '2019-01-07', baseEndDate: '2021-01-06' });
  await call(core, 'contracts.save', {
    salarieId: id,
    kind: 'FIXED_TERM_I',
    siaeKind: null,
    annexeId: null,
    startDate: '2019-01-07',
    endDate: '2020-12-31',
    weeklyHours: 26,
    referentId,
  });
  const health = await call(core, 'freins.save', { salarieId: id, kind: 'health', identifiedDate: '2019-02-01', details: confidential.health });
  await call(core, 'freins.addAction', { freinId: health.id, date: '2019-03-01', mode: 'external', partner: null, note: confidential.healthAction });
  await call(core, 'freins.save', { salarieId: id, kind: 'housing', identifiedDate: '2019-02-01', details: ordinary.housing });
  await call(core, 'projet.save', { salarieId: id, status: 'valide', targets: [{ romeCode: 'A1203', label: 'Entretien des espaces verts' }], note: ordinary.projet });
  await call(core, 'formations.save', {
    salarieId: id,
    title: ordinary.formation,
    organisme: null,
    kind: 'qualifying',
    setting: 'external',
    startDate: '2019-06-03',
    endDate: '2019-06-07',
    hours: 35,
    certificationKind: null,
    certificationOutcome: null,
  });
  await call(core, 'actions.save', { salarieId: id, label: ordinary.action, kind: 'suivi', owner: null, dueDate: '2019-04-01' });
  const entretien = await call(core, 'entretiens.save', {
    salarieId: id,
    kind: 'tripartite',
    moment: 'parcours',
    status: 'tenu',
    date: '2019-05-15',
    participants: [
      { role: 'salarie', salarieId: id },
      { role: 'referent', referentId },
    ],
    objectives: [{ text: ordinary.objective, deadline: '2019-07-01', conditions: null }],
    decisions: ordinary.decisions,
    freinIds: [health.id],
    notes: confidential.entretienNotes,
  });
  let immersionId: string | null = null;
  try {
    const immersion = await call(core, 'immersions.save', {
      salarieId: id,
      objective: 'discovery',
      startDate: '2019-09-02',
      endDate: '2019-09-06',
      place: ordinary.immersionPlace,
      notes: confidential.immersionNotes,
    });
    immersionId = immersion.id;
  } catch {
    // The immersions feature may not be there; the rest of the fixture stands on its own.
  }
  if (exited) {
    await call(core, 'sortie.save', { salarieId: id, exitDate: '2020-12-31', motif: 'cdi_not_aided', note: ordinary.sortie });
    await call(core, 'sortie.recordFollowUp', { salarieId: id, offsetMonths: 6, doneDate: '2021-06-30', situation: ordinary.followUp, note: null });
  }

  const absent = new Set([...(immersionId === null ? [ordinary.immersionPlace] : []), ...(exited ? [] : [ordinary.sortie, ordinary.followUp])]);
  const ordinaryList = Object.values(ordinary).filter((s) => !absent.has(s));
  const confidentialList = Object.values(confidential).filter((s) => immersionId !== null || s !== confidential.immersionNotes);
  return {
    id,
    entretienId: entretien.id,
    immersionId,
    healthFreinId: health.id,
    ordinary: ordinaryList,
    confidential: confidentialList,
    all: [...ordinaryList, ...confidentialList],
  };
}
