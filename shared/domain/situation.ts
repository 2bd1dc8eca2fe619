import { z } from 'zod';
import type { SiaeKind } from './siae';

/*
 * Situation of the salarié at entry, with the ASP reference codes stored verbatim
 * (les-emplois itou/asp/models.py @543eae8d, reference-systems §2.4). Labels are the
 * ASP labels; they may be reworded in the UI without touching stored data.
 */

// ── Niveau de formation (ASP ref_niveau_formation_v3) ───────────────────────────

export const EDUCATION_LEVELS = ['00', '01', '10', '20', '30', '40', '41', '50', '51', '60', '70'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];
export const EducationLevelSchema = z.enum(EDUCATION_LEVELS);

export const educationLevelLabels: Record<EducationLevel, string> = {
  '00': 'Personne avec qualifications non-certifiantes',
  '01': 'Jamais scolarisé',
  '10': "Troisième cycle ou école d'ingénieur",
  '20': 'Formation de niveau licence',
  '30': 'Formation de niveau BTS ou DUT',
  '40': 'Formation de niveau BAC',
  '41': 'Brevet de technicien ou baccalauréat professionnel',
  '50': 'Formation de niveau BEP ou CAP',
  '51': 'Diplôme obtenu CAP ou BEP',
  '60': "Formation courte d'une durée d'un an",
  '70': 'Pas de formation au-delà de la scolarité obligatoire',
};

/** Levels that satisfy the CAP_BEP eligibility criterion ("niveau 3 ou infra"), as les-emplois maps them. */
export const EDUCATION_LEVELS_CAP_BEP_OR_BELOW: readonly EducationLevel[] = ['00', '01', '50', '51', '70'];

// ── Durées (ASP ref_duree_allocation_emploi_v2) ────────────────────────────────
// One code list for unemployment duration, France Travail registration and allowance durations.

export const ALLOCATION_DURATIONS = ['01', '02', '03', '04'] as const;
export type AllocationDuration = (typeof ALLOCATION_DURATIONS)[number];
export const AllocationDurationSchema = z.enum(ALLOCATION_DURATIONS);

export const allocationDurationLabels: Record<AllocationDuration, string> = {
  '01': 'Moins de 6 mois',
  '02': 'De 6 à 11 mois',
  '03': 'De 12 à 23 mois',
  '04': '24 mois et plus',
};

/** Older les-emplois exports used names instead of ASP codes; accept them on import. */
export const allocationDurationLegacyAliases: Record<string, AllocationDuration> = {
  LESS_THAN_6_MONTHS: '01',
  FROM_6_TO_11_MONTHS: '02',
  FROM_12_TO_23_MONTHS: '03',
  MORE_THAN_24_MONTHS: '04',
};

export function normaliseAllocationDuration(value: string): AllocationDuration | null {
  if ((ALLOCATION_DURATIONS as readonly string[]).includes(value)) return value as AllocationDuration;
  return Object.hasOwn(allocationDurationLegacyAliases, value) ? (allocationDurationLegacyAliases[value] as AllocationDuration) : null;
}

/** Duration bucket for a number of whole months (e.g. months since France Travail registration). */
export function allocationDurationForMonths(months: number): AllocationDuration {
  if (months < 6) return '01';
  if (months < 12) return '02';
  if (months < 24) return '03';
  return '04';
}

// ── RSA (ASP salarieBenefRSA) ───────────────────────────────────────────────────

export const RSA_ALLOCATIONS = ['NON', 'OUI-M', 'OUI-NM'] as const;
export type RsaAllocation = (typeof RSA_ALLOCATIONS)[number];
export const RsaAllocationSchema = z.enum(RSA_ALLOCATIONS);

export const rsaAllocationLabels: Record<RsaAllocation, string> = {
  NON: 'Non bénéficiaire du RSA',
  'OUI-M': 'Bénéficiaire du RSA et majoré',
  'OUI-NM': 'Bénéficiaire du RSA et non-majoré',
};

/** Minima sociaux as a summary axis for statistics (the detail stays in the ASP fields). */
export const MINIMA_SOCIAUX = ['rsa', 'ass', 'aah'] as const;
export type MinimumSocial = (typeof MINIMA_SOCIAUX)[number];
export const minimumSocialLabels: Record<MinimumSocial, string> = {
  rsa: 'RSA',
  ass: 'ASS',
  aah: 'AAH',
};

// ── Type d'employeur (ASP ref_type_employeur_v3) — employer at hiring, if employed ─

