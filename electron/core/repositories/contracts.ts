import type { AppDb, ContractTable } from '../db/schema';

export type ContractRow = ContractTable;

export async function listContracts(db: AppDb, salarieIds: readonly string[]): Promise<ContractRow[]> {
  if (salarieIds.length === 0) return [];
  return db.selectFrom('contract').selectAll().where('salarie_id', 'in', salarieIds).orderBy('start_date').orderBy('id').execute();
}

export async function findContract(db: AppDb, id: string): Promise<ContractRow | null> {
  return (await db.selectFrom('contract').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertContract(db: AppDb, row: ContractRow): Promise<void> {
  await db.insertInto('contract').values(row).execute();
}

export async function updateContract(db: AppDb, id: string, patch: Omit<ContractRow, 'id' | 'salarie_id' | 'created_at'>): Promise<void> {
  await db.updateTable('contract').set(patch).where('id', '=', id).execute();
}

export async function deleteContract(db: AppDb, id: string): Promise<void> {
  await db.deleteFrom('contract').where('id', '=', id).execute();
}
