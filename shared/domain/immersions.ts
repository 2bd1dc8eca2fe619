import { z } from 'zod';
import { addDays, addMonths, compareIsoDates, daysBetween, formatFrenchDate, inclusiveDays, inclusiveMonths, isoWeekday, maxIsoDate, minIsoDate, type IsoDate } from './calendar';
import { coveredUntil } from './contracts';
import type { SiaeKind } from './siae';

/*
 * Immersions (PMSMP — période de mise en situation en milieu professionnel): objectives, the
 * lifecycle and its allowed transitions, Fiche 1's steps, the legal frame as warnings (domain.md
 * §4.2, §9.3) and the bilan in Immersion Facilitée's assessment vocabulary (reference-systems §3.3).
 */

// ── Objective (one per PMSMP; IF's three values verbatim) ───────────────────────

export const IMMERSION_OBJECTIVES = ['discovery', 'skills_validation', 'recruitment'] as const;
export type ImmersionObjective = (typeof IMMERSION_OBJECTIVES)[number];
export const ImmersionObjectiveSchema = z.enum(IMMERSION_OBJECTIVES);

/** Immersion Facilitée's `immersionObjective` strings, verbatim (straight apostrophe included). */
export const immersionObjectiveLabels: Record<ImmersionObjective, string> = {
  discovery: "Découvrir un métier ou un secteur d'activité",
  skills_validation: 'Confirmer un projet professionnel',
  recruitment: 'Initier une démarche de recrutement',
};

/** The seeds' names (Fiche 1: découverte / validation des compétences; Fiche 9 and 12: pre-recruitment). */
export const immersionObjectiveShortLabels: Record<ImmersionObjective, string> = {
  discovery: 'Découverte',
  skills_validation: 'Validation des compétences',
  recruitment: 'Pré-recrutement',
};

// ── Status and transitions ──────────────────────────────────────────────────────

export const IMMERSION_STATUSES = ['brouillon', 'convention_a_signer', 'signee', 'en_cours', 'terminee', 'annulee'] as const;
export type ImmersionStatus = (typeof IMMERSION_STATUSES)[number];
export const ImmersionStatusSchema = z.enum(IMMERSION_STATUSES);

export const immersionStatusLabels: Record<ImmersionStatus, string> = {
  brouillon: 'Brouillon',
  convention_a_signer: 'Convention à signer',
  signee: 'Convention signée',
  en_cours: 'En cours',
  terminee: 'Terminée',
  annulee: 'Annulée',
};

/**
 * Allowed moves. A convention sent back for changes returns to the previous step; once started,
 * an immersion ends (« terminée », with a partial bilan if it was interrupted) — it is not cancelled.
 * Terminée and annulée are final: a second period is a renewal, a new record.
 */
export const immersionTransitions: Record<ImmersionStatus, readonly ImmersionStatus[]> = {
  brouillon: ['convention_a_signer', 'annulee'],
  convention_a_signer: ['signee', 'brouillon', 'annulee'],
  signee: ['en_cours', 'convention_a_signer', 'annulee'],
  en_cours: ['terminee'],
  terminee: [],
  annulee: [],
};

/** The button that moves an immersion to this status. */
export const immersionTransitionLabels: Record<ImmersionStatus, string> = {
  brouillon: 'Revenir au brouillon',
  convention_a_signer: 'Convention prête à signer',
  signee: 'Convention signée',
  en_cours: 'Confirmer le démarrage',
  terminee: 'Terminer l’immersion',
  annulee: 'Annuler l’immersion',
};

export function isFinalImmersionStatus(status: ImmersionStatus): boolean {
  return immersionTransitions[status].length === 0;
}

/** What a status change needs to know about the immersion. */
export interface TransitionFacts {
  hostOrganisationId: string | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  romeCode: string | null;
  /** Required to cancel (Immersion Facilitée requires a justification too). */
  reason?: string | null;
}

export type ImmersionTransitionResult = { ok: true; status: ImmersionStatus } | { ok: false; message: string };

