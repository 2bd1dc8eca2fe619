import { isIsoDate, type IsoDate } from '../domain/calendar';
import { EXIT_CATEGORIES, EXIT_MOTIFS, exitCategoryLabels, exitMotifs } from '../domain/exits';
import { ENTRETIEN_KINDS, entretienKindLabels } from '../domain/entretiens';
import { CERTIFICATION_OUTCOMES, FORMATION_KINDS, certificationOutcomeLabels, formationKinds } from '../domain/formations';
import { ASP_FREIN_TYPES, aspFreinTypeLabels } from '../domain/freins';
import { ASSESSMENT_STATUSES, IMMERSION_OBJECTIVES, assessmentStatusLabels, immersionObjectiveShortLabels } from '../domain/immersions';
import {
  AGE_BRACKETS,
  FEDERATION_AGE_BRACKETS,
  SEX_CODES,
  ageAt,
  ageBracket,
  ageBracketLabels,
  federationAgeBracket,
  federationAgeBracketLabels,
  sexCodeLabels,
} from '../domain/people';

/*
 * The dimensions of the catalogue: stable codes (the domain's own codes where they exist),
 * French labels, and the label of the margin. Every dimension has a category for missing data,
 * so each counted unit falls in exactly one category and totals are complete.
 */

export interface Category {
  readonly code: string;
  readonly label: string;
}

export interface DimensionDef {
  readonly code: string;
  readonly label: string;
  /** Label of the margin ("*") of this dimension. */
  readonly totalLabel: string;
  readonly categories: readonly Category[];
}

function fromLabels<K extends string>(codes: readonly K[], labels: Record<K, string>): Category[] {
  return codes.map((code) => ({ code, label: labels[code] }));
}

export const UNKNOWN = 'unknown';

export const SEX: DimensionDef = {
  code: 'sex',
  label: 'Sexe',
  totalLabel: 'Ensemble',
  categories: [...fromLabels(SEX_CODES, sexCodeLabels), { code: UNKNOWN, label: 'Non renseigné' }],
};

export const AGE: DimensionDef = {
  code: 'age',
  label: 'Tranche d’âge à l’entrée',
  totalLabel: 'Tous âges',
  categories: [...fromLabels(AGE_BRACKETS, ageBracketLabels), { code: UNKNOWN, label: 'Non renseigné' }],
};

export const AGE_FEDERATION: DimensionDef = {
  code: 'age_federation',
  label: 'Tranche d’âge à l’entrée (découpage fédéral)',
  totalLabel: 'Tous âges',
  categories: [...fromLabels(FEDERATION_AGE_BRACKETS, federationAgeBracketLabels), { code: UNKNOWN, label: 'Non renseigné' }],
};

export const MINIMA: DimensionDef = {
  code: 'minima',
  label: 'Minimum social à l’entrée',
  totalLabel: 'Ensemble',
  categories: [
    { code: 'rsa', label: 'RSA' },
    { code: 'ass', label: 'ASS' },
    { code: 'aah', label: 'AAH' },
    { code: 'several', label: 'Plusieurs minima sociaux' },
    { code: 'none', label: 'Aucun minimum social' },
    { code: UNKNOWN, label: 'Situation non renseignée' },
  ],
};

export const UNEMPLOYMENT: DimensionDef = {
  code: 'unemployment',
  label: 'Inscription à France Travail à l’entrée',
  totalLabel: 'Ensemble',
  categories: [
    { code: 'lt_12_months', label: 'Inscrit depuis moins de 12 mois' },
    { code: '12_23_months', label: 'Inscrit depuis 12 à 23 mois (chômage de longue durée)' },
    { code: '24_months_plus', label: 'Inscrit depuis 24 mois et plus (très longue durée)' },
    { code: 'not_registered', label: 'Non inscrit' },
    { code: UNKNOWN, label: 'Situation non renseignée' },
  ],
};

const YES_NO: Category[] = [
  { code: 'yes', label: 'Oui' },
  { code: 'no', label: 'Non' },
];

