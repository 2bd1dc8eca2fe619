import { z } from 'zod';
import {
  type IsoDate,
  IsoDateSchema,
  addDays,
  addMonths,
  daysBetween,
  formatFrenchDate,
  toEpochDay,
} from './calendar';
import { type SiaeKind, siaeKindLabels } from './siae';

/*
 * PASS IAE (les-emplois "Approval"). Stored values and labels are those of
 * les-emplois @543eae8d (itou/approvals); the durations live in PASS_IAE_RULES
 * because they changed several times (suspension max 6 → 12 → 36 months…).
 */

// ── Status ──────────────────────────────────────────────────────────────────────

export const PASS_IAE_STATUSES = ['EXPIRED', 'VALID', 'FUTURE', 'SUSPENDED'] as const;
export type PassIaeStatus = (typeof PASS_IAE_STATUSES)[number];
export const passIaeStatusLabels: Record<PassIaeStatus, string> = {
  EXPIRED: 'Expiré',
  VALID: 'Valide',
  FUTURE: 'Valide (non démarré)',
  SUSPENDED: 'Valide (suspendu)',
};

// ── Suspension reasons (stored value = les-emplois DB value, not its Python name) ─

export const SUSPENSION_REASONS = [
  'CONTRACT_SUSPENDED',
  'CONTRACT_BROKEN',
  'FINISHED_CONTRACT',
  'APPROVAL_BETWEEN_CTA_MEMBERS',
  'CONTRAT_PASSERELLE',
  // Historical: kept so imported suspensions still show a label.
  'SICKNESS',
  'MATERNITY',
  'INCARCERATION',
  'TRIAL_OUTSIDE_IAE',
  'DETOXIFICATION',
  'FORCE_MAJEURE',
] as const;
export type SuspensionReason = (typeof SUSPENSION_REASONS)[number];
export const SuspensionReasonSchema = z.enum(SUSPENSION_REASONS);

export const suspensionReasonLabels: Record<SuspensionReason, string> = {
  CONTRACT_SUSPENDED: 'Contrat de travail suspendu depuis plus de 15 jours',
  CONTRACT_BROKEN: 'Contrat de travail rompu',
  FINISHED_CONTRACT: 'Contrat de travail terminé',
  APPROVAL_BETWEEN_CTA_MEMBERS:
    "Situation faisant l'objet d'un accord entre les acteurs membres du CTA (Comité technique d'animation)",
  CONTRAT_PASSERELLE: "Bascule dans l'expérimentation contrat passerelle",
  SICKNESS: 'Arrêt pour longue maladie',
  MATERNITY: 'Congé de maternité',
  INCARCERATION: 'Incarcération',
  TRIAL_OUTSIDE_IAE:
    "Période d'essai auprès d'un employeur ne relevant pas de l'insertion par l'activité économique",
  DETOXIFICATION: 'Période de cure pour désintoxication',
  FORCE_MAJEURE:
    "Raison de force majeure conduisant le salarié à quitter son emploi ou toute autre situation faisant l'objet d'un accord entre les acteurs membres du CTA",
};

// ── Prolongation reasons ─────────────────────────────────────────────────────────

export const PROLONGATION_REASONS = [
  'SENIOR_CDI',
  'COMPLETE_TRAINING',
  'RQTH',
  'SENIOR',
  'PARTICULAR_DIFFICULTIES',
  'HEALTH_CONTEXT',
] as const;
export type ProlongationReason = (typeof PROLONGATION_REASONS)[number];
export const ProlongationReasonSchema = z.enum(PROLONGATION_REASONS);

export const prolongationReasonLabels: Record<ProlongationReason, string> = {
  SENIOR_CDI: 'CDI conclu avec une personne de plus de 57 ans',
  COMPLETE_TRAINING: "Fin d'une formation",
  RQTH: 'RQTH - Reconnaissance de la qualité de travailleur handicapé',
  SENIOR: '50 ans et plus',
  PARTICULAR_DIFFICULTIES:
    "Difficultés particulièrement importantes dont l'absence de prise en charge ferait obstacle à son insertion professionnelle",
  HEALTH_CONTEXT: 'Contexte sanitaire',
};

