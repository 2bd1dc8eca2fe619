import { describe, expect, it } from 'vitest';
import { capitalize, formatDuration, formatTime, formatWeekRange, mondayOf, parseTypedTime, weekDays } from '../../../../renderer/src/features/agenda/time';

const NBSP = '\u00a0';

describe('agenda time helpers', () => {
  it('reads the times a CIP types', () => {
    expect(parseTypedTime('14h30')).toBe('14:30');
    expect(parseTypedTime('14 h 30')).toBe('14:30');
    expect(parseTypedTime('9h')).toBe('09:00');
    expect(parseTypedTime('9')).toBe('09:00');
    expect(parseTypedTime('1430')).toBe('14:30');
    expect(parseTypedTime('08:05')).toBe('08:05');
    expect(parseTypedTime('  ')).toBeNull();
    // Not a time: returned as typed so the contract explains the error in French.
    expect(parseTypedTime('25h')).toBe('25h');
    expect(parseTypedTime('midi')).toBe('midi');
  });

  it('writes times and durations the French way', () => {
    expect(formatTime('14:30')).toBe(`14${NBSP}h${NBSP}30`);
    expect(formatTime('09:00')).toBe(`9${NBSP}h`);
    expect(formatTime(null)).toBe('');
    expect(formatDuration(45)).toBe(`45${NBSP}min`);
    expect(formatDuration(60)).toBe(`1${NBSP}h`);
    expect(formatDuration(90)).toBe(`1${NBSP}h${NBSP}30`);
  });

  it('builds weeks from Monday to Sunday and names them across months and years', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(weekDays('2026-11-23')).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
    expect(formatWeekRange('2026-11-23')).toBe('du lundi 23 au dimanche 29 novembre 2026');
    expect(formatWeekRange('2026-11-30')).toBe('du lundi 30 novembre au dimanche 6 décembre 2026');
    expect(formatWeekRange('2026-12-28')).toBe('du lundi 28 décembre 2026 au dimanche 3 janvier 2027');
    expect(capitalize('mardi 24 novembre 2026')).toBe('Mardi 24 novembre 2026');
  });
});