export const EMPLOYER_TYPES = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type EmployerType = (typeof EMPLOYER_TYPES)[number];
export const EmployerTypeSchema = z.enum(EMPLOYER_TYPES);

export const employerTypeLabels: Record<EmployerType, string> = {
  '01': "Entreprise d'insertion",
  '02': "Entreprise de travail temporaire d'insertion",
  '03': 'Association intermédiaire',
  '04': "Atelier chantier d'insertion",
  '05': "Etablissement et service d'aide par le travail",
  '06': 'Entreprise adaptée',
  '07': 'Autre',
};

// ── Orienteur / prescripteur (ASP ref_orienteur_v5) ─────────────────────────────

export const PRESCRIBER_TYPES = [
  '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12',
  '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '99',
] as const;
export type PrescriberType = (typeof PRESCRIBER_TYPES)[number];
export const PrescriberTypeSchema = z.enum(PRESCRIBER_TYPES);

export const prescriberTypeLabels: Record<PrescriberType, string> = {
  '01': 'Mission locale',
  '02': 'Cap emploi',
  '03': 'France Travail',
  '04': "PLIE - Plan local pour l'insertion et l'emploi",
  '05': 'Service social du conseil départemental',
  // "prescripteurs habilité" (sic): ASP label kept as is.
  '06': 'Autre prescripteurs habilité',
  '07': 'Candidature spontanée',
  '08': 'Orienteur (prescripteur non habilité)',
  '09': "SPIP - Service pénitentiaire d'insertion et de probation",
  '10': 'PJJ - Protection judiciaire de la jeunesse',
  '11': "CCAS - Centre (inter)communal d'action sociale",
  // "CHRA" (sic) is the ASP label of the CHRS.
  '12': "CHRA - Centre d'hébergement et de réinsertion sociale",
  '13': "CIDFF - Centre d'information sur les droits des femmes et des familles",
  '14': 'Service ou club de prévention',
  '15': 'AFPA - Agence nationale pour la formation professionnelle des adultes',
  '16': 'PIJ-BIJ - Point/Bureau information jeunesse',
  '17': "CAF - Caisse d'allocations familiales",
  '18': "CADA - Centre d'accueil de demandeurs d'asile",
  '19': "ASE - Aide sociale à l'enfance",
  '20': "CAVA - Centre d'adaptation à la vie active",
  '21': "CPH - Centre provisoire d'hébergement",
  '22': "CHU - Centre d'hébergement d'urgence",
  '23': "OACAS - Organisme d'accueil communautaire et d'activité solidaire",
  '99': 'Non connu',
};

/** Prescriber types whose label is sensitive (justice): hide them in documents given to employers. */
export const SENSITIVE_PRESCRIBER_TYPES: readonly PrescriberType[] = ['09', '10'];

// ── Situation at entry (mirror of les-emplois JobSeekerProfile / ASP situationSalarie) ─

export const SituationAtEntrySchema = z.object({
  educationLevel: EducationLevelSchema.nullable(),
  prescriberType: PrescriberTypeSchema.nullable(),
  isEmployed: z.boolean(),
  employerType: EmployerTypeSchema.nullable(),
  unemployedSince: AllocationDurationSchema.nullable(),
  resourceless: z.boolean(),
  franceTravailRegistered: z.boolean(),
  franceTravailSince: AllocationDurationSchema.nullable(),
  rqth: z.boolean(),
  oeth: z.boolean(),
  rsa: RsaAllocationSchema,
  rsaSince: AllocationDurationSchema.nullable(),
  ass: z.boolean(),
  assSince: AllocationDurationSchema.nullable(),
  aah: z.boolean(),
  aahSince: AllocationDurationSchema.nullable(),
  aseExit: z.boolean(),
  isolatedParent: z.boolean(),
  housingIssue: z.boolean(),
  refugee: z.boolean(),
  detentionExitOrPpsmj: z.boolean(),
  lowLevelInFrench: z.boolean(),
  mobilityIssue: z.boolean(),
});
export type SituationAtEntry = z.infer<typeof SituationAtEntrySchema>;

export interface SituationIssue {
  field: keyof SituationAtEntry;
  message: string;
}

/**
 * Coherence rules that make the ASP reject a fiche salarié (codes 3352/3353 and the
 * les-emplois validation messages): checking them offline avoids a rejected send.
 */
