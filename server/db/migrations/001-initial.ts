import { sql } from 'kysely';
import type { HubMigration } from './types';

/** Structures, enrolment, devices, bundles with their cells, receipts, audit log, dashboard sessions. */
export const initial: HubMigration = {
  version: 1,
  name: 'initial',
  async up(db, dialect) {
    const binary = dialect === 'postgres' ? 'bytea' : 'blob';

    await db.schema
      .createTable('structures')
      .addColumn('structure_id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('siae_kind', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('structures_name').unique().on('structures').column('name').execute();

    await db.schema
      .createTable('devices')
      .addColumn('device_id', 'text', (c) => c.primaryKey())
      .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.structure_id'))
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('app_version', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('enrolled_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addCheckConstraint('devices_status', sql`status in ('active', 'revoked')`)
      .execute();
    await db.schema.createIndex('devices_structure').on('devices').column('structure_id').execute();

    await db.schema
      .createTable('enrolment_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.structure_id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      // One device per code, enforced by the database.
      .addColumn('device_id', 'text', (c) => c.unique().references('devices.device_id'))
      .execute();

    await db.schema
      .createTable('bundles')
      .addColumn('bundle_id', 'text', (c) => c.primaryKey())
      .addColumn('structure_id', 'text', (c) => c.notNull().references('structures.structure_id'))
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('period_kind', 'text', (c) => c.notNull())
      .addColumn('period_year', 'integer', (c) => c.notNull())
      .addColumn('period_index', 'integer', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('schema_version', 'text', (c) => c.notNull())
      .addColumn('catalogue_version', 'text', (c) => c.notNull())
      .addColumn('content_sha256', 'text', (c) => c.notNull())
      .addColumn('envelope', binary, (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.device_id'))
      .addColumn('created_at_client', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('supersedes', 'text', (c) => c.references('bundles.bundle_id'))
      .addColumn('receipt', 'text', (c) => c.notNull())
      .addColumn('server_seq', 'integer', (c) => c.notNull().unique())
      .addCheckConstraint('bundles_status', sql`status in ('current', 'superseded')`)
      .addCheckConstraint('bundles_revision', sql`revision >= 1`)
      .addUniqueConstraint('bundles_revision_unique', ['structure_id', 'period_key', 'revision'])
      .execute();
    // At most one current revision per (structure, period): a partial unique index, on both dialects.
    await db.schema
      .createIndex('bundles_one_current')
      .unique()
      .on('bundles')
      .columns(['structure_id', 'period_key'])
      .where(sql.ref('status'), '=', 'current')
      .execute();
    await db.schema.createIndex('bundles_period_status').on('bundles').columns(['period_key', 'status']).execute();

    await db.schema
      .createTable('bundle_tables')
      .addColumn('bundle_id', 'text', (c) => c.notNull().references('bundles.bundle_id'))
      .addColumn('table_id', 'text', (c) => c.notNull())
      .addColumn('withheld', 'integer', (c) => c.notNull())
      .addColumn('spec', 'text')
      .addPrimaryKeyConstraint('bundle_tables_pk', ['bundle_id', 'table_id'])
      .execute();

    await db.schema
      .createTable('cells')
      .addColumn('bundle_id', 'text', (c) => c.notNull().references('bundles.bundle_id'))
      .addColumn('table_id', 'text', (c) => c.notNull())
      .addColumn('cell_key', 'text', (c) => c.notNull())
      .addColumn('value', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cells_pk', ['bundle_id', 'table_id', 'cell_key'])
      .addCheckConstraint('cells_status', sql`status in ('V', 'A', 'D')`)
      .addCheckConstraint('cells_value', sql`(status = 'V' and value is not null and value >= 0) or (status <> 'V' and value is null)`)
      .execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
      )
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('hub_counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();
    await db.insertInto('hub_counters').values({ name: 'server_seq', value: 0 }).execute();

    await db.schema
      .createTable('request_nonces')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('nonce', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('request_nonces_pk', ['device_id', 'nonce'])
      .execute();

    await db.schema
      .createTable('hub_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('admin_sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .execute();
  },
};