/** Statuses at which the convention exists: it names the host, the trade and the dates. */
export const CONVENTION_STATUSES: readonly ImmersionStatus[] = ['convention_a_signer', 'signee', 'en_cours', 'terminee'];
/** Statuses at which the immersion has started: evaluations and bilan can be recorded. */
export const STARTED_STATUSES: readonly ImmersionStatus[] = ['en_cours', 'terminee'];

/** What is missing for a convention, in French (empty when nothing is). */
export function missingForConvention(facts: TransitionFacts): string[] {
  const missing: string[] = [];
  if (!facts.hostOrganisationId) missing.push('la structure d’accueil');
  if (!facts.romeCode) missing.push('le métier visé');
  if (!facts.startDate) missing.push('la date de début');
  if (!facts.endDate) missing.push('la date de fin');
  return missing;
}

/** Once the convention exists, an edit may not remove what it names (null: the edit is fine). */
export function conventionFactsRefusal(status: ImmersionStatus, facts: TransitionFacts): string | null {
  if (!CONVENTION_STATUSES.includes(status)) return null;
  const missing = missingForConvention(facts);
  if (missing.length === 0) return null;
  return `La convention est établie : ${frenchList(missing)} ${missing.length > 1 ? 'restent obligatoires' : 'reste obligatoire'}.`;
}

function frenchList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

/** A pure status change: the new status, or the French reason it is refused. */
export function transitionImmersion(from: ImmersionStatus, to: ImmersionStatus, facts: TransitionFacts): ImmersionTransitionResult {
  if (from === to) return { ok: false, message: `L’immersion est déjà « ${immersionStatusLabels[from]} ».` };
  if (!immersionTransitions[from].includes(to)) {
    return { ok: false, message: `Une immersion « ${immersionStatusLabels[from]} » ne peut pas passer à « ${immersionStatusLabels[to]} ».` };
  }
  if (CONVENTION_STATUSES.includes(to)) {
    const missing = missingForConvention(facts);
    if (missing.length > 0) {
      return { ok: false, message: `Pour établir la convention, renseignez d’abord ${frenchList(missing)}.` };
    }
  }
  if (to === 'annulee' && !(facts.reason && facts.reason.trim() !== '')) {
    return { ok: false, message: 'Indiquez le motif de l’annulation.' };
  }
  return { ok: true, status: to };
}

export function allowedImmersionTransitions(from: ImmersionStatus): readonly ImmersionStatus[] {
  return immersionTransitions[from];
}

// ── Renewal (once, same objective) ──────────────────────────────────────────────

export interface RenewalSource {
  status: ImmersionStatus;
  renewalOfId: string | null;
}

/**
 * A PMSMP may be renewed once, for the same objective, when it did not reach it: the source must
 * have started, must not itself be a renewal, and must not already have a renewal still alive.
 */
export function renewalRefusal(source: RenewalSource, renewalsOfSource: readonly { status: ImmersionStatus }[]): string | null {
  if (source.renewalOfId !== null) return 'Cette immersion est déjà un renouvellement : une PMSMP ne peut être renouvelée qu’une fois.';
  if (source.status !== 'en_cours' && source.status !== 'terminee') {
    return 'Seule une immersion commencée ou terminée peut être renouvelée (quand son objectif n’est pas atteint).';
  }
  if (renewalsOfSource.some((r) => r.status !== 'annulee')) return 'Cette immersion a déjà été renouvelée : une PMSMP ne peut être renouvelée qu’une fois.';
  return null;
}

/** Default dates of the renewal: the day after the source ends, for the same duration. */
export function renewalDates(source: { startDate: IsoDate | null; endDate: IsoDate | null }): { startDate: IsoDate | null; endDate: IsoDate | null } {
  if (!source.startDate || !source.endDate) return { startDate: null, endDate: null };
  const start = addDays(source.endDate, 1);
  return { startDate: start, endDate: addDays(start, daysBetween(source.startDate, source.endDate)) };
}

// ── Weekly schedule ─────────────────────────────────────────────────────────────

