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
});
