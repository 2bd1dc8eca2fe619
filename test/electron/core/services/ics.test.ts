import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCalendar, escapeText, foldLine, unfold, utcStamp } from '../../../../electron/core/services/ics';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');

describe('iCalendar line folding (RFC 5545 §3.1)', () => {
  it('leaves short lines alone and folds long ones at 75 octets with a leading space', () => {
    expect(foldLine('SUMMARY:court')).toBe('SUMMARY:court');
    const long = `SUMMARY:${'a'.repeat(100)}`;
    const folded = foldLine(long).split('\r\n');
    expect(folded.map(octets)).toEqual([75, 34]);
    expect(folded[1]?.startsWith(' ')).toBe(true);
  });

  it('never splits an accented letter or an emoji across lines', () => {
    const folded = foldLine(`LOCATION:${'é'.repeat(40)}😀${'è'.repeat(40)}`).split('\r\n');
    for (const line of folded) {
      expect(octets(line)).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
    }
  });

  it('property: unfolding gives the original, every physical line ≤ 75 octets', () => {
    const lineChars = fc.string({ unit: fc.oneof(fc.constantFrom('a', ' ', 'é', '’', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 0, maxLength: 400, size: 'large' }).map((s) => s.replace(/[\r\n]/g, ''));
    fc.assert(
      fc.property(lineChars, (line) => {
        const folded = foldLine(line);
        expect(unfold(folded)).toBe(line);
        for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
      }),
      { numRuns: 500 },
    );
  });

  it('property: holds for accented French text too', () => {
    const french = fc.string({ unit: fc.constantFrom(...'aeiouéèêëàâçôûùïœÉÈ’ ,;\\'), minLength: 60, maxLength: 300 });
    fc.assert(
      fc.property(french, (text) => {
        const line = `SUMMARY:${escapeText(text)}`;
        const folded = foldLine(line);
        expect(unfold(folded)).toBe(line);
        for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
      }),
    );
  });
});

describe('iCalendar text and calendar', () => {
  it('escapes backslashes, semicolons, commas and line breaks', () => {
    expect(escapeText('3, rue des Lilas; bât. B\\C\nétage 2')).toBe('3\\, rue des Lilas\\; bât. B\\\\C\\nétage 2');
  });

  it('stamps in UTC', () => {
    expect(utcStamp(new Date('2026-11-23T09:05:07.000Z'))).toBe('20261123T090507Z');
  });

  it('writes timed events in Europe/Paris, all-day events as dates, and crosses midnight', () => {
    const text = buildCalendar(
      [
        { uid: 'a@jalons', date: '2026-12-31', startTime: '23:30', durationMinutes: 90, summary: 'Tard', location: null, lastModified: null },
        { uid: 'b@jalons', date: '2026-12-31', startTime: null, durationMinutes: null, summary: 'Journée', location: null, lastModified: null },
      ],
      new Date('2026-11-23T09:00:00Z'),
    );
    const lines = unfold(text).split('\r\n');
    expect(lines).toContain('DTSTART;TZID=Europe/Paris:20261231T233000');
    expect(lines).toContain('DTEND;TZID=Europe/Paris:20270101T010000');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines.filter((l) => l === 'TZID:Europe/Paris')).toHaveLength(1);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });
});
