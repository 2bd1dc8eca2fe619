import { EXIT_MOTIFS, SENSITIVE_EXIT_MOTIFS } from '../domain/exits';
import { ASP_FREIN_TYPES, CONFIDENTIAL_ASP_FREIN_TYPES } from '../domain/freins';
import type { TableSpec } from '../stats/table';
import {
  AGE,
  AGE_FEDERATION,
  CERTIFICATION,
  EDUCATION,
  ENTRETIEN_KIND,
  EXIT_CATEGORY,
  EXIT_MOTIF,
  FORMATION_KIND,
  FREIN_STATUS,
  FREIN_SUPPORT,
  FREIN_TYPE,
  HIRED,
  HOST_SECTOR,
  HOURS,
  IMMERSION_OBJECTIVE,
  IMMERSION_RESULT,
  MINIMA,
  QPV,
  RQTH,
  SEX,
  TRIPARTITE,
  UNEMPLOYMENT,
  UNKNOWN,
  ZRR,
  type DimensionDef,
} from './dimensions';

/*
 * The versioned table catalogue of the federation statistics (domain.md §5, reference-systems
 * §4.4–4.5). Changing a table's dimensions, categories or population changes what a cell means:
 * bump CATALOGUE_VERSION (format `YYYY.N`), never edit a published version in place.
 *
 * Tables of one population share cells (same dimension → category map = same number): the
 * disclosure control audits them as one linked system, as an attacker would combine them.
 */

export const CATALOGUE_VERSION = '2026.1';

export const POPULATIONS = ['present', 'entries', 'exits', 'immersions', 'formations', 'freins', 'entretiens'] as const;
export type PopulationKey = (typeof POPULATIONS)[number];

/** What one unit of each population is (all tables of a population count the same units). */
export const populationLabels: Record<PopulationKey, string> = {
  present: 'Salariés en parcours sur la période (entrés avant sa fin, non sortis avant son début)',
  entries: 'Salariés entrés en parcours pendant la période',
  exits: 'Sorties comptabilisées (règle ASP du temps travaillé) pendant la période',
  immersions: 'Immersions (PMSMP) commencées pendant la période',
  formations: 'Formations commencées pendant la période',
  freins: 'Situations de frein (une personne × un type ASP) ouvertes pendant la période',
  entretiens: 'Entretiens tenus pendant la période',
};

/** Where a table's data comes from: `immersions` tables exist only once that feature's tables do. */
export type TableSource = 'parcours' | 'immersions';

export interface IndicatorTableDef {
  readonly id: string;
  readonly title: string;
  /** One sentence on what is counted, for the screen and the preview. */
  readonly description: string;
  readonly population: PopulationKey;
  readonly dimensions: readonly DimensionDef[];
  /** Counts a sensitive attribute (health, justice, minima sociaux). */
  readonly sensitive: boolean;
  readonly sensitiveDimension?: string;
  /** Categories of the sensitive dimension that reveal nothing sensitive. */
  readonly nonSensitiveCategories?: readonly string[];
  /** Every margin is part of the table (shared/stats tables are always complete). */
  readonly margins: 'all';
  readonly source: TableSource;
  /**
   * `link`: a cross-table that exists so the disclosure control sees what two published tables
   * imply together (e.g. the 46–49 year-olds between two age splits). Sent, not charted.
   */
  readonly role: 'indicator' | 'link';
}

function allExcept(dim: DimensionDef, sensitive: readonly string[]): string[] {
  return dim.categories.map((c) => c.code).filter((c) => !sensitive.includes(c));
}

