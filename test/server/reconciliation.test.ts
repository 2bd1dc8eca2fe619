/**
 * GET /v1/structures/{sid}/bundles — signed reads (device, created, nonce, signature headers):
 * what the hub holds with each stored receipt, for the laptop's anti-entropy pass (Y6 hub side).
 */
import type { FastifyInstance } from 'fastify';
import { sign } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HeldBundles, HubError, SIGNED_REQUEST_HEADERS, signedRequestBase } from '../../shared/sync/protocol';
import { revokeDevice } from '../../server/services/enrolment';
import { HubTestClock, contentSha256, deviceKeys, envelopeText, makeBundle, receiptSignatureValid, signedReadHeaders, type TestDevice } from './bundles';
import { enrolTestDevice, forEachDialect, hubApp, openTestHub, type TestHub } from './helpers';

forEachDialect('reconciliation', (dialect) => {
  let hub: TestHub;
  let app: FastifyInstance;
  let device: TestDevice;
  const clock = new HubTestClock('2027-03-01T08:00:00.000Z');
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  const get = async (path: string, headers: Record<string, string>) => {
    const res = await app.inject({ method: 'GET', url: path, headers });
    return { status: res.statusCode, json: res.json() as unknown };
  };
  const put = (b: ReturnType<typeof makeBundle>, d: TestDevice) =>
    app.inject({ method: 'PUT', url: `/v1/bundles/${b.bundleId}`, payload: envelopeText(b, d), headers: { 'content-type': 'application/json' } });

  beforeAll(async () => {
    hub = await openTestHub(dialect, { clock });
    app = await hubApp(hub);
    device = await enrolTestDevice(hub);
  });
  afterAll(async () => {
    await app?.close();
    await hub?.dispose();
  });

  it('lists every stored bundle of the structure (current and superseded) with its receipt; filters by period', async () => {
    const rev1 = makeBundle(device, { seed: 301 });
    const rev2 = makeBundle(device, { seed: 302, size: 61, revision: 2, previous: rev1 });
    const half = makeBundle(device, { seed: 303, period: { kind: 'half', year: 2026, index: 2 } });
    for (const b of [rev1, rev2, half]) expect((await put(b, device)).statusCode).toBe(201);

    const path = `/v1/structures/${device.structureId}/bundles`;
    const res = await get(path, signedReadHeaders(device, path, nowSeconds()));
    expect(res.status).toBe(200);
    const held = HeldBundles.parse(res.json);
    expect(held.bundles.map((b) => [b.bundleId, b.revision, b.status, b.contentSha256])).toEqual(
      expect.arrayContaining([
        [rev1.bundleId, 1, 'superseded', contentSha256(rev1)],
        [rev2.bundleId, 2, 'current', contentSha256(rev2)],
        [half.bundleId, 1, 'current', contentSha256(half)],
      ]),
    );
    expect(held.bundles).toHaveLength(3);
    for (const b of held.bundles) expect(receiptSignatureValid(b.receipt, hub.ctx.keys.publicKey)).toBe(true);

    const filtered = `${path}?period=2026-H2`;
    const only = HeldBundles.parse((await get(filtered, signedReadHeaders(device, filtered, nowSeconds()))).json);
    expect(only.bundles.map((b) => b.bundleId)).toEqual([half.bundleId]);
  });

  it('refuses a replayed nonce, a request outside the ±5 min window, a bad signature, a path other than the signed one', async () => {
    const path = `/v1/structures/${device.structureId}/bundles`;
    const headers = signedReadHeaders(device, path, nowSeconds());
    expect((await get(path, headers)).status).toBe(200);
    const replay = await get(path, headers);
    const old = await get(path, signedReadHeaders(device, path, nowSeconds() - 301));
    const future = await get(path, signedReadHeaders(device, path, nowSeconds() + 301));
    const forged = await get(path, signedReadHeaders({ deviceId: device.deviceId, privateKey: deviceKeys().privateKey }, path, nowSeconds()));
    const otherPath = await get(`${path}?period=2026-Y1`, signedReadHeaders(device, path, nowSeconds()));
    const missing = await get(path, { [SIGNED_REQUEST_HEADERS.device]: device.deviceId });
    expect([replay, old, future, forged, otherPath, missing].map((r) => [r.status, HubError.parse(r.json).error.code])).toEqual(
      Array.from({ length: 6 }, () => [401, 'bad_signature']),
    );
    // Within the window, an ISO-8601 `created` works too.
    const iso = clock.now().toISOString();
    const nonce = 'abcdefghijklmnop1234';
    const sig = sign(null, Buffer.from(signedRequestBase('GET', path, iso, nonce)), device.privateKey).toString('base64');
    const isoRes = await get(path, {
      [SIGNED_REQUEST_HEADERS.device]: device.deviceId,
      [SIGNED_REQUEST_HEADERS.created]: iso,
      [SIGNED_REQUEST_HEADERS.nonce]: nonce,
      [SIGNED_REQUEST_HEADERS.signature]: sig,
    });
    expect(isoRes.status).toBe(200);
  });

  it('a device may only read its own structure (403), a revoked one not at all (401)', async () => {
    const other = await enrolTestDevice(hub);
    const path = `/v1/structures/${device.structureId}/bundles`;
    const cross = await get(path, signedReadHeaders(other, path, nowSeconds()));
    expect([cross.status, HubError.parse(cross.json).error.code]).toEqual([403, 'structure_mismatch']);
    await revokeDevice(hub.ctx, other.deviceId);
    const ownPath = `/v1/structures/${other.structureId}/bundles`;
    const revoked = await get(ownPath, signedReadHeaders(other, ownPath, nowSeconds()));
    expect([revoked.status, HubError.parse(revoked.json).error.code]).toEqual([401, 'device_revoked']);
    const badPeriod = `${path}?period=2026`;
    expect((await get(badPeriod, signedReadHeaders(device, badPeriod, nowSeconds()))).status).toBe(400);
  });
});
