import type { z } from 'zod';
import { addYears, type IsoDate } from '../../../shared/domain/calendar';
import { contractKindLabels, contractKindsBySiaeKind, isContractKindAllowed, type ContractKind } from '../../../shared/domain/contracts';
import { defaultPassIaeEndDate } from '../../../shared/domain/pass-iae';
import { ageAt, type SexCode } from '../../../shared/domain/people';
import type { SiaeKind } from '../../../shared/domain/siae';
import type { EducationLevel, RsaAllocation } from '../../../shared/domain/situation';
import type { ImportRowError } from '../../../shared/ipc/imports';
import type { SalarieCreateInput } from '../../../shared/ipc/salaries';
import { searchKeyFor } from '../services/salarie-summary';
import { importFieldLabels, type ColumnMapping, type ImportField } from './columns';
import { resolveCommune, type CommuneResolution, type CommuneTable } from './communes';
import type { CsvRecord } from './csv';
import {
  type CellResult,
  parseContractKind,
  parseEducationLevel,
  parseEmail,
  parseFileDate,
  parsePassNumber,
  parsePhone,
  parseRsa,
  parseSex,
  parseWeeklyHours,
  parseYesNo,
} from './values';

/** The salarié as `salaries.create` receives it (after the contract's parsing). */
export type SalarieCreateValue = z.output<typeof SalarieCreateInput>;

export interface ImportedSituation {
  educationLevel: EducationLevel | null;
  rsa: RsaAllocation;
  ass: boolean;
  aah: boolean;
  rqth: boolean;
}

export interface ValidRow {
  line: number;
  identity: SalarieCreateValue;
  /** Référent as written in the file; matched to (or created as) a referent at commit. */
  referentName: string | null;
  /** Present when the file has at least one situation column. */
  situation: ImportedSituation | null;
  pass: { number: string | null; startDate: IsoDate; baseEndDate: IsoDate } | null;
  contract: { kind: ContractKind; startDate: IsoDate; endDate: IsoDate | null; weeklyHours: number | null } | null;
  /** Folded "nom prénom" + birth date: what makes two lines the same person. */
  duplicateKey: string;
  searchKey: string;
}

export interface RowEnv {
  /** For two-digit years and plausibility checks. */
  today: IsoDate;
  /** The structure's SIAE kind (contracts need it); null when the structure is not set up yet. */
  siaeKind: SiaeKind | null;
  /**
   * Loaded only when the file has a commune column: the referential itself, or answers already computed
   * from it (the job worker gets the main process's answers for the file's cells: see services/imports.ts).
   */
  communes: CommuneTable | CommuneResolver | null;
}

export interface CommuneCells {
  code: string | null;
  name: string | null;
  postcode: string | null;
}

export type CommuneResolver = (cells: CommuneCells, key: string) => CommuneResolution;

/** The commune cells of a line (trimmed, null when empty); null when the line has none. */
export function communeCellsOf(fields: readonly string[], mapping: ColumnMapping): CommuneCells | null {
  const cell = (f: ImportField): string => {
    const i = mapping.indexOf[f];
    return i === undefined ? '' : (fields[i] ?? '').trim();
  };
  const code = cell('communeCode');
  const name = cell('commune');
  const postcode = cell('postcode');
  if (code === '' && name === '' && postcode === '') return null;
  return { code: code || null, name: name || null, postcode: postcode || null };
}

/** One key per distinct combination of commune cells. */
export function communeKeyOf(cells: CommuneCells): string {
  return `${cells.code ?? ''}\u0000${cells.name ?? ''}\u0000${cells.postcode ?? ''}`;
}

export interface RowsResult {
  valid: ValidRow[];
  errors: ImportRowError[];
  /** Data rows (blank rows excluded). */
  totalRows: number;
}

const SITUATION_FIELDS: readonly ImportField[] = ['educationLevel', 'rsa', 'ass', 'aah', 'rqth'];
const MIN_AGE_AT_ENTRY = 16;

export function duplicateKeyOf(searchKey: string, birthDate: string | null): string {
  return `${searchKey}\u0000${birthDate ?? ''}`;
}

/** Problems that make the whole file unusable (reported on the header's line). */
export function headerProblems(mapping: ColumnMapping, line = 1): ImportRowError[] {
  const missing = (['lastName', 'firstName'] as const).filter((f) => mapping.indexOf[f] === undefined);
  if (missing.length === 0) return [];
  const names = missing.map((f) => `« ${importFieldLabels[f]} »`).join(' et ');
  const s = missing.length > 1 ? 's' : '';
  const hint = 'La première ligne doit nommer les colonnes (Nom ; Prénom ; Date de naissance ; Date d’entrée…).';
  return [{ line, column: null, message: `Ligne ${line} : colonne${s} ${names} introuvable${s}. ${hint}` }];
}

