import type { AppDb, FormationTable } from '../db/schema';

export type FormationRow = FormationTable;

export async function listFormations(db: AppDb, salarieIds: readonly string[]): Promise<FormationRow[]> {
  if (salarieIds.length === 0) return [];
  return db.selectFrom('formation').selectAll().where('salarie_id', 'in', salarieIds).orderBy('start_date').orderBy('id').execute();
}

export async function findFormation(db: AppDb, id: string): Promise<FormationRow | null> {
  return (await db.selectFrom('formation').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertFormation(db: AppDb, row: FormationRow): Promise<void> {
  await db.insertInto('formation').values(row).execute();
}

export async function updateFormation(db: AppDb, id: string, patch: Omit<FormationRow, 'id' | 'salarie_id' | 'created_at'>): Promise<void> {
  await db.updateTable('formation').set(patch).where('id', '=', id).execute();
}

export async function deleteFormation(db: AppDb, id: string): Promise<void> {
  await db.deleteFrom('formation').where('id', '=', id).execute();
}
