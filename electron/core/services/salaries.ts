import { isConfidentialFreinKind, type FreinKind } from '../../../shared/domain/freins';
import { validateSituationAtEntry, type SituationAtEntry } from '../../../shared/domain/situation';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type { FieldIssue } from '../../../shared/ipc/errors';
import type { SalarieIdentity, SalarieListResult } from '../../../shared/ipc/salaries';
import type { AppDb } from '../db/schema';
import { listFreinActions, listFreins } from '../repositories/freins';
import { findReferent } from '../repositories/referents';
import {
  findSalarie,
  insertSalarie,
  listSalaries,
  readConfidentialNote,
  replaceSearchTokens,
  updateSalarie,
  type SalarieWithReferent,
} from '../repositories/salaries';
import { writeSituation } from '../repositories/situation';
import { alertConfig, alertFilterDates, alertSummariesForSalaries } from './alerts';
import { communeNames, findCommune } from './communes';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, nowOf, requireSalarie, SALARIE_NOT_FOUND, todayOf, validationError } from './parcours';
import { searchKeyFor, searchTokensFor } from './salarie-summary';

/** Soft-deleted salariés can be brought back with one click for this long. */
export const UNDO_WINDOW_MS = 10 * 60 * 1000;

// ── Views ───────────────────────────────────────────────────────────────────────

export function identityView(row: SalarieWithReferent, communeName: string | null): SalarieIdentity {
  return {
    id: row.id,
    lastName: row.last_name,
    firstName: row.first_name,
    birthName: row.birth_name,
    sex: row.sex as SalarieIdentity['sex'],
    birthDate: row.birth_date,
    communeInsee: row.commune_insee,
    communeName,
    qpv: row.qpv === 1,
    zrr: row.zrr === 1,
    phone: row.phone,
    email: row.email,
    hasConfidentialNote: row.confidential_note !== null && row.confidential_note !== '',
    entryDate: row.entry_date,
    referentId: row.referent_id,
    referentName: row.referent_name,
    status: row.status,
  };
}

async function communeNameOf(code: string | null): Promise<string | null> {
  if (code === null) return null;
  return (await communeNames([code])).get(code) ?? null;
}

async function readIdentity(db: AppDb, id: string): Promise<SalarieIdentity> {
  const row = await requireSalarie(db, id);
  return identityView(row, await communeNameOf(row.commune_insee));
}

// ── Caseload list ───────────────────────────────────────────────────────────────

/** Words of the query, folded and split exactly like the stored tokens. */
export function searchWords(query: string): string[] {
  return searchTokensFor(query, '', null);
}

export async function listCaseload(ctx: ServiceContext, query: ParsedInput<'salaries.list'>): Promise<SalarieListResult> {
  const db = ctx.db();
  const today = todayOf(ctx);
  const config = await alertConfig(db);
  const { total, rows } = await listSalaries(db, {
    words: searchWords(query.query),
    status: query.status,
    referentId: query.referentId,
    siaeKind: query.siaeKind,
    alerts: query.withAlerts ? alertFilterDates(today, config) : null,
    sort: query.sort,
    offset: query.offset,
    limit: query.limit,
  });
  // Alerts only for the rows of this page: how many, and the most urgent (the fiche shows them in full).
  const alerts = await alertSummariesForSalaries(db, rows, today, config);
  return {
    total,
    rows: rows.map((row) => {
      const own = alerts.get(row.id) ?? { count: 0, level: null };
      return {
        id: row.id,
        lastName: row.last_name,
        firstName: row.first_name,
        birthDate: row.birth_date,
        status: row.status,
        entryDate: row.entry_date,
        referentId: row.referent_id,
        referentName: row.referent_name ?? null,
        siaeKind: row.siae_kind as SalarieListResult['rows'][number]['siaeKind'],
        passIaeEnd: row.pass_end,
        contractEnd: row.contract_end,
        alertLevel: own.level,
        alertCount: own.count,
      };
    }),
  };
}

// ── Writes ──────────────────────────────────────────────────────────────────────

type IdentityInput = ParsedInput<'salaries.updateIdentity'>['identity'];

/** Référent and commune must exist: refused with field issues the form can show. */
async function checkReferences(db: AppDb, input: { referentId?: string | null; communeInsee: string | null }): Promise<void> {
  const issues: FieldIssue[] = [];
  if (input.referentId && !(await findReferent(db, input.referentId))) {
    issues.push({ path: 'referentId', message: 'Ce référent n’existe pas : choisissez-le dans la liste.' });
  }
  if (input.communeInsee && !(await findCommune(input.communeInsee))) {
    issues.push({ path: 'communeInsee', message: 'Commune inconnue : choisissez-la dans la liste.' });
  }
  if (issues.length > 0) throw validationError(issues.length === 1 ? issues[0]!.message : 'Certains champs sont à corriger.', issues);
}

function identityColumns(identity: IdentityInput) {
  return {
    last_name: identity.lastName,
    first_name: identity.firstName,
    birth_name: identity.birthName,
    sex: identity.sex,
    birth_date: identity.birthDate,
    commune_insee: identity.communeInsee,
    qpv: Number(identity.qpv),
    zrr: Number(identity.zrr),
    phone: identity.phone,
    email: identity.email,
    search_key: searchKeyFor(identity.lastName, identity.firstName),
    // Undefined = keep the stored note (the form may not have revealed it).
    ...(identity.confidentialNote !== undefined ? { confidential_note: identity.confidentialNote } : {}),
  };
}

