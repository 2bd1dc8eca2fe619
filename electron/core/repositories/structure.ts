import type { AppDb, AnnexeFinanciereTable, StructureTable } from '../db/schema';

export type StructureRow = StructureTable;
export type AnnexeRow = AnnexeFinanciereTable;

export async function readStructure(db: AppDb): Promise<StructureRow | null> {
  return (await db.selectFrom('structure').selectAll().where('id', '=', 1).executeTakeFirst()) ?? null;
}

/** The structure is a single row (id 1): this laptop works for one SIAE. */
export async function writeStructure(db: AppDb, row: Omit<StructureRow, 'id'>): Promise<void> {
  await db
    .insertInto('structure')
    .values({ id: 1, ...row })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        name: row.name,
        siret: row.siret,
        siae_kind: row.siae_kind,
        region_code: row.region_code,
        departement_code: row.departement_code,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function readStructureSiaeKind(db: AppDb): Promise<string | null> {
  const row = await db.selectFrom('structure').select('siae_kind').where('id', '=', 1).executeTakeFirst();
  return row?.siae_kind ?? null;
}

export async function listAnnexes(db: AppDb): Promise<AnnexeRow[]> {
  return db.selectFrom('annexe_financiere').selectAll().orderBy('start_date', 'desc').orderBy('number').execute();
}

export async function annexeExists(db: AppDb, id: string): Promise<boolean> {
  return (await db.selectFrom('annexe_financiere').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export async function insertAnnexe(db: AppDb, row: AnnexeRow): Promise<void> {
  await db.insertInto('annexe_financiere').values(row).execute();
}

export async function updateAnnexe(db: AppDb, id: string, row: Pick<AnnexeRow, 'number' | 'measure' | 'start_date' | 'end_date'>): Promise<void> {
  await db.updateTable('annexe_financiere').set(row).where('id', '=', id).execute();
}

export async function deleteAnnexes(db: AppDb, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('annexe_financiere').where('id', 'in', ids).execute();
}

/** Annexes among `ids` that contracts still point to (they cannot be removed). */
export async function annexesInUse(db: AppDb, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('contract').select('annexe_id').distinct().where('annexe_id', 'in', ids).execute();
  return rows.map((r) => r.annexe_id).filter((id): id is string => id !== null);
}
