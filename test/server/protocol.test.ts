/**
 * Protocol additions on both dialects: one exporting device per (structure, period) and its
 * transfer, the region check, the policy floor, the catalogue (200/304), key rotation, and the
 * reprocessing of a stored newer-minor envelope (Y11).
 */
import type { FastifyInstance } from 'fastify';
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HubCatalog,
  HubError,
  RotateKeyResponse,
  SIGNED_REQUEST_HEADERS,
  SignedEnvelope,
  SignedReceipt,
  hubErrorMessages,
  rotationProofText,
  signedRequestBase,
} from '../../shared/sync/protocol';
import { DEFAULT_AUDIT_OPTIONS, DEFAULT_HUB_MINIMUM, DEFAULT_PRIMARY_POLICY, bundlePolicy, bundleSchema, parseBundle, type Bundle } from '../../shared/stats/index';
import { listAudit } from '../../server/repositories/audit';
import { bundleEnvelope, bundlesOf, cellsOfBundles, countBundleRows, tablesOfBundles } from '../../server/repositories/bundles';
import { listDeviceKeys } from '../../server/repositories/devices';
import { findPeriodOwner } from '../../server/repositories/period-owners';
import { HubAdminError, revokeDevice } from '../../server/services/enrolment';
import { transferPeriod } from '../../server/services/ownership';
import { rowsOf } from '../../server/services/submission';
import { HubTestClock, envelopeText, makeBundle, newBundleId, receiptSignatureValid, signedReadHeaders, type TestDevice } from './bundles';
import { enrolTestDevice, forEachDialect, hubApp, openTestHub, type TestHub } from './helpers';

function code(json: unknown): string {
  return HubError.parse(json).error.code;
}

function rawPublic(key: KeyObject): string {
  return Buffer.from(String(key.export({ format: 'jwk' }).x), 'base64url').toString('base64');
}

