import { sql, type RawBuilder } from 'kysely';
import type { AppDb } from '../db/schema';

/*
 * Read-only queries of the GDPR features: every row held about one salarié (access / portability),
 * the files the retention review proposes, and the audit log viewer. `SELECT *` on purpose for the
 * export: a column added by a later migration is exported without anyone having to remember it.
 */

export type Row = Record<string, unknown>;

/** Tables of features that ship their own migration (immersions): used only when present. */
export async function existingTables(db: AppDb, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${sql.join(names)})`.execute(db);
  return new Set(rows.map((r) => r.name));
}

async function all(db: AppDb, query: RawBuilder<Row>): Promise<Row[]> {
  return (await query.execute(db)).rows;
}

function inList(ids: readonly string[]) {
  return sql.join(ids.map((id) => sql`${id}`));
}

/** The salarié row (deleted or not), with the référent's name. */
export async function readSalarieRow(db: AppDb, id: string): Promise<Row | null> {
  const rows = await all(
    db,
    sql<Row>`SELECT s.*, r.display_name AS referent_name FROM salarie s LEFT JOIN referent r ON r.id = s.referent_id WHERE s.id = ${id}`,
  );
  return rows[0] ?? null;
}

/** Tables with a `salarie_id` column holding this salarié's own records. */
export const SALARIE_TABLES = [
  'situation',
  'pass_iae',
  'pass_iae_suspension',
  'pass_iae_prolongation',
  'contract',
  'frein',
  'projet',
  'projet_target',
  'formation',
  'sortie',
  'sortie_follow_up',
  'action',
] as const;
export type SalarieTableName = (typeof SALARIE_TABLES)[number];

export async function rowsOfSalarie(db: AppDb, table: SalarieTableName, salarieId: string): Promise<Row[]> {
  return all(db, sql<Row>`SELECT * FROM ${sql.table(table)} WHERE salarie_id = ${salarieId} ORDER BY rowid`);
}

export async function freinActionsOf(db: AppDb, salarieId: string): Promise<Row[]> {
  return all(
    db,
    sql<Row>`SELECT a.* FROM frein_action a JOIN frein f ON f.id = a.frein_id WHERE f.salarie_id = ${salarieId} ORDER BY a.date, a.id`,
  );
}

export async function sortieEmployerName(db: AppDb, salarieId: string): Promise<string | null> {
  const rows = await all(
    db,
    sql<Row>`SELECT o.name FROM sortie s JOIN organisation o ON o.id = s.employer_organisation_id WHERE s.salarie_id = ${salarieId}`,
  );
  const name = rows[0]?.name;
  return typeof name === 'string' ? name : null;
}

/** Entretiens of the salarié, and those where they are a participant (e.g. collective sessions). */
export async function entretiensOf(db: AppDb, salarieId: string): Promise<Row[]> {
  return all(
    db,
    sql<Row>`SELECT e.* FROM entretien e
      WHERE e.salarie_id = ${salarieId}
         OR e.id IN (SELECT entretien_id FROM entretien_participant WHERE salarie_id = ${salarieId})
      ORDER BY e.date, e.id`,
  );
}

export type EntretienChildTable = 'entretien_participant' | 'entretien_objective' | 'entretien_document' | 'entretien_frein';

export async function entretienChildren(db: AppDb, table: EntretienChildTable, entretienIds: readonly string[]): Promise<Row[]> {
  if (entretienIds.length === 0) return [];
  const order = table === 'entretien_frein' ? sql`entretien_id, frein_id` : sql`entretien_id, rank`;
  return all(db, sql<Row>`SELECT * FROM ${sql.table(table)} WHERE entretien_id IN (${inList(entretienIds)}) ORDER BY ${order}`);
}

export const IMMERSION_TABLES = [
  'immersion',
  'immersion_step',
  'immersion_grid',
  'immersion_grid_item',
  'immersion_evaluation',
  'immersion_rating',
  'immersion_bilan',
] as const;

export async function immersionsOf(db: AppDb, salarieId: string): Promise<Row[]> {
  return all(db, sql<Row>`SELECT * FROM immersion WHERE salarie_id = ${salarieId} ORDER BY start_date, id`);
}

export async function immersionChildren(
  db: AppDb,
  table: 'immersion_step' | 'immersion_grid' | 'immersion_evaluation' | 'immersion_bilan',
  immersionIds: readonly string[],
): Promise<Row[]> {
  if (immersionIds.length === 0) return [];
  // Some of these tables are WITHOUT ROWID: order by their keys.
  const order = { immersion_step: sql`immersion_id, step`, immersion_grid: sql`immersion_id`, immersion_evaluation: sql`immersion_id, date, id`, immersion_bilan: sql`immersion_id` }[table];
  return all(db, sql<Row>`SELECT * FROM ${sql.table(table)} WHERE immersion_id IN (${inList(immersionIds)}) ORDER BY ${order}`);
}

export async function gridItemsOf(db: AppDb, gridIds: readonly string[]): Promise<Row[]> {
  if (gridIds.length === 0) return [];
  return all(db, sql<Row>`SELECT * FROM immersion_grid_item WHERE grid_id IN (${inList(gridIds)}) ORDER BY grid_id, rank`);
}

export async function ratingsOf(db: AppDb, evaluationIds: readonly string[]): Promise<Row[]> {
  if (evaluationIds.length === 0) return [];
  return all(db, sql<Row>`SELECT * FROM immersion_rating WHERE evaluation_id IN (${inList(evaluationIds)}) ORDER BY evaluation_id, rank`);
}

/** Organisation names (host companies, employers, partners) by id, for readable exports. */
export async function organisationNames(db: AppDb, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function readStructureName(db: AppDb): Promise<string | null> {
  const row = await db.selectFrom('structure').select('name').where('id', '=', 1).executeTakeFirst();
  return row?.name ?? null;
}

// ── Audit log (read only: the log is never updated nor deleted) ─────────────────

/** The salarié an audit entry concerns: named in `detail.salarieId`, or the entity itself. */
const AUDIT_SALARIE = sql<string | null>`COALESCE(json_extract(a.detail, '$.salarieId'), CASE WHEN a.entity IN ('salarie', 'situation') THEN a.entity_id END)`;

export interface AuditFilter {
  action: string | null;
  /** ISO timestamps, `at >= fromAt` and `at < toAt`. */
  fromAt: string | null;
  toAt: string | null;
  salarieId: string | null;
  offset: number;
  limit: number;
}

export interface AuditListRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string | null;
  salarie_id: string | null;
  last_name: string | null;
  first_name: string | null;
}

function auditWhere(filter: Omit<AuditFilter, 'offset' | 'limit'>) {
  const parts = [sql`1 = 1`];
  if (filter.action !== null) parts.push(sql`a.action = ${filter.action}`);
  if (filter.fromAt !== null) parts.push(sql`a.at >= ${filter.fromAt}`);
  if (filter.toAt !== null) parts.push(sql`a.at < ${filter.toAt}`);
  if (filter.salarieId !== null) parts.push(sql`${AUDIT_SALARIE} = ${filter.salarieId}`);
  return sql.join(parts, sql` AND `);
}

export async function listAudit(db: AppDb, filter: AuditFilter): Promise<{ total: number; rows: AuditListRow[] }> {
  const where = auditWhere(filter);
  const count = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log a WHERE ${where}`.execute(db);
  const { rows } = await sql<AuditListRow>`
    SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.detail,
           ${AUDIT_SALARIE} AS salarie_id, s.last_name, s.first_name
    FROM audit_log a
    LEFT JOIN salarie s ON s.id = ${AUDIT_SALARIE}
    WHERE ${where}
    ORDER BY a.id DESC
    LIMIT ${filter.limit} OFFSET ${filter.offset}`.execute(db);
  return { total: count.rows[0]?.n ?? 0, rows };
}

