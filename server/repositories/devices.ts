import type { Kysely, Selectable } from 'kysely';
import type { HubDB } from '../db/schema';

export type DeviceRow = Selectable<HubDB['devices']>;

export async function insertDevice(db: Kysely<HubDB>, row: DeviceRow): Promise<void> {
  await db.insertInto('devices').values(row).execute();
}

export async function findDevice(db: Kysely<HubDB>, deviceId: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('device_id', '=', deviceId).executeTakeFirst();
}

/** Returns false when the device is unknown or already revoked. */
export async function revokeDevice(db: Kysely<HubDB>, deviceId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('devices')
    .set({ status: 'revoked', revoked_at: now })
    .where('device_id', '=', deviceId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listDevices(db: Kysely<HubDB>): Promise<DeviceRow[]> {
  return db.selectFrom('devices').selectAll().orderBy('structure_id').orderBy('enrolled_at').execute();
}
