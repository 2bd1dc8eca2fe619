import { sql } from 'kysely';
import type { AppDb, FreinActionTable, FreinTable } from '../db/schema';

export type FreinRow = FreinTable;
export type FreinActionRow = FreinActionTable;

export async function listFreins(db: AppDb, salarieIds: readonly string[]): Promise<FreinRow[]> {
  if (salarieIds.length === 0) return [];
  return db
    .selectFrom('frein')
    .selectAll()
    .where('salarie_id', 'in', salarieIds)
    .orderBy('identified_date')
    .orderBy('id')
    .execute();
}

/** Open freins (identified or in progress), with what the alert rules read: the only ones an alert can be about. */
export async function listOpenFreins(db: AppDb, salarieIds: readonly string[]) {
  if (salarieIds.length === 0) return [];
  return db
    .selectFrom('frein')
    .select(['id', 'salarie_id', 'kind', 'status', 'identified_date'])
    .where('salarie_id', 'in', salarieIds)
    // Literals, as in the partial index frein_open (migration 0080), so SQLite uses it.
    .where(sql<boolean>`status IN ('identified', 'in_progress')`)
    .orderBy('identified_date')
    .orderBy('id')
    .execute();
}

export async function findFrein(db: AppDb, id: string): Promise<FreinRow | null> {
  return (await db.selectFrom('frein').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertFrein(db: AppDb, row: FreinRow): Promise<void> {
  await db.insertInto('frein').values(row).execute();
}

export async function updateFrein(
  db: AppDb,
  id: string,
  patch: Partial<Pick<FreinRow, 'kind' | 'identified_date' | 'details' | 'status' | 'closed_date' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('frein').set(patch).where('id', '=', id).execute();
}

export async function deleteFrein(db: AppDb, id: string): Promise<void> {
  await db.deleteFrom('frein').where('id', '=', id).execute();
}

export async function listFreinActions(db: AppDb, freinIds: readonly string[]): Promise<FreinActionRow[]> {
  if (freinIds.length === 0) return [];
  return db.selectFrom('frein_action').selectAll().where('frein_id', 'in', freinIds).orderBy('date').orderBy('id').execute();
}

/** The latest action date of each frein (all the "frein without action" rule reads), from the covering index. */
export async function lastFreinActionDates(db: AppDb, freinIds: readonly string[]): Promise<Array<Pick<FreinActionRow, 'frein_id' | 'date'>>> {
  if (freinIds.length === 0) return [];
  return db
    .selectFrom('frein_action')
    .select(['frein_id', (eb) => eb.fn.max('date').as('date')])
    .where('frein_id', 'in', freinIds)
    .groupBy('frein_id')
    .execute();
}

export async function insertFreinAction(db: AppDb, row: FreinActionRow): Promise<void> {
  await db.insertInto('frein_action').values(row).execute();
}
