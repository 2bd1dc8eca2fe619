import { addDays } from '../../../shared/domain/calendar';

/*
 * iCalendar (RFC 5545) writer for the agenda export. Pure: the caller passes the events and the
 * stamp. Only what a calendar needs leaves the app: kind, first name + initial, place, times.
 */

export const ICS_TIMEZONE = 'Europe/Paris';
const CRLF = '\r\n';
const MAX_OCTETS = 75;
const DEFAULT_DURATION_MINUTES = 60;

export interface IcsEvent {
  /** Stable per record, so re-importing updates the event instead of duplicating it. */
  uid: string;
  date: string;
  /** `HH:MM` wall-clock time in Europe/Paris; null = all-day event. */
  startTime: string | null;
  durationMinutes: number | null;
  summary: string;
  location: string | null;
  /** When the record last changed (ISO instant), for calendars that compare versions. */
  lastModified: string | null;
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  // Lone surrogates are written as U+FFFD (3 octets) by the UTF-8 encoder.
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one content line (no line breaks inside) into physical lines of at most 75 octets,
 * continuation lines starting with one space (RFC 5545 §3.1). Never splits a UTF-8 sequence.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) ?? 0);
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** Undoes the folding (CRLF followed by one space or tab). */
export function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2026-11-23T09:00:00.000Z` → `20261123T090000Z`. */
export function utcStamp(instant: Date): string {
  return (
    `${instant.getUTCFullYear()}${two(instant.getUTCMonth() + 1)}${two(instant.getUTCDate())}` +
    `T${two(instant.getUTCHours())}${two(instant.getUTCMinutes())}${two(instant.getUTCSeconds())}Z`
  );
}

function basicDate(iso: string): string {
  return iso.replace(/-/g, '');
}

/** Wall-clock start + duration, possibly crossing midnight. */
function localEnd(date: string, startTime: string, minutes: number): { date: string; time: string } {
  const [h, m] = startTime.split(':').map(Number) as [number, number];
  const total = h * 60 + m + minutes;
  const days = Math.floor(total / 1440);
  const inDay = total - days * 1440;
  return { date: addDays(date, days), time: `${two(Math.floor(inDay / 60))}${two(inDay % 60)}00` };
}

/** Europe/Paris rules since 1996 (last Sunday of March / October), so offline calendars convert correctly. */
const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${ICS_TIMEZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function eventLines(event: IcsEvent, stamp: string): string[] {
  const lines = ['BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${stamp}`];
  if (event.startTime) {
    const end = localEnd(event.date, event.startTime, event.durationMinutes ?? DEFAULT_DURATION_MINUTES);
    lines.push(`DTSTART;TZID=${ICS_TIMEZONE}:${basicDate(event.date)}T${event.startTime.replace(':', '')}00`);
    lines.push(`DTEND;TZID=${ICS_TIMEZONE}:${basicDate(end.date)}T${end.time}`);
  } else {
    lines.push(`DTSTART;VALUE=DATE:${basicDate(event.date)}`);
    lines.push(`DTEND;VALUE=DATE:${basicDate(addDays(event.date, 1))}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.lastModified) lines.push(`LAST-MODIFIED:${utcStamp(new Date(event.lastModified))}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole VCALENDAR, CRLF line endings, every line folded. */
export function buildCalendar(events: readonly IcsEvent[], now: Date): string {
  const stamp = utcStamp(now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Jalons//Agenda des entretiens//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...VTIMEZONE,
    ...events.flatMap((e) => eventLines(e, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
