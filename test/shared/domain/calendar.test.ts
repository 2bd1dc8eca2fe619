import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IsoDateSchema,
  addDays,
  addMonths,
  daysBetween,
  formatFrenchDate,
  fromEpochDay,
  inclusiveDays,
  inclusiveMonths,
  isIsoDate,
  isoWeekday,
  toEpochDay,
} from '../../../shared/domain/calendar';
import { FC_OPTIONS, isoDateArb } from './arbitraries';

describe('calendar dates', () => {
  it.each([
    ['2026-11-23', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['26-11-23', false],
    ['2026-11-23T00:00', false],
  ])('%s is a calendar date: %s', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
    expect(IsoDateSchema.safeParse(value).success).toBe(ok);
  });

  it('adds months clamping to the month end, like contracts are counted', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-23', -12)).toBe('2025-11-23');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
  });

  it('counts inclusive periods', () => {
    expect(inclusiveDays('2026-03-01', '2026-03-15')).toBe(15);
    expect(inclusiveDays('2026-03-15', '2026-03-01')).toBe(0);
    expect(inclusiveMonths('2026-01-01', '2026-04-30')).toBe(4);
    expect(inclusiveMonths('2027-01-01', '2028-12-31')).toBe(24);
    expect(inclusiveMonths('2026-01-15', '2026-05-14')).toBe(4);
    expect(inclusiveMonths('2026-01-01', '2026-04-29')).toBeCloseTo(3 + 29 / 30, 10);
  });

  it('knows the weekday (23/11/2026 is a Monday)', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });

  it('formats for French messages', () => {
    expect(formatFrenchDate('2026-01-05')).toBe('05/01/2026');
  });

  it('epoch days round-trip and addDays/daysBetween agree', () => {
    fc.assert(
      fc.property(isoDateArb(), fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(fromEpochDay(toEpochDay(d))).toBe(d);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
      FC_OPTIONS,
    );
  });

  it('adding whole months never lands on an impossible date', () => {
    fc.assert(
      fc.property(isoDateArb(), fc.integer({ min: -120, max: 120 }), (d, n) => {
        expect(isIsoDate(addMonths(d, n))).toBe(true);
      }),
      FC_OPTIONS,
    );
  });

  it('integer date arithmetic agrees with the JavaScript Date reference over years 1–9999', () => {
    const referenceEpochDay = (y: number, m: number, d: number) => {
      const utc = new Date(0);
      utc.setUTCFullYear(y, m - 1, d);
      utc.setUTCHours(0, 0, 0, 0);
      return Math.round(utc.getTime() / 86_400_000);
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
        const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const real = new Date(Date.UTC(2000, m - 1, d));
        real.setUTCFullYear(y, m - 1, d);
        const exists = real.getUTCDate() === d && real.getUTCMonth() === m - 1;
        expect(isIsoDate(iso)).toBe(exists);
        if (!exists) return;
        expect(toEpochDay(iso)).toBe(referenceEpochDay(y, m, d));
        expect(fromEpochDay(referenceEpochDay(y, m, d))).toBe(iso);
      }),
      { ...FC_OPTIONS, numRuns: 5000 },
    );
  });

  it('refuses whatever is not exactly YYYY-MM-DD in ASCII digits', () => {
    const reference = /^\d{4}-\d{2}-\d{2}$/;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('0', '1', '2', '9', '-', ' ', 'a', '٣', 'T'), maxLength: 12 }), (text) => {
        if (!reference.test(text)) expect(isIsoDate(text)).toBe(false);
      }),
      { ...FC_OPTIONS, numRuns: 5000 },
    );
    expect(isIsoDate('2026-1-023')).toBe(false);
    expect(isIsoDate('+026-11-23')).toBe(false);
  });
});