// ── Rules as versioned data ──────────────────────────────────────────────────────

export interface SuspensionReasonRule {
  /** Offered for new suspensions (false = historical, read-only). */
  offered: boolean;
  /** null = every SIAE kind. */
  allowedSiaeKinds: readonly SiaeKind[] | null;
  explanationRequired: boolean;
  /** Health or criminal data (GDPR art. 9/10): other layers must hide the reason from third parties. */
  sensitive: boolean;
}

export interface ProlongationReasonRule {
  maxDaysPerRequest: number;
  /** Cap on the sum of prolongations for this reason; null = none. */
  maxCumulativeDays: number | null;
  allowedSiaeKinds: readonly SiaeKind[] | null;
  needsPrescriberOpinion: boolean;
  reportFile: boolean;
  /** Last date the reason may be used; null = still open. */
  usableUntil: IsoDate | null;
  sensitive: boolean;
}

export interface PassIaeRules {
  version: string;
  source: string;
  /** Default validity: the end date is start + defaultDays − 1 (les-emplois DEFAULT_APPROVAL_DAYS). */
  defaultDays: number;
  waitingPeriodYears: number;
  suspension: {
    maxDurationMonths: number;
    maxRetroactivityDays: number;
    /**
     * true: a suspension from the 1st to the 15th pushes the end back 15 days.
     * les-emplois' SQL trigger adds `end_at - start_at` (14 days): à confirmer.
     */
    countsEndDay: boolean;
    mayStartInFuture: boolean;
  };
  prolongation: {
    openMonthsBeforeEnd: number;
    openMonthsAfterEnd: number;
    minDays: number;
  };
  suspensionReasons: Record<SuspensionReason, SuspensionReasonRule>;
  prolongationReasons: Record<ProlongationReason, ProlongationReasonRule>;
}

const anyKind = null;
const offeredReason: SuspensionReasonRule = {
  offered: true,
  allowedSiaeKinds: anyKind,
  explanationRequired: false,
  sensitive: false,
};
const historicalReason = (sensitive: boolean): SuspensionReasonRule => ({
  offered: false,
  allowedSiaeKinds: anyKind,
  explanationRequired: false,
  sensitive,
});

export const PASS_IAE_RULES: Readonly<PassIaeRules> = {
  version: '2026-08-21',
  source: 'gip-inclusion/les-emplois @543eae8d (itou/approvals)',
  defaultDays: 2 * 365,
  waitingPeriodYears: 2,
  suspension: {
    maxDurationMonths: 36,
    maxRetroactivityDays: 365,
    countsEndDay: true,
    mayStartInFuture: false,
  },
  prolongation: {
    openMonthsBeforeEnd: 12,
    openMonthsAfterEnd: 6,
    minDays: 1,
  },
  suspensionReasons: {
    CONTRACT_SUSPENDED: offeredReason,
    CONTRACT_BROKEN: offeredReason,
    FINISHED_CONTRACT: offeredReason,
    APPROVAL_BETWEEN_CTA_MEMBERS: offeredReason,
    CONTRAT_PASSERELLE: { ...offeredReason, allowedSiaeKinds: ['EI', 'ACI'] },
    SICKNESS: historicalReason(true),
    MATERNITY: historicalReason(true),
    INCARCERATION: historicalReason(true),
    TRIAL_OUTSIDE_IAE: historicalReason(false),
    DETOXIFICATION: historicalReason(true),
    FORCE_MAJEURE: { ...historicalReason(false), explanationRequired: true },
  },
  prolongationReasons: {
    SENIOR_CDI: {
      maxDaysPerRequest: 3650,
      maxCumulativeDays: null,
      allowedSiaeKinds: anyKind,
      needsPrescriberOpinion: false,
      reportFile: false,
      usableUntil: null,
      sensitive: false,
    },
    COMPLETE_TRAINING: {
      maxDaysPerRequest: 365,
      maxCumulativeDays: null, // renewable until the training ends
      allowedSiaeKinds: anyKind,
      needsPrescriberOpinion: false,
      reportFile: false,
      usableUntil: null,
      sensitive: false,
    },
    RQTH: {
      maxDaysPerRequest: 365,
      maxCumulativeDays: 3 * 365,
      allowedSiaeKinds: anyKind,
      needsPrescriberOpinion: true,
      reportFile: true,
      usableUntil: null,
      sensitive: true,
    },
    SENIOR: {
      maxDaysPerRequest: 365,
      maxCumulativeDays: 5 * 365,
      allowedSiaeKinds: anyKind,
      needsPrescriberOpinion: true,
      reportFile: true,
      usableUntil: null,
      sensitive: false,
    },
    PARTICULAR_DIFFICULTIES: {
      maxDaysPerRequest: 365,
      maxCumulativeDays: 3 * 365,
      allowedSiaeKinds: ['AI', 'ACI'],
      needsPrescriberOpinion: true,
      reportFile: true,
      usableUntil: null,
      sensitive: false,
    },
    HEALTH_CONTEXT: {
      maxDaysPerRequest: 365,
      maxCumulativeDays: 365,
      allowedSiaeKinds: anyKind,
      needsPrescriberOpinion: true,
      reportFile: false,
      usableUntil: '2021-11-30',
      sensitive: false,
    },
  },
};