export const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface ScheduleSlot {
  /** ISO weekday: 1 = lundi … 7 = dimanche. */
  weekday: number;
  start: string;
  end: string;
}

export const weekdayLabels: Record<number, string> = { 1: 'Lundi', 2: 'Mardi', 3: 'Mercredi', 4: 'Jeudi', 5: 'Vendredi', 6: 'Samedi', 7: 'Dimanche' };

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function slotMinutes(slot: ScheduleSlot): number {
  return Math.max(0, minutesOf(slot.end) - minutesOf(slot.start));
}

/** Hours per week of a weekly schedule. */
export function weeklyHours(schedule: readonly ScheduleSlot[]): number {
  return schedule.reduce((sum, s) => sum + slotMinutes(s), 0) / 60;
}

/** Hours scheduled between two dates inclusive (each weekday occurrence counts its slots). */
export function scheduledHours(schedule: readonly ScheduleSlot[], from: IsoDate, to: IsoDate): number {
  if (schedule.length === 0 || compareIsoDates(to, from) < 0) return 0;
  const perWeekday = new Map<number, number>();
  for (const s of schedule) perWeekday.set(s.weekday, (perWeekday.get(s.weekday) ?? 0) + slotMinutes(s));
  let minutes = 0;
  const days = inclusiveDays(from, to);
  for (let i = 0; i < days; i += 1) minutes += perWeekday.get(isoWeekday(addDays(from, i))) ?? 0;
  return minutes / 60;
}

/** `17,5 h` */
export function formatHours(hours: number): string {
  return `${String(Math.round(hours * 100) / 100).replace('.', ',')} h`;
}

// ── The legal frame as versioned data, checked as warnings ─────────────────────

export interface ImmersionRules {
  version: string;
  source: string;
  /** Maximum length of one PMSMP, in calendar months, date to date. */
  maxMonths: number;
  /** How many times a PMSMP may be renewed (for the same objective). */
  maxRenewals: number;
  /** Same beneficiary, same host: at most `hostCapMonths` over any `hostWindowMonths`. */
  hostCapMonths: number;
  hostWindowMonths: number;
  /** The guide warns against immersions set up in the rush before a contract ends. */
  contractEndMarginDays: number;
  /** Immersion Facilitée's IMMERSION_WEEKLY_LIMITED_SCHEDULE_HOURS. */
  weeklyHoursMax: number;
  /** SIAE kinds that may prescribe a PMSMP for the people they employ. */
  prescriberSiaeKinds: readonly SiaeKind[];
  wording: Record<ImmersionWarningCode, string>;
}

export type ImmersionWarningCode =
  | 'duree_max'
  | 'renouvellement_unique'
  | 'renouvellement_objectif'
  | 'renouvellement_duree'
  | 'cumul_structure'
  | 'fin_de_contrat'
  | 'hors_contrat'
  | 'horaires'
  | 'prescripteur';

export const IMMERSION_RULES: Readonly<ImmersionRules> = {
  version: '2026-11-23',
  source: 'docs/domain.md §9.3 (Code du travail L.5135-1 à L.5135-8, décret n° 2014-1360 — à vérifier sur Légifrance), §4.2 Fiche 9 ; Immersion Facilitée @cd676358',
  maxMonths: 1,
  maxRenewals: 1,
  hostCapMonths: 2,
  hostWindowMonths: 12,
  contractEndMarginDays: 30,
  weeklyHoursMax: 48,
  prescriberSiaeKinds: ['ACI', 'AI', 'EI'],
  wording: {
    duree_max: 'Une PMSMP dure au plus un mois, de date à date.',
    renouvellement_unique: 'Une PMSMP peut être renouvelée une seule fois, pour le même objectif, si celui-ci n’est pas atteint.',
    renouvellement_objectif: 'Une PMSMP peut être renouvelée une seule fois, pour le même objectif, si celui-ci n’est pas atteint.',
    renouvellement_duree: 'Le renouvellement d’une PMSMP se fait pour la même durée au plus.',
    cumul_structure: 'Une même personne ne peut pas effectuer plus de deux mois de PMSMP sur douze mois dans la même structure d’accueil.',
    fin_de_contrat: 'Positionner l’immersion au bon moment, pas dans l’urgence de la fin de contrat (guide COORACE, Fiche 9).',
    hors_contrat: 'Pendant la PMSMP, le salarié en insertion reste salarié de la SIAE, qui continue de le rémunérer : l’immersion doit se dérouler pendant son contrat.',
    horaires: 'Les horaires d’une immersion ne dépassent pas 48 heures par semaine.',
    prescripteur: 'Une SIAE prescrit une PMSMP pour les personnes qu’elle emploie s’il s’agit d’un ACI, d’une AI ou d’une EI (pas une ETTI).',
  },
};

