/**
 * The hub schema on both dialects: the same migrations, transactional, refusing a newer
 * database; uniqueness lives in the database; the receipt key is created once, mode 0600.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isUniqueViolation } from '../../server/db/dialect';
import { HubSchemaTooNewError, hubSchemaVersion, migrateHub } from '../../server/db/migrate';
import { HUB_MIGRATIONS, LATEST_HUB_SCHEMA_VERSION } from '../../server/db/migrations/index';
import type { HubMigration } from '../../server/db/migrations/types';
import { HUB_KEY_FILE } from '../../server/services/keys';
import { forEachDialect, openTestHub, type TestHub } from './helpers';

forEachDialect('hub schema', (dialect) => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await openTestHub(dialect);
  });
  afterAll(async () => {
    await hub?.dispose();
  });

  it('migrates a new database to the latest version; running again changes nothing', async () => {
    expect(hub.migration).toMatchObject({ from: 0, to: LATEST_HUB_SCHEMA_VERSION });
    expect(await hubSchemaVersion(hub.ctx.db)).toBe(LATEST_HUB_SCHEMA_VERSION);
    expect(await migrateHub(hub.database)).toEqual({ from: LATEST_HUB_SCHEMA_VERSION, to: LATEST_HUB_SCHEMA_VERSION, applied: [] });
  });

  it('applies pending migrations in one transaction: a failing one leaves the database as it was', async () => {
    const broken: HubMigration = {
      version: LATEST_HUB_SCHEMA_VERSION + 1,
      name: 'broken',
      async up(db) {
        await db.schema.createTable('half_done').addColumn('x', 'integer').execute();
        throw new Error('migration failed halfway');
      },
    };
    await expect(migrateHub(hub.database, [...HUB_MIGRATIONS, broken])).rejects.toThrow('halfway');
    expect(await hubSchemaVersion(hub.ctx.db)).toBe(LATEST_HUB_SCHEMA_VERSION);
    await expect(hub.ctx.db.selectFrom('half_done' as never).selectAll().execute()).rejects.toThrow();
  });

  it('refuses a database written by a newer hub, without touching it', async () => {
    await hub.ctx.db.updateTable('hub_schema_version').set({ version: LATEST_HUB_SCHEMA_VERSION + 5 }).where('id', '=', 1).execute();
    try {
      await expect(hub.reopen()).rejects.toBeInstanceOf(HubSchemaTooNewError);
      expect(await hubSchemaVersion(hub.ctx.db)).toBe(LATEST_HUB_SCHEMA_VERSION + 5);
    } finally {
      await hub.ctx.db.updateTable('hub_schema_version').set({ version: LATEST_HUB_SCHEMA_VERSION }).where('id', '=', 1).execute();
    }
  });

  it('enforces uniqueness in the database: bundle id, (structure, period, revision), one current per (structure, period)', async () => {
    const db = hub.ctx.db;
    const now = '2027-01-01T00:00:00.000Z';
    await db.insertInto('structures').values({ structure_id: 'st_constraint01', name: 'Contraintes', region_code: '11', siae_kind: null, created_at: now }).execute();
    await db
      .insertInto('devices')
      .values({ device_id: 'dev_c', structure_id: 'st_constraint01', public_key: 'x', label: 'l', app_version: '1', status: 'active', enrolled_at: now, revoked_at: null })
      .execute();
    let seq = 1000;
    const row = (id: string, revision: number, status: 'current' | 'superseded') => ({
      bundle_id: id,
      structure_id: 'st_constraint01',
      period_key: '2026-Y1',
      period_kind: 'year',
      period_year: 2026,
      period_index: 1,
      revision,
      schema_version: '1.0',
      catalogue_version: '2026.1',
      content_sha256: 'a'.repeat(64),
      envelope: Buffer.from('{}'),
      device_id: 'dev_c',
      created_at_client: now,
      received_at: now,
      status,
      supersedes: null,
      receipt: '{}',
      server_seq: ++seq,
    });
    await db.insertInto('bundles').values(row('b1', 1, 'current')).execute();
    const attempt = async (r: ReturnType<typeof row>) => {
      try {
        await db.insertInto('bundles').values(r).execute();
        return 'inserted';
      } catch (e) {
        return isUniqueViolation(e) ? 'unique' : `other: ${String(e)}`;
      }
    };
    expect(await attempt(row('b1', 2, 'superseded'))).toBe('unique'); // same id
    expect(await attempt(row('b2', 1, 'superseded'))).toBe('unique'); // same revision
    expect(await attempt(row('b3', 2, 'current'))).toBe('unique'); // a second current
    expect(await attempt(row('b4', 2, 'superseded'))).toBe('inserted');
    // Cells: a suppressed cell cannot carry a value.
    await expect(db.insertInto('cells').values({ bundle_id: 'b1', table_id: 't', cell_key: '["*"]', value: 3, status: 'A' }).execute()).rejects.toThrow();
  });

  it('keeps the receipt key in the data folder (0600), the same across restarts', async () => {
    const file = join(hub.dataDir, HUB_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = await hub.reopen();
    expect(again.ctx.keys.publicKey).toBe(hub.ctx.keys.publicKey);
  });
});
