import { z } from 'zod';
import { type IsoDate, IsoDateSchema, addMonths } from './calendar';
import { type SiaeKind } from './siae';
import { foldForSearch } from './text';

/*
 * Sorties. Categories are the ASP RefCategorieSort labels; motifs are the ASP
 * RefMotifSort labels (reference-systems §4.4). The motif → category mapping is only
 * partly verified, so it ships as data with a `toBeConfirmed` flag per entry.
 */

// ── Categories ───────────────────────────────────────────────────────────────────

export const EXIT_CATEGORIES = [
  'durable_employment',
  'transitional_employment',
  'positive_exit',
  'other_exit',
  'neutralised',
] as const;
export type ExitCategory = (typeof EXIT_CATEGORIES)[number];
export const ExitCategorySchema = z.enum(EXIT_CATEGORIES);

export const exitCategoryLabels: Record<ExitCategory, string> = {
  durable_employment: 'Emploi durable',
  transitional_employment: 'Emploi de transition',
  positive_exit: 'Sorties positives',
  other_exit: 'Autres sorties',
  neutralised: 'Retrait des sorties constatées',
};

/** ASP rcs_code where verified (only "Retrait" = 5 was seen). */
export const exitCategoryAspCodes: Partial<Record<ExitCategory, string>> = {
  neutralised: '5',
};

/** "Sorties dynamiques" = the first three categories. */
export const DYNAMIC_EXIT_CATEGORIES: readonly ExitCategory[] = [
  'durable_employment',
  'transitional_employment',
  'positive_exit',
];

export function isDynamicExit(category: ExitCategory): boolean {
  return DYNAMIC_EXIT_CATEGORIES.includes(category);
}

/** "Retrait des sorties constatées" is excluded from every rate computation. */
export function isCountedInExitRates(category: ExitCategory): boolean {
  return category !== 'neutralised';
}

// ── Motifs ─────────────────────────────────────────────────────────────────────────

export const EXIT_MOTIFS = [
  'cdi_not_aided',
  'cdi_aided',
  'cdd_6_months_or_more',
  'cdd_under_6_months',
  'fixed_term_other_siae',
  'business_creation_outside_eiti',
  'qualifying_training',
  'other_positive',
  'eiti_continuation_above_median',
  'eiti_continuation_above_poverty',
  'unemployed',
  'inactive',
  'no_news',
  'automatic_exit',
  'retirement',
  'dismissal_serious_misconduct',
  'employer_transfer',
  'administrative_or_court_decision',
  // Labels below were seen only in a third-party dump (reference [I]).
  'civil_service',
  'aided_fixed_term_outside_iae',
  'trial_break_by_employer',
  'trial_break_by_employee',
  'death',
  'long_leave',
  'business_creation',
  // les-emplois stats: rms_code 96.
  'cdi_inclusion',
] as const;
export type ExitMotif = (typeof EXIT_MOTIFS)[number];
export const ExitMotifSchema = z.enum(EXIT_MOTIFS);

export interface ExitMotifInfo {
  /** ASP RefMotifSort label. */
  label: string;
  category: ExitCategory;
  /** The category is our reading of the reference, not a verified ASP mapping. */
  toBeConfirmed: boolean;
  /** 'verified': label read in ASP-derived data; 'inferred': third-party wording. */
  labelSource: 'verified' | 'inferred';
  /** ASP rms_code when known. */
  aspCode: string | null;
}

export const EXIT_MOTIF_MAPPING_VERSION = '2026-11-23 (reference-systems §4.4)';