export interface ImmersionWarning {
  code: ImmersionWarningCode;
  message: string;
  /** The rule's own wording, shown with the message. */
  rule: string;
}

export interface ImmersionRulesInput {
  immersion: {
    id: string;
    objective: ImmersionObjective;
    startDate: IsoDate | null;
    endDate: IsoDate | null;
    hostOrganisationId: string | null;
    schedule: readonly ScheduleSlot[];
    status: ImmersionStatus;
  };
  /** The immersion this one renews, if any. */
  renewalOf: { objective: ImmersionObjective; renewalOfId: string | null; startDate: IsoDate | null; endDate: IsoDate | null } | null;
  /** The salarié's other immersions (any host; cancelled ones are ignored). */
  others: readonly { id: string; hostOrganisationId: string | null; startDate: IsoDate | null; endDate: IsoDate | null; status: ImmersionStatus }[];
  /** The salarié's contracts in the SIAE (empty: not recorded, nothing is checked). */
  contracts: readonly { startDate: IsoDate; endDate: IsoDate | null }[];
  /** Null: the SIAE itself prescribes (the usual case), else a partner organisation does. */
  prescriberOrganisationId: string | null;
  siaeKind: SiaeKind | null;
}

function months(m: number): string {
  const rounded = Math.round(m * 10) / 10;
  return `${String(rounded).replace('.', ',')} mois`;
}