export const QPV: DimensionDef = { code: 'qpv', label: 'Résident d’un QPV', totalLabel: 'Ensemble', categories: YES_NO };
export const ZRR: DimensionDef = { code: 'zrr', label: 'Résident d’une ZRR', totalLabel: 'Ensemble', categories: YES_NO };
export const RQTH: DimensionDef = {
  code: 'rqth',
  label: 'Reconnaissance de la qualité de travailleur handicapé (RQTH)',
  totalLabel: 'Ensemble',
  categories: [...YES_NO, { code: UNKNOWN, label: 'Situation non renseignée' }],
};

export const EDUCATION: DimensionDef = {
  code: 'education',
  label: 'Niveau de formation à l’entrée',
  totalLabel: 'Tous niveaux',
  categories: [
    { code: 'below_cap', label: 'Niveau inférieur au CAP' },
    { code: 'non_certifying', label: 'Qualifications non certifiantes' },
    { code: 'cap_bep', label: 'Niveau CAP – BEP' },
    { code: 'bac', label: 'Niveau baccalauréat' },
    { code: 'higher', label: 'Études supérieures' },
    { code: UNKNOWN, label: 'Non renseigné' },
  ],
};

/** ASP ref_niveau_formation codes → the catalogue's levels (BenefSorties wording). */
export const EDUCATION_GROUPS: Readonly<Record<string, string>> = {
  '01': 'below_cap',
  '60': 'below_cap',
  '70': 'below_cap',
  '00': 'non_certifying',
  '50': 'cap_bep',
  '51': 'cap_bep',
  '40': 'bac',
  '41': 'bac',
  '30': 'higher',
  '20': 'higher',
  '10': 'higher',
};

export const TRIPARTITE: DimensionDef = {
  code: 'tripartite',
  label: 'Au moins un entretien tripartite tenu sur la période',
  totalLabel: 'Ensemble',
  categories: YES_NO,
};

export const HOURS: DimensionDef = {
  code: 'hours',
  label: 'Heures travaillées cumulées (contrats en cours sur la période)',
  totalLabel: 'Ensemble',
  categories: [
    { code: 'lt_150', label: 'Moins de 150 h' },
    { code: '150_499', label: 'De 150 à 499 h' },
    { code: '500_999', label: 'De 500 à 999 h' },
    { code: '1000_plus', label: '1 000 h et plus' },
    { code: 'not_recorded', label: 'Heures non saisies' },
  ],
};

export const EXIT_CATEGORY: DimensionDef = {
  code: 'category',
  label: 'Catégorie de sortie (ASP)',
  totalLabel: 'Toutes catégories',
  categories: fromLabels(EXIT_CATEGORIES, exitCategoryLabels),
};

export const EXIT_MOTIF: DimensionDef = {
  code: 'motif',
  label: 'Motif de sortie (ASP)',
  totalLabel: 'Tous motifs',
  categories: EXIT_MOTIFS.map((m) => ({ code: m, label: exitMotifs[m].label })),
};

export const IMMERSION_OBJECTIVE: DimensionDef = {
  code: 'objective',
  label: 'Objectif de l’immersion',
  totalLabel: 'Tous objectifs',
  categories: fromLabels(IMMERSION_OBJECTIVES, immersionObjectiveShortLabels),
};

export const IMMERSION_RESULT: DimensionDef = {
  code: 'result',
  label: 'Réalisation (bilan)',
  totalLabel: 'Ensemble',
  categories: [...fromLabels(ASSESSMENT_STATUSES, assessmentStatusLabels), { code: 'no_bilan', label: 'Bilan non saisi' }],
};

export const HOST_SECTOR: DimensionDef = {
  code: 'sector',
  label: 'Secteur de la structure d’accueil',
  totalLabel: 'Tous secteurs',
  categories: [
    { code: 'marchand', label: 'Secteur marchand' },
    { code: 'non_marchand', label: 'Secteur non marchand' },
    { code: 'siae', label: 'SIAE' },
    { code: UNKNOWN, label: 'Non renseigné' },
  ],
};

export const HIRED: DimensionDef = {
  code: 'hired',
  label: 'Embauche à l’issue',
  totalLabel: 'Ensemble',
  categories: [
    { code: 'yes', label: 'Embauche' },
    { code: 'no', label: 'Pas d’embauche' },
    { code: 'no_bilan', label: 'Bilan non saisi' },
  ],
};

