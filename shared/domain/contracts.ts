import { z } from 'zod';
import {
  type IsoDate,
  IsoDateSchema,
  addDays,
  addMonths,
  formatFrenchDate,
  inclusiveMonths,
  maxIsoDate,
  toEpochDay,
} from './calendar';
import { type PassIae, PASS_IAE_RULES, type PassIaeRules, effectivePassIaeEndDate } from './pass-iae';
import { type SiaeKind, siaeKindLabels } from './siae';

/*
 * Contract kinds use the les-emplois `ContractType` values (itou/companies/enums.py)
 * plus PEC for history. "Mise à disposition" is how an AI employs people: the contract
 * is a CDD d'usage (or a CDDI) and the salarié is placed with clients.
 */
export const CONTRACT_KINDS = [
  'FIXED_TERM_I',
  'FIXED_TERM_I_PHC',
  'FIXED_TERM_I_CVG',
  'FIXED_TERM_USAGE',
  'TEMPORARY',
  'PERMANENT_I',
  'PROFESSIONAL_TRAINING',
  'APPRENTICESHIP',
  'BUSINESS_CREATION',
  'FIXED_TERM',
  'PERMANENT',
  'FIXED_TERM_TREMPLIN',
  'PEC',
  'OTHER',
] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
export const ContractKindSchema = z.enum(CONTRACT_KINDS);

export const contractKindLabels: Record<ContractKind, string> = {
  FIXED_TERM_I: 'CDD insertion (CDDI)',
  FIXED_TERM_I_PHC: 'CDD-I PHC',
  FIXED_TERM_I_CVG: 'CDD-I CVG',
  FIXED_TERM_USAGE: "CDD d'usage (mise à disposition)",
  TEMPORARY: 'Contrat de mission intérimaire',
  PERMANENT_I: 'CDI inclusion',
  PROFESSIONAL_TRAINING: 'Contrat de professionnalisation',
  APPRENTICESHIP: "Contrat d'apprentissage",
  BUSINESS_CREATION: "Accompagnement à la création d'entreprise",
  FIXED_TERM: 'CDD',
  PERMANENT: 'CDI',
  FIXED_TERM_TREMPLIN: 'CDD Tremplin',
  PEC: 'Parcours emploi compétences (PEC, ex-CUI) — historique',
  OTHER: 'Autre type de contrat',
};

/** CDDI-family kinds: the 4-month minimum, 24-month cap and 20–35 h/week rules apply. */
export const CDDI_KINDS: readonly ContractKind[] = ['FIXED_TERM_I', 'FIXED_TERM_I_PHC', 'FIXED_TERM_I_CVG'];

/**
 * Which SIAE kinds may use a contract kind (domain.md §9.2 [H]/[M]; les-emplois only
 * exposes a common subset): CDDI for ACI/EI/AI but not ETTI; missions for ETTI only;
 * CDD d'usage for AI only; CVG/PHC are ACI variants; CDI inclusion in ACI/EI/AI (à confirmer).
 */
export const contractKindsBySiaeKind: Record<SiaeKind, readonly ContractKind[]> = {
  ACI: ['FIXED_TERM_I', 'FIXED_TERM_I_PHC', 'FIXED_TERM_I_CVG', 'PERMANENT_I', 'PROFESSIONAL_TRAINING', 'OTHER'],
  AI: ['FIXED_TERM_I', 'FIXED_TERM_USAGE', 'PERMANENT_I', 'PROFESSIONAL_TRAINING', 'OTHER'],
  EI: ['FIXED_TERM_I', 'PERMANENT_I', 'PROFESSIONAL_TRAINING', 'OTHER'],
  ETTI: ['TEMPORARY', 'PROFESSIONAL_TRAINING', 'OTHER'],
  EITI: ['BUSINESS_CREATION', 'OTHER'],
};

export function isContractKindAllowed(siaeKind: SiaeKind, kind: ContractKind): boolean {
  return contractKindsBySiaeKind[siaeKind].includes(kind);
}

/** Reasons that allow a CDDI beyond 24 months (Code du travail L.5132-15-1 & co., à confirmer). */
export const CDDI_EXTENSION_REASONS = ['training', 'senior_50', 'rqth', 'particular_difficulties'] as const;
export type CddiExtensionReason = (typeof CDDI_EXTENSION_REASONS)[number];
export const cddiExtensionReasonLabels: Record<CddiExtensionReason, string> = {
  training: "Achèvement d'une action de formation",
  senior_50: 'Salarié de 50 ans et plus',
  rqth: 'Travailleur handicapé (RQTH)',
  particular_difficulties: 'Difficultés particulièrement importantes',
};

export interface ContractRules {
  version: string;
  source: string;
  cddi: {
    minMonths: number;
    maxCumulativeMonths: number;
    extendedMaxCumulativeMonths: number;
    weeklyHoursMin: number;
    weeklyHoursMax: number;
  };
  /** Legal weekly maximum for any contract. */
  weeklyHoursAbsoluteMax: number;
  ai: {
    /** Cap on hours placed with companies (not private individuals) over the window. */
    companyPlacementCapHours: number;
    companyPlacementWindowMonths: number;
  };
}