/** Legal sanity checks of an immersion, as French warnings (never blocking: a derogation may exist). */
export function immersionWarnings(input: ImmersionRulesInput, rules: ImmersionRules = IMMERSION_RULES): ImmersionWarning[] {
  const out: ImmersionWarning[] = [];
  const warn = (code: ImmersionWarningCode, message: string) => out.push({ code, message, rule: rules.wording[code] });
  const { immersion } = input;
  if (immersion.status === 'annulee') return out;
  const { startDate: start, endDate: end } = immersion;

  if (start && end && compareIsoDates(end, start) >= 0) {
    const latestEnd = addDays(addMonths(start, rules.maxMonths), -1);
    if (compareIsoDates(end, latestEnd) > 0) {
      warn('duree_max', `Du ${formatFrenchDate(start)} au ${formatFrenchDate(end)}, l’immersion dépasse un mois : elle devrait se terminer au plus tard le ${formatFrenchDate(latestEnd)}.`);
    }
  }

  const source = input.renewalOf;
  if (source) {
    if (source.renewalOfId !== null) warn('renouvellement_unique', 'Cette immersion renouvelle une immersion qui était déjà un renouvellement.');
    if (source.objective !== immersion.objective) {
      warn('renouvellement_objectif', `Le renouvellement doit garder l’objectif de la première période (« ${immersionObjectiveLabels[source.objective]} »).`);
    }
    if (start && end && source.startDate && source.endDate && inclusiveDays(start, end) > inclusiveDays(source.startDate, source.endDate)) {
      warn('renouvellement_duree', `Le renouvellement (${inclusiveDays(start, end)} jours) est plus long que la première période (${inclusiveDays(source.startDate, source.endDate)} jours).`);
    }
  }

  if (start && end && immersion.hostOrganisationId && compareIsoDates(end, start) >= 0) {
    const windowStart = addDays(addMonths(end, -rules.hostWindowMonths), 1);
    const periods = [
      { startDate: start, endDate: end },
      ...input.others.filter(
        (o): o is typeof o & { startDate: IsoDate; endDate: IsoDate } =>
          o.id !== immersion.id && o.status !== 'annulee' && o.hostOrganisationId === immersion.hostOrganisationId && o.startDate !== null && o.endDate !== null,
      ),
    ];
    let total = 0;
    for (const p of periods) {
      const from = maxIsoDate(p.startDate, windowStart);
      const to = minIsoDate(p.endDate, end);
      if (compareIsoDates(to, from) >= 0) total += inclusiveMonths(from, to);
    }
    if (total > rules.hostCapMonths + 1e-9) {
      warn('cumul_structure', `Avec cette structure d’accueil, les immersions totalisent ${months(total)} sur les douze mois qui précèdent le ${formatFrenchDate(end)}.`);
    }
  }

  if (start && input.contracts.length > 0) {
    const covered = coveredUntil(input.contracts, start);
    if (covered === null) {
      warn('hors_contrat', `Aucun contrat n’est en cours le ${formatFrenchDate(start)}, premier jour de l’immersion.`);
    } else if (covered !== 'open') {
      if (end && compareIsoDates(end, covered) > 0) {
        warn('hors_contrat', `L’immersion se termine le ${formatFrenchDate(end)}, après la fin du contrat (${formatFrenchDate(covered)}).`);
      }
      const margin = daysBetween(start, covered);
      if (margin < rules.contractEndMarginDays) {
        warn('fin_de_contrat', `L’immersion commence ${margin < 0 ? 'après' : `${margin} jour${margin > 1 ? 's' : ''} avant`} la fin du contrat (${formatFrenchDate(covered)}) : moins de ${rules.contractEndMarginDays} jours.`);
      }
    }
  }

  const hours = weeklyHours(immersion.schedule);
  if (hours > rules.weeklyHoursMax) {
    warn('horaires', `Les horaires prévus totalisent ${formatHours(hours)} par semaine.`);
  }

  if (input.prescriberOrganisationId === null && input.siaeKind !== null && !rules.prescriberSiaeKinds.includes(input.siaeKind)) {
    warn('prescripteur', `Votre structure est une ${input.siaeKind} : la PMSMP doit être prescrite par un autre prescripteur (France Travail, mission locale, Cap emploi…).`);
  }
  return out;
}

// ── Fiche 1 steps ───────────────────────────────────────────────────────────────

export const IMMERSION_STEPS = [
  'premier_tripartite',
  'structure_trouvee',
  'convention_preparee',
  'grille_construite',
  'freins_leves',
  'demarrage_confirme',
  'evaluations_hebdomadaires',
  'evaluation_finale',
  'tripartite_final',
  'bilan',
] as const;
export type ImmersionStep = (typeof IMMERSION_STEPS)[number];
export const ImmersionStepSchema = z.enum(IMMERSION_STEPS);

export const immersionStepLabels: Record<ImmersionStep, { label: string; hint: string }> = {
  premier_tripartite: { label: 'Premier entretien tripartite', hint: 'Objectifs, échéances et conditions de réalisation convenus ; CV et coordonnées remis.' },
  structure_trouvee: { label: 'Structure d’accueil trouvée', hint: 'Entreprise ou structure, tuteur ou tutrice, dates et conditions.' },
  convention_preparee: { label: 'Convention et avenant au contrat préparés', hint: 'Convention de PMSMP (CERFA) et avenant au contrat de travail.' },
  grille_construite: { label: 'Grille d’évaluation construite', hint: 'Individualisée selon les objectifs du premier entretien tripartite.' },
  freins_leves: { label: 'Freins levés', hint: 'Équipement (chaussures de sécurité, blouse…), transport, garde d’enfants.' },
  demarrage_confirme: { label: 'Démarrage confirmé', hint: 'Appui au démarrage et accompagnement sur site si besoin.' },
  evaluations_hebdomadaires: { label: 'Évaluations hebdomadaires', hint: 'Point intermédiaire chaque semaine (immersions de validation des compétences).' },
  evaluation_finale: { label: 'Évaluation finale avec la structure d’accueil', hint: 'Grille complétée avec le tuteur ou la tutrice.' },
  tripartite_final: { label: 'Entretien tripartite final', hint: 'Avec la SIAE employeuse : résultat et suites.' },
  bilan: { label: 'Bilan de l’immersion', hint: 'Réalisation, embauche éventuelle, suites du parcours.' },
};

