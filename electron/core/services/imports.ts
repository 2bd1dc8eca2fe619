import { isSiaeKind, type SiaeKind } from '../../../shared/domain/siae';
import { parseRomeCsv } from '../../../shared/domain/rome';
import { foldForSearch } from '../../../shared/domain/text';
import type { ImportPreview, ImportRowError } from '../../../shared/ipc/imports';
import { isoDate, type Clock, type IdSource } from '../clock';
import { mapColumns, type ColumnMapping } from '../import/columns';
import { loadCommuneTable, resolveCommune, type CommuneResolution } from '../import/communes';
import { parseCsv, type ParsedCsv } from '../import/csv';
import { decodeBase64Csv, type DecodedText } from '../import/decode';
import { communeCellsOf, communeKeyOf, duplicateKeyOf, headerProblems, validateRows, type CommuneResolver, type ValidRow } from '../import/rows';
import { salarieRowsWithCaches } from '../import/salarie-rows';
import { appendAudit } from '../repositories/audit';
import { BulkWriter, findSalariesBySearchKeys, RowBuffer } from '../repositories/bulk-salaries';
import { listReferents } from '../repositories/referents';
import { upsertRomeEntries } from '../repositories/rome';
import { readStructureSiaeKind } from '../repositories/structure';
import type { AppDb } from '../db/schema';
import type { OpenStore } from '../vault/vault';

/**
 * CSV import of a caseload (preview, then all-or-nothing commit) and of the official ROME file.
 * Needs the raw better-sqlite3 handle for the bulk insert, hence `store()` rather than `ctx.db()`;
 * the same dependencies exist inside a job worker, so the commit can move off the main thread as is.
 */
export interface ImportDeps {
  store(): OpenStore;
  clock: Clock;
  ids: IdSource;
  actor(): string;
}

export interface CsvFileInput {
  fileName: string;
  contentBase64: string;
}

/** Beyond this many messages the list stops and a last line gives the remaining count. */
const MAX_REPORTED_ERRORS = 500;
const SAMPLE_SIZE = 10;

interface Duplicate {
  line: number;
  /** The salarié already in the base, when the duplicate is not within the file. */
  existingId: string | null;
  /** Earlier line of the same file, when the duplicate is within the file. */
  firstLine: number | null;
}

interface Analysis {
  decoded: DecodedText;
  parsed: ParsedCsv;
  mapping: ColumnMapping;
  validated: ValidatedFile;
  duplicates: Duplicate[];
}

/** Commune answers for a file's distinct commune cells, by communeKeyOf. */
export type CommuneAnswers = [key: string, resolution: CommuneResolution][];

/** What validating a file found, before looking at the base for duplicates. */
export interface ValidatedFile {
  totalRows: number;
  valid: ValidRow[];
  errors: ImportRowError[];
  /** Blocks any import (no usable header, unreadable file). */
  fatal: boolean;
  siaeKind: SiaeKind | null;
  /** The day it was validated on: dates are checked against it. */
  today: string;
}

/**
 * The validation of the file last previewed in this process. Committing the same file (what the screen does
 * next) sends it to the worker, which then only checks duplicates and writes: reading and validating the file
 * once more, with code not yet compiled in a new worker, was ≈ 260 ms of a 10 000-line import's 860 ms.
 * Validation depends only on the file, the day and the structure's SIAE kind; another day or kind validates again.
 */
let previewed: { contentBase64: string; validated: ValidatedFile } | null = null;

/** Drops the previewed file's validation (the store is locked: no personal data stays in memory). */
export function forgetPreviewedImport(): void {
  previewed = null;
}

async function analyse(deps: ImportDeps, file: CsvFileInput, communeAnswers?: CommuneAnswers): Promise<Analysis> {
  const read = await validateFile(deps, file, communeAnswers);
  return { ...read, duplicates: await findDuplicates(deps.store().db, read.validated.valid) };
}

