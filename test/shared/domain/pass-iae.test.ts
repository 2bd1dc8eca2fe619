import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromEpochDay, toEpochDay } from '../../../shared/domain/calendar';
import {
  PASS_IAE_RULES,
  type PassIae,
  type PassSuspension,
  PassIaeNumberSchema,
  PassIaeSchema,
  defaultPassIaeEndDate,
  effectivePassIaeEndDate,
  formatPassIaeNumber,
  offeredProlongationReasons,
  offeredSuspensionReasons,
  passIaeStatus,
  remainingDays,
  suspendedDays,
  validateProlongation,
  validateSuspension,
  waitingPeriodEndDate,
} from '../../../shared/domain/pass-iae';
import { FC_OPTIONS, isoDateArb, passArb, suspensionArb } from './arbitraries';

const TODAY = '2026-11-23';

function pass(overrides: Partial<PassIae> = {}): PassIae {
  return {
    number: '999992500123',
    startDate: '2025-01-06',
    baseEndDate: '2027-01-05',
    suspensions: [],
    prolongations: [],
    ...overrides,
  };
}

function susp(startDate: string, endDate: string, extra: Partial<PassSuspension> = {}): PassSuspension {
  return { startDate, endDate, reason: 'CONTRACT_SUSPENDED', ...extra };
}

describe('PASS IAE end date', () => {
  it('lasts 730 days by default: a PASS starting 06/01/2025 ends 05/01/2027', () => {
    expect(defaultPassIaeEndDate('2025-01-06')).toBe('2027-01-05');
    expect(defaultPassIaeEndDate('2024-03-01')).toBe('2026-02-28');
  });

  it.each([
    { name: 'no suspension', suspensions: [], end: '2027-01-05' },
    { name: 'a 15-day suspension pushes the end by 15 days', suspensions: [susp('2025-03-01', '2025-03-15')], end: '2027-01-20' },
    { name: 'a one-day suspension pushes the end by 1 day', suspensions: [susp('2025-03-01', '2025-03-01')], end: '2027-01-06' },
    {
      name: 'overlapping suspensions count their union once (01–15 and 10–20 = 20 days)',
      suspensions: [susp('2025-03-01', '2025-03-15'), susp('2025-03-10', '2025-03-20')],
      end: '2027-01-25',
    },
    {
      name: 'back-to-back suspensions add up (01–15 then 16–20 = 20 days)',
      suspensions: [susp('2025-03-01', '2025-03-15'), susp('2025-03-16', '2025-03-20')],
      end: '2027-01-25',
    },
    {
      name: 'a suspension inside another adds nothing',
      suspensions: [susp('2025-03-01', '2025-03-31'), susp('2025-03-05', '2025-03-06')],
      end: '2027-02-05',
    },
  ])('$name', ({ suspensions, end }) => {
    expect(effectivePassIaeEndDate(pass({ suspensions }))).toBe(end);
  });

  it('a prolongation moves the end to its own end date', () => {
    const p = pass({ prolongations: [{ startDate: '2027-01-05', endDate: '2028-01-05', reason: 'COMPLETE_TRAINING' }] });
    expect(effectivePassIaeEndDate(p)).toBe('2028-01-05');
  });

  it('suspensions and prolongations combine', () => {
    const p = pass({
      suspensions: [susp('2025-03-01', '2025-03-15')],
      prolongations: [{ startDate: '2027-01-20', endDate: '2027-07-20', reason: 'SENIOR' }],
    });
    expect(effectivePassIaeEndDate(p)).toBe('2027-07-20');
  });

  it("with les-emplois' trigger arithmetic (end − start), a 1–15 suspension pushes only 14 days", () => {
    const rules = { ...PASS_IAE_RULES, suspension: { ...PASS_IAE_RULES.suspension, countsEndDay: false } };
    expect(effectivePassIaeEndDate(pass({ suspensions: [susp('2025-03-01', '2025-03-15')] }), rules)).toBe('2027-01-19');
  });

  it('the waiting period ends 2 years after the effective end', () => {
    expect(waitingPeriodEndDate(pass())).toBe('2029-01-05');
  });
});

