/**
 * Migration 002 (ownership and key history) on a hub that already holds devices and bundles, on
 * both dialects: the back-filled `period_owners` and `device_keys` must be exactly what the new
 * code would have written had it been running when those bundles arrived.
 *
 * Method: the new code (enrolment, submission over HTTP, revocation) runs on a hub at the latest
 * schema and writes the reference rows. The rows of the 001 tables are then copied into a second
 * database migrated to 001 only, which is migrated to 002 and compared. Histories are limited to
 * what a 001 hub could hold: no key rotation (it did not exist), and a period changes hands only
 * when its device was revoked (a 001 hub never refused another device of the structure).
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openHubDatabase, type HubDatabase } from '../../server/db/dialect';
import { hubSchemaVersion, migrateHub } from '../../server/db/migrate';
import { HUB_MIGRATIONS } from '../../server/db/migrations/index';
import type { HubDB } from '../../server/db/schema';
import { revokeDevice } from '../../server/services/enrolment';
import { createTestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/fixtures';
import { HubTestClock, envelopeText, makeBundle, type TestDevice } from './bundles';
import { enrolTestDevice, forEachDialect, hubApp, openTestHub, pgAdminUrl, type TestHub } from './helpers';

const HALF_1: { kind: 'half'; year: number; index: number } = { kind: 'half', year: 2026, index: 1 };

/** Tables of schema 001 that 002 reads, in foreign-key order. */
const TABLES_001 = ['structures', 'devices', 'enrolment_codes', 'bundles'] as const;

forEachDialect('hub migration 002 back-fill', (dialect) => {
  const clock = new HubTestClock('2027-02-01T10:00:00.000Z');
  let source: TestHub;
  let app: FastifyInstance;
  let target: HubDatabase;
  let targetDrop: () => Promise<void> = async () => undefined;

  const put = async (bundle: ReturnType<typeof makeBundle>, device: TestDevice) => {
    clock.advanceSeconds(3600);
    const res = await app.inject({ method: 'PUT', url: `/v1/bundles/${bundle.bundleId}`, payload: envelopeText(bundle, device), headers: { 'content-type': 'application/json' } });
    expect(res.statusCode, res.body).toBe(201);
    return bundle;
  };

  beforeAll(async () => {
    source = await openTestHub(dialect, { clock });
    app = await hubApp(source);
    const temp = tempDir();
    let url: string | undefined;
    if (dialect === 'postgres') {
      const database = await createTestDatabase(pgAdminUrl()!);
      url = database.url;
      targetDrop = database.drop;
    }
    target = openHubDatabase({ dataDir: temp.dir, databaseUrl: url });
    const drop = targetDrop;
    targetDrop = async () => {
      await drop();
      temp.cleanup();
    };
  });
  afterAll(async () => {
    await app?.close();
    await target?.close();
    await targetDrop();
    await source?.dispose();
  });

  it('fills period_owners (first claim, or the take-over after a revocation) and device_keys as the new code does', async () => {
    // A: one device, two revisions of 2026 and one of 2026-H1.
    const a1 = await enrolTestDevice(source, { name: 'Migration A' });
    const aY1 = await put(makeBundle(a1, { seed: 501 }), a1);
    await put(makeBundle(a1, { seed: 502, revision: 2, previous: aY1 }), a1);
    await put(makeBundle(a1, { seed: 503, period: HALF_1 }), a1);
    // B: the first laptop is revoked, its successor takes 2026 over and sends two more revisions.
    clock.advanceSeconds(600);
    const b1 = await enrolTestDevice(source, { name: 'Migration B' });
    const bY1 = await put(makeBundle(b1, { seed: 511 }), b1);
    await revokeDevice(source.ctx, b1.deviceId);
    clock.advanceSeconds(600);
    const b2 = await enrolTestDevice(source, { name: 'Migration B' });
    const bY2 = await put(makeBundle(b2, { seed: 512, revision: 2, previous: bY1 }), b2);
    await put(makeBundle(b2, { seed: 513, revision: 3, previous: bY2 }), b2);
    // C: enrolled devices that never sent anything, one of them revoked.
    clock.advanceSeconds(600);
    const c1 = await enrolTestDevice(source, { name: 'Migration C' });
    await enrolTestDevice(source, { name: 'Migration C' });
    await revokeDevice(source.ctx, c1.deviceId);

    const db = source.ctx.db;
    const owners = await db.selectFrom('period_owners').selectAll().orderBy('structure_id').orderBy('period_key').execute();
    const keys = await db.selectFrom('device_keys').selectAll().orderBy('device_id').orderBy('public_key').execute();
    // The reference itself: claims at the first bundle, the take-over at the successor's first one.
    expect(owners.map((o) => [o.structure_id, o.period_key, o.device_id])).toEqual(
      [
        [a1.structureId, '2026-H1', a1.deviceId],
        [a1.structureId, '2026-Y1', a1.deviceId],
        [b1.structureId, '2026-Y1', b2.deviceId],
      ].sort((x, y) => (`${x[0]}${x[1]}` < `${y[0]}${y[1]}` ? -1 : 1)),
    );
    expect(keys).toHaveLength(5);

    // A hub at schema 001 holding the same devices and bundles.
    expect(await migrateHub(target, HUB_MIGRATIONS.filter((m) => m.version <= 1))).toMatchObject({ from: 0, to: 1 });
    await copy001(db, target.db);
    expect(await hubSchemaVersion(target.db)).toBe(1);

    expect(await migrateHub(target, HUB_MIGRATIONS.filter((m) => m.version <= 2))).toMatchObject({ from: 1, to: 2, applied: ['2-ownership-rotation'] });
    const migratedOwners = await target.db.selectFrom('period_owners').selectAll().orderBy('structure_id').orderBy('period_key').execute();
    const migratedKeys = await target.db.selectFrom('device_keys').selectAll().orderBy('device_id').orderBy('public_key').execute();
    expect(migratedOwners).toEqual(owners);
    expect(migratedKeys).toEqual(keys);

    // And the rest of the migrations still apply on top.
    expect((await migrateHub(target)).to).toBe(HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]!.version);
  });
});

/** Copies the rows of the 001 tables (bundles in arrival order: `supersedes` points backwards). */
async function copy001(from: Kysely<HubDB>, to: Kysely<HubDB>): Promise<void> {
  for (const table of TABLES_001) {
    let rows: Record<string, unknown>[] =
      table === 'bundles' ? await from.selectFrom('bundles').selectAll().orderBy('server_seq').execute() : await from.selectFrom(table).selectAll().execute();
    if (table === 'bundles') rows = rows.map((r) => ({ ...r, envelope: Buffer.from(r.envelope as Uint8Array) }));
    if (rows.length > 0) await to.insertInto(table).values(rows as never).execute();
  }
}
