import type { AppDb, RomeEntryTable } from '../db/schema';

/** Imported ROME fiches (a few hundred rows): searched in memory by the referentials service. */
export async function listRomeEntries(db: AppDb): Promise<Pick<RomeEntryTable, 'code' | 'label'>[]> {
  return db.selectFrom('rome_entry').select(['code', 'label']).orderBy('code').execute();
}

/** Upserts imported fiches (the official file replaces labels of codes already known). */
export async function upsertRomeEntries(db: AppDb, rows: readonly RomeEntryTable[]): Promise<void> {
  for (const row of rows) {
    await db
      .insertInto('rome_entry')
      .values(row)
      .onConflict((oc) => oc.column('code').doUpdateSet({ label: row.label, imported_at: row.imported_at }))
      .execute();
  }
}