function ageTables(population: 'present' | 'entries', who: string): IndicatorTableDef[] {
  return [
    {
      id: `${population}.sex_age`,
      title: `${who} par sexe et tranche d’âge`,
      description: `${who}, par sexe et par âge à l’entrée en parcours (moins de 26 ans, 26 à 49 ans, 50 ans et plus).`,
      population,
      dimensions: [SEX, AGE],
      sensitive: false,
      margins: 'all',
      source: 'parcours',
      role: 'indicator',
    },
    {
      id: `${population}.sex_age_federation`,
      title: `${who} par sexe et tranche d’âge (découpage fédéral)`,
      description: `${who}, par sexe et par âge à l’entrée selon le découpage historique de la fédération (moins de 26 ans, 26 à 45 ans, plus de 45 ans).`,
      population,
      dimensions: [SEX, AGE_FEDERATION],
      sensitive: false,
      margins: 'all',
      source: 'parcours',
      role: 'indicator',
    },
    {
      id: `${population}.age_link`,
      title: `${who} : croisement des deux découpages d’âge`,
      description:
        'Croisement des deux tableaux précédents : publiés ensemble, ils révèlent les 46–49 ans ; ce tableau permet de protéger ce petit groupe.',
      population,
      dimensions: [SEX, AGE, AGE_FEDERATION],
      sensitive: false,
      margins: 'all',
      source: 'parcours',
      role: 'link',
    },
  ];
}

function oneDimension(
  id: string,
  title: string,
  description: string,
  dim: DimensionDef,
  sensitivity: { readonly nonSensitive: readonly string[] } | null = null,
): IndicatorTableDef {
  return {
    id: `present.${id}`,
    title,
    description,
    population: 'present',
    dimensions: [dim],
    sensitive: sensitivity !== null,
    ...(sensitivity !== null ? { sensitiveDimension: dim.code, nonSensitiveCategories: sensitivity.nonSensitive } : {}),
    margins: 'all',
    source: 'parcours',
    role: 'indicator',
  };
}

