import type { Kysely, Selectable } from 'kysely';
import type { HubDB } from '../db/schema';

export type StructureRow = Selectable<HubDB['structures']>;

export async function findStructure(db: Kysely<HubDB>, structureId: string): Promise<StructureRow | undefined> {
  return db.selectFrom('structures').selectAll().where('structure_id', '=', structureId).executeTakeFirst();
}

export async function findStructureByName(db: Kysely<HubDB>, name: string): Promise<StructureRow | undefined> {
  return db.selectFrom('structures').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertStructure(db: Kysely<HubDB>, row: StructureRow): Promise<void> {
  await db.insertInto('structures').values(row).execute();
}

export async function listStructures(db: Kysely<HubDB>): Promise<StructureRow[]> {
  return db.selectFrom('structures').selectAll().orderBy('region_code').orderBy('name').execute();
}
