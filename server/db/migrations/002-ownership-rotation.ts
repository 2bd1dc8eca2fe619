import { sql } from 'kysely';
import type { HubMigration } from './types';

/**
 * One exporting device per (structure, period), and the history of device keys.
 *
 * `period_owners` is claimed by the first accepted bundle of a period (an administrator can
 * transfer it); existing data is backfilled from the device of each current bundle.
 * `device_keys` keeps every key a device has had, so a rotation can be audited and a bundle
 * stored before it can still be shown to have been signed by the device at the time.
 */
export const ownershipRotation: HubMigration = {
  version: 2,
  name: 'ownership-rotation',
  async up(db) {
    await db.schema
      .createTable('period_owners')
      .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.structure_id'))
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('period_owners_pk', ['structure_id', 'period_key'])
      .execute();
    await sql`insert into period_owners (structure_id, period_key, device_id, assigned_at)
              select structure_id, period_key, device_id, received_at from bundles where status = 'current'`.execute(db);

    await db.schema
      .createTable('device_keys')
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('retired_at', 'text')
      .addPrimaryKeyConstraint('device_keys_pk', ['device_id', 'public_key'])
      .execute();
    await sql`insert into device_keys (device_id, public_key, valid_from, retired_at)
              select device_id, public_key, enrolled_at, null from devices`.execute(db);
  },
};
