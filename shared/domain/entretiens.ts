import { z } from 'zod';
import { addMonths, compareIsoDates, type IsoDate } from './calendar';

/*
 * Entretiens: kinds, the moment of the parcours they belong to, participants' roles, places,
 * and the post-hiring follow-up schedule (end of trial period, +3 months, +6 months —
 * domain.md §3.1 T7, Fiche 10).
 */

export const ENTRETIEN_KINDS = [
  'accueil',
  'diagnostic',
  'suivi_individuel',
  'tripartite',
  'bilan_intermediaire',
  'bilan_final',
  'sortie',
  'suivi_emploi',
  'collectif',
] as const;
export type EntretienKind = (typeof ENTRETIEN_KINDS)[number];
export const EntretienKindSchema = z.enum(ENTRETIEN_KINDS);

export const entretienKindLabels: Record<EntretienKind, string> = {
  accueil: 'Accueil',
  diagnostic: 'Diagnostic',
  suivi_individuel: 'Suivi individuel',
  tripartite: 'Entretien tripartite',
  bilan_intermediaire: 'Bilan intermédiaire',
  bilan_final: 'Bilan final',
  sortie: 'Entretien de sortie',
  suivi_emploi: 'Suivi dans l’emploi',
  collectif: 'Collectif (information, job dating)',
};

export const ENTRETIEN_MOMENTS = ['entree', 'parcours', 'immersion', 'fin_de_parcours', 'apres_sortie'] as const;
export type EntretienMoment = (typeof ENTRETIEN_MOMENTS)[number];
export const EntretienMomentSchema = z.enum(ENTRETIEN_MOMENTS);
export const entretienMomentLabels: Record<EntretienMoment, string> = {
  entree: 'Entrée en parcours',
  parcours: 'Pendant le parcours',
  immersion: 'Immersion',
  fin_de_parcours: 'Fin de parcours (préparation de la sortie)',
  apres_sortie: 'Après la sortie (suivi dans l’emploi)',
};

/** The moment a kind usually belongs to: the form pre-selects it, the CIP may change it. */
export const defaultMomentByKind: Record<EntretienKind, EntretienMoment> = {
  accueil: 'entree',
  diagnostic: 'entree',
  suivi_individuel: 'parcours',
  tripartite: 'parcours',
  bilan_intermediaire: 'parcours',
  bilan_final: 'fin_de_parcours',
  sortie: 'fin_de_parcours',
  suivi_emploi: 'apres_sortie',
  collectif: 'parcours',
};

export const ENTRETIEN_STATUSES = ['planifie', 'tenu', 'manque', 'annule'] as const;
export type EntretienStatus = (typeof ENTRETIEN_STATUSES)[number];
export const EntretienStatusSchema = z.enum(ENTRETIEN_STATUSES);
export const entretienStatusLabels: Record<EntretienStatus, string> = {
  planifie: 'Planifié',
  tenu: 'Tenu',
  manque: 'Manqué',
  annule: 'Annulé',
};

export const PARTICIPANT_ROLES = [
  'salarie',
  'referent',
  'employeur',
  'tuteur',
  'prescripteur',
  'plateforme_immersion',
  'formateur',
  'autre',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
export const ParticipantRoleSchema = z.enum(PARTICIPANT_ROLES);
export const participantRoleLabels: Record<ParticipantRole, string> = {
  salarie: 'Salarié·e',
  referent: 'Référent·e',
  employeur: 'Employeur',
  tuteur: 'Tuteur·rice de la structure d’accueil',
  prescripteur: 'Prescripteur (France Travail, mission locale, PLIE, département…)',
  plateforme_immersion: 'Plateforme d’immersion',
  formateur: 'Organisme de formation',
  autre: 'Autre',
};
/** Third parties: what makes an entretien tripartite (salarié + référent + at least one of these). */
export const THIRD_PARTY_ROLES: readonly ParticipantRole[] = ['employeur', 'tuteur', 'prescripteur', 'plateforme_immersion', 'formateur', 'autre'];

export const PLACE_KINDS = ['structure', 'entreprise', 'visio', 'telephone', 'autre'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];
export const PlaceKindSchema = z.enum(PLACE_KINDS);
export const placeKindLabels: Record<PlaceKind, string> = {
  structure: 'Dans la structure',
  entreprise: 'En entreprise',
  visio: 'En visio',
  telephone: 'Par téléphone',
  autre: 'Autre lieu',
};

export const LINK_TYPES = ['immersion', 'formation', 'contrat', 'candidature'] as const;
export type LinkType = (typeof LINK_TYPES)[number];
export const LinkTypeSchema = z.enum(LINK_TYPES);
export const linkTypeLabels: Record<LinkType, string> = {
  immersion: 'Immersion',
  formation: 'Formation',
  contrat: 'Contrat',
  candidature: 'Candidature',
};

export const ORGANISATION_KINDS = [
  'entreprise',
  'association',
  'organisme_public',
  'siae',
  'prescripteur',
  'organisme_formation',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);
export const organisationKindLabels: Record<OrganisationKind, string> = {
  entreprise: 'Entreprise',
  association: 'Association',
  organisme_public: 'Organisme public / collectivité',
  siae: 'SIAE',
  prescripteur: 'Prescripteur',
  organisme_formation: 'Organisme de formation',
};

/** Host sector used by the statistics (marchand / non marchand / SIAE — domain.md §5.3). */
export type HostSector = 'marchand' | 'non_marchand' | 'siae';
export function hostSectorOf(kind: OrganisationKind): HostSector {
  if (kind === 'siae') return 'siae';
  return kind === 'entreprise' ? 'marchand' : 'non_marchand';
}

/** A tripartite entretien needs the salarié, the référent and at least one third party. */
export function isTripartiteComplete(roles: readonly ParticipantRole[]): boolean {
  return roles.includes('salarie') && roles.includes('referent') && roles.some((r) => THIRD_PARTY_ROLES.includes(r));
}

// ── Post-hiring follow-up (suivi dans l'emploi) ──────────────────────────────────

export const POST_HIRING_RULES_VERSION = '2026-11 (Fiche 10: fin de période d’essai, +3 mois, +6 mois)';

export interface PostHiringStep {
  milestone: 'fin_periode_essai' | 'plus_3_mois' | 'plus_6_mois';
  label: string;
  dueDate: IsoDate;
}

/**
 * Follow-up appointments after a hire: at the end of the trial period (when known), then
 * three and six months after the hiring date.
 */
export function postHiringSchedule(hireDate: IsoDate, trialEndDate: IsoDate | null): PostHiringStep[] {
  const steps: PostHiringStep[] = [];
  if (trialEndDate && compareIsoDates(trialEndDate, hireDate) > 0) {
    steps.push({ milestone: 'fin_periode_essai', label: 'Fin de la période d’essai', dueDate: trialEndDate });
  }
  steps.push({ milestone: 'plus_3_mois', label: 'Trois mois après l’embauche', dueDate: addMonths(hireDate, 3) });
  steps.push({ milestone: 'plus_6_mois', label: 'Six mois après l’embauche', dueDate: addMonths(hireDate, 6) });
  return steps;
}

/** An action is overdue when it is not done and its due date is strictly before today. */
export function isActionOverdue(action: { dueDate: IsoDate; doneDate: IsoDate | null }, today: IsoDate): boolean {
  return action.doneDate === null && compareIsoDates(action.dueDate, today) < 0;
}
