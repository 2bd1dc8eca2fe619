import { maxIsoDate, minIsoDate, type IsoDate } from '../../../../shared/domain/calendar';
import { defaultMomentByKind, type EntretienKind, type EntretienMoment, type EntretienStatus, type ParticipantRole, type PlaceKind } from '../../../../shared/domain/entretiens';
import { daysFromTo, plusDays, plusMonths } from '../dates';
import type { Rng } from '../random';
import { countAround } from '../scale';
import { stamp, type DemoEnv, type DemoImmersion, type DemoKind, type DemoOrganisation, type PersonDraft, type RowSink } from '../types';

/*
 * Entretiens along the parcours: accueil and diagnostic at the entry, regular individual follow-ups,
 * a realistic share of tripartite ones with a third party from the partners directory (employer,
 * prescriber, training body), the first and final tripartites of each immersion (linked to it, with
 * its tutor), the exit interview, and post-hiring follow-ups. For people still in parcours, most had
 * one in the last four weeks and one or two are planned. Held tripartites and bilans carry
 * objectives; some held entretiens leave next steps as `action` rows (source 'entretien'), mostly
 * done by now. The latest held date feeds the salarié's `last_entretien_date` cache.
 */

interface Planned {
  date: IsoDate;
  kind: EntretienKind;
  /** Forced status (otherwise drawn from the date). */
  held?: boolean;
  immersion?: { immersion: DemoImmersion; final: boolean };
}

interface ThirdParty {
  role: ParticipantRole;
  organisation: DemoOrganisation;
  contactId: string | null;
  displayName: string;
}

const REGULAR: ReadonlyArray<readonly [EntretienKind, number]> = [['suivi_individuel', 62], ['tripartite', 20], ['bilan_intermediaire', 12], ['diagnostic', 6]];
const TIMES = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'];
const DECISIONS = [
  'Poursuite du contrat avec un objectif d’autonomie sur le poste.',
  'Mise en place d’une immersion dans le métier visé.',
  'Inscription à une formation qualifiante à la rentrée.',
  'Renouvellement du contrat proposé, à valider avec l’encadrant technique.',
  'Recherche d’emploi ciblée : trois candidatures par semaine.',
];
const OBJECTIVES = [
  'Gagner en autonomie sur les tâches confiées',
  'Obtenir le permis B',
  'Valider le projet professionnel par une immersion',
  'Mettre à jour le CV et la lettre de motivation',
  'Régulariser la situation administrative (CAF, Sécurité sociale)',
  'Améliorer la ponctualité',
  'Suivre une formation SST',
  'Trouver une solution de garde d’enfants',
];
const CONDITIONS = ['Avec l’appui de l’encadrant technique', 'Financement à trouver (CPF, France Travail)', 'En lien avec la plateforme mobilité', 'Points hebdomadaires avec la référente'];
const NEXT_STEPS = [
  'Envoyer le CV à l’entreprise rencontrée',
  'Prendre rendez-vous avec la conseillère France Travail',
  'Apporter les justificatifs pour le dossier CAF',
  'S’inscrire à la session d’information collective',
  'Rappeler le tuteur pour fixer les dates',
  'Préparer les questions pour l’enquête métier',
];
const MISSED = ['Absent sans prévenir', 'Rendez-vous médical', 'Enfant malade', 'Problème de transport'];
const NOTES = ['Échange sur la situation personnelle, à reprendre au prochain point.', 'La personne souhaite en parler uniquement avec sa référente.'];

function thirdPartyFor(rng: Rng, env: DemoEnv, kind: EntretienKind, link: Planned['immersion']): ThirdParty | null {
  if (link) {
    const { host, tutor } = link.immersion;
    return { role: 'tuteur', organisation: host, contactId: tutor?.id ?? null, displayName: tutor?.name ?? host.name };
  }
  if (kind !== 'tripartite' && !(kind === 'suivi_emploi' && rng.chance(0.5))) return null;
  const { partners } = env;
  const role: ParticipantRole =
    kind === 'suivi_emploi' ? 'employeur' : rng.weighted<ParticipantRole>([['employeur', 45], ['prescripteur', 35], ['formateur', 20]]);
  const pool = role === 'prescripteur' ? partners.prescripteurs : role === 'formateur' ? partners.formation : partners.hosts;
  if (pool.length === 0) return null;
  const organisation = rng.pickSkewed(pool, 1.3);
  const contact = organisation.contacts.length > 0 ? rng.pick(organisation.contacts) : null;
  return { role, organisation, contactId: contact?.id ?? null, displayName: contact?.name ?? organisation.name };
}