export async function auditActionCodes(db: AppDb): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}

/** Audit entries about one salarié (for their access export). */
export async function auditOfSalarie(db: AppDb, salarieId: string): Promise<Row[]> {
  return all(
    db,
    sql<Row>`SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.detail FROM audit_log a WHERE ${AUDIT_SALARIE} = ${salarieId} ORDER BY a.id`,
  );
}

// ── Retention candidates ────────────────────────────────────────────────────────

/** Marks an anonymised file: a first name is required everywhere else, so it is never empty otherwise. */
export const ANONYMISED_LAST_NAME = 'Anonymisé';

export interface RetentionCandidate {
  id: string;
  last_name: string;
  first_name: string;
  birth_date: string | null;
  deleted_at: string | null;
  exit_date: string | null;
  last_activity: string;
  anonymised: number;
  has_notes: number;
}

export interface RetentionCutoffs {
  /** ISO timestamp: soft-deleted before it → purge. */
  deletedBefore: string;
  /** Dates: exit (or last activity) on or before → anonymise / blank notes. */
  exitOnOrBefore: string;
  notesExitOnOrBefore: string;
  inactiveOnOrBefore: string;
}

/**
 * Confidential free texts the notes retention blanks: the salarié's note, the précisions of freins and
 * their actions, entretien and immersion notes.
 */