/** Regulatory facts from domain.md §9.2, flagged there as "to be verified" ([H] except the AI cap [M]). */
export const CONTRACT_RULES: Readonly<ContractRules> = {
  version: '2026-11-23',
  source: 'docs/domain.md §9.2 (Code du travail, à vérifier sur Légifrance)',
  cddi: {
    minMonths: 4,
    maxCumulativeMonths: 24,
    extendedMaxCumulativeMonths: 60,
    weeklyHoursMin: 20,
    weeklyHoursMax: 35,
  },
  weeklyHoursAbsoluteMax: 48,
  ai: {
    companyPlacementCapHours: 480,
    companyPlacementWindowMonths: 24,
  },
};

export const ContractSchema = z.object({
  id: z.string().optional(),
  kind: ContractKindSchema,
  startDate: IsoDateSchema,
  /** Planned end date; null for a CDI. */
  endDate: IsoDateSchema.nullable(),
  weeklyHours: z.number().nonnegative().nullable(),
  /** Avenant de renouvellement: the 4-month minimum does not apply to it. */
  isRenewal: z.boolean().optional(),
});
export type Contract = z.infer<typeof ContractSchema>;

export interface ContractContext {
  siaeKind: SiaeKind;
  /** Earlier contracts of the same salarié in this SIAE (for the cumulative CDDI duration). */
  previousContracts?: readonly Pick<Contract, 'id' | 'kind' | 'startDate' | 'endDate'>[];
  /** A documented reason to go beyond 24 months (up to 60). */
  extensionReason?: CddiExtensionReason | null;
  /** Derogation to the 20 h minimum (préfet decision, other part-time job…). */
  hoursDerogation?: boolean;
  /** Person under justice with a sentence adjustment: shorter CDDI allowed. */
  justiceException?: boolean;
  /** AI: hours already placed with companies over the cap window (for the placement cap). */
  aiCompanyPlacementHours?: number | null;
}

export type ContractWarningCode =
  | 'end_before_start'
  | 'kind_not_allowed'
  | 'no_pass_iae'
  | 'starts_before_pass'
  | 'starts_after_pass_end'
  | 'ends_after_pass_end'
  | 'cddi_too_short'
  | 'cddi_cumulative_too_long'
  | 'hours_below_min'
  | 'hours_above_max'
  | 'ai_placement_cap';

export interface ContractWarning {
  code: ContractWarningCode;
  message: string;
}

/** Months covered by a set of periods, overlaps counted once (epoch-day union, then calendar months). */
function cumulativeMonths(periods: readonly { startDate: IsoDate; endDate: IsoDate }[]): number {
  const sorted = [...periods].filter((p) => p.endDate >= p.startDate).sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
  const merged: { startDate: IsoDate; endDate: IsoDate }[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && toEpochDay(p.startDate) <= toEpochDay(last.endDate) + 1) {
      last.endDate = maxIsoDate(last.endDate, p.endDate);
    } else {
      merged.push({ ...p });
    }
  }
  return merged.reduce((sum, p) => sum + inclusiveMonths(p.startDate, p.endDate), 0);
}

function formatMonths(m: number): string {
  const rounded = Math.round(m * 10) / 10;
  return `${String(rounded).replace('.', ',')} mois`;
}

/**
 * Legal sanity checks on a contract, as French warnings (never blocking: the CIP may
 * hold a derogation the app does not know about).
 */