export function validateSituationAtEntry(s: SituationAtEntry): SituationIssue[] {
  const issues: SituationIssue[] = [];
  if (s.isEmployed && s.employerType === null)
    issues.push({ field: 'employerType', message: "Le type d'employeur est obligatoire si la personne est en emploi." });
  if (!s.isEmployed && s.employerType !== null)
    issues.push({ field: 'employerType', message: "Le type d'employeur doit être vide si la personne n'est pas en emploi." });
  if (!s.isEmployed && s.unemployedSince === null)
    issues.push({ field: 'unemployedSince', message: "La durée sans emploi est obligatoire si la personne n'est pas en emploi." });
  if (s.isEmployed && s.unemployedSince !== null)
    issues.push({ field: 'unemployedSince', message: 'La durée sans emploi doit être vide si la personne est en emploi.' });
  if (s.franceTravailRegistered && s.franceTravailSince === null)
    issues.push({ field: 'franceTravailSince', message: "La durée d'inscription à France Travail est obligatoire." });
  if (!s.franceTravailRegistered && s.franceTravailSince !== null)
    issues.push({ field: 'franceTravailSince', message: "La durée d'inscription doit être vide si la personne n'est pas inscrite à France Travail." });
  if (s.rsa !== 'NON' && s.rsaSince === null)
    issues.push({ field: 'rsaSince', message: 'La durée de perception du RSA est obligatoire.' });
  if (s.rsa === 'NON' && s.rsaSince !== null)
    issues.push({ field: 'rsaSince', message: "La durée de perception du RSA doit être vide si la personne n'est pas bénéficiaire." });
  if (s.ass && s.assSince === null)
    issues.push({ field: 'assSince', message: "La durée de perception de l'ASS est obligatoire." });
  if (!s.ass && s.assSince !== null)
    issues.push({ field: 'assSince', message: "La durée de perception de l'ASS doit être vide si la personne n'est pas allocataire." });
  if (s.aah && s.aahSince === null)
    issues.push({ field: 'aahSince', message: "La durée de perception de l'AAH est obligatoire." });
  if (!s.aah && s.aahSince !== null)
    issues.push({ field: 'aahSince', message: "La durée de perception de l'AAH doit être vide si la personne n'est pas allocataire." });
  if (s.resourceless && (s.rqth || s.oeth))
    issues.push({ field: 'resourceless', message: "La personne n'est pas considérée comme sans ressources si OETH ou RQTH." });
  return issues;
}

// ── Critères d'éligibilité IAE (les-emplois itou/eligibility) ──────────────────

export const LEVEL1_CRITERIA = ['RSA', 'ASS', 'AAH', 'DETLD'] as const;
export const LEVEL2_CRITERIA = [
  'CAP_BEP', 'SENIOR', 'JEUNE', 'ASE', 'DELD', 'TH', 'PI', 'PSH_PR', 'REF_DA', 'ZRR', 'QPV', 'DETENTION_MJ', 'FLE', 'PM',
] as const;
export const ELIGIBILITY_CRITERIA = [...LEVEL1_CRITERIA, ...LEVEL2_CRITERIA] as const;
export type Level1Criterion = (typeof LEVEL1_CRITERIA)[number];
export type Level2Criterion = (typeof LEVEL2_CRITERIA)[number];
export type EligibilityCriterion = (typeof ELIGIBILITY_CRITERIA)[number];
export const EligibilityCriterionSchema = z.enum(ELIGIBILITY_CRITERIA);

export const eligibilityCriterionLabels: Record<EligibilityCriterion, string> = {
  RSA: 'Bénéficiaire du RSA',
  ASS: 'Allocataire ASS',
  AAH: 'Allocataire AAH',
  DETLD: 'DETLD (+ 24 mois)',
  CAP_BEP: "Niveau d'étude 3 (CAP, BEP) ou infra",
  SENIOR: 'Senior (+50 ans)',
  JEUNE: 'Jeune (-26 ans)',
  ASE: "Sortant de l'ASE",
  DELD: 'DELD (12-24 mois)',
  TH: 'Travailleur handicapé',
  PI: 'Parent isolé',
  PSH_PR: 'Personne sans hébergement ou hébergée ou ayant un parcours de rue',
  REF_DA: "Réfugié statutaire, bénéficiaire d'une protection temporaire, protégé subsidiaire ou demandeur d'asile",
  ZRR: 'Résident ZRR/ZFRR',
  QPV: 'Résident QPV',
  DETENTION_MJ: 'Sortant de détention ou personne placée sous main de justice',
  FLE: 'Maîtrise de la langue française inférieure au niveau A1',
  PM: 'Problème de mobilité',
};

