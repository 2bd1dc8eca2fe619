import { sql } from 'kysely';
import type {
  AppDb,
  ImmersionBilanTable,
  ImmersionEvaluationTable,
  ImmersionGridItemTable,
  ImmersionGridTable,
  ImmersionRatingTable,
  ImmersionTable,
} from '../db/schema';
import { caseloadIdsOf } from './salaries';

export type ImmersionRow = ImmersionTable;
export type GridRow = ImmersionGridTable;
export type GridItemRow = ImmersionGridItemTable;
export type EvaluationRow = ImmersionEvaluationTable;
export type RatingRow = ImmersionRatingTable;
export type BilanRow = ImmersionBilanTable;

// ── Immersions ──────────────────────────────────────────────────────────────────

export async function findImmersion(db: AppDb, id: string): Promise<ImmersionRow | null> {
  return (await db.selectFrom('immersion').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertImmersion(db: AppDb, row: ImmersionRow): Promise<void> {
  await db.insertInto('immersion').values(row).execute();
}

export async function updateImmersion(db: AppDb, id: string, patch: Partial<Omit<ImmersionRow, 'id' | 'salarie_id' | 'created_at'>>): Promise<void> {
  await db.updateTable('immersion').set(patch).where('id', '=', id).execute();
}

/** Steps, grid, evaluations and bilan go with it (ON DELETE CASCADE); a renewal loses its link. */
export async function deleteImmersion(db: AppDb, id: string): Promise<void> {
  await db.deleteFrom('immersion').where('id', '=', id).execute();
}

/** A salarié's immersions, oldest first (undated ones last). */
export async function listImmersionsOfSalarie(db: AppDb, salarieId: string): Promise<ImmersionRow[]> {
  return db
    .selectFrom('immersion')
    .selectAll()
    .where('salarie_id', '=', salarieId)
    .orderBy('start_date', (ob) => ob.asc().nullsLast())
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listRenewalsOf(db: AppDb, id: string): Promise<ImmersionRow[]> {
  return db.selectFrom('immersion').selectAll().where('renewal_of_id', '=', id).orderBy('created_at').orderBy('id').execute();
}

export interface ImmersionListFilter {
  statuses: readonly ImmersionRow['status'][] | null;
  objective: ImmersionRow['objective'] | null;
  referentId: string | null;
  salarieId: string | null;
}

function filteredImmersions(db: AppDb, filter: ImmersionListFilter) {
  let query = db.selectFrom('immersion').innerJoin('salarie', 'salarie.id', 'immersion.salarie_id').where('salarie.deleted_at', 'is', null);
  if (filter.statuses) query = query.where('immersion.status', 'in', [...filter.statuses]);
  if (filter.objective) query = query.where('immersion.objective', '=', filter.objective);
  if (filter.referentId) query = query.where('salarie.referent_id', '=', filter.referentId);
  if (filter.salarieId) query = query.where('immersion.salarie_id', '=', filter.salarieId);
  return query;
}

/** The list's phases: in progress (0), planned (1), finished or cancelled (2). */
const PHASE_RANK = sql<number>`CASE WHEN immersion.status = 'en_cours' THEN 0 WHEN immersion.status IN ('terminee', 'annulee') THEN 2 ELSE 1 END`;
const START_OR_LAST = sql<string>`coalesce(immersion.start_date, '9999-12-31')`;

/**
 * One page of the list without a text search: the count and the page's ids in SQL (phase, then start date —
 * latest first for finished ones, undated last — then id), and the shown columns for those rows only. Reading
 * every immersion of a large group and sorting it in JS took 80 ms for 3 600 in progress. The caller orders the
 * page's rows again with the same rule (the outer query's order is not guaranteed).
 */
export async function listImmersionPage(db: AppDb, filter: ImmersionListFilter, page: { offset: number; limit: number }) {
  const base = filteredImmersions(db, filter);
  // One pass sorts and counts (the window is evaluated before LIMIT), from the covering index immersion_list
  // (migration 0120): the immersion rows themselves are not read.
  const picked = await base
    .select(['immersion.id', sql<number>`count(*) over ()`.as('total')])
    .orderBy(PHASE_RANK)
    .orderBy(sql`CASE WHEN ${PHASE_RANK} = 2 THEN NULL ELSE ${START_OR_LAST} END`)
    .orderBy(sql`CASE WHEN ${PHASE_RANK} = 2 THEN ${START_OR_LAST} END`, 'desc')
    .orderBy('immersion.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const first = picked[0];
  if (first === undefined) {
    // Past the end (or nothing at all): the count alone.
    const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    return { total: Number(total), rows: [] };
  }
  const ids = picked.map((p) => p.id);
  return { total: Number(first.total), rows: await listImmersionRows(db, { ...filter, ids }) };
}

/** Immersions of live salariés with what the list shows (host, référent, next planned evaluation, bilan). */
export async function listImmersionRows(db: AppDb, filter: ImmersionListFilter & { ids?: readonly string[] }) {
  let query = db
    .selectFrom('immersion')
    .innerJoin('salarie', 'salarie.id', 'immersion.salarie_id')
    .leftJoin('referent', 'referent.id', 'salarie.referent_id')
    .leftJoin('organisation', 'organisation.id', 'immersion.host_organisation_id')
    .leftJoin('immersion_bilan', 'immersion_bilan.immersion_id', 'immersion.id')
    .select((eb) => [
      'immersion.id',
      'immersion.salarie_id',
      'immersion.objective',
      'immersion.rome_code',
      'immersion.rome_label',
      'immersion.start_date',
      'immersion.end_date',
      'immersion.status',
      'immersion.renewal_of_id',
      'immersion.created_at',
      'salarie.first_name',
      'salarie.last_name',
      'referent.display_name as referent_name',
      'organisation.name as host_name',
      'immersion_bilan.status as bilan_status',
      eb
        .selectFrom('immersion_evaluation')
        .select((e) => e.fn.min('immersion_evaluation.date').as('d'))
        .whereRef('immersion_evaluation.immersion_id', '=', 'immersion.id')
        .where('immersion_evaluation.status', '=', 'planifiee')
        .as('next_evaluation_date'),
    ])
    .where('salarie.deleted_at', 'is', null);
  if (filter.statuses) query = query.where('immersion.status', 'in', [...filter.statuses]);
  if (filter.objective) query = query.where('immersion.objective', '=', filter.objective);
  if (filter.referentId) query = query.where('salarie.referent_id', '=', filter.referentId);
  if (filter.salarieId) query = query.where('immersion.salarie_id', '=', filter.salarieId);
  if (filter.ids) query = query.where('immersion.id', 'in', [...filter.ids]);
  return query.orderBy('immersion.start_date', (ob) => ob.asc().nullsLast()).orderBy('immersion.created_at').orderBy('immersion.id').execute();
}
export type ImmersionListDbRow = Awaited<ReturnType<typeof listImmersionRows>>[number];

// ── Steps ticked by hand ────────────────────────────────────────────────────────

export async function listSteps(db: AppDb, immersionId: string) {
  return db.selectFrom('immersion_step').selectAll().where('immersion_id', '=', immersionId).execute();
}

export async function upsertStep(db: AppDb, immersionId: string, step: string, doneDate: string): Promise<void> {
  await db
    .insertInto('immersion_step')
    .values({ immersion_id: immersionId, step, done_date: doneDate })
    .onConflict((oc) => oc.columns(['immersion_id', 'step']).doUpdateSet({ done_date: doneDate }))
    .execute();
}

export async function deleteStep(db: AppDb, immersionId: string, step: string): Promise<void> {
  await db.deleteFrom('immersion_step').where('immersion_id', '=', immersionId).where('step', '=', step).execute();
}

// ── Grid instance ───────────────────────────────────────────────────────────────

export async function findGridOfImmersion(db: AppDb, immersionId: string): Promise<GridRow | null> {
  return (await db.selectFrom('immersion_grid').selectAll().where('immersion_id', '=', immersionId).executeTakeFirst()) ?? null;
}

export async function insertGrid(db: AppDb, row: GridRow): Promise<void> {
  await db.insertInto('immersion_grid').values(row).execute();
}

export async function updateGrid(db: AppDb, id: string, patch: Partial<Pick<GridRow, 'individualised_on' | 'updated_at'>>): Promise<void> {
  await db.updateTable('immersion_grid').set(patch).where('id', '=', id).execute();
}

export async function deleteGrid(db: AppDb, id: string): Promise<void> {
  await db.deleteFrom('immersion_grid').where('id', '=', id).execute();
}

export async function listGridItems(db: AppDb, gridId: string): Promise<GridItemRow[]> {
  return db.selectFrom('immersion_grid_item').selectAll().where('grid_id', '=', gridId).orderBy('rank').orderBy('id').execute();
}

export async function insertGridItems(db: AppDb, rows: readonly GridItemRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('immersion_grid_item').values([...rows]).execute();
}

export async function updateGridItem(db: AppDb, id: string, patch: Partial<Pick<GridItemRow, 'section' | 'label' | 'rank' | 'removed_at'>>): Promise<void> {
  await db.updateTable('immersion_grid_item').set(patch).where('id', '=', id).execute();
}

export async function deleteGridItems(db: AppDb, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('immersion_grid_item').where('id', 'in', [...ids]).execute();
}

/** Items of this grid that some evaluation rated (they can be removed from the grid, not deleted). */
export async function ratedItemIds(db: AppDb, gridId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('immersion_rating')
    .innerJoin('immersion_grid_item', 'immersion_grid_item.id', 'immersion_rating.item_id')
    .select('immersion_rating.item_id')
    .distinct()
    .where('immersion_grid_item.grid_id', '=', gridId)
    .execute();
  return new Set(rows.map((r) => r.item_id));
}

// ── Evaluations ─────────────────────────────────────────────────────────────────

export async function listEvaluations(db: AppDb, immersionId: string): Promise<EvaluationRow[]> {
  return db
    .selectFrom('immersion_evaluation')
    .selectAll()
    .where('immersion_id', '=', immersionId)
    .orderBy('date')
    .orderBy(sql`CASE kind WHEN 'finale' THEN 1 ELSE 0 END`)
    .orderBy('id')
    .execute();
}

export async function findEvaluation(db: AppDb, id: string): Promise<EvaluationRow | null> {
  return (await db.selectFrom('immersion_evaluation').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertEvaluation(db: AppDb, row: EvaluationRow): Promise<void> {
  await db.insertInto('immersion_evaluation').values(row).execute();
}

export async function updateEvaluation(db: AppDb, id: string, patch: Partial<Omit<EvaluationRow, 'id' | 'immersion_id' | 'created_at'>>): Promise<void> {
  await db.updateTable('immersion_evaluation').set(patch).where('id', '=', id).execute();
}

export async function deleteEvaluation(db: AppDb, id: string): Promise<void> {
  await db.deleteFrom('immersion_evaluation').where('id', '=', id).execute();
}

export async function listRatings(db: AppDb, evaluationIds: readonly string[]): Promise<RatingRow[]> {
  if (evaluationIds.length === 0) return [];
  return db.selectFrom('immersion_rating').selectAll().where('evaluation_id', 'in', [...evaluationIds]).orderBy('evaluation_id').orderBy('rank').execute();
}

export async function replaceRatings(db: AppDb, evaluationId: string, rows: readonly RatingRow[]): Promise<void> {
  await db.deleteFrom('immersion_rating').where('evaluation_id', '=', evaluationId).execute();
  if (rows.length > 0) await db.insertInto('immersion_rating').values([...rows]).execute();
}

// ── Bilan ───────────────────────────────────────────────────────────────────────

export async function findBilan(db: AppDb, immersionId: string): Promise<BilanRow | null> {
  return (await db.selectFrom('immersion_bilan').selectAll().where('immersion_id', '=', immersionId).executeTakeFirst()) ?? null;
}

export async function upsertBilan(db: AppDb, row: BilanRow): Promise<void> {
  const { immersion_id: _id, created_at: _created, ...changes } = row;
  await db
    .insertInto('immersion_bilan')
    .values(row)
    .onConflict((oc) => oc.column('immersion_id').doUpdateSet(changes))
    .execute();
}

// ── Other features' records seen from an immersion ─────────────────────────────

/** Entretiens linked to the immersion (entretien.link_type = 'immersion'), oldest first. */
export async function listLinkedEntretiens(db: AppDb, immersionId: string) {
  return db
    .selectFrom('entretien')
    .select(['id', 'salarie_id', 'kind', 'status', 'date', 'start_time'])
    .where('link_type', '=', 'immersion')
    .where('link_id', '=', immersionId)
    .orderBy('date')
    .orderBy('start_time', (ob) => ob.asc().nullsFirst())
    .orderBy('id')
    .execute();
}

/** Planned and carried-out evaluations between two dates, for the agenda (live salariés only). */
export async function listAgendaEvaluations(db: AppDb, filter: { from: string; to: string; referentId: string | null }) {
  let query = db
    .selectFrom('immersion_evaluation')
    .innerJoin('immersion', 'immersion.id', 'immersion_evaluation.immersion_id')
    .innerJoin('salarie', 'salarie.id', 'immersion.salarie_id')
    .leftJoin('organisation', 'organisation.id', 'immersion.host_organisation_id')
    .leftJoin('contact', 'contact.id', 'immersion.tutor_contact_id')
    .select([
      'immersion_evaluation.id',
      'immersion_evaluation.immersion_id',
      'immersion_evaluation.kind',
      'immersion_evaluation.status',
      'immersion_evaluation.date',
      'immersion_evaluation.start_time',
      'immersion.salarie_id',
      'immersion.place',
      'immersion.rome_label',
      'salarie.first_name',
      'salarie.last_name',
      'organisation.name as host_name',
      'contact.name as tutor_name',
    ])
    .where('immersion_evaluation.date', '>=', filter.from)
    .where('immersion_evaluation.date', '<=', filter.to)
    .where('immersion.status', '!=', 'annulee')
    .where('salarie.deleted_at', 'is', null);
  if (filter.referentId) {
    const referentId = filter.referentId;
    // From the CIP's salariés (ids in salarie_referent), their immersions (id and status in immersion_salarie),
    // then the evaluations of the week: an immersion's row is read only when it has one (migration 0140).
    query = query.where('salarie.referent_id', '=', referentId).where('immersion.salarie_id', 'in', caseloadIdsOf(db, referentId));
  }
  return query.orderBy('immersion_evaluation.date').orderBy('immersion_evaluation.start_time', (ob) => ob.asc().nullsFirst()).orderBy('immersion_evaluation.id').execute();
}

/** Immersions hosted by an organisation (not cancelled), with the salarié; deleted salariés left out. */
export async function listOrganisationImmersions(db: AppDb, organisationId: string) {
  return db
    .selectFrom('immersion')
    .innerJoin('salarie', 'salarie.id', 'immersion.salarie_id')
    .select([
      'immersion.id',
      'immersion.salarie_id',
      'immersion.status',
      'immersion.start_date',
      'immersion.created_at',
      'immersion.rome_label',
      'immersion.objective',
      'salarie.first_name',
      'salarie.last_name',
    ])
    .where('immersion.host_organisation_id', '=', organisationId)
    .where('immersion.status', '!=', 'annulee')
    .where('salarie.deleted_at', 'is', null)
    .orderBy('immersion.start_date', 'desc')
    .orderBy('immersion.id', 'desc')
    .execute();
}

/** A salarié's immersions with host name and bilan, for the fiche's history. */
export async function listTimelineImmersions(db: AppDb, salarieId: string) {
  return db
    .selectFrom('immersion')
    .leftJoin('organisation', 'organisation.id', 'immersion.host_organisation_id')
    .leftJoin('immersion_bilan', 'immersion_bilan.immersion_id', 'immersion.id')
    .select([
      'immersion.id',
      'immersion.objective',
      'immersion.status',
      'immersion.start_date',
      'immersion.end_date',
      'immersion.rome_label',
      'immersion.renewal_of_id',
      'immersion.created_at',
      'organisation.name as host_name',
      'immersion_bilan.status as bilan_status',
      'immersion_bilan.written_on as bilan_date',
    ])
    .where('immersion.salarie_id', '=', salarieId)
    .orderBy('immersion.created_at')
    .orderBy('immersion.id')
    .execute();
}
