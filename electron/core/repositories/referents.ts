import type { AppDb, ReferentTable } from '../db/schema';

export type ReferentRow = ReferentTable;

export async function listReferents(db: AppDb): Promise<ReferentRow[]> {
  return db.selectFrom('referent').selectAll().orderBy('active', 'desc').orderBy('display_name').execute();
}

export async function findReferent(db: AppDb, id: string): Promise<ReferentRow | null> {
  return (await db.selectFrom('referent').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertReferent(db: AppDb, row: ReferentRow): Promise<void> {
  await db.insertInto('referent').values(row).execute();
}

export async function updateReferent(db: AppDb, id: string, patch: Pick<ReferentRow, 'display_name' | 'active'>): Promise<void> {
  await db.updateTable('referent').set(patch).where('id', '=', id).execute();
}