/** Validates every data row; a row is valid only when all its cells are. */
export function validateRows(records: readonly CsvRecord[], mapping: ColumnMapping, env: RowEnv): RowsResult {
  const validator = new RowValidator(mapping, env);
  const valid: ValidRow[] = [];
  const errors: ImportRowError[] = [];
  let totalRows = 0;
  for (const record of records) {
    // Spreadsheets export emptied rows as ";;;;": skipped like blank lines.
    if (record.fields.every((f) => f.trim() === '')) continue;
    totalRows += 1;
    const row = validator.validate(record);
    if (row) valid.push(row);
    else errors.push(...validator.errors);
  }
  return { valid, errors, totalRows };
}

type DateCell = CellResult<{ date: IsoDate; twoDigitYear: boolean }>;

/** Past this many distinct values a column's memo stops growing (names, phones are all distinct anyway). */
const MEMO_LIMIT = 50_000;

/**
 * One validator per file. Cells repeat a lot down a column (sexe, dates d'entrée, communes, types de
 * contrat), so each column's parse results are memoised: 10 000 lines validate in well under 100 ms.
 */
class RowValidator {
  readonly #mapping: ColumnMapping;
  readonly #env: RowEnv;
  readonly #hasSituation: boolean;
  readonly #memo = new Map<ImportField, Map<string, CellResult<unknown>>>();
  readonly #dateMemo = new Map<string, DateCell>();
  readonly #communeMemo = new Map<string, CommuneResolution>();
  #fields: readonly string[] = [];
  #line = 0;
  errors: ImportRowError[] = [];

  constructor(mapping: ColumnMapping, env: RowEnv) {
    this.#mapping = mapping;
    this.#env = env;
    this.#hasSituation = SITUATION_FIELDS.some((f) => mapping.indexOf[f] !== undefined);
  }

  #header(f: ImportField): string | null {
    const i = this.#mapping.indexOf[f];
    return i === undefined ? null : (this.#mapping.headers[i] ?? null);
  }

  #cell(f: ImportField): string {
    const i = this.#mapping.indexOf[f];
    return i === undefined ? '' : (this.#fields[i] ?? '').trim();
  }

  #fail(f: ImportField | null, message: string): null {
    const column = f === null ? null : (this.#header(f) ?? importFieldLabels[f]);
    const line = this.#line;
    this.errors.push({ line, column, message: column === null ? `Ligne ${line} : ${message}` : `Ligne ${line}, colonne « ${column} » : ${message}` });
    return null;
  }

