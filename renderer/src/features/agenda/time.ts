import { format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';
import { addDays, isIsoDate, isoWeekday } from '../../../../shared/domain/calendar';

const NBSP = '\u00a0';

/** `14:30` → `14 h 30`, `09:00` → `9 h` (French typography: no-break spaces around « h »). */
export function formatTime(time: string | null | undefined): string {
  if (!time) return '';
  const [h = '0', m = '00'] = time.split(':');
  const hours = String(Number(h));
  return m === '00' ? `${hours}${NBSP}h` : `${hours}${NBSP}h${NBSP}${m}`;
}

/** `45` → `45 min`, `90` → `1 h 30`. */
export function formatDuration(minutes: number | null | undefined): string {
  if (!minutes) return '';
  if (minutes < 60) return `${minutes}${NBSP}min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}${NBSP}h` : `${h}${NBSP}h${NBSP}${String(m).padStart(2, '0')}`;
}

/**
 * What a CIP types for a time: `14:30`, `14h30`, `14 h 30`, `14h`, `9`, `1430`.
 * Returns `HH:MM`, null when empty, or the text unchanged so the contract explains the error.
 */
export function parseTypedTime(text: string): string | null {
  const s = text.trim().toLowerCase();
  if (s === '') return null;
  const m = /^(\d{1,2})\s*(?:[h:.]\s*(\d{2})?)?$/.exec(s) ?? /^(\d{2})(\d{2})$/.exec(s);
  if (!m) return text.trim();
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (hours > 23 || minutes > 59) return text.trim();
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

export function validDateOr(value: string | undefined, fallback: string): string {
  return value && isIsoDate(value) ? value : fallback;
}

function d(iso: string): Date {
  return parseISO(iso);
}

/** « lundi 23 » — column headings. */
export function formatDayHeading(iso: string): string {
  return format(d(iso), 'EEEE d', { locale: fr });
}

/** « du lundi 23 au dimanche 29 novembre 2026 », across months and years when needed. */
export function formatWeekRange(monday: string): string {
  const sunday = addDays(monday, 6);
  const sameMonth = monday.slice(0, 7) === sunday.slice(0, 7);
  const sameYear = monday.slice(0, 4) === sunday.slice(0, 4);
  const start = format(d(monday), sameMonth ? 'EEEE d' : sameYear ? 'EEEE d MMMM' : 'EEEE d MMMM yyyy', { locale: fr });
  return `du ${start} au ${format(d(sunday), 'EEEE d MMMM yyyy', { locale: fr })}`;
}

/** « Mardi 24 novembre 2026 » at the start of a line (prose dates are lower-case in French). */
export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1);
}