export const exitMotifs: Record<ExitMotif, ExitMotifInfo> = {
  cdi_not_aided: {
    label: 'Embauche en CDI non aidé',
    category: 'durable_employment',
    toBeConfirmed: false,
    labelSource: 'verified',
    aspCode: null,
  },
  cdi_aided: {
    label: 'Embauche en CDI aidé',
    category: 'durable_employment',
    toBeConfirmed: false,
    labelSource: 'verified',
    aspCode: null,
  },
  cdd_6_months_or_more: {
    label: "Embauche en CDD (sans aide publique à l'emploi) d'une durée de 6 mois et plus",
    category: 'durable_employment',
    toBeConfirmed: false,
    labelSource: 'verified',
    aspCode: null,
  },
  cdd_under_6_months: {
    label: "Embauche en CDD (sans aide publique à l'emploi) de moins de 6 mois (hors IAE)",
    category: 'transitional_employment',
    toBeConfirmed: false,
    labelSource: 'verified',
    aspCode: null,
  },
  fixed_term_other_siae: {
    label: 'Embauche pour une durée déterminée dans une autre structure IAE',
    category: 'positive_exit',
    toBeConfirmed: false,
    labelSource: 'verified',
    // "CDD dans une autre structure IAE" = rms_code 2 in the GIP DSN query; assumed to be this motif (à confirmer).
    aspCode: '2',
  },
  business_creation_outside_eiti: {
    label: "Création ou reprise d'entreprise à son compte (hors EITI)",
    category: 'durable_employment',
    toBeConfirmed: false,
    labelSource: 'verified',
    aspCode: null,
  },
  qualifying_training: {
    label: 'Entrée en formation qualifiante ou poursuite de formation qualifiante',
    category: 'positive_exit',
    toBeConfirmed: false,
    labelSource: 'verified',
    aspCode: null,
  },
  other_positive: {
    label: 'Autre sortie reconnue comme positive',
    category: 'positive_exit',
    toBeConfirmed: false,
    labelSource: 'verified',
    aspCode: null,
  },
  eiti_continuation_above_median: {
    label: "Poursuite au sein de l'EITI sans aide au poste avec un CA supérieur à 70% du salaire médian mensuel",
    category: 'durable_employment',
    toBeConfirmed: true,
    labelSource: 'verified',
    aspCode: null,
  },
  eiti_continuation_above_poverty: {
    label: "Poursuite au sein de l'EITI sans aide au poste avec un CA supérieur au seuil de pauvreté",
    category: 'transitional_employment',
    toBeConfirmed: true,
    labelSource: 'verified',
    aspCode: null,
  },
  unemployed: {
    label: 'Au chômage',
    category: 'other_exit',
    toBeConfirmed: false,
    labelSource: 'verified',
    aspCode: null,
  },
  inactive: {
    label: 'Inactif',
    category: 'other_exit',
    toBeConfirmed: false,
    labelSource: 'verified',
    aspCode: null,
  },
  no_news: {
    label: 'Sans nouvelle',
    category: 'other_exit',
    toBeConfirmed: false,
    labelSource: 'verified',
    aspCode: null,
  },
  automatic_exit: {
    label: 'Sortie automatique',
    category: 'other_exit',
    toBeConfirmed: true,
    labelSource: 'verified',
    aspCode: null,
  },
  retirement: {
    label: 'Prise des droits à la retraite',
    category: 'neutralised',
    toBeConfirmed: true,
    labelSource: 'verified',
    aspCode: null,
  },
  dismissal_serious_misconduct: {
    label: 'Rupture employeur pour faute grave du salarié',
    category: 'neutralised',
    toBeConfirmed: true,
    labelSource: 'verified',
    aspCode: null,
  },
  employer_transfer: {
    label: "Transfert d'employeur",
    category: 'neutralised',
    toBeConfirmed: true,
    labelSource: 'verified',
    aspCode: null,
  },
  administrative_or_court_decision: {
    label: 'Décision administrative / Décision de justice',
    category: 'neutralised',
    toBeConfirmed: true,
    labelSource: 'verified',
    aspCode: null,
  },
  civil_service: {
    label: 'Intégration dans la fonction publique',
    category: 'durable_employment',
    toBeConfirmed: false,
    labelSource: 'inferred',
    aspCode: null,
  },
  aided_fixed_term_outside_iae: {
    label: 'Embauche en contrat aidé pour une durée déterminée (hors IAE)',
    category: 'transitional_employment',
    toBeConfirmed: false,
    labelSource: 'inferred',
    aspCode: null,
  },
  trial_break_by_employer: {
    label: "Rupture pendant la période d'essai à l'initiative de l'employeur",
    category: 'neutralised',
    toBeConfirmed: true,
    labelSource: 'inferred',
    aspCode: null,
  },
  trial_break_by_employee: {
    label: "Rupture pendant la période d'essai à l'initiative du salarié",
    category: 'neutralised',
    toBeConfirmed: true,
    labelSource: 'inferred',
    aspCode: null,
  },
  death: {
    label: 'Décès',
    category: 'neutralised',
    toBeConfirmed: true,
    labelSource: 'inferred',
    aspCode: null,
  },
  long_leave: {
    label: 'Congés de longue durée (maternité, maladie)',
    category: 'neutralised',
    toBeConfirmed: true,
    labelSource: 'inferred',
    aspCode: null,
  },
  business_creation: {
    label: "Création ou reprise d'entreprise à son compte",
    category: 'durable_employment',
    toBeConfirmed: false,
    labelSource: 'inferred',
    aspCode: null,
  },
  cdi_inclusion: {
    label: 'CDI Inclusion',
    // Reference: category unknown; GIP treats it as "staying in the IAE".
    category: 'durable_employment',
    toBeConfirmed: true,
    labelSource: 'verified',
    aspCode: '96',
  },
};

