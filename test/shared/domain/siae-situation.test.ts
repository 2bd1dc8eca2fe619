import { describe, expect, it } from 'vitest';
import {
  ASP_MEASURES,
  SIAE_KINDS,
  activityUnitBySiaeKind,
  aspMeasureBySiaeKind,
  franceTravailSiaeTypeCodes,
  isSiaeKind,
  siaeKindLabels,
  siaeKindOfAspMeasure,
} from '../../../shared/domain/siae';
import {
  EDUCATION_LEVELS,
  type EligibilityCriterion,
  PRESCRIBER_TYPES,
  type SituationAtEntry,
  SituationAtEntrySchema,
  allocationDurationForMonths,
  educationLevelLabels,
  explainEligibility,
  isEligibleByCriteria,
  normaliseAllocationDuration,
  prescriberTypeLabels,
  suggestCriteriaFromSituation,
  validateSituationAtEntry,
} from '../../../shared/domain/situation';

describe('SIAE kinds', () => {
  it('are the five les-emplois SIAE kinds with French labels', () => {
    expect(SIAE_KINDS).toEqual(['ACI', 'AI', 'EI', 'EITI', 'ETTI']);
    expect(siaeKindLabels.ACI).toBe("Atelier chantier d'insertion");
    expect(isSiaeKind('GEIQ')).toBe(false);
    expect(isSiaeKind('ETTI')).toBe(true);
  });

  it('count AI and ETTI activity in hours, ACI and EI in months', () => {
    expect(activityUnitBySiaeKind).toMatchObject({ AI: 'hours', ETTI: 'hours', ACI: 'months', EI: 'months' });
  });

  it('map to France Travail type codes and ASP measures', () => {
    expect(franceTravailSiaeTypeCodes).toEqual({ ACI: '836', AI: '837', EI: '838', ETTI: '839', EITI: '840' });
    for (const k of SIAE_KINDS) expect(siaeKindOfAspMeasure(aspMeasureBySiaeKind[k])).toBe(k);
    expect(siaeKindOfAspMeasure('ACI_MP')).toBe('ACI');
    expect(siaeKindOfAspMeasure('FDI_DC')).toBeNull();
    expect(ASP_MEASURES).toContain('EITI_DC');
  });
});

describe('ASP situation codes', () => {
  it('keep ASP codes verbatim with their labels', () => {
    expect(EDUCATION_LEVELS).toHaveLength(11);
    expect(educationLevelLabels['51']).toBe('Diplôme obtenu CAP ou BEP');
    expect(PRESCRIBER_TYPES).toHaveLength(24);
    expect(prescriberTypeLabels['03']).toBe('France Travail');
    expect(prescriberTypeLabels['99']).toBe('Non connu');
  });

  it('accept the old les-emplois names for durations on import', () => {
    expect(normaliseAllocationDuration('03')).toBe('03');
    expect(normaliseAllocationDuration('MORE_THAN_24_MONTHS')).toBe('04');
    expect(normaliseAllocationDuration('05')).toBeNull();
    expect(normaliseAllocationDuration('constructor')).toBeNull();
  });

  it.each([
    [0, '01'],
    [5, '01'],
    [6, '02'],
    [11, '02'],
    [12, '03'],
    [23, '03'],
    [24, '04'],
  ])('%i months registered → duration code %s', (months, code) => {
    expect(allocationDurationForMonths(months)).toBe(code);
  });
});

const baseSituation: SituationAtEntry = {
  educationLevel: '50',
  prescriberType: '03',
  isEmployed: false,
  employerType: null,
  unemployedSince: '03',
  resourceless: false,
  franceTravailRegistered: true,
  franceTravailSince: '03',
  rqth: false,
  oeth: false,
  rsa: 'NON',
  rsaSince: null,
  ass: false,
  assSince: null,
  aah: false,
  aahSince: null,
  aseExit: false,
  isolatedParent: false,
  housingIssue: false,
  refugee: false,
  detentionExitOrPpsmj: false,
  lowLevelInFrench: false,
  mobilityIssue: false,
};

describe('validateSituationAtEntry', () => {
  it('accepts a coherent situation', () => {
    expect(SituationAtEntrySchema.safeParse(baseSituation).success).toBe(true);
    expect(validateSituationAtEntry(baseSituation)).toEqual([]);
  });

  it.each<[string, Partial<SituationAtEntry>, keyof SituationAtEntry]>([
    ['employed without employer type', { isEmployed: true, unemployedSince: null }, 'employerType'],
    ['unemployed without duration', { unemployedSince: null }, 'unemployedSince'],
    ['registered without duration', { franceTravailSince: null }, 'franceTravailSince'],
    ['RSA without duration', { rsa: 'OUI-M' }, 'rsaSince'],
    ['ASS without duration', { ass: true }, 'assSince'],
    ['resourceless with RQTH', { resourceless: true, rqth: true }, 'resourceless'],
  ])('flags %s (ASP would reject the fiche)', (_name, patch, field) => {
    const issues = validateSituationAtEntry({ ...baseSituation, ...patch });
    expect(issues.map((i) => i.field)).toContain(field);
  });
});

describe('eligibility by administrative criteria', () => {
  it.each<[string, 'ACI' | 'AI' | 'EI' | 'ETTI' | 'EITI', EligibilityCriterion[], boolean]>([
    ['one level-1 criterion is enough anywhere', 'ACI', ['RSA'], true],
    ['DETLD alone is enough', 'EI', ['DETLD'], true],
    ['2 level-2 criteria are enough in an AI', 'AI', ['SENIOR', 'QPV'], true],
    ['2 level-2 criteria are enough in an ETTI', 'ETTI', ['JEUNE', 'PM'], true],
    ['2 level-2 criteria are not enough in an ACI', 'ACI', ['SENIOR', 'QPV'], false],
    ['3 level-2 criteria are enough in an EI', 'EI', ['SENIOR', 'QPV', 'TH'], true],
    ['3 level-2 criteria are needed in an EITI', 'EITI', ['SENIOR', 'QPV'], false],
    ['a repeated criterion counts once', 'AI', ['QPV', 'QPV'], false],
    ['nothing is not eligible', 'AI', [], false],
  ])('%s', (_name, kind, criteria, eligible) => {
    expect(isEligibleByCriteria(kind, criteria)).toBe(eligible);
  });

  it('explains what is missing in French', () => {
    const e = explainEligibility('ACI', ['SENIOR', 'QPV']);
    expect(e.level2Required).toBe(3);
    expect(e.message).toContain('il en manque 1');
  });

  it('suggests criteria from the recorded situation', () => {
    const s = { ...baseSituation, rsa: 'OUI-NM' as const, rsaSince: '02' as const, mobilityIssue: true };
    expect(suggestCriteriaFromSituation(s, 52)).toEqual(['RSA', 'DELD', 'CAP_BEP', 'SENIOR', 'PM']);
    expect(suggestCriteriaFromSituation({ ...baseSituation, educationLevel: '40', franceTravailSince: '04' }, 25)).toEqual([
      'DETLD',
      'JEUNE',
    ]);
  });
});