// ── Data shapes ──────────────────────────────────────────────────────────────────

/** 12 alphanumeric characters (les-emplois `Approval.number`); spaces are display only. */
export const PassIaeNumberSchema = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .refine((s) => /^[0-9A-Z]{12}$/.test(s), { message: 'Le numéro de PASS IAE compte 12 caractères (chiffres ou lettres).' });

/** `99999 21 12345` as les-emplois displays it. */
export function formatPassIaeNumber(n: string): string {
  const s = n.replace(/\s+/g, '');
  return s.length === 12 ? `${s.slice(0, 5)} ${s.slice(5, 7)} ${s.slice(7)}` : s;
}

/** Inclusive period: a suspension from the 1st to the 15th covers 15 days. */
export const PassSuspensionSchema = z.object({
  id: z.string().optional(),
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
  reason: SuspensionReasonSchema,
  reasonExplanation: z.string().optional(),
});
export type PassSuspension = z.infer<typeof PassSuspensionSchema>;

/**
 * As in les-emplois: `startDate` is the PASS end date when the prolongation was
 * granted and `endDate` the new end date; it adds `endDate − startDate` days.
 */
export const PassProlongationSchema = z.object({
  id: z.string().optional(),
  startDate: IsoDateSchema,
  endDate: IsoDateSchema,
  reason: ProlongationReasonSchema,
  reasonExplanation: z.string().optional(),
});
export type PassProlongation = z.infer<typeof PassProlongationSchema>;

/**
 * `baseEndDate` is the end date **as issued**, before any suspension or prolongation.
 * les-emplois displays an end date that already includes them: record the original one
 * (or remove them) so they are not counted twice.
 */
export const PassIaeSchema = z.object({
  number: z.string().nullable().optional(),
  startDate: IsoDateSchema,
  baseEndDate: IsoDateSchema,
  suspensions: z.array(PassSuspensionSchema),
  prolongations: z.array(PassProlongationSchema),
});
export type PassIae = z.infer<typeof PassIaeSchema>;

// ── Arithmetic ───────────────────────────────────────────────────────────────────

export function defaultPassIaeEndDate(startDate: IsoDate, rules: PassIaeRules = PASS_IAE_RULES): IsoDate {
  return addDays(startDate, rules.defaultDays - 1);
}