/** Motifs whose details reveal health or justice data: hide the label from third parties. */
export const SENSITIVE_EXIT_MOTIFS: readonly ExitMotif[] = ['administrative_or_court_decision', 'long_leave'];

export interface ExitCategorisation {
  motif: ExitMotif;
  category: ExitCategory;
  categoryLabel: string;
  toBeConfirmed: boolean;
  dynamic: boolean;
  countedInRates: boolean;
}

export function categoriseExit(motif: ExitMotif): ExitCategorisation {
  const info = exitMotifs[motif];
  return {
    motif,
    category: info.category,
    categoryLabel: exitCategoryLabels[info.category],
    toBeConfirmed: info.toBeConfirmed,
    dynamic: isDynamicExit(info.category),
    countedInRates: isCountedInExitRates(info.category),
  };
}

/** Import helper: find a motif from an ASP label (accent-, case- and spacing-insensitive) or rms_code. */
export function exitMotifFromAsp(labelOrCode: string): ExitMotif | null {
  const trimmed = labelOrCode.trim();
  const folded = foldForSearch(trimmed);
  for (const motif of EXIT_MOTIFS) {
    const info = exitMotifs[motif];
    if (info.aspCode !== null && info.aspCode === trimmed) return motif;
    if (foldForSearch(info.label) === folded) return motif;
  }
  return null;
}

export const ExitRecordSchema = z.object({
  exitDate: IsoDateSchema,
  motif: ExitMotifSchema,
  note: z.string().optional(),
});
export type ExitRecord = z.infer<typeof ExitRecordSchema>;

// ── Does the exit count? ─────────────────────────────────────────────────────────

export interface ExitCountingRules {
  version: string;
  source: string;
  /** Kinds judged on time worked; GIP codes "plus de 3 mois" as `duree_en_mois > 2.65`. */
  months: { siaeKinds: readonly SiaeKind[]; minMonthsExclusive: number; minHoursInExitYear: number };
  hours: { siaeKinds: readonly SiaeKind[]; minHours: number };
  /** Used to convert days worked into months. */
  daysPerMonth: number;
  /** Kinds whose rule is our assumption (EITI is not covered by the GIP models). */
  assumedKinds: readonly SiaeKind[];
}

export const EXIT_COUNTING_RULES: Readonly<ExitCountingRules> = {
  version: '2026-08-22',
  source: 'gip-inclusion/pilotage-airflow @4f69095 (stg_sorties_aci_ei.sql, heures_ai_etti.sql)',
  months: { siaeKinds: ['ACI', 'EI', 'EITI'], minMonthsExclusive: 2.65, minHoursInExitYear: 1 },
  hours: { siaeKinds: ['AI', 'ETTI'], minHours: 150 },
  daysPerMonth: 365.25 / 12,
  assumedKinds: ['EITI'],
};