export function criterionLevel(c: EligibilityCriterion): 1 | 2 {
  return (LEVEL1_CRITERIA as readonly string[]).includes(c) ? 1 : 2;
}

/** Criteria that are special categories / criminal data under GDPR: store the coded flag only. */
export const SENSITIVE_CRITERIA: readonly EligibilityCriterion[] = ['AAH', 'TH', 'DETENTION_MJ', 'REF_DA'];

export interface EligibilityRules {
  version: string;
  source: string;
  level2RequiredBySiaeKind: Record<SiaeKind, number>;
  diagnosisValidityMonths: number;
  employerDiagnosisValidityDays: number;
}

/** Versioned: the criteria were reportedly revised in January 2025 (à confirmer against the current arrêté). */
export const ELIGIBILITY_RULES: Readonly<EligibilityRules> = {
  version: '2026-08-21',
  source: 'gip-inclusion/les-emplois @543eae8d, itou/eligibility',
  level2RequiredBySiaeKind: { AI: 2, ETTI: 2, ACI: 3, EI: 3, EITI: 3 },
  diagnosisValidityMonths: 6,
  employerDiagnosisValidityDays: 92,
};

export interface EligibilityExplanation {
  eligible: boolean;
  level1: Level1Criterion[];
  level2: Level2Criterion[];
  level2Required: number;
  message: string;
}

/**
 * Self-prescription by the SIAE: one level-1 criterion is enough; otherwise the
 * SIAE kind sets how many distinct level-2 criteria are required.
 */
export function explainEligibility(
  kind: SiaeKind,
  criteria: readonly EligibilityCriterion[],
  rules: EligibilityRules = ELIGIBILITY_RULES,
): EligibilityExplanation {
  const unique = [...new Set(criteria)];
  const level1 = unique.filter((c): c is Level1Criterion => criterionLevel(c) === 1);
  const level2 = unique.filter((c): c is Level2Criterion => criterionLevel(c) === 2);
  const level2Required = rules.level2RequiredBySiaeKind[kind];
  if (level1.length > 0) {
    return { eligible: true, level1, level2, level2Required, message: 'Éligible : au moins un critère de niveau 1.' };
  }
  if (level2.length >= level2Required) {
    return {
      eligible: true,
      level1,
      level2,
      level2Required,
      message: `Éligible : ${level2.length} critères de niveau 2 (${level2Required} requis pour une ${kind}).`,
    };
  }
  const missing = level2Required - level2.length;
  return {
    eligible: false,
    level1,
    level2,
    level2Required,
    message: `Non éligible : ${level2.length} critère${level2.length > 1 ? 's' : ''} de niveau 2 sur ${level2Required} requis pour une ${kind} (il en manque ${missing}), et aucun critère de niveau 1.`,
  };
}

export function isEligibleByCriteria(
  kind: SiaeKind,
  criteria: readonly EligibilityCriterion[],
  rules: EligibilityRules = ELIGIBILITY_RULES,
): boolean {
  return explainEligibility(kind, criteria, rules).eligible;
}

/**
 * Criteria that the recorded situation suggests, for the CIP to confirm (and prove).
 * Age criteria are computed at `atDate` (usually the hiring date). ZRR/QPV need the
 * address and are not derived here.
 */
export function suggestCriteriaFromSituation(s: SituationAtEntry, ageAtDate: number | null): EligibilityCriterion[] {
  const out: EligibilityCriterion[] = [];
  if (s.rsa !== 'NON') out.push('RSA');
  if (s.ass) out.push('ASS');
  if (s.aah) out.push('AAH');
  if (s.franceTravailRegistered && s.franceTravailSince === '04') out.push('DETLD');
  if (s.franceTravailRegistered && s.franceTravailSince === '03') out.push('DELD');
  if (s.educationLevel !== null && EDUCATION_LEVELS_CAP_BEP_OR_BELOW.includes(s.educationLevel)) out.push('CAP_BEP');
  if (ageAtDate !== null && ageAtDate >= 50) out.push('SENIOR');
  if (ageAtDate !== null && ageAtDate < 26) out.push('JEUNE');
  if (s.aseExit) out.push('ASE');
  if (s.rqth) out.push('TH');
  if (s.isolatedParent) out.push('PI');
  if (s.housingIssue) out.push('PSH_PR');
  if (s.refugee) out.push('REF_DA');
  if (s.detentionExitOrPpsmj) out.push('DETENTION_MJ');
  if (s.lowLevelInFrench) out.push('FLE');
  if (s.mobilityIssue) out.push('PM');
  return out;
}