function hasNotesSql(immersions: boolean) {
  return sql<number>`(
    s.confidential_note IS NOT NULL
    OR EXISTS (SELECT 1 FROM frein f WHERE f.salarie_id = s.id AND f.details IS NOT NULL)
    OR EXISTS (SELECT 1 FROM frein_action fa JOIN frein f ON f.id = fa.frein_id WHERE f.salarie_id = s.id AND fa.note IS NOT NULL)
    OR EXISTS (SELECT 1 FROM entretien e WHERE e.salarie_id = s.id AND e.notes IS NOT NULL)
    ${immersions ? sql`OR EXISTS (SELECT 1 FROM immersion i WHERE i.salarie_id = s.id AND i.notes IS NOT NULL)` : sql``}
  )`;
}

/** Last sign of life of a file: entry, last entretien, last change of the row. */
const LAST_ACTIVITY = sql<string>`max(COALESCE(s.entry_date, ''), COALESCE(s.last_entretien_date, ''), substr(s.updated_at, 1, 10))`;

/** Every file some retention rule applies to today (the service decides which rule and action). */
export async function listRetentionCandidates(db: AppDb, cutoffs: RetentionCutoffs): Promise<RetentionCandidate[]> {
  const immersions = (await existingTables(db, ['immersion'])).has('immersion');
  const anonymised = sql<number>`(s.last_name = ${ANONYMISED_LAST_NAME} AND s.first_name = '')`;
  const { rows } = await sql<RetentionCandidate>`
    SELECT s.id, s.last_name, s.first_name, s.birth_date, s.deleted_at, s.exit_date,
           ${LAST_ACTIVITY} AS last_activity, ${anonymised} AS anonymised, ${hasNotesSql(immersions)} AS has_notes
    FROM salarie s
    WHERE (s.deleted_at IS NOT NULL AND s.deleted_at < ${cutoffs.deletedBefore})
       OR (s.deleted_at IS NULL AND s.exit_date IS NOT NULL AND s.exit_date <= ${cutoffs.exitOnOrBefore} AND NOT ${anonymised})
       OR (s.deleted_at IS NULL AND s.exit_date IS NOT NULL AND s.exit_date <= ${cutoffs.notesExitOnOrBefore} AND ${hasNotesSql(immersions)})
       OR (s.deleted_at IS NULL AND s.exit_date IS NULL AND ${LAST_ACTIVITY} <= ${cutoffs.inactiveOnOrBefore} AND NOT ${anonymised})
    ORDER BY COALESCE(s.deleted_at, s.exit_date, ${LAST_ACTIVITY}), s.id`.execute(db);
  return rows;
}