describe('PASS IAE status and remaining days', () => {
  const p = pass({ suspensions: [susp('2026-11-01', '2026-11-30')] });
  it.each([
    { today: '2025-01-05', status: 'FUTURE', remaining: 760 },
    { today: '2025-01-06', status: 'VALID', remaining: 760 },
    { today: '2026-11-23', status: 'SUSPENDED', remaining: 74 },
    { today: '2026-12-01', status: 'VALID', remaining: 66 },
    { today: '2027-01-30', status: 'VALID', remaining: 6 },
    { today: '2027-02-04', status: 'VALID', remaining: 1 },
    { today: '2027-02-05', status: 'EXPIRED', remaining: 0 },
  ])('on $today the PASS is $status with $remaining days left', ({ today, status, remaining }) => {
    expect(passIaeStatus(p, today)).toBe(status);
    expect(remainingDays(p, today)).toBe(remaining);
  });
});

describe('validateSuspension', () => {
  const ctx = { siaeKind: 'ACI' as const, today: TODAY };
  const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

  it('accepts a current reason within the PASS and within a year back', () => {
    expect(validateSuspension(susp('2026-10-01', '2026-12-31'), pass(), ctx)).toEqual([]);
  });

  it('refuses "contrat passerelle" in an AI, with a French message naming EI and ACI', () => {
    const issues = validateSuspension(susp('2026-10-01', '2026-12-31', { reason: 'CONTRAT_PASSERELLE' }), pass(), {
      ...ctx,
      siaeKind: 'AI',
    });
    expect(codes(issues)).toEqual(['suspension_reason_not_for_siae_kind']);
    expect(issues[0]?.message).toContain('réservé aux EI et ACI');
  });

  it('allows "contrat passerelle" in an EI', () => {
    expect(validateSuspension(susp('2026-10-01', '2026-12-31', { reason: 'CONTRAT_PASSERELLE' }), pass(), { ...ctx, siaeKind: 'EI' })).toEqual([]);
  });

  it('refuses historical reasons for new suspensions', () => {
    expect(codes(validateSuspension(susp('2026-10-01', '2026-10-31', { reason: 'SICKNESS' }), pass(), ctx))).toEqual([
      'suspension_reason_historical',
    ]);
  });

  it('requires an explanation for force majeure', () => {
    const issues = validateSuspension(susp('2026-10-01', '2026-10-31', { reason: 'FORCE_MAJEURE' }), pass(), ctx);
    expect(codes(issues)).toContain('suspension_explanation_required');
  });

  it.each([
    { name: 'end before start', s: susp('2026-10-10', '2026-10-01'), code: 'suspension_end_before_start' },
    { name: 'longer than 36 months', s: susp('2026-10-01', '2029-10-01'), code: 'suspension_too_long' },
    { name: 'starting in the future', s: susp('2026-11-24', '2026-12-31'), code: 'suspension_starts_in_future' },
    { name: 'more than 365 days back', s: susp('2025-11-22', '2025-12-31'), code: 'suspension_too_retroactive' },
    { name: 'before the PASS start', s: susp('2024-12-01', '2025-02-01'), code: 'suspension_outside_pass' },
  ])('flags a suspension $name', ({ s, code }) => {
    const today = s.startDate < '2025-06-01' ? '2025-06-01' : TODAY;
    expect(codes(validateSuspension(s, pass(), { ...ctx, today }))).toContain(code);
  });

  it('accepts exactly 36 months (ending the day before the 36th monthiversary)', () => {
    const issues = validateSuspension(susp('2026-10-01', '2029-09-30'), pass(), ctx);
    expect(codes(issues)).not.toContain('suspension_too_long');
  });

  it('flags an overlap with another suspension, but not with itself when edited', () => {
    const existing = susp('2026-10-01', '2026-10-31', { id: 's1' });
    const p = pass({ suspensions: [existing] });
    expect(codes(validateSuspension(susp('2026-10-20', '2026-11-10'), p, ctx))).toContain('suspension_overlap');
    expect(validateSuspension({ ...existing, endDate: '2026-11-10' }, p, ctx)).toEqual([]);
  });

  it('offers CONTRAT_PASSERELLE only to EI and ACI', () => {
    expect(offeredSuspensionReasons('AI')).not.toContain('CONTRAT_PASSERELLE');
    expect(offeredSuspensionReasons('ACI')).toContain('CONTRAT_PASSERELLE');
    expect(offeredSuspensionReasons('EI')).toEqual([
      'CONTRACT_SUSPENDED',
      'CONTRACT_BROKEN',
      'FINISHED_CONTRACT',
      'APPROVAL_BETWEEN_CTA_MEMBERS',
      'CONTRAT_PASSERELLE',
    ]);
  });
});