async function validateFile(
  deps: ImportDeps,
  file: CsvFileInput,
  communeAnswers?: CommuneAnswers,
): Promise<{ decoded: DecodedText; parsed: ParsedCsv; mapping: ColumnMapping; validated: ValidatedFile }> {
  const db = deps.store().db;
  const today = isoDate(deps.clock.now());
  const decoded = decodeBase64Csv(file.contentBase64);
  const parsed = parseCsv(decoded.text);
  const [header, ...records] = parsed.records;
  const mapping = mapColumns(header?.fields ?? []);
  const base = { decoded, parsed, mapping };
  const fatal = (errors: ImportRowError[]) => ({ ...base, validated: { totalRows: 0, valid: [], errors, fatal: true, siaeKind: null, today } });
  if (!header) {
    const message = 'Le fichier est vide : la première ligne doit contenir les noms des colonnes (Nom ; Prénom ; …).';
    return fatal([{ line: 1, column: null, message }]);
  }
  const problems = headerProblems(mapping, header.row);
  if (problems.length > 0) return fatal(problems);

  const hasCommune = mapping.indexOf.communeCode !== undefined || mapping.indexOf.commune !== undefined || mapping.indexOf.postcode !== undefined;
  const siaeKind = await structureSiaeKind(db);
  const env = { today, siaeKind };
  let rows;
  try {
    rows = validateRows(records, mapping, { ...env, communes: hasCommune ? (communeAnswers ? answersResolver(communeAnswers) : await loadCommuneTable()) : null });
  } catch (error) {
    if (!(error instanceof MissingCommuneAnswer)) throw error;
    rows = validateRows(records, mapping, { ...env, communes: await loadCommuneTable() });
  }
  const errors = [...rows.errors];
  if (parsed.unclosedQuoteRow !== null) {
    errors.push({
      line: parsed.unclosedQuoteRow,
      column: null,
      message: `Ligne ${parsed.unclosedQuoteRow} : un guillemet ouvert n’est jamais fermé ; la fin du fichier n’a pas pu être lue correctement.`,
    });
  }
  if (rows.totalRows === 0) {
    errors.push({ line: 2, column: null, message: 'Aucune ligne de données sous la ligne d’en-tête.' });
  }
  return { ...base, validated: { totalRows: rows.totalRows, valid: rows.valid, errors, fatal: parsed.unclosedQuoteRow !== null, siaeKind, today } };
}

async function structureSiaeKind(db: AppDb): Promise<SiaeKind | null> {
  const stored = await readStructureSiaeKind(db);
  return isSiaeKind(stored) ? stored : null;
}

/** Same folded nom + prénom + birth date as a salarié already in the base, or as an earlier line. */
async function findDuplicates(db: AppDb, valid: readonly ValidRow[]): Promise<Duplicate[]> {
  const existing = await findSalariesBySearchKeys(db, valid.map((r) => r.searchKey));
  const existingByKey = new Map<string, string>();
  for (const e of existing) {
    const key = duplicateKeyOf(e.search_key, e.birth_date);
    if (!existingByKey.has(key)) existingByKey.set(key, e.id);
  }
  const firstLineByKey = new Map<string, number>();
  const duplicates: Duplicate[] = [];
  for (const row of valid) {
    const existingId = existingByKey.get(row.duplicateKey) ?? null;
    const firstLine = firstLineByKey.get(row.duplicateKey) ?? null;
    if (existingId !== null || firstLine !== null) duplicates.push({ line: row.line, existingId, firstLine: existingId === null ? firstLine : null });
    if (firstLine === null) firstLineByKey.set(row.duplicateKey, row.line);
  }
  return duplicates;
}

/**
 * The given answers. A cell without one (never expected: they come from the same file) makes analyse validate
 * again with the referential itself, so the result never depends on which process computed what.
 */
function answersResolver(answers: CommuneAnswers): CommuneResolver {
  const byKey = new Map(answers);
  return (_cells, key) => {
    const known = byKey.get(key);
    if (known) return known;
    throw new MissingCommuneAnswer();
  };
}