export const FORMATION_KIND: DimensionDef = {
  code: 'kind',
  label: 'Type de formation',
  totalLabel: 'Tous types',
  categories: FORMATION_KINDS.map((k) => ({ code: k, label: formationKinds[k].label })),
};

export const CERTIFICATION: DimensionDef = {
  code: 'certification',
  label: 'Certification',
  totalLabel: 'Ensemble',
  categories: fromLabels(CERTIFICATION_OUTCOMES, certificationOutcomeLabels),
};

export const FREIN_TYPE: DimensionDef = {
  code: 'type',
  label: 'Type de frein (ASP)',
  totalLabel: 'Tous types',
  categories: fromLabels(ASP_FREIN_TYPES, aspFreinTypeLabels),
};

export const FREIN_STATUS: DimensionDef = {
  code: 'status',
  label: 'Situation en fin de période',
  totalLabel: 'Ensemble',
  categories: [
    { code: 'lifted', label: 'Levé' },
    { code: 'not_lifted', label: 'Non levé' },
  ],
};

export const FREIN_SUPPORT: DimensionDef = {
  code: 'support',
  label: 'Accompagnement sur la période',
  totalLabel: 'Ensemble',
  categories: [
    { code: 'internal', label: 'Interne uniquement' },
    { code: 'external', label: 'Externe uniquement' },
    { code: 'both', label: 'Interne et externe' },
    { code: 'none', label: 'Aucune action sur la période' },
  ],
};

export const ENTRETIEN_KIND: DimensionDef = {
  code: 'kind',
  label: 'Type d’entretien',
  totalLabel: 'Tous types',
  categories: fromLabels(ENTRETIEN_KINDS, entretienKindLabels),
};

// ── Classifiers (one category per unit) ─────────────────────────────────────────

function known(dim: DimensionDef, code: string | null | undefined): string {
  return code !== null && code !== undefined && dim.categories.some((c) => c.code === code) ? code : UNKNOWN;
}

export function sexCategory(sex: string | null): string {
  return known(SEX, sex);
}

/** Age is taken at the entry into the parcours (the ASP profile's and eligibility's reference date). */
export function ageCategories(birthDate: IsoDate | null, entryDate: IsoDate | null): { age: string; age_federation: string } {
  if (birthDate === null || entryDate === null || !isIsoDate(birthDate) || !isIsoDate(entryDate) || birthDate > entryDate) return { age: UNKNOWN, age_federation: UNKNOWN };
  const age = ageAt(birthDate, entryDate);
  return { age: ageBracket(age), age_federation: federationAgeBracket(age) };
}

export function minimaCategory(s: { rsa: string; ass: boolean; aah: boolean } | null): string {
  if (s === null) return UNKNOWN;
  const held = [s.rsa !== 'NON' ? 'rsa' : null, s.ass ? 'ass' : null, s.aah ? 'aah' : null].filter((x): x is string => x !== null);
  if (held.length === 0) return 'none';
  return held.length === 1 ? (held[0] as string) : 'several';
}

export function unemploymentCategory(s: { franceTravailRegistered: boolean; franceTravailSince: string | null } | null): string {
  if (s === null) return UNKNOWN;
  if (!s.franceTravailRegistered) return 'not_registered';
  switch (s.franceTravailSince) {
    case '01':
    case '02':
      return 'lt_12_months';
    case '03':
      return '12_23_months';
    case '04':
      return '24_months_plus';
    default:
      return UNKNOWN;
  }
}

export function educationCategory(level: string | null | undefined): string {
  return (level !== null && level !== undefined ? EDUCATION_GROUPS[level] : undefined) ?? UNKNOWN;
}

export function hoursCategory(hours: number | null): string {
  if (hours === null) return 'not_recorded';
  if (hours < 150) return 'lt_150';
  if (hours < 500) return '150_499';
  if (hours < 1000) return '500_999';
  return '1000_plus';
}

export function categoryOf(dim: DimensionDef, code: string | null | undefined, fallback: string): string {
  return code !== null && code !== undefined && dim.categories.some((c) => c.code === code) ? code : fallback;
}