export async function createSalarie(ctx: ServiceContext, input: ParsedInput<'salaries.create'>): Promise<{ id: string }> {
  await checkReferences(ctx.db(), input);
  const id = ctx.ids.next();
  const now = nowOf(ctx);
  await inTransaction(ctx, async (db) => {
    await insertSalarie(db, {
      id,
      ...identityColumns(input),
      confidential_note: input.confidentialNote ?? null,
      entry_date: input.entryDate,
      referent_id: input.referentId,
      created_at: now,
      updated_at: now,
    });
    await replaceSearchTokens(db, id, searchTokensFor(input.lastName, input.firstName, input.birthName));
    await audit(db, ctx, 'salaries.create', 'salarie', id);
  });
  return { id };
}

export async function updateIdentity(ctx: ServiceContext, input: ParsedInput<'salaries.updateIdentity'>): Promise<SalarieIdentity> {
  const { id, identity } = input;
  await requireSalarie(ctx.db(), id);
  await checkReferences(ctx.db(), identity);
  await inTransaction(ctx, async (db) => {
    await requireSalarie(db, id);
    await updateSalarie(db, id, { ...identityColumns(identity), updated_at: nowOf(ctx) });
    await replaceSearchTokens(db, id, searchTokensFor(identity.lastName, identity.firstName, identity.birthName));
    await audit(db, ctx, 'salaries.updateIdentity', 'salarie', id, { fields: Object.keys(identity) });
  });
  return readIdentity(ctx.db(), id);
}

export async function assignReferent(ctx: ServiceContext, input: ParsedInput<'salaries.assignReferent'>): Promise<SalarieIdentity> {
  await requireSalarie(ctx.db(), input.id);
  await checkReferences(ctx.db(), { referentId: input.referentId, communeInsee: null });
  await inTransaction(ctx, async (db) => {
    await updateSalarie(db, input.id, { referent_id: input.referentId, entry_date: input.entryDate, updated_at: nowOf(ctx) });
    await audit(db, ctx, 'salaries.assignReferent', 'salarie', input.id, { referentId: input.referentId });
  });
  return readIdentity(ctx.db(), input.id);
}

/** The ASP coherence rules are checked here so the fiche salarié is never rejected later. */
export async function updateSituation(ctx: ServiceContext, input: ParsedInput<'salaries.updateSituation'>): Promise<SituationAtEntry> {
  await requireSalarie(ctx.db(), input.id);
  const issues = validateSituationAtEntry(input.situation).map((i) => ({ path: `situation.${i.field}`, message: i.message }));
  if (issues.length > 0) throw validationError(issues.length === 1 ? issues[0]!.message : 'Certains champs sont à corriger.', issues);
  await inTransaction(ctx, async (db) => {
    await writeSituation(db, input.id, input.situation, nowOf(ctx));
    await audit(db, ctx, 'salaries.updateSituation', 'situation', input.id);
  });
  return input.situation;
}

export async function softDeleteSalarie(ctx: ServiceContext, id: string): Promise<{ id: string; undoUntil: string }> {
  const now = ctx.clock.now();
  await inTransaction(ctx, async (db) => {
    await requireSalarie(db, id);
    await updateSalarie(db, id, { deleted_at: now.toISOString(), updated_at: now.toISOString() });
    await audit(db, ctx, 'salaries.delete', 'salarie', id);
  });
  return { id, undoUntil: new Date(now.getTime() + UNDO_WINDOW_MS).toISOString() };
}

/** Allowed at any time before the purge (the undo window only bounds the UI's "Annuler"). */
export async function restoreSalarie(ctx: ServiceContext, id: string): Promise<SalarieIdentity> {
  await inTransaction(ctx, async (db) => {
    const row = await findSalarie(db, id, { includeDeleted: true });
    if (!row) throw notFound(SALARIE_NOT_FOUND);
    if (row.deleted_at === null) return;
    await updateSalarie(db, id, { deleted_at: null, updated_at: nowOf(ctx) });
    await audit(db, ctx, 'salaries.restore', 'salarie', id);
  });
  return readIdentity(ctx.db(), id);
}

/** The only way to read confidential texts; each call is logged (ids only, never the texts). */
export async function revealConfidential(ctx: ServiceContext, id: string) {
  return inTransaction(ctx, async (db) => {
    await requireSalarie(db, id);
    const note = await readConfidentialNote(db, id);
    const freins = (await listFreins(db, [id])).filter((f) => isConfidentialFreinKind(f.kind as FreinKind));
    const actions = await listFreinActions(
      db,
      freins.map((f) => f.id),
    );
    await audit(db, ctx, 'salaries.revealConfidential', 'salarie', id, { freinIds: freins.map((f) => f.id) });
    return {
      confidentialNote: note,
      freinDetails: freins.map((f) => ({ freinId: f.id, details: f.details })),
      freinActionNotes: actions.map((a) => ({ freinId: a.frein_id, actionId: a.id, note: a.note })),
    };
  });
}
