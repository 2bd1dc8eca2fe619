import type { AppDb, ProjetTable, ProjetTargetTable } from '../db/schema';

export type ProjetRow = ProjetTable;
export type ProjetTargetRow = ProjetTargetTable;

export async function listProjets(db: AppDb, salarieIds: readonly string[]): Promise<ProjetRow[]> {
  if (salarieIds.length === 0) return [];
  return db.selectFrom('projet').selectAll().where('salarie_id', 'in', salarieIds).execute();
}

export async function listProjetTargets(db: AppDb, salarieIds: readonly string[]): Promise<ProjetTargetRow[]> {
  if (salarieIds.length === 0) return [];
  return db.selectFrom('projet_target').selectAll().where('salarie_id', 'in', salarieIds).orderBy('rank').execute();
}

export async function writeProjet(db: AppDb, row: ProjetRow): Promise<void> {
  await db
    .insertInto('projet')
    .values(row)
    .onConflict((oc) => oc.column('salarie_id').doUpdateSet({ status: row.status, note: row.note, updated_at: row.updated_at }))
    .execute();
}

/** The targets are an ordered list: replaced as a whole on every save. */
export async function replaceProjetTargets(db: AppDb, salarieId: string, targets: readonly ProjetTargetRow[]): Promise<void> {
  await db.deleteFrom('projet_target').where('salarie_id', '=', salarieId).execute();
  if (targets.length > 0) await db.insertInto('projet_target').values([...targets]).execute();
}
