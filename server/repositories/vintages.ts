import type { Kysely, Selectable } from 'kysely';
import type { HubDB } from '../db/schema';

export type VintageRow = Selectable<HubDB['released_vintages']>;
export type ReleasedCellRow = Selectable<HubDB['released_cells']>;

/** The latest released vintage of a period, if any. */
export async function latestVintage(db: Kysely<HubDB>, periodKey: string): Promise<VintageRow | undefined> {
  return db
    .selectFrom('released_vintages')
    .selectAll()
    .where('period_key', '=', periodKey)
    .orderBy('vintage', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listVintages(db: Kysely<HubDB>, periodKey?: string): Promise<Omit<VintageRow, 'result'>[]> {
  let q = db.selectFrom('released_vintages').select(['period_key', 'vintage', 'released_at', 'fingerprint', 'bundles']);
  if (periodKey !== undefined) q = q.where('period_key', '=', periodKey);
  return q.orderBy('period_key').orderBy('vintage').execute();
}

export async function vintageCells(db: Kysely<HubDB>, periodKey: string, vintage: number): Promise<ReleasedCellRow[]> {
  return db
    .selectFrom('released_cells')
    .selectAll()
    .where('period_key', '=', periodKey)
    .where('vintage', '=', vintage)
    .orderBy('level')
    .orderBy('table_id')
    .orderBy('cell_key')
    .execute();
}

const BATCH = 500;

/** Inserts a vintage and its cells; a concurrent writer of the same number loses on the primary key. */
export async function insertVintage(db: Kysely<HubDB>, row: VintageRow, cells: readonly ReleasedCellRow[]): Promise<void> {
  await db.insertInto('released_vintages').values(row).execute();
  for (let i = 0; i < cells.length; i += BATCH) await db.insertInto('released_cells').values(cells.slice(i, i + BATCH)).execute();
}
