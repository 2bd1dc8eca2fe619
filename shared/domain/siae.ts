import { z } from 'zod';

/**
 * Employer kinds, with the codes of les-emplois (`CompanyKind`, itou/companies/enums.py @543eae8d).
 * EA/EATT/GEIQ/OPCS are not SIAE but appear as partners, exit destinations or history.
 */
export const COMPANY_KINDS = ['ACI', 'AI', 'EA', 'EATT', 'EI', 'EITI', 'ETTI', 'GEIQ', 'OPCS'] as const;
export type CompanyKind = (typeof COMPANY_KINDS)[number];
export const CompanyKindSchema = z.enum(COMPANY_KINDS);

export const companyKindLabels: Record<CompanyKind, string> = {
  ACI: "Atelier chantier d'insertion",
  AI: 'Association intermédiaire',
  EA: 'Entreprise adaptée',
  EATT: 'Entreprise adaptée de travail temporaire',
  EI: "Entreprise d'insertion",
  EITI: "Entreprise d'insertion par le travail indépendant",
  ETTI: "Entreprise de travail temporaire d'insertion",
  GEIQ: "Groupement d'employeurs pour l'insertion et la qualification",
  OPCS: 'Organisation porteuse de la clause sociale',
};

/** The five SIAE kinds (`siae_kinds()` in les-emplois): the only ones a PASS IAE hire can happen in. */
export const SIAE_KINDS = ['ACI', 'AI', 'EI', 'EITI', 'ETTI'] as const;
export type SiaeKind = (typeof SIAE_KINDS)[number];
export const SiaeKindSchema = z.enum(SIAE_KINDS);

export const siaeKindLabels: Record<SiaeKind, string> = {
  ACI: companyKindLabels.ACI,
  AI: companyKindLabels.AI,
  EI: companyKindLabels.EI,
  EITI: companyKindLabels.EITI,
  ETTI: companyKindLabels.ETTI,
};

export function isSiaeKind(value: unknown): value is SiaeKind {
  return typeof value === 'string' && (SIAE_KINDS as readonly string[]).includes(value);
}

/**
 * How activity is measured. AI and ETTI place people on missions, so hours are the unit
 * (suivi mensuel, the 150 h exit-counting rule); ACI and EI count time under contract.
 * EITI: independent workers declared monthly — counted in months (à confirmer).
 */
export type ActivityUnit = 'hours' | 'months';
export const activityUnitBySiaeKind: Record<SiaeKind, ActivityUnit> = {
  ACI: 'months',
  AI: 'hours',
  EI: 'months',
  EITI: 'months',
  ETTI: 'hours',
};

/** Market sector (AI, EI, ETTI, EITI) vs non-market (ACI), per the COORACE seeds. */
export const isMarketSector: Record<SiaeKind, boolean> = {
  ACI: false,
  AI: true,
  EI: true,
  EITI: true,
  ETTI: true,
};

/** France Travail "type SIAE" codes (`siae_kind_to_ft_type_siae` in les-emplois). */
export const franceTravailSiaeTypeCodes: Record<SiaeKind, string> = {
  ACI: '836',
  AI: '837',
  EI: '838',
  ETTI: '839',
  EITI: '840',
};

/** ASP "mesure" codes (les-emplois `asp.SiaeKind`), stored verbatim. */
export const ASP_MEASURES = ['ACI_DC', 'AI_DC', 'EI_DC', 'EITI_DC', 'ETTI_DC', 'ACI_MP', 'EI_MP', 'FDI_DC'] as const;
export type AspMeasure = (typeof ASP_MEASURES)[number];
export const AspMeasureSchema = z.enum(ASP_MEASURES);

export const aspMeasureLabels: Record<AspMeasure, string> = {
  ACI_DC: "Droit Commun - Atelier et Chantier d'Insertion",
  AI_DC: 'Droit Commun - Association Intermédiaire',
  EI_DC: "Droit Commun - Entreprise d'Insertion",
  EITI_DC: "Droit Commun - Entreprise d'Insertion par le Travail Indépendant",
  ETTI_DC: "Droit Commun - Entreprise de Travail Temporaire d'Insertion",
  ACI_MP: "Milieu Pénitentiaire - Atelier et Chantier d'Insertion",
  EI_MP: "Milieu Pénitentiaire - Entreprise d'Insertion",
  FDI_DC: "Droit Commun - Fonds Départemental pour l'Insertion",
};

export const aspMeasureBySiaeKind: Record<SiaeKind, AspMeasure> = {
  ACI: 'ACI_DC',
  AI: 'AI_DC',
  EI: 'EI_DC',
  EITI: 'EITI_DC',
  ETTI: 'ETTI_DC',
};

/** The SIAE kind behind an ASP measure (FDI is a fund, not an employer). */
export function siaeKindOfAspMeasure(measure: AspMeasure): SiaeKind | null {
  switch (measure) {
    case 'ACI_DC':
    case 'ACI_MP':
      return 'ACI';
    case 'EI_DC':
    case 'EI_MP':
      return 'EI';
    case 'AI_DC':
      return 'AI';
    case 'EITI_DC':
      return 'EITI';
    case 'ETTI_DC':
      return 'ETTI';
    case 'FDI_DC':
      return null;
  }
}