forEachDialect('protocol', (dialect) => {
  let hub: TestHub;
  let app: FastifyInstance;
  const clock = new HubTestClock('2027-02-01T10:00:00.000Z');
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  const put = async (bundle: { bundleId: string }, signer: { deviceId: string; privateKey: KeyObject }, payload: object = bundle) => {
    const res = await app.inject({
      method: 'PUT',
      url: `/v1/bundles/${bundle.bundleId}`,
      payload: envelopeText(payload, signer),
      headers: { 'content-type': 'application/json' },
    });
    return { status: res.statusCode, json: res.json() as unknown, text: res.body };
  };

  /** A signed POST as the laptop makes it: the signature base includes the body's SHA-256. */
  const rotate = async (
    device: { deviceId: string; privateKey: KeyObject },
    body: object,
    options: { path?: string; created?: number; nonce?: string } = {},
  ) => {
    const path = options.path ?? `/v1/devices/${device.deviceId}/rotate`;
    const text = JSON.stringify(body);
    const created = String(options.created ?? nowSeconds());
    const nonce = options.nonce ?? randomBytes(16).toString('base64url');
    const base = signedRequestBase('POST', path, created, nonce, createHash('sha256').update(text).digest('hex'));
    const res = await app.inject({
      method: 'POST',
      url: path,
      payload: text,
      headers: {
        'content-type': 'application/json',
        [SIGNED_REQUEST_HEADERS.device]: device.deviceId,
        [SIGNED_REQUEST_HEADERS.created]: created,
        [SIGNED_REQUEST_HEADERS.nonce]: nonce,
        [SIGNED_REQUEST_HEADERS.signature]: sign(null, Buffer.from(base), device.privateKey).toString('base64'),
      },
    });
    return { status: res.statusCode, json: res.json() as unknown, replay: { created: Number(created), nonce } };
  };

  const rotationBody = (deviceId: string, newKey: KeyObject) => {
    const newPublicKey = rawPublic(createPublicKey(newKey));
    return { newPublicKey, proof: sign(null, Buffer.from(rotationProofText(deviceId, newPublicKey)), newKey).toString('base64') };
  };

  beforeAll(async () => {
    hub = await openTestHub(dialect, { clock });
    app = await hubApp(hub);
  });
  afterAll(async () => {
    await app?.close();
    await hub?.dispose();
  });

  describe('one exporting device per (structure, period)', () => {
    it('refuses a second device of the structure with 409 period_owned_by_other_device (French), stores nothing, logs it; a transfer hands the period over', async () => {
      const first = await enrolTestDevice(hub, { name: 'Propriété A' });
      const second = await enrolTestDevice(hub, { name: 'Propriété A' });
      expect(second.structureId).toBe(first.structureId);

      const rev1 = makeBundle(first, { seed: 401 });
      expect((await put(rev1, first)).status).toBe(201);
      expect((await findPeriodOwner(hub.ctx.db, first.structureId, '2026-Y1'))?.device_id).toBe(first.deviceId);

      const before = await countBundleRows(hub.ctx.db);
      const rival = makeBundle(second, { seed: 402, revision: 2, previous: rev1 });
      const refused = await put(rival, second);
      expect(refused.status).toBe(409);
      expect(HubError.parse(refused.json).error).toMatchObject({
        code: 'period_owned_by_other_device',
        message: hubErrorMessages.period_owned_by_other_device,
      });
      expect(await countBundleRows(hub.ctx.db)).toEqual(before);
      const rejects = await listAudit(hub.ctx.db, { action: 'bundle.reject', entityId: rival.bundleId });
      expect(JSON.parse(rejects[0]?.detail ?? '{}')).toMatchObject({ code: 'period_owned_by_other_device' });

      // Another period is free: the second device claims it.
      const half = makeBundle(second, { seed: 403, period: { kind: 'half', year: 2026, index: 1 } });
      expect((await put(half, second)).status).toBe(201);

      // The administrator hands 2026 over: the second device continues the chain, the first is refused.
      const transfer = await transferPeriod(hub.ctx, { structure: first.structureId, periodKey: '2026-Y1', deviceId: second.deviceId });
      expect(transfer).toEqual({ structureId: first.structureId, periodKey: '2026-Y1', from: first.deviceId, to: second.deviceId });
      expect((await put(rival, second)).status).toBe(201);
      const late = makeBundle(first, { seed: 404, revision: 3, previous: rival });
      expect(code((await put(late, first)).json)).toBe('period_owned_by_other_device');
      expect((await bundlesOf(hub.ctx.db, first.structureId)).filter((r) => r.period_key === '2026-Y1').map((r) => [r.revision, r.device_id, r.status])).toEqual([
        [1, first.deviceId, 'superseded'],
        [2, second.deviceId, 'current'],
      ]);
      const audit = await listAudit(hub.ctx.db, { action: 'period.transfer', entityId: `${first.structureId}/2026-Y1` });
      expect(JSON.parse(audit[0]?.detail ?? '{}')).toEqual({ from: first.deviceId, to: second.deviceId });
    });

    it('a retry of a bundle stored before the transfer still gets its receipt (idempotency first)', async () => {
      const first = await enrolTestDevice(hub, { name: 'Propriété B' });
      const second = await enrolTestDevice(hub, { name: 'Propriété B' });
      const rev1 = makeBundle(first, { seed: 411 });
      const stored = await put(rev1, first);
      await transferPeriod(hub.ctx, { structure: 'Propriété B', periodKey: '2026-Y1', deviceId: second.deviceId });
      const retry = await put(rev1, first);
      expect([retry.status, retry.text]).toEqual([200, stored.text]);
    });

    it('a re-enrolled laptop takes over the periods of its revoked predecessor (audited)', async () => {
      const old = await enrolTestDevice(hub, { name: 'Propriété C' });
      const rev1 = makeBundle(old, { seed: 421 });
      expect((await put(rev1, old)).status).toBe(201);
      await revokeDevice(hub.ctx, old.deviceId);
      const successor = await enrolTestDevice(hub, { name: 'Propriété C' });
      const rev2 = makeBundle(successor, { seed: 422, revision: 2, previous: rev1 });
      expect((await put(rev2, successor)).status).toBe(201);
      expect((await findPeriodOwner(hub.ctx.db, old.structureId, '2026-Y1'))?.device_id).toBe(successor.deviceId);
      const takeover = await listAudit(hub.ctx.db, { action: 'period.takeover', entityId: `${old.structureId}/2026-Y1` });
      expect(JSON.parse(takeover[0]?.detail ?? '{}')).toMatchObject({ from: old.deviceId, to: successor.deviceId });
    });

    it('refuses transfers to a device of another structure, a revoked device, an invalid period, the current owner', async () => {
      const a = await enrolTestDevice(hub, { name: 'Propriété D' });
      const other = await enrolTestDevice(hub, { name: 'Ailleurs D' });
      expect((await put(makeBundle(a, { seed: 431 }), a)).status).toBe(201);
      await expect(transferPeriod(hub.ctx, { structure: a.structureId, periodKey: '2026-Y1', deviceId: other.deviceId })).rejects.toThrow(/n’appartient pas/);
      await expect(transferPeriod(hub.ctx, { structure: a.structureId, periodKey: '2026', deviceId: a.deviceId })).rejects.toThrow(HubAdminError);
      await expect(transferPeriod(hub.ctx, { structure: a.structureId, periodKey: '2026-Y1', deviceId: a.deviceId })).rejects.toThrow(/déjà confiée/);
      const revoked = await enrolTestDevice(hub, { name: 'Propriété D' });
      await revokeDevice(hub.ctx, revoked.deviceId);
      await expect(transferPeriod(hub.ctx, { structure: a.structureId, periodKey: '2026-Y1', deviceId: revoked.deviceId })).rejects.toThrow(/révoqué/);
      expect((await findPeriodOwner(hub.ctx.db, a.structureId, '2026-Y1'))?.device_id).toBe(a.deviceId);
    });
  });

  it('region check: a bundle claiming another region than the registry’s is refused 403 region_mismatch, nothing stored, logged', async () => {
    const d = await enrolTestDevice(hub, { name: 'Région E', regionCode: '11' });
    const moved = makeBundle({ ...d, regionCode: '32' }, { seed: 441 });
    const before = await countBundleRows(hub.ctx.db);
    const res = await put(moved, d);
    expect([res.status, code(res.json)]).toEqual([403, 'region_mismatch']);
    expect(HubError.parse(res.json).error.message).toBe(hubErrorMessages.region_mismatch);
    expect(await countBundleRows(hub.ctx.db)).toEqual(before);
    expect(JSON.parse((await listAudit(hub.ctx.db, { action: 'bundle.reject', entityId: moved.bundleId }))[0]?.detail ?? '{}')).toMatchObject({
      code: 'region_mismatch',
    });
    // The same figures with the registered region go through.
    expect((await put(makeBundle(d, { seed: 441 }), d)).status).toBe(201);
  });

  it('policy floor: a bundle whose own policy is weaker than the hub’s minimum is refused 422 policy_below_minimum with the fields', async () => {
    const d = await enrolTestDevice(hub, { name: 'Politique F' });
    const base = makeBundle(d, { seed: 451 });
    const weak = parseBundle({ ...base, bundleId: newBundleId(), policy: { ...bundlePolicy(DEFAULT_PRIMARY_POLICY, DEFAULT_AUDIT_OPTIONS), minCountSensitive: 6 } });
    const res = await put(weak, d);
    expect([res.status, code(res.json)]).toEqual([422, 'policy_below_minimum']);
    expect(HubError.parse(res.json).error.details).toMatchObject({ fields: ['minCountSensitive'] });
    // Exactly at the floor is fine.
    expect(base.policy).toMatchObject({ minCount: DEFAULT_HUB_MINIMUM.minCount, minCountSensitive: DEFAULT_HUB_MINIMUM.minCountSensitive });
    expect((await put(base, d)).status).toBe(201);
  });

  describe('GET /v1/catalog', () => {
    it('tells catalogue versions, schema majors, policy floors, minimum client version and which periods are over; 304 when unchanged', async () => {
      const res = await app.inject({ method: 'GET', url: '/v1/catalog?region=11' });
      expect(res.statusCode).toBe(200);
      const catalog = HubCatalog.parse(res.json());
      expect(catalog).toMatchObject({ catalogueVersions: ['2026.1'], schemaMajors: [1], minimumPolicy: DEFAULT_HUB_MINIMUM, minClientVersion: null });
      const period = (key: string) => catalog.periods.find((p) => p.key === key);
      expect(period('2026-Y1')).toMatchObject({ closed: true });
      expect(period('2027-Q1')).toMatchObject({ closed: false, endsAt: '2027-03-31T22:00:00.000Z' });
      expect(res.headers.etag).toBe(`"${catalog.revision}"`);

      const since = await app.inject({ method: 'GET', url: `/v1/catalog?region=11&since=${catalog.revision}` });
      expect([since.statusCode, since.body]).toEqual([304, '']);
      const etag = await app.inject({ method: 'GET', url: '/v1/catalog?region=11', headers: { 'if-none-match': `"${catalog.revision}"` } });
      expect(etag.statusCode).toBe(304);

      // Réunion closes the quarter at its own midnight; the revision differs from the metropolitan one.
      const reunion = HubCatalog.parse((await app.inject({ method: 'GET', url: '/v1/catalog?region=04' })).json());
      expect(reunion.periods.find((p) => p.key === '2027-Q1')?.endsAt).toBe('2027-03-31T20:00:00.000Z');
      expect(reunion.revision).not.toBe(catalog.revision);

      // Once the quarter is over, the same `since` gets a new catalogue.
      clock.set('2027-04-01T08:00:00.000Z');
      try {
        const later = await app.inject({ method: 'GET', url: `/v1/catalog?region=11&since=${catalog.revision}` });
        expect(later.statusCode).toBe(200);
        expect(HubCatalog.parse(later.json()).periods.find((p) => p.key === '2027-Q1')?.closed).toBe(true);
      } finally {
        clock.set('2027-02-01T10:00:00.000Z');
      }
      const bad = await app.inject({ method: 'GET', url: '/v1/catalog?region=99' });
      expect([bad.statusCode, code(bad.json())]).toEqual([400, 'bad_request']);
    });
  });

  describe('key rotation', () => {
    it('old key refused afterwards, new key accepted, earlier receipts still valid and returned; history and audit kept', async () => {
      const d = await enrolTestDevice(hub, { name: 'Rotation G' });
      const rev1 = makeBundle(d, { seed: 461 });
      const first = await put(rev1, d);
      expect(first.status).toBe(201);

      const newKey = generateKeyPairSync('ed25519').privateKey;
      clock.advanceSeconds(60);
      const res = await rotate(d, rotationBody(d.deviceId, newKey));
      expect(res.status).toBe(200);
      expect(RotateKeyResponse.parse(res.json)).toMatchObject({ deviceId: d.deviceId, publicKey: rawPublic(createPublicKey(newKey)) });

      const rotated: TestDevice = { ...d, privateKey: newKey, publicKeyB64: rawPublic(createPublicKey(newKey)) };
      const oldSigned = makeBundle(d, { seed: 462, revision: 2, previous: rev1 });
      const refused = await put(oldSigned, d);
      expect([refused.status, code(refused.json)]).toEqual([401, 'bad_signature']);
      expect((await put(oldSigned, rotated)).status).toBe(201);

      // The bundle stored under the old key: same receipt on retry, still signed by the hub key.
      const retry = await put(rev1, d);
      expect([retry.status, retry.text]).toEqual([200, first.text]);
      expect(receiptSignatureValid(SignedReceipt.parse(JSON.parse(first.text)), hub.ctx.keys.publicKey)).toBe(true);

      // Signed reads follow the key too.
      const path = `/v1/structures/${d.structureId}/bundles`;
      expect((await app.inject({ method: 'GET', url: path, headers: signedReadHeaders(d, path, nowSeconds()) })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: path, headers: signedReadHeaders(rotated, path, nowSeconds()) })).statusCode).toBe(200);

      const keys = await listDeviceKeys(hub.ctx.db, d.deviceId);
      expect(keys.map((k) => [k.public_key, k.retired_at !== null])).toEqual([
        [d.publicKeyB64, true],
        [rotated.publicKeyB64, false],
      ]);
      expect(await listAudit(hub.ctx.db, { action: 'device.rotate', entityId: d.deviceId })).toHaveLength(1);
    });

    it('is replay-safe and refuses a missing proof, another device’s path, a reused key, a revoked device', async () => {
      const d = await enrolTestDevice(hub, { name: 'Rotation H' });
      const other = await enrolTestDevice(hub, { name: 'Rotation H bis' });
      const k1 = generateKeyPairSync('ed25519').privateKey;
      const body1 = rotationBody(d.deviceId, k1);

      // A proof made by another key than the announced one.
      const forged = { ...body1, proof: rotationBody(d.deviceId, generateKeyPairSync('ed25519').privateKey).proof };
      expect(code((await rotate(d, forged)).json)).toBe('bad_request');
      // Signed by d, but for other's path: d may only rotate its own key.
      const cross = await rotate(d, body1, { path: `/v1/devices/${other.deviceId}/rotate` });
      expect([cross.status, code(cross.json)]).toEqual([403, 'structure_mismatch']);
      // Outside the ±5 min window.
      expect((await rotate(d, body1, { created: nowSeconds() - 600 })).status).toBe(401);

      const ok = await rotate(d, body1);
      expect(ok.status).toBe(200);
      // The same request replayed (same created and nonce): refused, the key stays k1.
      const replay = await rotate(d, body1, ok.replay);
      expect([replay.status, code(replay.json)]).toEqual([401, 'bad_signature']);
      const afterK1 = { deviceId: d.deviceId, privateKey: k1 };
      // Going back to the first key is refused.
      const back = { newPublicKey: d.publicKeyB64, proof: sign(null, Buffer.from(rotationProofText(d.deviceId, d.publicKeyB64)), d.privateKey).toString('base64') };
      expect(code((await rotate(afterK1, back)).json)).toBe('bad_request');
      expect((await listDeviceKeys(hub.ctx.db, d.deviceId)).filter((k) => k.retired_at === null).map((k) => k.public_key)).toEqual([body1.newPublicKey]);

      await revokeDevice(hub.ctx, d.deviceId);
      const revoked = await rotate(afterK1, rotationBody(d.deviceId, generateKeyPairSync('ed25519').privateKey));
      expect([revoked.status, code(revoked.json)]).toEqual([401, 'device_revoked']);
    });
  });

  it('Y11 minor: a newer-minor envelope is stored raw and reprocessing it rebuilds exactly the stored rows', async () => {
    const d = await enrolTestDevice(hub, { name: 'Y11 reprocess' });
    const bundle = { ...makeBundle(d, { seed: 471 }), schemaVersion: '1.4', futureBreakdown: { tables: ['later'] } };
    expect((await put(bundle, d)).status).toBe(201);
    const raw = (await bundleEnvelope(hub.ctx.db, bundle.bundleId))!.toString('utf8');
    const payload = SignedEnvelope.parse(JSON.parse(raw)).payload;
    expect(payload.futureBreakdown).toEqual({ tables: ['later'] });
    const again = rowsOf(bundle.bundleId, bundleSchema.parse(payload) as Bundle);
    const sortCells = <T extends { table_id: string; cell_key: string }>(rows: T[]) =>
      [...rows].sort((x, y) => x.table_id.localeCompare(y.table_id) || x.cell_key.localeCompare(y.cell_key));
    expect(sortCells(await cellsOfBundles(hub.ctx.db, [bundle.bundleId]))).toEqual(sortCells(again.cells));
    expect((await tablesOfBundles(hub.ctx.db, [bundle.bundleId])).length).toBe(again.tables.length);
  });
});
