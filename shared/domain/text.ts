import { type IsoDate, addDays, addMonths, isoWeekday, makeIsoDate, yearOf } from './calendar';

/*
 * French text helpers for search and quick entry (CIPs type "23/11", "demain",
 * "7,5"). Pure: "today" is always passed in.
 */

const COMBINING_MARKS = /\p{M}+/gu;
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ĳ: 'ij', ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl' };
const LIGATURE_RE = /[œæßĳﬀﬁﬂﬃﬄ]/g;
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
/** Printable ASCII without the backquote (an apostrophe above): folding it only lower-cases and trims spaces. */
const PLAIN_ASCII = /^[\x20-\x5f\x61-\x7e]*$/;

/**
 * Key for accent- and case-insensitive search: "Œuvre  Élodie" → "oeuvre elodie".
 * Lower-cases, strips diacritics, expands œ/æ/ß, unifies apostrophes and collapses spaces.
 * NFKD also flattens compatibility forms (ﬁ, ², ℡) so they match what people type.
 * Idempotent (checked once for every Unicode code point, and by a property test).
 */
export function foldForSearch(input: string): string {
  // Most names and cells are plain ASCII, where only case and spaces change: the Unicode passes below were a
  // fifth of an import's validation (one call per name, several per row).
  if (PLAIN_ASCII.test(input)) return input.toLowerCase().replace(/ +/g, ' ').trim();
  return input
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(LIGATURE_RE, (c) => LIGATURES[c] ?? c)
    .replace(APOSTROPHES, "'")
    .replace(/\s+/gu, ' ')
    .trim();
}

/** True when every word of the query starts a word of the text (folded). */
export function matchesSearch(text: string, query: string): boolean {
  const words = foldForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const hay = foldForSearch(text);
  return words.every((w) => hay.includes(w));
}

// ── Dates ────────────────────────────────────────────────────────────────────────

const WEEKDAYS: Record<string, number> = {
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  dimanche: 7,
};

const MONTHS: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1,
  fevrier: 2, fevr: 2, fev: 2,
  mars: 3, mar: 3,
  avril: 4, avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7, juil: 7,
  aout: 8,
  septembre: 9, sept: 9, sep: 9,
  octobre: 10, oct: 10,
  novembre: 11, nov: 11,
  decembre: 12, dec: 12,
};

const RELATIVE_DAYS: Record<string, number> = {
  "aujourd'hui": 0,
  aujourdhui: 0,
  auj: 0,
  demain: 1,
  'apres-demain': 2,
  'apres demain': 2,
  hier: -1,
  'avant-hier': -2,
  'avant hier': -2,
};

/**
 * Two-digit years: the century that puts the date at most 20 years after today
 * ("30" in 2026 → 2030; "75" → 1975, e.g. a birth date).
 */
function expandTwoDigitYear(yy: number, today: IsoDate): number {
  const current = yearOf(today);
  const candidate = Math.floor(current / 100) * 100 + yy;
  return candidate > current + 20 ? candidate - 100 : candidate;
}

/**
 * Parses what a French user types into a date field. Returns ISO or null.
 * Accepted: "23/11/2026", "23/11/26", "23/11" (current year), "23-11-2026", "23.11.2026",
 * "2026-11-23", "23 novembre 2026", "1er déc.", "aujourd'hui", "demain", "hier",
 * "après-demain", "lundi" or "lundi prochain" (next such day, never today),
 * "dans 3 jours", "dans 2 semaines", "dans 1 mois".
 */
export function parseFrenchDate(input: string, today: IsoDate): IsoDate | null {
  const s = foldForSearch(input)
    .replace(/\s*\/\s*/g, '/')
    .replace(/(\d)\s*([.-])\s*(?=\d)/g, '$1$2');
  if (s === '') return null;

  // hasOwn: typed text such as "constructor" must not reach Object.prototype.
  if (Object.hasOwn(RELATIVE_DAYS, s)) return addDays(today, RELATIVE_DAYS[s] as number);

  const weekday = /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)( prochain)?$/.exec(s);
  if (weekday) {
    const target = WEEKDAYS[weekday[1] as string] as number;
    const delta = (target - isoWeekday(today) + 7) % 7 || 7;
    return addDays(today, delta);
  }

  const inN = /^dans (\d{1,3}) (jours?|semaines?|mois)$/.exec(s);
  if (inN) {
    const n = Number(inN[1]);
    const unit = inN[2] as string;
    if (unit.startsWith('jour')) return addDays(today, n);
    if (unit.startsWith('semaine')) return addDays(today, 7 * n);
    return addMonths(today, n);
  }

  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (iso) return makeIsoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));

  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(s);
  if (numeric) {
    const yearText = numeric[3];
    const year =
      yearText === undefined ? yearOf(today) : yearText.length === 2 ? expandTwoDigitYear(Number(yearText), today) : Number(yearText);
    return makeIsoDate(year, Number(numeric[2]), Number(numeric[1]));
  }

  const named = /^(\d{1,2})(?:er)? ([a-z]+)\.?(?: (\d{2}|\d{4}))?$/.exec(s);
  if (named) {
    const name = named[2] as string;
    if (!Object.hasOwn(MONTHS, name)) return null;
    const month = MONTHS[name] as number;
    const yearText = named[3];
    const year =
      yearText === undefined ? yearOf(today) : yearText.length === 2 ? expandTwoDigitYear(Number(yearText), today) : Number(yearText);
    return makeIsoDate(year, month, Number(named[1]));
  }
  return null;
}

// ── Numbers ──────────────────────────────────────────────────────────────────────

/**
 * "7,5" → 7.5; "1 234,56" → 1234.56 (space, NBSP or narrow NBSP as thousands separator);
 * "1.234,5" → 1234.5; "7.5" → 7.5 (a single dot without comma is read as decimal, since
 * people often type hours that way); "-3" and "−3" → -3. Anything else → null.
 */
export function parseFrenchNumber(input: string): number | null {
  let s = input.trim().replace(/\u2212/g, '-');
  if (s === '') return null;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1;
    s = s.slice(1).trim();
  }
  const commaParts = s.split(',');
  if (commaParts.length > 2) return null;
  let intPart = commaParts[0] as string;
  const decPart = commaParts[1];
  // Spaces only as thousands separators ("1 234"), never inside decimals ("12 5" is a typo).
  if (/[\s\u00A0\u202F]/.test(intPart)) {
    if (!/^\d{1,3}([\s\u00A0\u202F]\d{3})+$/.test(intPart)) return null;
    intPart = intPart.replace(/[\s\u00A0\u202F]/g, '');
  }
  if (decPart !== undefined) {
    // With a decimal comma, dots can only be thousands separators ("1.234,5").
    if (intPart.includes('.')) {
      if (!/^\d{1,3}(\.\d{3})+$/.test(intPart)) return null;
      intPart = intPart.replace(/\./g, '');
    }
    s = `${intPart}.${decPart}`;
  } else if (intPart.split('.').length > 2) {
    if (!/^\d{1,3}(\.\d{3})+$/.test(intPart)) return null;
    s = intPart.replace(/\./g, '');
  } else {
    s = intPart;
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? sign * n : null;
}
