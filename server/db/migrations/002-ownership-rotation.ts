import { sql } from 'kysely';
import type { HubMigration } from './types';

/**
 * One exporting device per (structure, period), and the history of device keys.
 *
 * `period_owners` is claimed by the first accepted bundle of a period (an administrator can
 * transfer it); existing data is backfilled from the device of each current bundle, assigned when
 * that device's unbroken run of revisions began (test/server/migration-002.test.ts).
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
    // The owner is the device of the current bundle, since the moment it claimed the period: its
    // first bundle after the last one from another device (the new code claims with the first
    // bundle, or takes over at the first bundle after the owner's revocation).
    await sql`insert into period_owners (structure_id, period_key, device_id, assigned_at)
              select c.structure_id, c.period_key, c.device_id,
                     (select min(b.received_at) from bundles b
                       where b.structure_id = c.structure_id and b.period_key = c.period_key and b.device_id = c.device_id
                         and not exists (select 1 from bundles o
                                          where o.structure_id = c.structure_id and o.period_key = c.period_key
                                            and o.device_id <> c.device_id and o.revision > b.revision))
                from bundles c where c.status = 'current'`.execute(db);

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