// ── Evaluations and bilan ───────────────────────────────────────────────────────

export const EVALUATION_KINDS = ['hebdomadaire', 'finale'] as const;
export type EvaluationKind = (typeof EVALUATION_KINDS)[number];
export const EvaluationKindSchema = z.enum(EVALUATION_KINDS);
export const evaluationKindLabels: Record<EvaluationKind, string> = {
  hebdomadaire: 'Évaluation intermédiaire hebdomadaire',
  finale: 'Évaluation finale avec la structure d’accueil',
};

export const EVALUATION_STATUSES = ['planifiee', 'realisee'] as const;
export type EvaluationStatus = (typeof EVALUATION_STATUSES)[number];
export const EvaluationStatusSchema = z.enum(EVALUATION_STATUSES);
export const evaluationStatusLabels: Record<EvaluationStatus, string> = { planifiee: 'Planifiée', realisee: 'Réalisée' };

export const EVALUATOR_ROLES = ['tuteur', 'responsable', 'referent', 'salarie', 'autre'] as const;
export type EvaluatorRole = (typeof EVALUATOR_ROLES)[number];
export const EvaluatorRoleSchema = z.enum(EVALUATOR_ROLES);
export const evaluatorRoleLabels: Record<EvaluatorRole, string> = {
  tuteur: 'Tuteur·rice de la structure d’accueil',
  responsable: 'Responsable de la structure d’accueil',
  referent: 'Référent·e de la SIAE',
  salarie: 'Salarié·e',
  autre: 'Autre',
};
/** Host-side evaluators: the final evaluation is made with one of them. */
export const HOST_EVALUATOR_ROLES: readonly EvaluatorRole[] = ['tuteur', 'responsable'];

/**
 * Planned evaluation dates: for a skills immersion, one intermediate evaluation at the end of each
 * full week before the last day; the final one on the last day.
 */
export function plannedEvaluationDates(objective: ImmersionObjective, startDate: IsoDate, endDate: IsoDate): { kind: EvaluationKind; date: IsoDate }[] {
  const out: { kind: EvaluationKind; date: IsoDate }[] = [];
  if (compareIsoDates(endDate, startDate) < 0) return out;
  if (objective !== 'discovery') {
    for (let d = addDays(startDate, 6); compareIsoDates(d, endDate) < 0; d = addDays(d, 7)) out.push({ kind: 'hebdomadaire', date: d });
  }
  out.push({ kind: 'finale', date: endDate });
  return out;
}

