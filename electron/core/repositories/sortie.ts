import type { AppDb, SortieFollowUpTable, SortieTable } from '../db/schema';

export type SortieRow = SortieTable;
export type FollowUpRow = SortieFollowUpTable;

export async function listSorties(db: AppDb, salarieIds: readonly string[]): Promise<SortieRow[]> {
  if (salarieIds.length === 0) return [];
  return db.selectFrom('sortie').selectAll().where('salarie_id', 'in', salarieIds).execute();
}

export async function findSortie(db: AppDb, salarieId: string): Promise<SortieRow | null> {
  return (await db.selectFrom('sortie').selectAll().where('salarie_id', '=', salarieId).executeTakeFirst()) ?? null;
}

/** Upsert of what the sortie form owns; the hiring employer is kept when the form leaves it out. */
export async function writeSortie(
  db: AppDb,
  row: Omit<SortieRow, 'employer_organisation_id'> & { employer_organisation_id?: string | null },
): Promise<void> {
  const { salarie_id: _id, ...update } = row;
  await db
    .insertInto('sortie')
    .values(row)
    .onConflict((oc) => oc.column('salarie_id').doUpdateSet(update))
    .execute();
}

export async function deleteSortie(db: AppDb, salarieId: string): Promise<void> {
  await db.deleteFrom('sortie_follow_up').where('salarie_id', '=', salarieId).execute();
  await db.deleteFrom('sortie').where('salarie_id', '=', salarieId).execute();
}

export async function listFollowUps(db: AppDb, salarieIds: readonly string[]): Promise<FollowUpRow[]> {
  if (salarieIds.length === 0) return [];
  return db.selectFrom('sortie_follow_up').selectAll().where('salarie_id', 'in', salarieIds).orderBy('offset_months').execute();
}

/** Creates the step or moves its due date; what was recorded (done date, situation, note) is kept. */
export async function scheduleFollowUp(db: AppDb, row: Pick<FollowUpRow, 'id' | 'salarie_id' | 'offset_months' | 'due_date'>): Promise<void> {
  await db
    .insertInto('sortie_follow_up')
    .values({ ...row, done_date: null, situation: null, note: null })
    .onConflict((oc) => oc.columns(['salarie_id', 'offset_months']).doUpdateSet({ due_date: row.due_date }))
    .execute();
}

export async function recordFollowUp(
  db: AppDb,
  salarieId: string,
  offsetMonths: number,
  done: Pick<FollowUpRow, 'done_date' | 'situation' | 'note'>,
): Promise<void> {
  await db
    .updateTable('sortie_follow_up')
    .set(done)
    .where('salarie_id', '=', salarieId)
    .where('offset_months', '=', offsetMonths)
    .execute();
}
