import { describe, expect, it } from 'vitest';
import {
  CONTRACT_KINDS,
  type Contract,
  type ContractContext,
  contractInForce,
  contractKindLabels,
  contractWarnings,
  coveredUntil,
  isContractKindAllowed,
} from '../../../shared/domain/contracts';
import type { PassIae } from '../../../shared/domain/pass-iae';

const pass: PassIae = {
  number: '999992500123',
  startDate: '2026-01-05',
  baseEndDate: '2028-01-04',
  suspensions: [],
  prolongations: [],
};

function cddi(startDate: string, endDate: string | null, weeklyHours: number | null = 26, extra: Partial<Contract> = {}): Contract {
  return { id: 'c1', kind: 'FIXED_TERM_I', startDate, endDate, weeklyHours, ...extra };
}

const aci: ContractContext = { siaeKind: 'ACI' };
const codes = (c: Contract, p: PassIae | null = pass, ctx: ContractContext = aci) => contractWarnings(c, p, ctx).map((w) => w.code);

describe('contract kinds', () => {
  it('all have a French label', () => {
    for (const k of CONTRACT_KINDS) expect(contractKindLabels[k].length).toBeGreaterThan(0);
  });

  it.each([
    ['ACI', 'FIXED_TERM_I', true],
    ['ETTI', 'FIXED_TERM_I', false],
    ['ETTI', 'TEMPORARY', true],
    ['AI', 'FIXED_TERM_USAGE', true],
    ['EI', 'FIXED_TERM_USAGE', false],
    ['ACI', 'TEMPORARY', false],
  ] as const)('%s may use %s: %s', (siae, kind, ok) => {
    expect(isContractKindAllowed(siae, kind)).toBe(ok);
  });
});

