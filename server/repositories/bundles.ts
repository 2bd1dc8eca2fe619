import type { Insertable, Kysely, Selectable } from 'kysely';
import type { HubDB } from '../db/schema';

export type BundleRow = Selectable<HubDB['bundles']>;
export type BundleTableRow = Selectable<HubDB['bundle_tables']>;
export type CellRow = Selectable<HubDB['cells']>;

export type StoredBundleRef = Pick<BundleRow, 'bundle_id' | 'structure_id' | 'period_key' | 'revision' | 'content_sha256' | 'status' | 'receipt'>;

export async function findBundle(db: Kysely<HubDB>, bundleId: string): Promise<StoredBundleRef | undefined> {
  return db
    .selectFrom('bundles')
    .select(['bundle_id', 'structure_id', 'period_key', 'revision', 'content_sha256', 'status', 'receipt'])
    .where('bundle_id', '=', bundleId)
    .executeTakeFirst();
}

export async function findCurrentBundle(
  db: Kysely<HubDB>,
  structureId: string,
  periodKey: string,
): Promise<Pick<BundleRow, 'bundle_id' | 'revision' | 'envelope'> | undefined> {
  return db
    .selectFrom('bundles')
    .select(['bundle_id', 'revision', 'envelope'])
    .where('structure_id', '=', structureId)
    .where('period_key', '=', periodKey)
    .where('status', '=', 'current')
    .executeTakeFirst();
}

/** False when the bundle is no longer current (someone else superseded it meanwhile). */
export async function supersedeBundle(db: Kysely<HubDB>, bundleId: string): Promise<boolean> {
  const r = await db
    .updateTable('bundles')
    .set({ status: 'superseded' })
    .where('bundle_id', '=', bundleId)
    .where('status', '=', 'current')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertBundle(db: Kysely<HubDB>, row: Insertable<HubDB['bundles']>): Promise<void> {
  await db.insertInto('bundles').values(row).execute();
}

const BATCH = 500;

export async function insertBundleTables(db: Kysely<HubDB>, rows: readonly BundleTableRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('bundle_tables').values(rows.slice(i, i + BATCH)).execute();
}

export async function insertCells(db: Kysely<HubDB>, rows: readonly CellRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('cells').values(rows.slice(i, i + BATCH)).execute();
}

export type HeldRow = Pick<
  BundleRow,
  'bundle_id' | 'period_key' | 'period_kind' | 'period_year' | 'period_index' | 'revision' | 'content_sha256' | 'status' | 'receipt'
>;

export async function listStructureBundles(db: Kysely<HubDB>, structureId: string, periodKey?: string): Promise<HeldRow[]> {
  let q = db
    .selectFrom('bundles')
    .select(['bundle_id', 'period_key', 'period_kind', 'period_year', 'period_index', 'revision', 'content_sha256', 'status', 'receipt'])
    .where('structure_id', '=', structureId);
  if (periodKey !== undefined) q = q.where('period_key', '=', periodKey);
  return q.orderBy('period_key').orderBy('revision').execute();
}

export interface CurrentBundleRef {
  readonly bundle_id: string;
  readonly structure_id: string;
  readonly region_code: string;
  readonly catalogue_version: string;
}

/** Current bundles of a period with the structure's region as registered at the hub. */
export async function currentBundlesOfPeriod(db: Kysely<HubDB>, periodKey: string): Promise<CurrentBundleRef[]> {
  return db
    .selectFrom('bundles')
    .innerJoin('structures', 'structures.structure_id', 'bundles.structure_id')
    .select(['bundles.bundle_id', 'bundles.structure_id', 'structures.region_code', 'bundles.catalogue_version'])
    .where('bundles.period_key', '=', periodKey)
    .where('bundles.status', '=', 'current')
    .orderBy('bundles.structure_id')
    .execute();
}

export async function tablesOfBundles(db: Kysely<HubDB>, bundleIds: readonly string[]): Promise<BundleTableRow[]> {
  const out: BundleTableRow[] = [];
  for (let i = 0; i < bundleIds.length; i += BATCH) {
    const ids = bundleIds.slice(i, i + BATCH);
    out.push(...(await db.selectFrom('bundle_tables').selectAll().where('bundle_id', 'in', ids).execute()));
  }
  return out;
}

export async function cellsOfBundles(db: Kysely<HubDB>, bundleIds: readonly string[]): Promise<CellRow[]> {
  const out: CellRow[] = [];
  for (let i = 0; i < bundleIds.length; i += BATCH) {
    const ids = bundleIds.slice(i, i + BATCH);
    out.push(...(await db.selectFrom('cells').selectAll().where('bundle_id', 'in', ids).execute()));
  }
  return out;
}

export interface PeriodSummary {
  readonly period_key: string;
  readonly period_kind: string;
  readonly period_year: number;
  readonly period_index: number;
  readonly structures: number;
}

export async function periodsWithCurrentBundles(db: Kysely<HubDB>): Promise<PeriodSummary[]> {
  const rows = await db
    .selectFrom('bundles')
    .select((eb) => ['period_key', 'period_kind', 'period_year', 'period_index', eb.fn.countAll<string | number>().as('structures')])
    .where('status', '=', 'current')
    .groupBy(['period_key', 'period_kind', 'period_year', 'period_index'])
    .orderBy('period_year', 'desc')
    .orderBy('period_key', 'desc')
    .execute();
  // PostgreSQL returns count(*) as a string (bigint).
  return rows.map((r) => ({ ...r, structures: Number(r.structures) }));
}

export type ReceivedRow = Pick<BundleRow, 'structure_id' | 'period_key' | 'revision' | 'received_at' | 'status'>;

export async function receivedBundles(db: Kysely<HubDB>): Promise<ReceivedRow[]> {
  return db
    .selectFrom('bundles')
    .select(['structure_id', 'period_key', 'revision', 'received_at', 'status'])
    .orderBy('received_at', 'desc')
    .orderBy('server_seq', 'desc')
    .execute();
}

/** Test and diagnostics helper: every stored bundle of a structure/period. */
export async function bundlesOf(db: Kysely<HubDB>, structureId: string): Promise<Omit<BundleRow, 'envelope'>[]> {
  return db
    .selectFrom('bundles')
    .select([
      'bundle_id', 'structure_id', 'period_key', 'period_kind', 'period_year', 'period_index', 'revision', 'schema_version',
      'catalogue_version', 'content_sha256', 'device_id', 'created_at_client', 'received_at', 'status', 'supersedes', 'receipt',
      'server_seq',
    ])
    .where('structure_id', '=', structureId)
    .orderBy('period_key')
    .orderBy('revision')
    .execute();
}

export async function bundleEnvelope(db: Kysely<HubDB>, bundleId: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('bundles').select('envelope').where('bundle_id', '=', bundleId).executeTakeFirst();
  return row?.envelope;
}

export async function countBundleRows(db: Kysely<HubDB>): Promise<{ bundles: number; cells: number; tables: number }> {
  const b = await db.selectFrom('bundles').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const c = await db.selectFrom('cells').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const t = await db.selectFrom('bundle_tables').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return { bundles: Number(b.n), cells: Number(c.n), tables: Number(t.n) };
}
