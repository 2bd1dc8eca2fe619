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

export async function insertFreinAction(db: AppDb, row: FreinActionRow): Promise<void> {
  await db.insertInto('frein_action').values(row).execute();
}