/** Days added by suspensions: the union of their periods, so overlaps are counted once. */
export function suspendedDays(
  suspensions: readonly Pick<PassSuspension, 'startDate' | 'endDate'>[],
  rules: PassIaeRules = PASS_IAE_RULES,
): number {
  const extra = rules.suspension.countsEndDay ? 1 : 0;
  // Half-open epoch-day intervals [from, to).
  const intervals = suspensions
    .map((s) => [toEpochDay(s.startDate), toEpochDay(s.endDate) + extra] as const)
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curFrom: number | null = null;
  let curTo = 0;
  for (const [from, to] of intervals) {
    if (curFrom === null) {
      curFrom = from;
      curTo = to;
    } else if (from <= curTo) {
      curTo = Math.max(curTo, to);
    } else {
      total += curTo - curFrom;
      curFrom = from;
      curTo = to;
    }
  }
  if (curFrom !== null) total += curTo - curFrom;
  return total;
}

export function prolongationDays(p: Pick<PassProlongation, 'startDate' | 'endDate'>): number {
  return Math.max(0, daysBetween(p.startDate, p.endDate));
}

/** End date after every suspension and prolongation (order-independent, like les-emplois' triggers). */
export function effectivePassIaeEndDate(pass: PassIae, rules: PassIaeRules = PASS_IAE_RULES): IsoDate {
  const prolonged = pass.prolongations.reduce((sum, p) => sum + prolongationDays(p), 0);
  return addDays(pass.baseEndDate, suspendedDays(pass.suspensions, rules) + prolonged);
}

export function activeSuspensionOn(pass: PassIae, date: IsoDate): PassSuspension | null {
  return pass.suspensions.find((s) => s.startDate <= date && date <= s.endDate) ?? null;
}

export function passIaeStatus(pass: PassIae, today: IsoDate, rules: PassIaeRules = PASS_IAE_RULES): PassIaeStatus {
  if (today < pass.startDate) return 'FUTURE';
  if (today > effectivePassIaeEndDate(pass, rules)) return 'EXPIRED';
  if (activeSuspensionOn(pass, today) !== null) return 'SUSPENDED';
  return 'VALID';
}

/**
 * Calendar days of validity left, today included (the end date counts as a valid day).
 * A PASS not started yet returns its whole length; an expired one returns 0.
 */
export function remainingDays(pass: PassIae, today: IsoDate, rules: PassIaeRules = PASS_IAE_RULES): number {
  const end = effectivePassIaeEndDate(pass, rules);
  const from = today > pass.startDate ? today : pass.startDate;
  return Math.max(0, daysBetween(from, end) + 1);
}

/** End of the période de carence: no new PASS without an authorised prescriber before this date. */
export function waitingPeriodEndDate(pass: PassIae, rules: PassIaeRules = PASS_IAE_RULES): IsoDate {
  return addMonths(effectivePassIaeEndDate(pass, rules), rules.waitingPeriodYears * 12);
}

// ── Validation ───────────────────────────────────────────────────────────────────

export interface PassIaeIssue {
  code: string;
  field: 'startDate' | 'endDate' | 'reason' | 'reasonExplanation' | null;
  message: string;
}

export interface PassIaeValidationContext {
  siaeKind: SiaeKind;
  today: IsoDate;
}

/** ['EI', 'ACI'] → "EI et ACI" */
function kindsLabel(kinds: readonly SiaeKind[]): string {
  return kinds.length <= 1 ? kinds.join('') : `${kinds.slice(0, -1).join(', ')} et ${kinds[kinds.length - 1]}`;
}

function kindsAllowed(allowed: readonly SiaeKind[] | null, kind: SiaeKind): boolean {
  return allowed === null || allowed.includes(kind);
}

function sameRecord<T extends { id?: string | undefined }>(a: T, b: T): boolean {
  return a === b || (a.id !== undefined && a.id === b.id);
}

