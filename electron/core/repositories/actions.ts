import type { AppDb, ActionTable } from '../db/schema';

export type ActionRow = ActionTable;

export async function listActions(db: AppDb, salarieIds: readonly string[]): Promise<ActionRow[]> {
  if (salarieIds.length === 0) return [];
  return db.selectFrom('action').selectAll().where('salarie_id', 'in', salarieIds).orderBy('due_date').orderBy('id').execute();
}

export async function findAction(db: AppDb, id: string): Promise<ActionRow | null> {
  return (await db.selectFrom('action').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertAction(db: AppDb, row: ActionRow): Promise<void> {
  await db.insertInto('action').values(row).execute();
}

export async function updateAction(
  db: AppDb,
  id: string,
  patch: Pick<ActionRow, 'label' | 'kind' | 'owner' | 'due_date' | 'done_date'>,
): Promise<void> {
  await db.updateTable('action').set(patch).where('id', '=', id).execute();
}

export async function deleteAction(db: AppDb, id: string): Promise<void> {
  await db.deleteFrom('action').where('id', '=', id).execute();
}