describe('validateProlongation', () => {
  // PASS ends 2027-01-05; today 2026-11-23 is inside the window (12 months before → 6 after).
  const ctx = { siaeKind: 'ACI' as const, today: TODAY };
  const codes = (issues: { code: string }[]) => issues.map((i) => i.code);
  const prolong = (reason: 'RQTH' | 'SENIOR' | 'SENIOR_CDI' | 'COMPLETE_TRAINING' | 'PARTICULAR_DIFFICULTIES' | 'HEALTH_CONTEXT', endDate: string, startDate = '2027-01-05') => ({
    startDate,
    endDate,
    reason,
  });

  it('accepts a 12-month training prolongation starting on the PASS end date', () => {
    expect(validateProlongation(prolong('COMPLETE_TRAINING', '2028-01-05'), pass(), ctx)).toEqual([]);
  });

  it('reserves "difficultés particulièrement importantes" to AI and ACI', () => {
    expect(validateProlongation(prolong('PARTICULAR_DIFFICULTIES', '2028-01-05'), pass(), ctx)).toEqual([]);
    expect(validateProlongation(prolong('PARTICULAR_DIFFICULTIES', '2028-01-05'), pass(), { ...ctx, siaeKind: 'AI' })).toEqual([]);
    const issues = validateProlongation(prolong('PARTICULAR_DIFFICULTIES', '2028-01-05'), pass(), { ...ctx, siaeKind: 'EI' });
    expect(codes(issues)).toEqual(['prolongation_reason_not_for_siae_kind']);
    expect(issues[0]?.message).toContain('réservé aux AI et ACI');
  });

  it('must start on the current end date of the PASS (after suspensions)', () => {
    const p = pass({ suspensions: [susp('2026-10-01', '2026-10-10')] });
    const issues = validateProlongation(prolong('COMPLETE_TRAINING', '2027-06-01'), p, ctx);
    expect(codes(issues)).toEqual(['prolongation_start_not_pass_end']);
    expect(issues[0]?.message).toContain('15/01/2027');
  });

  it.each([
    { today: '2026-01-04', ok: false },
    { today: '2026-01-05', ok: true },
    { today: '2027-07-05', ok: true },
    { today: '2027-07-06', ok: false },
  ])('window 12 months before → 6 months after the end: declared on $today ok=$ok', ({ today, ok }) => {
    const issues = validateProlongation(prolong('COMPLETE_TRAINING', '2027-06-01'), pass(), { ...ctx, today });
    expect(codes(issues).includes('prolongation_outside_window')).toBe(!ok);
  });

  it('caps each request per reason (RQTH 365 days) but allows 10 years for a senior CDI inclusion', () => {
    expect(codes(validateProlongation(prolong('RQTH', '2028-01-06'), pass(), ctx))).toEqual(['prolongation_too_long']);
    expect(validateProlongation(prolong('RQTH', '2028-01-05'), pass(), ctx)).toEqual([]);
    expect(validateProlongation(prolong('SENIOR_CDI', '2037-01-02'), pass(), ctx)).toEqual([]);
  });

  it('caps the cumulative RQTH prolongations at 3 years', () => {
    const first = { startDate: '2027-01-05', endDate: '2028-01-05', reason: 'RQTH' as const };
    const second = { startDate: '2028-01-05', endDate: '2029-01-04', reason: 'RQTH' as const };
    const third = { startDate: '2029-01-04', endDate: '2030-01-04', reason: 'RQTH' as const };
    // Two years used: a third full year is still allowed.
    expect(validateProlongation(third, pass({ prolongations: [first, second] }), { ...ctx, today: '2029-01-01' })).toEqual([]);
    // Three years used: not even one more day.
    const issues = validateProlongation(
      prolong('RQTH', '2030-01-05', '2030-01-04'),
      pass({ prolongations: [first, second, third] }),
      { ...ctx, today: '2030-01-01' },
    );
    expect(codes(issues)).toEqual(['prolongation_cumulative_exceeded']);
    expect(issues[0]?.message).toContain('1095 jours déjà accordés, 0 restants');
    // Other reasons keep their own budget.
    expect(
      validateProlongation(prolong('SENIOR', '2031-01-04', '2030-01-04'), pass({ prolongations: [first, second, third] }), {
        ...ctx,
        today: '2030-01-01',
      }),
    ).toEqual([]);
  });

  it('refuses a zero-day prolongation and the closed "contexte sanitaire" reason', () => {
    expect(codes(validateProlongation(prolong('COMPLETE_TRAINING', '2027-01-05'), pass(), ctx))).toEqual(['prolongation_too_short']);
    expect(codes(validateProlongation(prolong('HEALTH_CONTEXT', '2027-06-01'), pass(), ctx))).toEqual(['prolongation_reason_closed']);
    expect(offeredProlongationReasons('ACI', TODAY)).not.toContain('HEALTH_CONTEXT');
    expect(offeredProlongationReasons('ACI', '2021-06-01')).toContain('HEALTH_CONTEXT');
    expect(offeredProlongationReasons('EI', TODAY)).not.toContain('PARTICULAR_DIFFICULTIES');
  });
});