/** Checks a new or edited suspension; `pass` may already contain it (matched by id). */
export function validateSuspension(
  candidate: PassSuspension,
  pass: PassIae,
  ctx: PassIaeValidationContext,
  rules: PassIaeRules = PASS_IAE_RULES,
): PassIaeIssue[] {
  const issues: PassIaeIssue[] = [];
  const reasonRule = rules.suspensionReasons[candidate.reason];
  const label = suspensionReasonLabels[candidate.reason];

  if (!reasonRule.offered) {
    issues.push({
      code: 'suspension_reason_historical',
      field: 'reason',
      message: `Le motif « ${label} » n'est plus proposé pour une nouvelle suspension.`,
    });
  }
  if (!kindsAllowed(reasonRule.allowedSiaeKinds, ctx.siaeKind)) {
    issues.push({
      code: 'suspension_reason_not_for_siae_kind',
      field: 'reason',
      message: `Le motif « ${label} » est réservé aux ${kindsLabel(reasonRule.allowedSiaeKinds ?? [])} (votre structure : ${siaeKindLabels[ctx.siaeKind]}).`,
    });
  }
  if (reasonRule.explanationRequired && !candidate.reasonExplanation?.trim()) {
    issues.push({
      code: 'suspension_explanation_required',
      field: 'reasonExplanation',
      message: 'En cas de force majeure, veuillez préciser le motif.',
    });
  }

  if (candidate.endDate < candidate.startDate) {
    issues.push({
      code: 'suspension_end_before_start',
      field: 'endDate',
      message: 'La date de fin doit être postérieure ou égale à la date de début.',
    });
    return issues;
  }

  const maxEnd = addDays(addMonths(candidate.startDate, rules.suspension.maxDurationMonths), -1);
  if (candidate.endDate > maxEnd) {
    issues.push({
      code: 'suspension_too_long',
      field: 'endDate',
      message: `La durée d'une suspension ne peut excéder ${rules.suspension.maxDurationMonths} mois. Date de fin maximum : ${formatFrenchDate(maxEnd)}.`,
    });
  }

  if (!rules.suspension.mayStartInFuture && candidate.startDate > ctx.today) {
    issues.push({
      code: 'suspension_starts_in_future',
      field: 'startDate',
      message: 'Une suspension ne peut pas commencer dans le futur.',
    });
  }
  const minStart = addDays(ctx.today, -rules.suspension.maxRetroactivityDays);
  if (candidate.startDate < minStart) {
    issues.push({
      code: 'suspension_too_retroactive',
      field: 'startDate',
      message: `La date de début ne peut pas remonter à plus de ${rules.suspension.maxRetroactivityDays} jours (au plus tôt le ${formatFrenchDate(minStart)}).`,
    });
  }

  const others = pass.suspensions.filter((s) => !sameRecord(s, candidate));
  const end = effectivePassIaeEndDate({ ...pass, suspensions: others }, rules);
  if (candidate.startDate < pass.startDate || candidate.startDate > end) {
    issues.push({
      code: 'suspension_outside_pass',
      field: 'startDate',
      message: `La suspension doit commencer pendant la validité du PASS IAE (du ${formatFrenchDate(pass.startDate)} au ${formatFrenchDate(end)}).`,
    });
  }
  const overlap = others.find((s) => s.startDate <= candidate.endDate && candidate.startDate <= s.endDate);
  if (overlap) {
    issues.push({
      code: 'suspension_overlap',
      field: 'startDate',
      message: `La période chevauche une suspension existante pour ce PASS IAE (du ${formatFrenchDate(overlap.startDate)} au ${formatFrenchDate(overlap.endDate)}).`,
    });
  }
  return issues;
}

