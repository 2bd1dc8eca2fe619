import type { Kysely, Selectable } from 'kysely';
import type { HubDB } from '../db/schema';

export type PeriodOwnerRow = Selectable<HubDB['period_owners']>;

export async function findPeriodOwner(db: Kysely<HubDB>, structureId: string, periodKey: string): Promise<PeriodOwnerRow | undefined> {
  return db
    .selectFrom('period_owners')
    .selectAll()
    .where('structure_id', '=', structureId)
    .where('period_key', '=', periodKey)
    .executeTakeFirst();
}

/** The first accepted bundle claims the period; a concurrent claim loses on the primary key. */
export async function insertPeriodOwner(db: Kysely<HubDB>, row: PeriodOwnerRow): Promise<void> {
  await db.insertInto('period_owners').values(row).execute();
}

/**
 * Moves the period to another device. `expectedDeviceId` makes it a compare-and-set (false when
 * someone changed the owner meanwhile); null means "no owner yet" and inserts.
 */
export async function setPeriodOwner(db: Kysely<HubDB>, row: PeriodOwnerRow, expectedDeviceId: string | null): Promise<boolean> {
  if (expectedDeviceId === null) {
    await insertPeriodOwner(db, row);
    return true;
  }
  const result = await db
    .updateTable('period_owners')
    .set({ device_id: row.device_id, assigned_at: row.assigned_at })
    .where('structure_id', '=', row.structure_id)
    .where('period_key', '=', row.period_key)
    .where('device_id', '=', expectedDeviceId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listPeriodOwners(db: Kysely<HubDB>, structureId: string): Promise<PeriodOwnerRow[]> {
  return db.selectFrom('period_owners').selectAll().where('structure_id', '=', structureId).orderBy('period_key').execute();
}