export const CATALOGUE: readonly IndicatorTableDef[] = [
  ...ageTables('present', 'Salariés en parcours'),
  oneDimension(
    'minima',
    'Bénéficiaires de minima sociaux',
    'Salariés en parcours selon le minimum social perçu à l’entrée (RSA, ASS, AAH) — information sensible.',
    MINIMA,
    { nonSensitive: ['none', UNKNOWN] },
  ),
  oneDimension(
    'unemployment',
    'Chômage de longue durée',
    'Salariés en parcours selon la durée d’inscription à France Travail à l’entrée.',
    UNEMPLOYMENT,
  ),
  oneDimension('qpv', 'Résidents des quartiers prioritaires (QPV)', 'Salariés en parcours résidant dans un quartier prioritaire de la politique de la ville.', QPV),
  oneDimension('zrr', 'Résidents des zones de revitalisation rurale (ZRR)', 'Salariés en parcours résidant en zone de revitalisation rurale.', ZRR),
  oneDimension(
    'rqth',
    'Travailleurs handicapés (RQTH)',
    'Salariés en parcours bénéficiaires d’une RQTH à l’entrée — information de santé, sensible.',
    RQTH,
    { nonSensitive: ['no', UNKNOWN] },
  ),
  oneDimension('education', 'Niveau de formation', 'Salariés en parcours selon leur niveau de formation à l’entrée.', EDUCATION),
  oneDimension(
    'tripartite',
    'Entretiens tripartites',
    'Salariés en parcours ayant eu au moins un entretien tripartite tenu pendant la période.',
    TRIPARTITE,
  ),
  oneDimension(
    'hours',
    'Heures travaillées',
    'Salariés en parcours selon les heures travaillées saisies sur leurs contrats en cours pendant la période (cumul par contrat).',
    HOURS,
  ),
  ...ageTables('entries', 'Entrées en parcours'),
  {
    id: 'exits.category_sex',
    title: 'Sorties par catégorie et par sexe',
    description: 'Sorties comptabilisées selon la règle ASP (temps travaillé), par catégorie officielle et par sexe.',
    population: 'exits',
    dimensions: [EXIT_CATEGORY, SEX],
    sensitive: false,
    margins: 'all',
    source: 'parcours',
    role: 'indicator',
  },
  {
    id: 'exits.category_motif',
    title: 'Sorties par catégorie et motif',
    description:
      'Sorties comptabilisées par catégorie et motif ASP ; les motifs liés à la santé ou à la justice sont sensibles.',
    population: 'exits',
    dimensions: [EXIT_CATEGORY, EXIT_MOTIF],
    sensitive: true,
    sensitiveDimension: EXIT_MOTIF.code,
    nonSensitiveCategories: EXIT_MOTIFS.filter((m) => !SENSITIVE_EXIT_MOTIFS.includes(m)),
    margins: 'all',
    source: 'parcours',
    role: 'indicator',
  },
  {
    id: 'immersions.objective_result',
    title: 'Immersions par objectif et réalisation',
    description: 'Immersions (PMSMP) commencées pendant la période, par objectif et selon leur bilan.',
    population: 'immersions',
    dimensions: [IMMERSION_OBJECTIVE, IMMERSION_RESULT],
    sensitive: false,
    margins: 'all',
    source: 'immersions',
    role: 'indicator',
  },
  {
    id: 'immersions.sector_hired',
    title: 'Immersions par secteur d’accueil et embauche',
    description: 'Immersions commencées pendant la période, par secteur de la structure d’accueil et selon qu’elles ont mené à une embauche.',
    population: 'immersions',
    dimensions: [HOST_SECTOR, HIRED],
    sensitive: false,
    margins: 'all',
    source: 'immersions',
    role: 'indicator',
  },
  {
    id: 'formations.kind_certification',
    title: 'Formations par type et certification',
    description: 'Formations commencées pendant la période, par type et par résultat de certification.',
    population: 'formations',
    dimensions: [FORMATION_KIND, CERTIFICATION],
    sensitive: false,
    margins: 'all',
    source: 'parcours',
    role: 'indicator',
  },
  {
    id: 'freins.type_status',
    title: 'Freins par type et situation',
    description:
      'Personnes concernées par chacun des 8 types de frein ASP, levé ou non en fin de période ; santé et justice sont sensibles.',
    population: 'freins',
    dimensions: [FREIN_TYPE, FREIN_STATUS],
    sensitive: true,
    sensitiveDimension: FREIN_TYPE.code,
    nonSensitiveCategories: allExcept(FREIN_TYPE, CONFIDENTIAL_ASP_FREIN_TYPES),
    margins: 'all',
    source: 'parcours',
    role: 'indicator',
  },
  {
    id: 'freins.type_support',
    title: 'Freins par type et accompagnement',
    description:
      'Personnes concernées par chacun des 8 types de frein ASP, selon l’accompagnement (interne, externe) pendant la période.',
    population: 'freins',
    dimensions: [FREIN_TYPE, FREIN_SUPPORT],
    sensitive: true,
    sensitiveDimension: FREIN_TYPE.code,
    nonSensitiveCategories: allExcept(FREIN_TYPE, CONFIDENTIAL_ASP_FREIN_TYPES),
    margins: 'all',
    source: 'parcours',
    role: 'indicator',
  },
  {
    id: 'entretiens.kind',
    title: 'Entretiens par type',
    description: 'Entretiens tenus pendant la période, par type (dont les entretiens tripartites).',
    population: 'entretiens',
    dimensions: [ENTRETIEN_KIND],
    sensitive: false,
    margins: 'all',
    source: 'parcours',
    role: 'indicator',
  },
];

const byId = new Map(CATALOGUE.map((t) => [t.id, t]));

export function catalogueTable(id: string): IndicatorTableDef | undefined {
  return byId.get(id);
}

/** The shared/stats specification of a catalogue table (codes only, no labels). */
export function tableSpecOf(def: IndicatorTableDef): TableSpec {
  return {
    id: def.id,
    population: def.population,
    dimensions: def.dimensions.map((d) => ({ code: d.code, categories: d.categories.map((c) => c.code) })),
    sensitive: def.sensitive,
    ...(def.sensitiveDimension === undefined ? {} : { sensitiveDimension: def.sensitiveDimension }),
    ...(def.nonSensitiveCategories === undefined ? {} : { nonSensitiveCategories: [...def.nonSensitiveCategories] }),
  };
}

/** ASP frein types that make the freins tables sensitive (for labels and tests). */
export const SENSITIVE_FREIN_TYPES: readonly string[] = ASP_FREIN_TYPES.filter((t) => CONFIDENTIAL_ASP_FREIN_TYPES.includes(t));