class MissingCommuneAnswer extends Error {}

/**
 * The answers for every distinct commune cell of the file, from the referential this process keeps warm
 * (the preview loaded it). The job worker then never reads the 8.6 MB referential and builds its indexes
 * (≈ 300 ms of CPU per import); it receives a few hundred answers at most. Null when the file has no
 * commune column (or no usable header: the worker reports it).
 */
export async function communeAnswersFor(file: CsvFileInput): Promise<CommuneAnswers | null> {
  const [header, ...records] = parseCsv(decodeBase64Csv(file.contentBase64).text).records;
  if (!header) return null;
  const mapping = mapColumns(header.fields);
  if (mapping.indexOf.communeCode === undefined && mapping.indexOf.commune === undefined && mapping.indexOf.postcode === undefined) return null;
  const table = await loadCommuneTable();
  const answers = new Map<string, CommuneResolution>();
  for (const record of records) {
    const cells = communeCellsOf(record.fields, mapping);
    if (!cells) continue;
    const key = communeKeyOf(cells);
    if (!answers.has(key)) answers.set(key, resolveCommune(table, cells));
  }
  return [...answers];
}

function capErrors(errors: readonly ImportRowError[]): ImportRowError[] {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  if (sorted.length <= MAX_REPORTED_ERRORS) return sorted;
  const rest = sorted.length - MAX_REPORTED_ERRORS;
  return [
    ...sorted.slice(0, MAX_REPORTED_ERRORS),
    { line: (sorted[MAX_REPORTED_ERRORS] as ImportRowError).line, column: null, message: `… et ${rest} autre${rest > 1 ? 's' : ''} erreur${rest > 1 ? 's' : ''}.` },
  ];
}

export async function previewSalariesImport(deps: ImportDeps, file: CsvFileInput): Promise<ImportPreview> {
  const a = await analyse(deps, file);
  const v = a.validated;
  previewed = { contentBase64: file.contentBase64, validated: v };
  return {
    encoding: a.decoded.encoding,
    delimiter: a.parsed.delimiter,
    columns: a.mapping.headers.map((header, i) => ({ header, field: a.mapping.fields[i] ?? null })),
    totalRows: v.totalRows,
    validRows: v.valid.length,
    sample: v.valid.slice(0, SAMPLE_SIZE).map((r) => ({
      line: r.line,
      lastName: r.identity.lastName,
      firstName: r.identity.firstName,
      birthDate: r.identity.birthDate,
      entryDate: r.identity.entryDate,
    })),
    errors: capErrors(v.errors),
    duplicates: a.duplicates.filter((d) => d.existingId !== null).map((d) => ({ line: d.line, existingId: d.existingId as string })),
    fileDuplicates: a.duplicates.filter((d) => d.firstLine !== null).map((d) => ({ line: d.line, firstLine: d.firstLine as number })),
  };
}

export interface CommitResult {
  imported: number;
  skipped: number;
  errors: ImportRowError[];
}

/**
 * All or nothing: one invalid row and nothing is written, unless `skipInvalidRows`. Duplicates
 * (already in the base, or repeated in the file) are skipped unless `skipDuplicates` is false.
 * One transaction for the rows, the new référents and the audit entry (counts only).
 */