describe('contractWarnings', () => {
  it('is silent for a 6-month 26 h CDDI inside the PASS', () => {
    expect(contractWarnings(cddi('2026-02-01', '2026-07-31'), pass, aci)).toEqual([]);
  });

  it('warns when an ETTI records a CDDI', () => {
    const w = contractWarnings(cddi('2026-02-01', '2026-07-31'), pass, { siaeKind: 'ETTI' });
    expect(w.map((x) => x.code)).toEqual(['kind_not_allowed']);
    expect(w[0]?.message).toContain("CDD insertion (CDDI)");
  });

  it('warns about a missing PASS IAE', () => {
    expect(codes(cddi('2026-02-01', '2026-07-31'), null)).toEqual(['no_pass_iae']);
  });

  it('warns when the contract starts before the PASS or runs past its end', () => {
    expect(codes(cddi('2025-12-01', '2026-05-31'))).toEqual(['starts_before_pass']);
    const w = contractWarnings(cddi('2027-10-01', '2028-03-31'), pass, aci);
    expect(w.map((x) => x.code)).toEqual(['ends_after_pass_end']);
    expect(w[0]?.message).toContain('04/01/2028');
    expect(codes(cddi('2028-02-01', '2028-07-31'))).toEqual(['starts_after_pass_end']);
  });

  it('takes PASS suspensions into account: a 30-day suspension makes the same contract fit', () => {
    const suspended = { ...pass, suspensions: [{ startDate: '2026-06-01', endDate: '2026-06-30', reason: 'CONTRACT_SUSPENDED' as const }] };
    expect(codes(cddi('2027-10-01', '2028-02-03'), suspended)).toEqual([]);
    expect(codes(cddi('2027-10-01', '2028-02-04'), suspended)).toEqual(['ends_after_pass_end']);
  });

  it.each([
    { start: '2026-02-01', end: '2026-05-31', short: false },
    { start: '2026-02-01', end: '2026-05-30', short: true },
    { start: '2026-02-15', end: '2026-06-14', short: false },
  ])('a CDDI from $start to $end is too short: $short', ({ start, end, short }) => {
    expect(codes(cddi(start, end)).includes('cddi_too_short')).toBe(short);
  });

  it('does not apply the 4-month minimum to a renewal or under the justice exception', () => {
    expect(codes(cddi('2026-02-01', '2026-03-31', 26, { isRenewal: true }))).toEqual([]);
    expect(contractWarnings(cddi('2026-02-01', '2026-03-31'), pass, { siaeKind: 'ACI', justiceException: true })).toEqual([]);
  });

  it('warns when the cumulated CDDI go beyond 24 months, unless a derogation allows up to 60', () => {
    const longPass = { ...pass, baseEndDate: '2031-01-04' };
    const previous = [
      { id: 'p1', kind: 'FIXED_TERM_I' as const, startDate: '2026-01-05', endDate: '2026-12-31' },
      { id: 'p2', kind: 'FIXED_TERM_I' as const, startDate: '2027-01-01', endDate: '2027-12-31' },
    ];
    // 2026-01-05 → 2027-12-31 is 23 months and 27 days: one more month crosses 24.
    const next = cddi('2028-01-01', '2028-01-04', 26, { isRenewal: true });
    expect(contractWarnings(next, longPass, { siaeKind: 'ACI', previousContracts: previous }).map((w) => w.code)).toEqual([]);
    const tooLong = cddi('2028-01-01', '2028-06-30', 26, { isRenewal: true });
    const w = contractWarnings(tooLong, longPass, { siaeKind: 'ACI', previousContracts: previous });
    expect(w.map((x) => x.code)).toEqual(['cddi_cumulative_too_long']);
    expect(w[0]?.message).toContain('au-delà de 24 mois');
    expect(
      contractWarnings(tooLong, longPass, { siaeKind: 'ACI', previousContracts: previous, extensionReason: 'senior_50' }),
    ).toEqual([]);
  });

  it('does not count overlapping contracts twice in the cumulative duration', () => {
    const previous = [{ id: 'p1', kind: 'FIXED_TERM_I' as const, startDate: '2026-01-05', endDate: '2027-06-30' }];
    expect(
      contractWarnings(cddi('2026-06-01', '2027-12-31', 26, { isRenewal: true }), pass, { siaeKind: 'ACI', previousContracts: previous }),
    ).toEqual([]);
  });

  it.each([
    { hours: 20, expected: [] },
    { hours: 19.5, expected: ['hours_below_min'] },
    { hours: 35, expected: [] },
    { hours: 36, expected: ['hours_above_max'] },
  ])('a CDDI at $hours h/week → $expected', ({ hours, expected }) => {
    expect(codes(cddi('2026-02-01', '2026-07-31', hours))).toEqual(expected);
  });

  it('accepts fewer than 20 hours with a derogation, and does not apply 20–35 h to ETTI missions', () => {
    expect(contractWarnings(cddi('2026-02-01', '2026-07-31', 12), pass, { siaeKind: 'ACI', hoursDerogation: true })).toEqual([]);
    const mission: Contract = { id: 'm', kind: 'TEMPORARY', startDate: '2026-02-01', endDate: '2026-02-10', weeklyHours: 10 };
    expect(contractWarnings(mission, pass, { siaeKind: 'ETTI' })).toEqual([]);
  });

  it('flags an end date before the start date and stops there', () => {
    expect(codes(cddi('2026-07-31', '2026-02-01'))).toEqual(['end_before_start']);
  });

  it('warns about the AI company placement cap', () => {
    const c: Contract = { id: 'a', kind: 'FIXED_TERM_USAGE', startDate: '2026-02-01', endDate: '2026-02-28', weeklyHours: 10 };
    expect(contractWarnings(c, pass, { siaeKind: 'AI', aiCompanyPlacementHours: 480 })).toEqual([]);
    expect(contractWarnings(c, pass, { siaeKind: 'AI', aiCompanyPlacementHours: 481 }).map((w) => w.code)).toEqual(['ai_placement_cap']);
  });
});

describe('contract chains', () => {
  const chain = [
    { startDate: '2026-01-05', endDate: '2026-06-30' },
    { startDate: '2026-07-01', endDate: '2026-12-31' },
    { startDate: '2027-02-01', endDate: null },
  ];
  it('finds the contract in force and follows renewals without gap', () => {
    expect(contractInForce(chain, '2026-07-01')).toBe(chain[1]);
    expect(contractInForce(chain, '2027-01-15')).toBeNull();
    expect(coveredUntil(chain, '2026-03-01')).toBe('2026-12-31');
    expect(coveredUntil(chain, '2027-03-01')).toBe('open');
    expect(coveredUntil(chain, '2027-01-15')).toBeNull();
  });
});