export interface ExitCountInput {
  siaeKind: SiaeKind;
  /** Calendar days under contract in the SIAE (used when monthsWorked is absent). */
  daysWorked?: number | null;
  monthsWorked?: number | null;
  /** Hours worked, cumulated in the SIAE. */
  hoursWorked?: number | null;
  /** ACI/EI: hours worked in the exit year (GIP requires at least 1). */
  hoursWorkedInExitYear?: number | null;
}

export interface ExitCountDecision {
  counts: boolean;
  basis: 'months' | 'hours';
  /** Months or hours considered; null when the needed figure is missing. */
  measured: number | null;
  toBeConfirmed: boolean;
  message: string;
}

function fr(n: number): string {
  return String(Math.round(n * 100) / 100).replace('.', ',');
}

/** Whether the exit enters the ASP/DDETS exit statistics (a "sortant" per the GIP rules). */
export function exitCounts(input: ExitCountInput, rules: ExitCountingRules = EXIT_COUNTING_RULES): ExitCountDecision {
  const toBeConfirmed = rules.assumedKinds.includes(input.siaeKind);
  if (rules.hours.siaeKinds.includes(input.siaeKind)) {
    const h = input.hoursWorked ?? null;
    if (h === null) {
      return { counts: false, basis: 'hours', measured: null, toBeConfirmed, message: 'Heures travaillées non renseignées : impossible de savoir si la sortie sera comptée.' };
    }
    const counts = h >= rules.hours.minHours;
    return {
      counts,
      basis: 'hours',
      measured: h,
      toBeConfirmed,
      message: counts
        ? `Sortie comptée : ${fr(h)} h travaillées (au moins ${rules.hours.minHours} h requises en ${input.siaeKind}).`
        : `Sortie non comptée : ${fr(h)} h travaillées, il en faut au moins ${rules.hours.minHours} en ${input.siaeKind}.`,
    };
  }
  const months =
    input.monthsWorked ?? (input.daysWorked != null ? input.daysWorked / rules.daysPerMonth : null);
  if (months === null) {
    return { counts: false, basis: 'months', measured: null, toBeConfirmed, message: 'Durée travaillée non renseignée : impossible de savoir si la sortie sera comptée.' };
  }
  const longEnough = months > rules.months.minMonthsExclusive;
  const yearHours = input.hoursWorkedInExitYear;
  const workedInExitYear = yearHours == null || yearHours >= rules.months.minHoursInExitYear;
  const counts = longEnough && workedInExitYear;
  let message: string;
  if (!longEnough) message = `Sortie non comptée : ${fr(months)} mois travaillés, il faut plus de 3 mois en ${input.siaeKind}.`;
  else if (!workedInExitYear) message = "Sortie non comptée : aucune heure travaillée dans l'année de sortie.";
  else message = `Sortie comptée : ${fr(months)} mois travaillés (plus de 3 mois requis en ${input.siaeKind}).`;
  return { counts, basis: 'months', measured: months, toBeConfirmed, message };
}

// ── Post-exit follow-up ──────────────────────────────────────────────────────────

export const DEFAULT_FOLLOW_UP_OFFSETS_MONTHS = [1, 3, 6] as const;

export interface FollowUpStep {
  code: string;
  offsetMonths: number;
  dueDate: IsoDate;
  label: string;
}

/** Follow-up dates after an exit (+1, +3, +6 months by default; month ends are clamped). */
export function followUpSchedule(
  exitDate: IsoDate,
  offsetsMonths: readonly number[] = DEFAULT_FOLLOW_UP_OFFSETS_MONTHS,
): FollowUpStep[] {
  return [...new Set(offsetsMonths)]
    .filter((m) => Number.isInteger(m) && m > 0)
    .sort((a, b) => a - b)
    .map((m) => ({
      code: `m${m}`,
      offsetMonths: m,
      dueDate: addMonths(exitDate, m),
      label: `Suivi à ${m} mois après la sortie`,
    }));
}