export async function commitSalariesImport(
  deps: ImportDeps,
  input: CsvFileInput & { skipInvalidRows: boolean; skipDuplicates: boolean; communeAnswers?: CommuneAnswers | null; validated?: ValidatedFile | null },
): Promise<CommitResult> {
  const db = deps.store().db;
  const given = input.validated;
  const fresh = given && given.today === isoDate(deps.clock.now()) && given.siaeKind === (await structureSiaeKind(db)) ? given : null;
  const v = fresh ?? (await validateFile(deps, input, input.communeAnswers ?? undefined)).validated;
  const errors = capErrors(v.errors);
  if (v.fatal || (v.errors.length > 0 && !input.skipInvalidRows)) {
    return { imported: 0, skipped: v.totalRows, errors };
  }
  const a = { ...v, duplicates: await findDuplicates(db, v.valid) };
  const duplicateLines = new Set(a.duplicates.map((d) => d.line));
  const toImport = input.skipDuplicates ? a.valid.filter((r) => !duplicateLines.has(r.line)) : a.valid;
  const skipped = a.totalRows - toImport.length;
  if (toImport.length === 0) return { imported: 0, skipped, errors };

  const store = deps.store();
  const now = deps.clock.now().toISOString();
  await store.db.transaction().execute(async (trx) => {
    // Kysely holds the single connection for the transaction: the raw statements below run inside it.
    const referentIds = new Map((await listReferents(trx)).map((r) => [foldForSearch(r.display_name), r.id]));
    const writer = new BulkWriter(store.sqlite);
    // Rows are gathered per table and written table after table: one statement at a time walks its B-trees from
    // where the previous row left them (interleaving five tables row by row cost ≈ 30 % more in SQLite).
    const rows = new RowBuffer();
    let newReferents = 0;
    // Written in id order: the primary keys and every salarie_id index grow by appends, not random inserts.
    const withIds = toImport.map((row) => ({ id: deps.ids.next(), row })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const { id, row } of withIds) {
      let referentId: string | null = null;
      if (row.referentName !== null) {
        const key = foldForSearch(row.referentName);
        referentId = referentIds.get(key) ?? null;
        if (referentId === null) {
          referentId = deps.ids.next();
          rows.add('referent', { id: referentId, display_name: row.referentName, active: 1, created_at: now });
          referentIds.set(key, referentId);
          newReferents += 1;
        }
      }
      writeRow(rows, id, deps.ids, row, referentId, a.siaeKind, now);
    }
    rows.flushTo(writer);
    await appendAudit(trx, {
      at: now,
      actor: deps.actor(),
      action: 'import.salaries',
      entity: 'salarie',
      entityId: null,
      detail: {
        imported: toImport.length,
        skipped,
        invalidRows: a.totalRows - a.valid.length,
        duplicates: a.duplicates.length,
        newReferents,
        passIae: toImport.filter((r) => r.pass).length,
        contracts: toImport.filter((r) => r.contract).length,
      },
    });
  });
  return { imported: toImport.length, skipped, errors };
}

/** What runs a job in the worker thread (ServiceContext.jobs). */
interface JobRunning {
  run<T>(job: string, payload: unknown): Promise<T>;
  prepare(): void;
}

/** The preview, with a worker started meanwhile for the commit that usually follows (its code loads in parallel). */
export async function runSalariesImportPreview(jobs: JobRunning, deps: ImportDeps, file: CsvFileInput): Promise<ImportPreview> {
  jobs.prepare();
  return previewSalariesImport(deps, file);
}

/**
 * The commit as the app runs it: the commune answers here, where the referential is warm, and parsing,
 * validating and inserting in the job worker (progress via jobs.progress).
 */
export async function runSalariesImportCommit(
  jobs: JobRunning,
  input: CsvFileInput & { skipInvalidRows: boolean; skipDuplicates: boolean },
): Promise<CommitResult> {
  // The worker checks that the validation is still the day's and the structure's (else it validates again).
  if (previewed?.contentBase64 === input.contentBase64) return jobs.run<CommitResult>('import.salaries', { ...input, validated: previewed.validated });
  return jobs.run<CommitResult>('import.salaries', { ...input, communeAnswers: await communeAnswersFor(input) });
}

