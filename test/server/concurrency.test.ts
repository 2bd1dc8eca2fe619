/**
 * Y3 and friends, over real HTTP on loopback: the database constraints, not application
 * pre-checks, decide who wins (Kobo issue #470).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HubError, SignedReceipt } from '../../shared/sync/protocol';
import { startHubServer, type RunningHub } from '../../server/http/app';
import { bundlesOf, countBundleRows } from '../../server/repositories/bundles';
import { issueEnrolmentCode } from '../../server/services/enrolment';
import { deviceKeys, envelopeText, makeBundle, receiptSignatureValid } from './bundles';
import { enrolTestDevice, forEachDialect, openTestHub, type TestHub } from './helpers';

forEachDialect('concurrency', (dialect) => {
  let hub: TestHub;
  let server: RunningHub;

  beforeAll(async () => {
    hub = await openTestHub(dialect);
    server = await startHubServer({ ctx: hub.ctx, host: '127.0.0.1', port: 0, logError: () => undefined });
  });
  afterAll(async () => {
    await server?.close();
    await hub?.dispose();
  });

  it('Y3: 20 concurrent PUTs of the same bundle store exactly one row; one 201, the rest 200 or 409 in_flight; every 2xx receipt identical', async () => {
    const device = await enrolTestDevice(hub);
    const bundle = makeBundle(device, { seed: 101, size: 120 });
    const body = envelopeText(bundle, device);
    const before = await countBundleRows(hub.ctx.db);
    const responses = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await fetch(`${server.url}/v1/bundles/${bundle.bundleId}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'idempotency-key': bundle.bundleId },
          body,
        });
        return { status: res.status, text: await res.text() };
      }),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    for (const r of responses) {
      if (r.status === 409) expect(HubError.parse(JSON.parse(r.text)).error.code).toBe('in_flight');
      else expect([200, 201]).toContain(r.status);
    }
    const receipts = responses.filter((r) => r.status < 300).map((r) => r.text);
    expect(new Set(receipts).size).toBe(1);
    expect(receiptSignatureValid(SignedReceipt.parse(JSON.parse(receipts[0] ?? '')), hub.ctx.keys.publicKey)).toBe(true);
    const after = await countBundleRows(hub.ctx.db);
    expect(after.bundles - before.bundles).toBe(1);
    expect(await bundlesOf(hub.ctx.db, device.structureId)).toHaveLength(1);
  });

  it('Y3, forced race: all 20 pass every check before any stores — the primary key alone keeps one row, and the losers answer with its receipt', async () => {
    const N = 20;
    let waiting = 0;
    let release: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => {
      release = resolve;
    });
    const racing = await hub.reopen({
      hooks: {
        beforeBundleStore: async () => {
          waiting += 1;
          if (waiting === N) release();
          // Bounded: never hang the suite if fewer requests arrive.
          await Promise.race([barrier, new Promise((r) => setTimeout(r, 10_000))]);
        },
      },
    });
    const raceServer = await startHubServer({ ctx: racing.ctx, host: '127.0.0.1', port: 0, logError: () => undefined });
    try {
      const device = await enrolTestDevice(racing);
      const bundle = makeBundle(device, { seed: 105 });
      const body = envelopeText(bundle, device);
      const responses = await Promise.all(
        Array.from({ length: N }, async () => {
          const res = await fetch(`${raceServer.url}/v1/bundles/${bundle.bundleId}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
          return { status: res.status, text: await res.text() };
        }),
      );
      expect(waiting).toBeGreaterThanOrEqual(N);
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      expect(responses.every((r) => r.status === 201 || r.status === 200 || r.status === 409)).toBe(true);
      expect(new Set(responses.filter((r) => r.status < 300).map((r) => r.text)).size).toBe(1);
      expect(await bundlesOf(racing.ctx.db, device.structureId)).toHaveLength(1);
    } finally {
      await raceServer.close();
    }
  });

  it('two different revision-2 bundles sent at once: exactly one becomes current, the other is refused as stale', async () => {
    const device = await enrolTestDevice(hub);
    const rev1 = makeBundle(device, { seed: 102 });
    const put = async (b: typeof rev1) => {
      const res = await fetch(`${server.url}/v1/bundles/${b.bundleId}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: envelopeText(b, device) });
      return { status: res.status, json: (await res.json()) as unknown };
    };
    expect((await put(rev1)).status).toBe(201);
    const x = makeBundle(device, { seed: 103, size: 61, revision: 2, previous: rev1 });
    const y = makeBundle(device, { seed: 104, size: 62, revision: 2, previous: rev1 });
    const [rx, ry] = await Promise.all([put(x), put(y)]);
    expect([rx.status, ry.status].sort()).toEqual([201, 409]);
    const loser = rx.status === 409 ? rx : ry;
    expect(HubError.parse(loser.json).error.code).toBe('stale_revision');
    const rows = await bundlesOf(hub.ctx.db, device.structureId);
    expect(rows.filter((r) => r.status === 'current')).toHaveLength(1);
    expect(rows.map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it('Y14: the same code used by 5 laptops at once enrols exactly one device', async () => {
    const issued = await issueEnrolmentCode(hub.ctx, { structureName: `Concurrente ${dialect}`, regionCode: '53' });
    const responses = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const res = await fetch(`${server.url}/v1/enroll`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: issued.code, publicKey: deviceKeys().publicKeyB64, deviceLabel: `Portable ${i}`, appVersion: '1.0.0' }),
        });
        return { status: res.status, json: (await res.json()) as unknown };
      }),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of responses.filter((x) => x.status !== 201)) {
      expect([r.status, HubError.parse(r.json).error.code]).toEqual([410, 'enrolment_code_used']);
    }
    const devices = await hub.ctx.db.selectFrom('devices').select('device_id').where('structure_id', '=', issued.structure.structure_id).execute();
    expect(devices).toHaveLength(1);
  });
});
