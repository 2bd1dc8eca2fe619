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

/**
 * Key rotation as a compare-and-set on the current key: false when the device is revoked or its
 * key already changed (a concurrent or replayed rotation). The key history is kept alongside.
 */
export async function rotateDeviceKey(
  db: Kysely<HubDB>,
  input: { deviceId: string; oldPublicKey: string; newPublicKey: string; now: string },
): Promise<boolean> {
  const result = await db
    .updateTable('devices')
    .set({ public_key: input.newPublicKey })
    .where('device_id', '=', input.deviceId)
    .where('public_key', '=', input.oldPublicKey)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await db
    .updateTable('device_keys')
    .set({ retired_at: input.now })
    .where('device_id', '=', input.deviceId)
    .where('public_key', '=', input.oldPublicKey)
    .execute();
  await db.insertInto('device_keys').values({ device_id: input.deviceId, public_key: input.newPublicKey, valid_from: input.now, retired_at: null }).execute();
  return true;
}

/** Every key the device has had, oldest first. */
export async function listDeviceKeys(db: Kysely<HubDB>, deviceId: string): Promise<Selectable<HubDB['device_keys']>[]> {
  return db.selectFrom('device_keys').selectAll().where('device_id', '=', deviceId).orderBy('valid_from').execute();
}

/** The key history row written at enrolment. */
export async function insertDeviceKey(db: Kysely<HubDB>, row: Selectable<HubDB['device_keys']>): Promise<void> {
  await db.insertInto('device_keys').values(row).execute();
}