/** Immersion Facilitée `assessmentStatuses`. */
export const ASSESSMENT_STATUSES = ['COMPLETED', 'PARTIALLY_COMPLETED', 'DID_NOT_SHOW'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
export const AssessmentStatusSchema = z.enum(ASSESSMENT_STATUSES);
export const assessmentStatusLabels: Record<AssessmentStatus, string> = {
  COMPLETED: 'Réalisée',
  PARTIALLY_COMPLETED: 'Partiellement réalisée',
  DID_NOT_SHOW: 'Non réalisée (absence)',
};
/** IF's own answers to « L'immersion a-t-elle été effectuée ? », shown as hints. */
export const assessmentStatusHints: Record<AssessmentStatus, string> = {
  COMPLETED: 'L’immersion a eu lieu aux horaires prévus.',
  PARTIALLY_COMPLETED: 'Les horaires ont changé : abandon en cours, absences, retards…',
  DID_NOT_SHOW: 'La personne n’est jamais venue.',
};

/** Immersion Facilitée `typeOfContract` values, verbatim. */
export const IF_CONTRACT_TYPES = ['CDI', 'CDD > ou = 6 mois', 'CDD < 6 mois', 'Alternance', 'Contrat aidé', "Contrat d'insertion", 'Autre'] as const;
export type IfContractType = (typeof IF_CONTRACT_TYPES)[number];
export const IfContractTypeSchema = z.enum(IF_CONTRACT_TYPES);

export const NEXT_STEPS = ['nouvelle_immersion', 'formation', 'recherche_emploi', 'poursuite_parcours'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];
export const NextStepSchema = z.enum(NEXT_STEPS);
export const nextStepLabels: Record<NextStep, string> = {
  nouvelle_immersion: 'Une autre immersion (ou un renouvellement)',
  formation: 'Une formation',
  recherche_emploi: 'La recherche d’emploi',
  poursuite_parcours: 'La poursuite du parcours dans la structure',
};

/** IF forces both feedback texts to this when the person never came. */
export const NOT_APPLICABLE = 'Non applicable';

export interface BilanFacts {
  status: AssessmentStatus;
  lastDayOfPresence: IsoDate | null;
  numberOfMissedHours: number | null;
  endedWithAJob: boolean;
  typeOfContract: IfContractType | null;
  contractStartDate: IsoDate | null;
}

/**
 * Immersion Facilitée's refinements of an assessment, as French field issues: a partial immersion
 * needs its last day of presence (within the dates) and missed hours no higher than the hours
 * scheduled up to that day; a hire needs its contract type and a start date not before the immersion's.
 */
export function bilanIssues(
  bilan: BilanFacts,
  immersion: { startDate: IsoDate | null; endDate: IsoDate | null; schedule: readonly ScheduleSlot[] },
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (bilan.status === 'PARTIALLY_COMPLETED') {
    if (!bilan.lastDayOfPresence) {
      issues.push({ path: 'lastDayOfPresence', message: 'Immersion partiellement réalisée : indiquez le dernier jour de présence.' });
    } else if (immersion.startDate && immersion.endDate && (bilan.lastDayOfPresence < immersion.startDate || bilan.lastDayOfPresence > immersion.endDate)) {
      issues.push({
        path: 'lastDayOfPresence',
        message: `Le dernier jour de présence doit être compris entre le ${formatFrenchDate(immersion.startDate)} et le ${formatFrenchDate(immersion.endDate)}.`,
      });
    }
    if (bilan.numberOfMissedHours === null) {
      issues.push({ path: 'numberOfMissedHours', message: 'Immersion partiellement réalisée : indiquez le nombre d’heures manquées (0 si aucune).' });
    } else if (immersion.startDate && immersion.schedule.length > 0) {
      const until = bilan.lastDayOfPresence ?? immersion.endDate;
      if (until) {
        const planned = scheduledHours(immersion.schedule, immersion.startDate, until);
        if (bilan.numberOfMissedHours > planned + 1e-9) {
          issues.push({
            path: 'numberOfMissedHours',
            message: `Les heures manquées (${formatHours(bilan.numberOfMissedHours)}) dépassent les heures prévues jusqu’au ${formatFrenchDate(until)} (${formatHours(planned)}).`,
          });
        }
      }
    }
  }
  if (bilan.endedWithAJob && bilan.status !== 'DID_NOT_SHOW') {
    if (!bilan.typeOfContract) issues.push({ path: 'typeOfContract', message: 'Indiquez le type de contrat de l’embauche.' });
    if (!bilan.contractStartDate) {
      issues.push({ path: 'contractStartDate', message: 'Indiquez la date de début du contrat.' });
    } else if (immersion.startDate && bilan.contractStartDate < immersion.startDate) {
      issues.push({ path: 'contractStartDate', message: `Le contrat ne peut pas commencer avant l’immersion (${formatFrenchDate(immersion.startDate)}).` });
    }
  }
  return issues;
}

/** First name and initial (« Samir D. »): what documents meant for the host show of the salarié. */
export function firstNameAndInitial(firstName: string, lastName: string): string {
  const initial = [...lastName.trim()][0];
  return initial ? `${firstName} ${initial.toUpperCase()}.` : firstName;
}