function writeRow(writer: RowBuffer, id: string, ids: IdSource, row: ValidRow, referentId: string | null, siaeKind: SiaeKind | null, now: string): void {
  const p = row.identity;
  const contract = row.contract && siaeKind ? { ...row.contract, siaeKind } : null;
  const { salarie, tokens } = salarieRowsWithCaches(
    {
      id,
      last_name: p.lastName,
      first_name: p.firstName,
      birth_name: p.birthName,
      sex: p.sex,
      birth_date: p.birthDate,
      entry_date: p.entryDate,
      referent_id: referentId,
      commune_insee: p.communeInsee,
      qpv: p.qpv ? 1 : 0,
      zrr: p.zrr ? 1 : 0,
      phone: p.phone,
      email: p.email,
      confidential_note: p.confidentialNote ?? null,
      created_at: now,
      updated_at: now,
    },
    {
      pass: row.pass ? { number: row.pass.number, startDate: row.pass.startDate, baseEndDate: row.pass.baseEndDate, suspensions: [], prolongations: [] } : null,
      contracts: contract ? [contract] : [],
      exitDate: null,
    },
    row.searchKey,
  );
  writer.add('salarie', salarie);
  for (const t of tokens) writer.add('salarie_search_token', t);
  if (row.situation) {
    const st = row.situation;
    // Columns the file does not carry keep the table's defaults ("non", unknown).
    writer.add('situation', {
      salarie_id: id,
      education_level: st.educationLevel,
      prescriber_type: null,
      is_employed: 0,
      employer_type: null,
      unemployed_since: null,
      resourceless: 0,
      france_travail_registered: 0,
      france_travail_since: null,
      rqth: st.rqth ? 1 : 0,
      oeth: 0,
      rsa: st.rsa,
      rsa_since: null,
      ass: st.ass ? 1 : 0,
      ass_since: null,
      aah: st.aah ? 1 : 0,
      aah_since: null,
      ase_exit: 0,
      isolated_parent: 0,
      housing_issue: 0,
      refugee: 0,
      detention_exit_or_ppsmj: 0,
      low_level_in_french: 0,
      mobility_issue: 0,
      updated_at: now,
    });
  }
  if (row.pass) {
    writer.add('pass_iae', { salarie_id: id, number: row.pass.number, start_date: row.pass.startDate, base_end_date: row.pass.baseEndDate, updated_at: now });
  }
  if (contract) {
    writer.add('contract', {
      id: ids.next(),
      salarie_id: id,
      kind: contract.kind,
      siae_kind: contract.siaeKind,
      annexe_id: null,
      start_date: contract.startDate,
      end_date: contract.endDate,
      weekly_hours: contract.weeklyHours,
      is_renewal: 0,
      referent_id: referentId,
      hours_worked: null,
      created_at: now,
      updated_at: now,
    });
  }
}

// ── ROME ──────────────────────────────────────────────────────────────────────────

/**
 * The official ROME file: one row per code is kept (the appellations file repeats a code per
 * appellation; the first label wins). Nothing is written when no line is valid.
 */
export async function commitRomeImport(deps: ImportDeps, file: CsvFileInput): Promise<{ imported: number; errors: ImportRowError[] }> {
  const decoded = decodeBase64Csv(file.contentBase64);
  const result = parseRomeCsv(decoded.text);
  const errors = capErrors(result.errors.map((e) => ({ line: e.line, column: null, message: e.message })));
  const byCode = new Map<string, string>();
  for (const entry of result.entries) if (!byCode.has(entry.code)) byCode.set(entry.code, entry.label);
  if (byCode.size === 0) {
    if (errors.length === 0) errors.push({ line: 1, column: null, message: 'Aucun métier ROME valide dans ce fichier.' });
    return { imported: 0, errors };
  }
  const now = deps.clock.now().toISOString();
  const rows = [...byCode].map(([code, label]) => ({ code, label, imported_at: now }));
  await deps.store().db.transaction().execute(async (trx) => {
    await upsertRomeEntries(trx, rows);
    await appendAudit(trx, {
      at: now,
      actor: deps.actor(),
      action: 'import.rome',
      entity: 'rome_entry',
      entityId: null,
      detail: { imported: rows.length, lineErrors: result.errors.length },
    });
  });
  return { imported: rows.length, errors };
}
