import { CONTRACT_KINDS, contractKindLabels, type ContractKind } from '../../../shared/domain/contracts';
import type { IsoDate } from '../../../shared/domain/calendar';
import type { SexCode } from '../../../shared/domain/people';
import { EDUCATION_LEVELS, educationLevelLabels, type EducationLevel, type RsaAllocation } from '../../../shared/domain/situation';
import { foldForSearch, parseFrenchDate, parseFrenchNumber } from '../../../shared/domain/text';

/*
 * One cell → one typed value, or the French reason it was refused (completed by rows.ts into
 * "Ligne 7, colonne « … » : <reason>"). Spreadsheet habits are accepted: "X" for yes, "Mme",
 * "35h", "1er niveau"… but never a guess that could silently be wrong.
 */
export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(message: string): CellResult<T> => ({ ok: false, message });

/** Letters and digits only, folded: "Mme." → "mme", "OUI-M" → "oui m". */
function key(value: string): string {
  return foldForSearch(value).replace(/[^a-z0-9]+/g, ' ').trim();
}

// ── Dates ───────────────────────────────────────────────────────────────────────

const FILE_DATE_RE = /^(\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})|\d{4}-\d{1,2}-\d{1,2})$/;

/**
 * dd/mm/yyyy, dd/mm/yy or yyyy-mm-dd (a time part "00:00" that spreadsheets append is dropped).
 * Relative words ("demain") accepted on a form make no sense in a file, so they are refused.
 */
export function parseFileDate(value: string, today: IsoDate): CellResult<{ date: IsoDate; twoDigitYear: boolean }> {
  const v = value.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '');
  const m = FILE_DATE_RE.exec(v);
  const date = m ? parseFrenchDate(v, today) : null;
  if (!m || date === null) return fail(`date invalide (${value.trim()}). Format attendu : JJ/MM/AAAA.`);
  // Same range as the forms (shared/ipc/common.ts DateField): beyond it the date arithmetic fails.
  if (date < '1900-01-01' || date > '2100-12-31') return fail(`date invalide (${value.trim()}) : l’année doit être comprise entre 1900 et 2100.`);
  return ok({ date, twoDigitYear: m[2] !== undefined && m[2].length === 2 });
}

// ── Sex ─────────────────────────────────────────────────────────────────────────

const MALE = new Set(['h', 'homme', 'm', 'mr', 'monsieur', '1', 'masculin', 'male', 'man']);
const FEMALE = new Set(['f', 'femme', 'mme', 'madame', 'mlle', 'mademoiselle', '2', 'feminin', 'female', 'woman', 'w']);

export function parseSex(value: string): CellResult<SexCode> {
  const k = key(value);
  if (MALE.has(k)) return ok('1');
  if (FEMALE.has(k)) return ok('2');
  return fail(`valeur non reconnue (${value.trim()}). Indiquez H ou F (ou M, Mme, 1, 2).`);
}

// ── Yes / no ────────────────────────────────────────────────────────────────────

const YES = new Set(['oui', 'o', 'x', '1', 'vrai', 'true', 'yes', 'y']);
const NO = new Set(['non', 'n', '0', 'faux', 'false', 'no', '']);

export function parseYesNo(value: string): CellResult<boolean> {
  const k = key(value);
  if (YES.has(k)) return ok(true);
  if (NO.has(k)) return ok(false);
  return fail(`valeur non reconnue (${value.trim()}). Indiquez oui ou non.`);
}

export function parseRsa(value: string): CellResult<RsaAllocation> {
  const k = key(value);
  if (['oui m', 'majore', 'rsa majore', 'oui majore'].includes(k)) return ok('OUI-M');
  if (['oui nm', 'non majore', 'rsa non majore', 'oui non majore'].includes(k)) return ok('OUI-NM');
  const yesNo = parseYesNo(value);
  if (yesNo.ok) return ok(yesNo.value ? 'OUI-NM' : 'NON');
  return fail(`valeur non reconnue (${value.trim()}). Indiquez oui, non, ou « majoré ».`);
}

// ── Niveau de formation (ASP codes) ─────────────────────────────────────────────

/** Usual wordings → ASP code; the 2019 "niveau 3…8" and older "niveau V…I" scales are accepted. */
const EDUCATION_ALIASES: Record<string, EducationLevel> = {
  'sans diplome': '70',
  aucun: '70',
  'aucun diplome': '70',
  'sans qualification': '70',
  'niveau vi': '70',
  vi: '70',
  'vbis': '70',
  'niveau vbis': '70',
  'jamais scolarise': '01',
  'non scolarise': '01',
  cap: '51',
  bep: '51',
  'cap bep': '51',
  'niveau cap': '50',
  'niveau bep': '50',
  'niveau cap bep': '50',
  'niveau 3': '50',
  'niveau v': '50',
  v: '50',
  bac: '40',
  'niveau bac': '40',
  'niveau 4': '40',
  'niveau iv': '40',
  iv: '40',
  'bac pro': '41',
  'bac professionnel': '41',
  'brevet de technicien': '41',
  bts: '30',
  dut: '30',
  'bac 2': '30',
  'niveau 5': '30',
  'niveau iii': '30',
  iii: '30',
  licence: '20',
  'bac 3': '20',
  'niveau 6': '20',
  'niveau ii': '20',
  ii: '20',
  master: '10',
  'bac 5': '10',
  doctorat: '10',
  ingenieur: '10',
  'niveau 7': '10',
  'niveau 8': '10',
  'niveau i': '10',
  i: '10',
  'formation courte': '60',
};
const EDUCATION_BY_LABEL = new Map<string, EducationLevel>(EDUCATION_LEVELS.map((code) => [key(educationLevelLabels[code]), code]));

