import type { AppDb, DraftTable } from '../db/schema';

export async function readDraft(db: AppDb, key: string): Promise<DraftTable | null> {
  return (await db.selectFrom('draft').selectAll().where('key', '=', key).executeTakeFirst()) ?? null;
}

export async function writeDraft(db: AppDb, row: DraftTable): Promise<void> {
  await db
    .insertInto('draft')
    .values(row)
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_at: row.updated_at }))
    .execute();
}

export async function deleteDraft(db: AppDb, key: string): Promise<void> {
  await db.deleteFrom('draft').where('key', '=', key).execute();
}
