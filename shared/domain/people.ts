import { z } from 'zod';
import { type IsoDate, yearOf } from './calendar';

/*
 * Age and sex. Store the birth date; brackets are derived at the date that matters
 * (hiring date for the ASP profile, export date for federation statistics).
 */

/** Completed years at `date` (someone born on 29/02 turns one year older on 01/03 in common years). */
export function ageAt(birthDate: IsoDate, date: IsoDate): number {
  const years = yearOf(date) - yearOf(birthDate);
  const hadBirthday = date.slice(5) >= birthDate.slice(5);
  return hadBirthday ? years : years - 1;
}

/**
 * State brackets: < 26 (JEUNE criterion "-26 ans"), 26–49, 50 and over
 * (SENIOR criterion "+50 ans" and prolongation reason "50 ans et plus").
 */
export const AGE_BRACKETS = ['under_26', '26_49', '50_plus'] as const;
export type AgeBracket = (typeof AGE_BRACKETS)[number];
export const AgeBracketSchema = z.enum(AGE_BRACKETS);
export const ageBracketLabels: Record<AgeBracket, string> = {
  under_26: 'Moins de 26 ans',
  '26_49': 'De 26 à 49 ans',
  '50_plus': '50 ans et plus',
};

export function ageBracket(age: number): AgeBracket {
  if (age < 26) return 'under_26';
  if (age < 50) return '26_49';
  return '50_plus';
}

/**
 * The federation's historical split (Observatoire COORACE: "< 26 ans, 26–45 ans, > 45 ans").
 * Boundary choice: 45 belongs to "26–45" (the seed writes both "26–45" and "> 45"),
 * so the last bracket starts at 46.
 */
export const FEDERATION_AGE_BRACKETS = ['under_26', '26_45', 'over_45'] as const;
export type FederationAgeBracket = (typeof FEDERATION_AGE_BRACKETS)[number];
export const FederationAgeBracketSchema = z.enum(FEDERATION_AGE_BRACKETS);
export const federationAgeBracketLabels: Record<FederationAgeBracket, string> = {
  under_26: 'Moins de 26 ans',
  '26_45': 'De 26 à 45 ans',
  over_45: 'Plus de 45 ans',
};

export function federationAgeBracket(age: number): FederationAgeBracket {
  if (age < 26) return 'under_26';
  if (age <= 45) return '26_45';
  return 'over_45';
}

/**
 * Sex as the INSEE code (first digit of the NIR: 1 = masculin, 2 = féminin). The ASP fiche
 * salarié carries the civilité instead (M / MME); both are kept so exports can use either.
 */
export const SEX_CODES = ['1', '2'] as const;
export type SexCode = (typeof SEX_CODES)[number];
export const SexCodeSchema = z.enum(SEX_CODES);
export const sexCodeLabels: Record<SexCode, string> = {
  '1': 'Homme',
  '2': 'Femme',
};

export const ASP_CIVILITIES = ['M', 'MME'] as const;
export type AspCivility = (typeof ASP_CIVILITIES)[number];
export const AspCivilitySchema = z.enum(ASP_CIVILITIES);
export const aspCivilityLabels: Record<AspCivility, string> = {
  M: 'Monsieur',
  MME: 'Madame',
};

export function civilityFromSex(sex: SexCode): AspCivility {
  return sex === '1' ? 'M' : 'MME';
}

export function sexFromCivility(civility: AspCivility): SexCode {
  return civility === 'M' ? '1' : '2';
}
