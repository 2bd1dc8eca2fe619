import type { AppDb, GridTemplateTable, GridTemplateVersionTable } from '../db/schema';

export type GridTemplateRow = GridTemplateTable;
export type GridTemplateVersionRow = GridTemplateVersionTable;

/** Stored templates (user ones, and shipped ones once edited or used), by name. */
export async function listStoredTemplates(db: AppDb): Promise<GridTemplateRow[]> {
  return db.selectFrom('grid_template').selectAll().where('archived_at', 'is', null).orderBy('search_key').orderBy('id').execute();
}

/** Ids of every stored template, archived ones included (a shipped id stored once is never offered again from code). */
export async function storedTemplateIds(db: AppDb): Promise<Set<string>> {
  return new Set((await db.selectFrom('grid_template').select('id').execute()).map((r) => r.id));
}

export async function findTemplate(db: AppDb, id: string): Promise<GridTemplateRow | null> {
  return (await db.selectFrom('grid_template').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertTemplate(db: AppDb, row: GridTemplateRow): Promise<void> {
  await db.insertInto('grid_template').values(row).execute();
}

export async function updateTemplate(db: AppDb, id: string, patch: Partial<Omit<GridTemplateRow, 'id' | 'created_at' | 'origin'>>): Promise<void> {
  await db.updateTable('grid_template').set(patch).where('id', '=', id).execute();
}

/** Versions are only ever inserted: a grid built from one keeps pointing at its wording. */
export async function insertTemplateVersion(db: AppDb, row: GridTemplateVersionRow): Promise<void> {
  await db.insertInto('grid_template_version').values(row).execute();
}

export async function listTemplateVersions(db: AppDb, templateId: string): Promise<GridTemplateVersionRow[]> {
  return db.selectFrom('grid_template_version').selectAll().where('template_id', '=', templateId).orderBy('version').execute();
}

export async function findTemplateVersion(db: AppDb, templateId: string, version: number): Promise<GridTemplateVersionRow | null> {
  return (
    (await db.selectFrom('grid_template_version').selectAll().where('template_id', '=', templateId).where('version', '=', version).executeTakeFirst()) ?? null
  );
}

export async function findTemplateVersionById(db: AppDb, id: string): Promise<GridTemplateVersionRow | null> {
  return (await db.selectFrom('grid_template_version').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/** Current version's content of several templates at once (for the item counts of the library). */
export async function currentVersionsOf(db: AppDb, templateIds: readonly string[]): Promise<GridTemplateVersionRow[]> {
  if (templateIds.length === 0) return [];
  return db
    .selectFrom('grid_template_version')
    .innerJoin('grid_template', 'grid_template.id', 'grid_template_version.template_id')
    .selectAll('grid_template_version')
    .whereRef('grid_template_version.version', '=', 'grid_template.current_version')
    .where('grid_template.id', 'in', [...templateIds])
    .execute();
}

/** Immersion grids built from any version of this template. */
export async function countGridsFromTemplate(db: AppDb, templateId: string): Promise<number> {
  const row = await db
    .selectFrom('immersion_grid')
    .innerJoin('grid_template_version', 'grid_template_version.id', 'immersion_grid.template_version_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('grid_template_version.template_id', '=', templateId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