export function contractWarnings(
  contract: Contract,
  passIae: PassIae | null,
  context: ContractContext,
  rules: ContractRules = CONTRACT_RULES,
  passRules: PassIaeRules = PASS_IAE_RULES,
): ContractWarning[] {
  const warnings: ContractWarning[] = [];
  const label = contractKindLabels[contract.kind];

  if (contract.endDate !== null && contract.endDate < contract.startDate) {
    warnings.push({ code: 'end_before_start', message: 'La date de fin du contrat est antérieure à sa date de début.' });
    return warnings;
  }

  if (!isContractKindAllowed(context.siaeKind, contract.kind)) {
    warnings.push({
      code: 'kind_not_allowed',
      message: `Le type de contrat « ${label} » n'est pas prévu pour une structure de type ${context.siaeKind} (${siaeKindLabels[context.siaeKind]}).`,
    });
  }

  if (passIae === null) {
    warnings.push({
      code: 'no_pass_iae',
      message: "Aucun PASS IAE n'est enregistré : une embauche en SIAE nécessite un PASS IAE valide à la date de début du contrat.",
    });
  } else {
    const passEnd = effectivePassIaeEndDate(passIae, passRules);
    if (contract.startDate < passIae.startDate) {
      warnings.push({
        code: 'starts_before_pass',
        message: `Le contrat commence le ${formatFrenchDate(contract.startDate)}, avant le début du PASS IAE (${formatFrenchDate(passIae.startDate)}).`,
      });
    } else if (contract.startDate > passEnd) {
      warnings.push({
        code: 'starts_after_pass_end',
        message: `Le contrat commence le ${formatFrenchDate(contract.startDate)}, après la fin du PASS IAE (${formatFrenchDate(passEnd)}).`,
      });
    }
    if (contract.startDate <= passEnd && (contract.endDate === null || contract.endDate > passEnd)) {
      warnings.push({
        code: 'ends_after_pass_end',
        message:
          contract.endDate === null
            ? `Le PASS IAE se termine le ${formatFrenchDate(passEnd)}, avant la fin de ce contrat sans terme : une prolongation du PASS IAE sera nécessaire.`
            : `Le contrat se termine le ${formatFrenchDate(contract.endDate)}, après la fin du PASS IAE (${formatFrenchDate(passEnd)}) : une prolongation du PASS IAE sera nécessaire.`,
      });
    }
  }

  const isCddi = CDDI_KINDS.includes(contract.kind);
  if (isCddi && contract.endDate !== null) {
    const months = inclusiveMonths(contract.startDate, contract.endDate);
    if (!contract.isRenewal && !context.justiceException && months < rules.cddi.minMonths) {
      const minEnd = addDays(addMonths(contract.startDate, rules.cddi.minMonths), -1);
      warnings.push({
        code: 'cddi_too_short',
        message: `Un CDDI dure au moins ${rules.cddi.minMonths} mois (ici ${formatMonths(months)}) : fin au plus tôt le ${formatFrenchDate(minEnd)}, sauf personne sous main de justice bénéficiant d'un aménagement de peine.`,
      });
    }
    const sameFamily = (context.previousContracts ?? []).filter(
      (c) => CDDI_KINDS.includes(c.kind) && c.endDate !== null && !(contract.id !== undefined && c.id === contract.id),
    ) as { startDate: IsoDate; endDate: IsoDate }[];
    const total = cumulativeMonths([...sameFamily, { startDate: contract.startDate, endDate: contract.endDate }]);
    const cap = context.extensionReason ? rules.cddi.extendedMaxCumulativeMonths : rules.cddi.maxCumulativeMonths;
    // Small tolerance: a period of exactly N months must not trip an N-month cap.
    if (total > cap + 1e-9) {
      warnings.push({
        code: 'cddi_cumulative_too_long',
        message: context.extensionReason
          ? `La durée cumulée des CDDI atteint ${formatMonths(total)}, au-delà du maximum de ${cap} mois même avec dérogation.`
          : `La durée cumulée des CDDI atteint ${formatMonths(total)}, au-delà de ${cap} mois : une dérogation est nécessaire (formation en cours, 50 ans et plus, RQTH, difficultés particulières), jusqu'à ${rules.cddi.extendedMaxCumulativeMonths} mois.`,
      });
    }
  }

  if (contract.weeklyHours !== null) {
    if (isCddi && contract.weeklyHours < rules.cddi.weeklyHoursMin && !context.hoursDerogation) {
      warnings.push({
        code: 'hours_below_min',
        message: `Un CDDI prévoit au moins ${rules.cddi.weeklyHoursMin} h par semaine (ici ${formatHours(contract.weeklyHours)}), sauf dérogation.`,
      });
    }
    const max = isCddi ? rules.cddi.weeklyHoursMax : rules.weeklyHoursAbsoluteMax;
    if (contract.weeklyHours > max) {
      warnings.push({
        code: 'hours_above_max',
        message: `La durée hebdomadaire (${formatHours(contract.weeklyHours)}) dépasse le maximum de ${max} h pour ce type de contrat.`,
      });
    }
  }

  if (
    context.siaeKind === 'AI' &&
    context.aiCompanyPlacementHours != null &&
    context.aiCompanyPlacementHours > rules.ai.companyPlacementCapHours
  ) {
    warnings.push({
      code: 'ai_placement_cap',
      message: `Les mises à disposition auprès d'entreprises totalisent ${formatHours(context.aiCompanyPlacementHours)}, au-delà du plafond de ${rules.ai.companyPlacementCapHours} h sur ${rules.ai.companyPlacementWindowMonths} mois (à vérifier).`,
    });
  }
  return warnings;
}

function formatHours(h: number): string {
  return `${String(Math.round(h * 100) / 100).replace('.', ',')} h`;
}

/** The contract in force on a date (latest start wins), if any. */
export function contractInForce<T extends Pick<Contract, 'startDate' | 'endDate'>>(
  contracts: readonly T[],
  date: IsoDate,
): T | null {
  let found: T | null = null;
  for (const c of contracts) {
    if (c.startDate <= date && (c.endDate === null || date <= c.endDate)) {
      if (found === null || c.startDate > found.startDate) found = c;
    }
  }
  return found;
}

/** Last day covered by a chain of contracts starting from `date` (renewals without gap are followed). */
export function coveredUntil(
  contracts: readonly Pick<Contract, 'startDate' | 'endDate'>[],
  date: IsoDate,
): IsoDate | null | 'open' {
  let current = contractInForce(contracts, date);
  if (current === null) return null;
  let end = current.endDate;
  for (let guard = 0; guard < contracts.length && end !== null; guard += 1) {
    const next = contractInForce(contracts, addDays(end, 1));
    if (next === null) break;
    current = next;
    end = next.endDate;
  }
  return end === null ? 'open' : end;
}