  #read<T>(f: ImportField, parse: (v: string) => CellResult<T>): T | null {
    const v = this.#cell(f);
    if (v === '') return null;
    let memo = this.#memo.get(f);
    if (!memo) {
      memo = new Map();
      this.#memo.set(f, memo);
    }
    let r = memo.get(v) as CellResult<T> | undefined;
    if (!r) {
      r = parse(v);
      if (memo.size < MEMO_LIMIT) memo.set(v, r);
    }
    return r.ok ? r.value : this.#fail(f, r.message);
  }

  #parseDate(v: string): DateCell {
    let r = this.#dateMemo.get(v);
    if (!r) {
      r = parseFileDate(v, this.#env.today);
      if (this.#dateMemo.size < MEMO_LIMIT) this.#dateMemo.set(v, r);
    }
    return r;
  }

  #date(f: ImportField): IsoDate | null {
    const v = this.#cell(f);
    if (v === '') return null;
    const r = this.#parseDate(v);
    return r.ok ? r.value.date : this.#fail(f, r.message);
  }

  #text(f: ImportField, max: number): string | null {
    const v = this.#cell(f).replace(/\s+/g, ' ');
    if (v === '') return null;
    return v.length > max ? this.#fail(f, `${max} caractères au plus.`) : v;
  }

  #required(f: ImportField, missing: string): string | null {
    if (this.#cell(f) === '') return this.#fail(f, missing);
    return this.#text(f, 100);
  }

  validate(record: CsvRecord): ValidRow | null {
    this.#fields = record.fields;
    this.#line = record.row;
    this.errors = [];
    const env = this.#env;
    const fields = record.fields;
    const headerCount = this.#mapping.headers.length;

    if (fields.length > headerCount && fields.slice(headerCount).some((f) => f.trim() !== '')) {
      this.#fail(null, `${fields.length} valeurs pour ${headerCount} colonnes. Une valeur contient sans doute le séparateur : mettez-la entre guillemets.`);
    }

    const lastName = this.#required('lastName', 'nom manquant.');
    const firstName = this.#required('firstName', 'prénom manquant.');
    const birthName = this.#text('birthName', 100);
    const sex = this.#read<SexCode>('sex', parseSex);
    const referentName = this.#text('referent', 100);

    // Birth date: a two-digit year is never in the future ("01/02/30" is 1930, not 2030).
    let birthDate: IsoDate | null = null;
    const birthCell = this.#cell('birthDate');
    if (birthCell !== '') {
      const r = this.#parseDate(birthCell);
      if (!r.ok) this.#fail('birthDate', r.message);
      else {
        birthDate = r.value.date > env.today && r.value.twoDigitYear ? addYears(r.value.date, -100) : r.value.date;
        if (birthDate > env.today) birthDate = this.#fail('birthDate', `date de naissance dans le futur (${birthCell}).`);
      }
    }

    // PASS IAE: a start date is needed; the end defaults to the standard 24 months.
    const passNumber = this.#read('passNumber', parsePassNumber);
    const passStart = this.#date('passStart');
    const passEndCell = this.#date('passEnd');
    let pass: ValidRow['pass'] = null;
    if (passNumber !== null || passStart !== null || passEndCell !== null) {
      if (passStart === null) {
        if (this.#cell('passStart') === '') this.#fail(this.#header('passStart') ? 'passStart' : null, 'date de début du PASS IAE manquante.');
      } else {
        const baseEndDate = passEndCell ?? defaultPassIaeEndDate(passStart);
        if (baseEndDate < passStart) this.#fail('passEnd', 'la fin du PASS IAE précède son début.');
        else pass = { number: passNumber, startDate: passStart, baseEndDate };
      }
    }

    // Contract: the structure's SIAE kind decides which kinds are possible.
    const kindCell = this.#read('contractKind', parseContractKind);
    const contractStart = this.#date('contractStart');
    const contractEnd = this.#date('contractEnd');
    const weeklyHours = this.#read('weeklyHours', parseWeeklyHours);
    let contract: ValidRow['contract'] = null;
    const hasContractData =
      this.#cell('contractKind') !== '' || this.#cell('contractStart') !== '' || this.#cell('contractEnd') !== '' || this.#cell('weeklyHours') !== '';
    if (hasContractData) {
      if (env.siaeKind === null) {
        this.#fail(null, 'le type de SIAE de la structure n’est pas renseigné : complétez la fiche structure avant d’importer des contrats.');
      } else if (contractStart === null) {
        if (this.#cell('contractStart') === '') this.#fail(this.#header('contractStart') ? 'contractStart' : null, 'date de début du contrat manquante.');
      } else {
        const allowed = contractKindsBySiaeKind[env.siaeKind];
        const kind = kindCell ?? (allowed.includes('FIXED_TERM_I') ? 'FIXED_TERM_I' : (allowed[0] as ContractKind));
        if (!isContractKindAllowed(env.siaeKind, kind)) {
          this.#fail('contractKind', `un contrat « ${contractKindLabels[kind]} » n’est pas possible en ${env.siaeKind}.`);
        } else if (contractEnd !== null && contractEnd < contractStart) {
          this.#fail('contractEnd', 'la fin du contrat précède son début.');
        } else {
          contract = { kind, startDate: contractStart, endDate: contractEnd, weeklyHours };
        }
      }
    }

    // Entry date: the column, else the start of the contract or of the PASS IAE.
    let entryDate = this.#date('entryDate');
    if (entryDate === null && this.#cell('entryDate') === '') {
      entryDate = contract?.startDate ?? pass?.startDate ?? null;
      if (entryDate === null) {
        this.#fail(this.#header('entryDate') ? 'entryDate' : null, 'date d’entrée manquante (ajoutez-la, ou une date de début de contrat).');
      }
    }
    if (birthDate !== null && entryDate !== null && ageAt(birthDate, entryDate) < MIN_AGE_AT_ENTRY) {
      this.#fail('birthDate', `la personne aurait ${Math.max(0, ageAt(birthDate, entryDate))} ans à son entrée : vérifiez la date de naissance.`);
    }

    const communeInsee = this.#commune();
    const qpv = this.#read('qpv', parseYesNo) ?? false;
    const zrr = this.#read('zrr', parseYesNo) ?? false;
    const phone = this.#read('phone', parsePhone);
    const email = this.#read('email', parseEmail);

    const situation: ImportedSituation | null = this.#hasSituation
      ? {
          educationLevel: this.#read('educationLevel', parseEducationLevel),
          rsa: this.#read('rsa', parseRsa) ?? 'NON',
          ass: this.#read('ass', parseYesNo) ?? false,
          aah: this.#read('aah', parseYesNo) ?? false,
          rqth: this.#read('rqth', parseYesNo) ?? false,
        }
      : null;

    if (this.errors.length > 0 || lastName === null || firstName === null || entryDate === null) return null;

    const identity: SalarieCreateValue = {
      lastName,
      firstName,
      birthName,
      sex,
      birthDate,
      communeInsee,
      qpv,
      zrr,
      phone,
      email,
      confidentialNote: null,
      entryDate,
      referentId: null,
    };
    const searchKey = searchKeyFor(identity.lastName, identity.firstName);
    return { line: record.row, identity, referentName, situation, pass, contract, duplicateKey: duplicateKeyOf(searchKey, birthDate), searchKey };
  }

  /** INSEE code column, or name (+ postcode), or postcode alone. */
  #commune(): string | null {
    const communes = this.#env.communes;
    if (!communes) return null;
    const cells = communeCellsOf(this.#fields, this.#mapping);
    if (!cells) return null;
    const key = communeKeyOf(cells);
    let r = this.#communeMemo.get(key);
    if (!r) {
      r = typeof communes === 'function' ? communes(cells, key) : resolveCommune(communes, cells);
      if (this.#communeMemo.size < MEMO_LIMIT) this.#communeMemo.set(key, r);
    }
    if (r.ok) return r.code;
    return this.#fail(cells.code ? 'communeCode' : cells.name ? 'commune' : 'postcode', r.message);
  }
}
