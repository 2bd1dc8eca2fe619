import { z } from 'zod';

/*
 * Formations (domain.md §2.6). The ASP flux has RefTypeFormation / RefObjectifFormation
 * tables whose values we have not seen: these are our own stable codes, to be mapped
 * onto the ASP ones at export time once known.
 */

export const FORMATION_KINDS = [
  'pre_qualifying',
  'qualifying',
  'certifying',
  'clea',
  'clea_numerique',
  'habilitation',
  'basic_skills',
  'fle',
  'short_professional',
  'internal',
  'poe',
  'vae',
  'driving_licence',
  'other',
] as const;
export type FormationKind = (typeof FORMATION_KINDS)[number];
export const FormationKindSchema = z.enum(FORMATION_KINDS);

export interface FormationKindInfo {
  label: string;
  /**
   * Entering (or continuing) this training can be an exit motif "Entrée en formation
   * qualifiante" → Sorties positives. Pré-qualifiante counts per the GIP definition.
   */
  countsAsQualifyingForExit: boolean;
}

export const formationKinds: Record<FormationKind, FormationKindInfo> = {
  pre_qualifying: { label: 'Formation pré-qualifiante', countsAsQualifyingForExit: true },
  qualifying: { label: 'Formation qualifiante', countsAsQualifyingForExit: true },
  certifying: { label: 'Formation certifiante / diplômante', countsAsQualifyingForExit: true },
  clea: { label: 'CléA (socle de connaissances et de compétences)', countsAsQualifyingForExit: false },
  clea_numerique: { label: 'CléA numérique', countsAsQualifyingForExit: false },
  habilitation: { label: 'Habilitation / certificat obligatoire (CACES, SST…)', countsAsQualifyingForExit: false },
  basic_skills: { label: 'Savoirs de base / compétences clés', countsAsQualifyingForExit: false },
  fle: { label: 'Français langue étrangère (FLE)', countsAsQualifyingForExit: false },
  short_professional: { label: 'Module court de professionnalisation', countsAsQualifyingForExit: false },
  internal: { label: 'Formation interne (en situation de travail)', countsAsQualifyingForExit: false },
  poe: { label: "POE (préparation opérationnelle à l'emploi)", countsAsQualifyingForExit: false },
  vae: { label: "VAE (validation des acquis de l'expérience)", countsAsQualifyingForExit: false },
  driving_licence: { label: 'Permis de conduire', countsAsQualifyingForExit: false },
  other: { label: 'Autre formation', countsAsQualifyingForExit: false },
};

/** Regulated certificates an SIAE often funds; a subtype of `habilitation`. */
export const HABILITATION_KINDS = [
  'caces',
  'sst',
  'electrical',
  'work_at_height',
  'haccp',
  'aipr',
  'phytosanitary',
  'fire_safety',
  'other',
] as const;
export type HabilitationKind = (typeof HABILITATION_KINDS)[number];
export const HabilitationKindSchema = z.enum(HABILITATION_KINDS);

export const habilitationKindLabels: Record<HabilitationKind, string> = {
  caces: "CACES (conduite d'engins)",
  sst: 'SST (sauveteur secouriste du travail)',
  electrical: 'Habilitation électrique',
  work_at_height: 'Travail en hauteur',
  haccp: 'Hygiène alimentaire (HACCP)',
  aipr: 'AIPR (travaux à proximité des réseaux)',
  phytosanitary: 'Certiphyto',
  fire_safety: 'Sécurité incendie (SSIAP, EPI)',
  other: 'Autre habilitation',
};

/** Where the training happens: ACI trainings must take place during working time. */
export const FORMATION_SETTINGS = ['internal', 'external'] as const;
export type FormationSetting = (typeof FORMATION_SETTINGS)[number];
export const formationSettingLabels: Record<FormationSetting, string> = {
  internal: 'Interne (en situation de travail)',
  external: 'Externe (organisme de formation)',
};

export const CERTIFICATION_KINDS = [
  'diploma',
  'titre_pro',
  'cqp',
  'clea',
  'skills_block',
  'habilitation',
  'skills_attestation',
  'training_attestation',
  'rsfp_portfolio',
] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];
export const CertificationKindSchema = z.enum(CERTIFICATION_KINDS);

export const certificationKindLabels: Record<CertificationKind, string> = {
  diploma: 'Diplôme (Éducation nationale…)',
  titre_pro: 'Titre professionnel',
  cqp: 'CQP (certificat de qualification professionnelle)',
  clea: 'Certificat CléA',
  skills_block: 'Bloc(s) de compétences',
  habilitation: 'Habilitation / certificat réglementaire',
  skills_attestation: 'Attestation de compétences',
  training_attestation: 'Attestation de formation',
  rsfp_portfolio: 'RSFP / portefeuille de compétences',
};

export const CERTIFICATION_OUTCOMES = [
  'pending',
  'obtained',
  'partially_obtained',
  'not_obtained',
  'attestation_only',
  'dropped_out',
  'not_applicable',
] as const;
export type CertificationOutcome = (typeof CERTIFICATION_OUTCOMES)[number];
export const CertificationOutcomeSchema = z.enum(CERTIFICATION_OUTCOMES);

export const certificationOutcomeLabels: Record<CertificationOutcome, string> = {
  pending: 'En attente du résultat',
  obtained: 'Certification obtenue',
  partially_obtained: 'Certification partielle (blocs de compétences)',
  not_obtained: 'Certification non obtenue',
  attestation_only: 'Attestation de formation uniquement',
  dropped_out: 'Abandon en cours de formation',
  not_applicable: 'Sans certification visée',
};

/** Outcomes the federation counts as a (partial) certification success. */
export function isCertificationSuccess(outcome: CertificationOutcome): boolean {
  return outcome === 'obtained' || outcome === 'partially_obtained';
}