/** Checks a prolongation declared today; `pass` may already contain it (matched by id). */
export function validateProlongation(
  candidate: PassProlongation,
  pass: PassIae,
  ctx: PassIaeValidationContext,
  rules: PassIaeRules = PASS_IAE_RULES,
): PassIaeIssue[] {
  const issues: PassIaeIssue[] = [];
  const reasonRule = rules.prolongationReasons[candidate.reason];
  const label = prolongationReasonLabels[candidate.reason];

  if (!kindsAllowed(reasonRule.allowedSiaeKinds, ctx.siaeKind)) {
    issues.push({
      code: 'prolongation_reason_not_for_siae_kind',
      field: 'reason',
      message: `Le motif « ${label} » est réservé aux ${kindsLabel(reasonRule.allowedSiaeKinds ?? [])} (votre structure : ${siaeKindLabels[ctx.siaeKind]}).`,
    });
  }
  if (reasonRule.usableUntil !== null && ctx.today > reasonRule.usableUntil) {
    issues.push({
      code: 'prolongation_reason_closed',
      field: 'reason',
      message: `Le motif « ${label} » n'est plus utilisable depuis le ${formatFrenchDate(addDays(reasonRule.usableUntil, 1))}.`,
    });
  }

  const others = pass.prolongations.filter((p) => !sameRecord(p, candidate));
  const currentEnd = effectivePassIaeEndDate({ ...pass, prolongations: others }, rules);

  if (candidate.startDate !== currentEnd) {
    issues.push({
      code: 'prolongation_start_not_pass_end',
      field: 'startDate',
      message: `La prolongation doit commencer à la date de fin du PASS IAE (${formatFrenchDate(currentEnd)}).`,
    });
  }

  const opensOn = addMonths(currentEnd, -rules.prolongation.openMonthsBeforeEnd);
  const closesOn = addMonths(currentEnd, rules.prolongation.openMonthsAfterEnd);
  if (ctx.today < opensOn || ctx.today > closesOn) {
    issues.push({
      code: 'prolongation_outside_window',
      field: null,
      message: `Une prolongation se demande entre ${rules.prolongation.openMonthsBeforeEnd} mois avant et ${rules.prolongation.openMonthsAfterEnd} mois après la fin du PASS IAE, soit du ${formatFrenchDate(opensOn)} au ${formatFrenchDate(closesOn)}.`,
    });
  }

  const days = daysBetween(candidate.startDate, candidate.endDate);
  if (days < rules.prolongation.minDays) {
    issues.push({
      code: 'prolongation_too_short',
      field: 'endDate',
      message: "La durée d'une prolongation doit être d'au moins un jour.",
    });
    return issues;
  }
  if (days > reasonRule.maxDaysPerRequest) {
    issues.push({
      code: 'prolongation_too_long',
      field: 'endDate',
      message: `Pour le motif « ${label} », une prolongation ne peut excéder ${reasonRule.maxDaysPerRequest} jours. Date de fin maximum : ${formatFrenchDate(addDays(candidate.startDate, reasonRule.maxDaysPerRequest))}.`,
    });
  }
  if (reasonRule.maxCumulativeDays !== null) {
    const used = others.filter((p) => p.reason === candidate.reason).reduce((sum, p) => sum + prolongationDays(p), 0);
    if (used + days > reasonRule.maxCumulativeDays) {
      const left = Math.max(0, reasonRule.maxCumulativeDays - used);
      issues.push({
        code: 'prolongation_cumulative_exceeded',
        field: 'endDate',
        message: `Les prolongations pour le motif « ${label} » ne peuvent dépasser ${reasonRule.maxCumulativeDays} jours au total (${used} jours déjà accordés, ${left} restants).`,
      });
    }
  }
  return issues;
}

/** Reasons a SIAE of this kind may choose today for a new suspension / prolongation. */
export function offeredSuspensionReasons(kind: SiaeKind, rules: PassIaeRules = PASS_IAE_RULES): SuspensionReason[] {
  return SUSPENSION_REASONS.filter((r) => {
    const rule = rules.suspensionReasons[r];
    return rule.offered && kindsAllowed(rule.allowedSiaeKinds, kind);
  });
}

export function offeredProlongationReasons(
  kind: SiaeKind,
  today: IsoDate,
  rules: PassIaeRules = PASS_IAE_RULES,
): ProlongationReason[] {
  return PROLONGATION_REASONS.filter((r) => {
    const rule = rules.prolongationReasons[r];
    return kindsAllowed(rule.allowedSiaeKinds, kind) && (rule.usableUntil === null || today <= rule.usableUntil);
  });
}