describe('PASS IAE number and schema', () => {
  it('accepts 12 characters, spaces ignored, and formats like les-emplois', () => {
    expect(PassIaeNumberSchema.parse('99999 25 00123')).toBe('999992500123');
    expect(PassIaeNumberSchema.safeParse('9999925').success).toBe(false);
    expect(formatPassIaeNumber('999992500123')).toBe('99999 25 00123');
  });

  it('rejects impossible dates', () => {
    expect(PassIaeSchema.safeParse(pass({ baseEndDate: '2027-02-30' })).success).toBe(false);
    expect(PassIaeSchema.safeParse(pass()).success).toBe(true);
  });
});

describe('PASS IAE properties', () => {
  it('remaining days never increase as today advances', () => {
    fc.assert(
      fc.property(passArb, isoDateArb(), fc.integer({ min: 0, max: 400 }), (p, t1, step) => {
        const t2 = addDays(t1, step);
        expect(remainingDays(p, t2)).toBeLessThanOrEqual(remainingDays(p, t1));
      }),
      FC_OPTIONS,
    );
  });

  it('adding a suspension never shortens the pass', () => {
    fc.assert(
      fc.property(
        passArb.chain((p) => fc.tuple(fc.constant(p), suspensionArb(toEpochDay(p.startDate)))),
        ([p, extra]) => {
          const before = effectivePassIaeEndDate(p);
          const after = effectivePassIaeEndDate({ ...p, suspensions: [...p.suspensions, extra] });
          expect(after >= before).toBe(true);
        },
      ),
      FC_OPTIONS,
    );
  });

  it('overlapping suspensions push the end by exactly the number of distinct days they cover', () => {
    fc.assert(
      fc.property(fc.array(suspensionArb(toEpochDay('2025-01-01')), { maxLength: 6 }), (suspensions) => {
        const days = new Set<number>();
        for (const s of suspensions) for (let d = toEpochDay(s.startDate); d <= toEpochDay(s.endDate); d += 1) days.add(d);
        expect(suspendedDays(suspensions)).toBe(days.size);
        expect(effectivePassIaeEndDate(pass({ suspensions }))).toBe(fromEpochDay(toEpochDay('2027-01-05') + days.size));
      }),
      FC_OPTIONS,
    );
  });

  it('suspension order does not matter', () => {
    fc.assert(
      fc.property(fc.array(suspensionArb(toEpochDay('2025-01-01')), { maxLength: 5 }), (suspensions) => {
        expect(suspendedDays([...suspensions].reverse())).toBe(suspendedDays(suspensions));
      }),
      FC_OPTIONS,
    );
  });

  it('a started PASS is expired exactly when no day is left', () => {
    fc.assert(
      fc.property(passArb, isoDateArb(), (p, today) => {
        fc.pre(today >= p.startDate);
        expect(passIaeStatus(p, today) === 'EXPIRED').toBe(remainingDays(p, today) === 0);
      }),
      FC_OPTIONS,
    );
  });
});
