import type { AppDb, PassIaePeriodTable, PassIaeTable } from '../db/schema';

export type PassRow = PassIaeTable;
export type PassPeriodRow = PassIaePeriodTable;
export type PeriodTable = 'pass_iae_suspension' | 'pass_iae_prolongation';

export async function listPasses(db: AppDb, salarieIds: readonly string[]): Promise<PassRow[]> {
  if (salarieIds.length === 0) return [];
  return db.selectFrom('pass_iae').selectAll().where('salarie_id', 'in', salarieIds).execute();
}

export async function findPass(db: AppDb, salarieId: string): Promise<PassRow | null> {
  return (await db.selectFrom('pass_iae').selectAll().where('salarie_id', '=', salarieId).executeTakeFirst()) ?? null;
}

/** Upsert, never delete + insert: suspensions and prolongations cascade from the pass row. */
export async function writePass(db: AppDb, row: PassRow): Promise<void> {
  await db
    .insertInto('pass_iae')
    .values(row)
    .onConflict((oc) =>
      oc.column('salarie_id').doUpdateSet({
        number: row.number,
        start_date: row.start_date,
        base_end_date: row.base_end_date,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function listPeriods(db: AppDb, table: PeriodTable, salarieIds: readonly string[]): Promise<PassPeriodRow[]> {
  if (salarieIds.length === 0) return [];
  return db.selectFrom(table).selectAll().where('salarie_id', 'in', salarieIds).orderBy('start_date').orderBy('id').execute();
}

export async function insertPeriod(db: AppDb, table: PeriodTable, row: PassPeriodRow): Promise<void> {
  await db.insertInto(table).values(row).execute();
}

/** Removes a suspension or prolongation of this salarié's PASS; returns the table it was in, if any. */
export async function deletePeriod(db: AppDb, salarieId: string, id: string): Promise<PeriodTable | null> {
  for (const table of ['pass_iae_suspension', 'pass_iae_prolongation'] as const) {
    const result = await db.deleteFrom(table).where('id', '=', id).where('salarie_id', '=', salarieId).executeTakeFirst();
    if (Number(result.numDeletedRows) > 0) return table;
  }
  return null;
}