export function parseEducationLevel(value: string): CellResult<EducationLevel> {
  const raw = value.trim();
  if ((EDUCATION_LEVELS as readonly string[]).includes(raw)) return ok(raw as EducationLevel);
  const k = key(raw);
  const found = Object.hasOwn(EDUCATION_ALIASES, k) ? EDUCATION_ALIASES[k] : EDUCATION_BY_LABEL.get(k);
  if (found) return ok(found);
  return fail(`niveau non reconnu (${raw}). Exemples acceptés : « sans diplôme », « CAP », « Bac », « Bac pro », « BTS », « Licence », ou le code ASP (70, 51, 40…).`);
}

// ── Contracts ───────────────────────────────────────────────────────────────────

const CONTRACT_ALIASES: Record<string, ContractKind> = {
  cddi: 'FIXED_TERM_I',
  'cdd i': 'FIXED_TERM_I',
  'cdd insertion': 'FIXED_TERM_I',
  'cdd d insertion': 'FIXED_TERM_I',
  'cddi phc': 'FIXED_TERM_I_PHC',
  'cdd i phc': 'FIXED_TERM_I_PHC',
  'cddi cvg': 'FIXED_TERM_I_CVG',
  'cdd i cvg': 'FIXED_TERM_I_CVG',
  'cdd usage': 'FIXED_TERM_USAGE',
  'cdd d usage': 'FIXED_TERM_USAGE',
  'mise a disposition': 'FIXED_TERM_USAGE',
  mad: 'FIXED_TERM_USAGE',
  mission: 'TEMPORARY',
  'contrat de mission': 'TEMPORARY',
  interim: 'TEMPORARY',
  'mission interim': 'TEMPORARY',
  ctt: 'TEMPORARY',
  'cdi inclusion': 'PERMANENT_I',
  'cdi i': 'PERMANENT_I',
  'contrat de professionnalisation': 'PROFESSIONAL_TRAINING',
  'contrat pro': 'PROFESSIONAL_TRAINING',
  professionnalisation: 'PROFESSIONAL_TRAINING',
  apprentissage: 'APPRENTICESHIP',
  'contrat d apprentissage': 'APPRENTICESHIP',
  cdd: 'FIXED_TERM',
  cdi: 'PERMANENT',
  'cdd tremplin': 'FIXED_TERM_TREMPLIN',
  pec: 'PEC',
  cui: 'PEC',
  autre: 'OTHER',
};
const CONTRACT_BY_LABEL = new Map<string, ContractKind>(CONTRACT_KINDS.map((kind) => [key(contractKindLabels[kind]), kind]));

export function parseContractKind(value: string): CellResult<ContractKind> {
  const raw = value.trim();
  if ((CONTRACT_KINDS as readonly string[]).includes(raw.toUpperCase())) return ok(raw.toUpperCase() as ContractKind);
  const k = key(raw);
  const found = Object.hasOwn(CONTRACT_ALIASES, k) ? CONTRACT_ALIASES[k] : CONTRACT_BY_LABEL.get(k);
  if (found) return ok(found);
  return fail(`type de contrat non reconnu (${raw}). Exemples acceptés : CDDI, CDD d’usage, mission, CDI inclusion.`);
}

/** "26", "26,5", "35h", "24 h 30", "24h30". */
export function parseWeeklyHours(value: string): CellResult<number> {
  const v = value.trim().toLowerCase();
  const hm = /^(\d{1,2})\s*h\s*(\d{2})$/.exec(v);
  const n = hm ? Number(hm[1]) + Number(hm[2]) / 60 : parseFrenchNumber(v.replace(/\s*(h|heures?)$/, ''));
  if (n === null) return fail(`nombre d’heures invalide (${value.trim()}).`);
  if (n < 0 || n > 48) return fail(`${value.trim()} h par semaine : la durée doit être comprise entre 0 et 48 heures.`);
  return ok(Math.round(n * 100) / 100);
}

// ── Identity details ────────────────────────────────────────────────────────────

/** Same rules as the form (shared/ipc/salaries.ts). */
export function parsePhone(value: string): CellResult<string> {
  const v = value.trim();
  if (v.length > 30 || !/^\+?[\d\s.()-]{6,}$/.test(v)) return fail(`numéro de téléphone invalide (${v}).`);
  return ok(v);
}

export function parseEmail(value: string): CellResult<string> {
  const v = value.trim();
  if (v.length > 200 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return fail(`adresse e-mail invalide (${v}).`);
  return ok(v);
}

/** 12 characters once spaces are removed (les-emplois shows "99999 21 12345"). */
export function parsePassNumber(value: string): CellResult<string> {
  const v = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[0-9A-Z]{12}$/.test(v)) return fail(`numéro invalide (${value.trim()}) : un numéro de PASS IAE compte 12 caractères.`);
  return ok(v);
}
