import { foldForSearch } from '../../../shared/domain/text';
import type { ImportField } from '../../../shared/domain/import-fields';

export { IMPORT_FIELDS, importFieldLabels, type ImportField } from '../../../shared/domain/import-fields';

/*
 * Header → field mapping for caseload files. Headers come from many tools (les-emplois exports,
 * home-made spreadsheets, older software), so matching ignores accents, case, punctuation and
 * little words ("Date d'entrée", "DATE_ENTREE", "date entrée" are the same column).
 */

const STOP_WORDS = new Set(['de', 'd', 'du', 'des', 'la', 'le', 'l', 'les', 'en', 'a', 'au', 'n', 'no', 'num', 'numero', 'nr', 'of', 'the', 'par', 'o']);

/** "N° de téléphone" → ["telephone"]; "Date_d'entrée" → ["date", "entree"]. */
export function headerTokens(header: string): string[] {
  return foldForSearch(header)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w !== '' && !STOP_WORDS.has(w));
}

type Rule = (t: ReadonlySet<string>, key: string) => ImportField | null;

const any = (t: ReadonlySet<string>, ...words: string[]) => words.some((w) => t.has(w));

const START_WORDS = ['debut', 'start', 'depart', 'delivrance', 'obtention', 'emission', 'attribution', 'commencement'];
const END_WORDS = ['fin', 'end', 'expiration', 'echeance', 'terme', 'validite'];

/** Ordered: the first rule that recognises the header wins ("nom de naissance" before "nom"). */
const RULES: readonly Rule[] = [
  (t) => ((t.has('nom') && any(t, 'naissance', 'jeune')) || t.has('patronymique') || t.has('maiden') ? 'birthName' : null),
  (t) => {
    if (!any(t, 'pass', 'passiae', 'agrement', 'approval')) return null;
    if (any(t, ...START_WORDS)) return 'passStart';
    if (any(t, ...END_WORDS)) return 'passEnd';
    if (t.has('date')) return 'passStart';
    return 'passNumber';
  },
  (t) => {
    if (!any(t, 'contrat', 'contract', 'cddi')) return null;
    if (any(t, 'heures', 'hebdo', 'hebdomadaire', 'duree', 'horaire', 'hours')) return 'weeklyHours';
    if (any(t, ...START_WORDS)) return 'contractStart';
    if (any(t, ...END_WORDS)) return 'contractEnd';
    if (t.has('date')) return 'contractStart';
    return 'contractKind';
  },
  (t, k) => (t.has('naissance') || ['ddn', 'ne', 'nee', 'ne e', 'date naiss', 'naiss', 'birth date', 'birthdate', 'date birth'].includes(k) ? 'birthDate' : null),
  (t, k) =>
    any(t, 'entree', 'embauche', 'arrivee', 'integration') || ['debut parcours', 'date debut parcours', 'entry date'].includes(k)
      ? 'entryDate'
      : null,
  (t) => (any(t, 'referent', 'referente', 'referents', 'cip', 'conseiller', 'conseillere', 'accompagnateur', 'accompagnatrice', 'charge', 'chargee') ? 'referent' : null),
  (t) => (any(t, 'hebdo', 'hebdomadaire', 'heures') || (t.has('temps') && t.has('travail')) ? 'weeklyHours' : null),
  (t, k) => (t.has('insee') || k === 'code commune' || k === 'cog' ? 'communeCode' : null),
  (t, k) => (t.has('postal') || k === 'cp' || k === 'zip' ? 'postcode' : null),
  (t) => (any(t, 'commune', 'ville', 'localite', 'city') ? 'commune' : null),
  (t) => (t.has('qpv') || (t.has('quartier') && t.has('prioritaire')) ? 'qpv' : null),
  (t) => (t.has('zrr') || t.has('zfrr') ? 'zrr' : null),
  (t) => (any(t, 'telephone', 'tel', 'portable', 'mobile', 'phone', 'gsm') ? 'phone' : null),
  (t) => (any(t, 'mail', 'email', 'courriel', 'mel') ? 'email' : null),
  (t, k) => ((t.has('niveau') && k !== 'niveau francais') || any(t, 'etudes', 'diplome', 'scolarite', 'qualification') ? 'educationLevel' : null),
  (t) => (t.has('rsa') ? 'rsa' : null),
  (t) => (t.has('rqth') || (t.has('travailleur') && t.has('handicape')) || t.has('boeth') ? 'rqth' : null),
  (t) => (t.has('aah') ? 'aah' : null),
  (t) => (t.has('ass') ? 'ass' : null),
  (t, k) => (any(t, 'sexe', 'genre', 'civilite', 'gender') || k === 'sex' ? 'sex' : null),
  (t, k) => (any(t, 'prenom', 'prenoms') || k === 'first name' || k === 'firstname' ? 'firstName' : null),
  (t, k) =>
    t.has('nom') || ['last name', 'lastname', 'surname', 'name'].includes(k) ? 'lastName' : null,
];

export function fieldForHeader(header: string): ImportField | null {
  const tokens = headerTokens(header);
  if (tokens.length === 0) return null;
  const set = new Set(tokens);
  const key = tokens.join(' ');
  for (const rule of RULES) {
    const field = rule(set, key);
    if (field) return field;
  }
  return null;
}

export interface ColumnMapping {
  /** Headers as written in the file (trimmed), used in messages. */
  headers: string[];
  /** Field of each column; null when ignored (unknown, or a second column for the same field). */
  fields: (ImportField | null)[];
  /** Column index of each recognised field. */
  indexOf: Partial<Record<ImportField, number>>;
}

export function mapColumns(rawHeaders: readonly string[]): ColumnMapping {
  const headers = rawHeaders.map((h) => h.trim());
  const indexOf: Partial<Record<ImportField, number>> = {};
  const fields = headers.map((header, index) => {
    const field = fieldForHeader(header);
    if (field === null || indexOf[field] !== undefined) return null;
    indexOf[field] = index;
    return field;
  });
  return { headers, fields, indexOf };
}