/** The entretiens of one parcours, oldest first, at most `count` (the fixed milestones first). */
function plan(person: PersonDraft, rng: Rng, env: DemoEnv, count: number): Planned[] {
  const today = env.today;
  const last = minIsoDate(person.exitDate ?? today, today);
  // Milestones by priority (a short parcours keeps the first ones): the accueil, each immersion's tripartites
  // (Fiche 1: no PMSMP without them), the diagnostic, the exit, recent and planned follow-ups.
  const fixed: Planned[] = [];
  fixed.push({ date: minIsoDate(plusDays(person.entryDate, -rng.int(0, 7)), today), kind: 'accueil', held: true });
  for (const immersion of person.immersions ?? []) {
    fixed.push({ date: plusDays(immersion.startDate, -rng.int(5, 15)), kind: 'tripartite', immersion: { immersion, final: false } });
    if (immersion.status === 'terminee' || immersion.status === 'en_cours') {
      fixed.push({ date: plusDays(immersion.endDate, rng.int(0, 7)), kind: 'tripartite', immersion: { immersion, final: true } });
    }
  }
  const diagnostic = plusDays(person.entryDate, rng.int(3, 21));
  if (diagnostic <= last) fixed.push({ date: diagnostic, kind: 'diagnostic' });
  if (person.exitDate !== null) {
    fixed.push({ date: maxIsoDate(person.entryDate, plusDays(person.exitDate, -rng.int(0, 10))), kind: rng.chance(0.6) ? 'sortie' : 'bilan_final', held: true });
    if (rng.chance(0.25)) fixed.push({ date: plusDays(person.exitDate, rng.int(30, 180)), kind: 'suivi_emploi' });
  } else {
    // Most people in parcours were seen within the last four weeks; the next one or two are planned.
    if (rng.chance(0.8) && daysFromTo(person.entryDate, today) > 2) fixed.push({ date: maxIsoDate(person.entryDate, plusDays(today, -rng.int(1, 27))), kind: 'suivi_individuel', held: true });
    const planned = rng.int(1, 2);
    for (let i = 0; i < planned; i += 1) fixed.push({ date: plusDays(today, rng.int(1, 35)), kind: rng.chance(0.75) ? 'suivi_individuel' : 'tripartite' });
  }
  const out = fixed.slice(0, count);
  const span = daysFromTo(person.entryDate, last);
  for (let i = out.length; i < count && span > 7; i += 1) out.push({ date: plusDays(person.entryDate, rng.int(7, span)), kind: rng.weighted(REGULAR) });
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export const entretiensKind: DemoKind = {
  name: 'entretiens',
  generate(person, rng, env, out) {
    person.lastEntretienDate = null;
    const today = env.today;
    const last = minIsoDate(person.exitDate ?? today, today);
    // Longer parcours, more entretiens; the weights average about 1 over the caseload.
    const months = daysFromTo(person.entryDate, last) / 30.4;
    const drawn = countAround(rng, env.rates.entretiensPerSalarie * (0.4 + 0.6 * Math.min(3, months / 11)));
    if (drawn === 0) return;
    // The accueil and every immersion's tripartites at least.
    const count = Math.max(drawn, 1 + 2 * (person.immersions?.length ?? 0));
    const planned = plan(person, rng, env, count);
    const ids = planned.map((_, rank) => env.ids.id('entretien', person.index, rank));
    const fullName = `${person.firstName} ${person.lastName}`;
    const rows = planned.map((p, rank) => {
      const future = p.date > today;
      const status: EntretienStatus = future ? 'planifie' : p.held ? 'tenu' : rng.weighted<EntretienStatus>([['tenu', 88], ['manque', 8], ['annule', 4]]);
      const link = p.immersion;
      const moment: EntretienMoment = link ? 'immersion' : defaultMomentByKind[p.kind];
      const third = thirdPartyFor(rng, env, p.kind, link);
      const placeKind: PlaceKind = third && rng.chance(0.5) ? 'entreprise' : rng.weighted([['structure', 75], ['telephone', 15], ['visio', 10]] as const);
      const next = ids[rank + 1];
      return {
        p,
        rank,
        status,
        third,
        row: {
          id: ids[rank] as string,
          salarie_id: person.id,
          kind: p.kind,
          moment,
          status,
          date: p.date,
          start_time: rng.pick(TIMES),
          duration_minutes: rng.weighted([[30, 35], [45, 30], [60, 30], [90, 5]] as const),
          place_kind: placeKind,
          place_detail: placeKind === 'entreprise' && third ? third.organisation.address : null,
          title: link ? (link.final ? 'Tripartite de fin d’immersion' : 'Premier entretien tripartite de l’immersion') : null,
          decisions: status === 'tenu' && (p.kind === 'tripartite' || p.kind.startsWith('bilan')) ? rng.pick(DECISIONS) : null,
          notes: status === 'tenu' && rng.chance(0.1) ? rng.pick(NOTES) : null,
          missed_reason: status === 'manque' ? rng.pick(MISSED) : null,
          link_type: link ? 'immersion' : null,
          link_id: link ? link.immersion.id : null,
          // The next appointment planned from this one, as the form's "prochain rendez-vous" does.
          next_entretien_id: next !== undefined && rng.chance(0.5) ? next : null,
          created_at: stamp(minIsoDate(plusDays(p.date, -rng.int(1, 21)), today)),
          updated_at: stamp(minIsoDate(p.date, today)),
        },
      };
    });
    // Latest first: a row's next_entretien_id then always points at a row already written.
    for (let i = rows.length - 1; i >= 0; i -= 1) out.add('entretien', (rows[i] as (typeof rows)[number]).row);
    for (const { p, rank, status, third, row } of rows) {
      if (status === 'tenu' && (person.lastEntretienDate == null || p.date > person.lastEntretienDate)) person.lastEntretienDate = p.date;
      participants(env, person, fullName, rank, row.id, third, out);
      if (status !== 'tenu') continue;
      if (p.kind === 'tripartite' || p.kind === 'diagnostic' || p.kind === 'bilan_intermediaire') objectives(rng, env, person, rank, row.id, p.date, out);
      if (p.kind !== 'accueil' && rng.chance(0.35)) nextSteps(rng, env, person, rank, row.id, p.date, third, out);
    }
  },
};

function participants(env: DemoEnv, person: PersonDraft, fullName: string, rank: number, entretienId: string, third: ThirdParty | null, out: RowSink): void {
  // Every column spelled out (no spread): one object shape for the millions of rows of a large demo.
  out.add('entretien_participant', {
    id: env.ids.id('entretienParticipant', person.index, rank * 8),
    entretien_id: entretienId,
    role: 'salarie',
    salarie_id: person.id,
    referent_id: null,
    organisation_id: null,
    contact_id: null,
    display_name: fullName,
    rank: 0,
  });
  out.add('entretien_participant', {
    id: env.ids.id('entretienParticipant', person.index, rank * 8 + 1),
    entretien_id: entretienId,
    role: 'referent',
    salarie_id: null,
    referent_id: person.referent.id,
    organisation_id: null,
    contact_id: null,
    display_name: person.referent.displayName,
    rank: 1,
  });
  if (third) {
    out.add('entretien_participant', {
      id: env.ids.id('entretienParticipant', person.index, rank * 8 + 2),
      entretien_id: entretienId,
      role: third.role,
      salarie_id: null,
      referent_id: null,
      organisation_id: third.organisation.id,
      contact_id: third.contactId,
      display_name: third.displayName,
      rank: 2,
    });
  }
}

function objectives(rng: Rng, env: DemoEnv, person: PersonDraft, rank: number, entretienId: string, date: IsoDate, out: RowSink): void {
  if (!rng.chance(0.8)) return;
  const texts = rng.sample(OBJECTIVES, rng.int(1, 3));
  texts.forEach((text, o) =>
    out.add('entretien_objective', {
      id: env.ids.id('entretienObjective', person.index, rank * 4 + o),
      entretien_id: entretienId,
      text,
      deadline: rng.chance(0.9) ? plusMonths(date, rng.int(1, 4)) : null,
      conditions: rng.chance(0.4) ? rng.pick(CONDITIONS) : null,
      rank: o,
    }),
  );
}

function nextSteps(rng: Rng, env: DemoEnv, person: PersonDraft, rank: number, entretienId: string, date: IsoDate, third: ThirdParty | null, out: RowSink): void {
  const steps = rng.int(1, 2);
  for (let a = 0; a < steps; a += 1) {
    const due = plusDays(date, rng.int(7, 45));
    // Past steps are mostly done (all but a few for people who have left); some stay overdue, as in real life.
    const done = due < env.today && rng.chance(person.exitDate !== null ? 0.97 : 0.88);
    out.add('action', {
      id: env.ids.id('entretienAction', person.index, rank * 4 + a),
      salarie_id: person.id,
      label: rng.pick(NEXT_STEPS),
      kind: 'suivi',
      owner: rng.weighted<string | null>([[person.referent.displayName, 45], ['Salarié', 40], [third?.displayName ?? null, 15]]),
      due_date: due,
      done_date: done ? minIsoDate(maxIsoDate(date, plusDays(due, rng.int(-5, 7))), env.today) : null,
      source_type: 'entretien',
      source_id: entretienId,
      created_at: stamp(date),
    });
  }
}
