/**
 * PUT /v1/bundles/{id} on both dialects: acceptance and receipts, idempotency (Y7), signature
 * and binding (Y8), revision ordering (Y9), clock skew and open periods (Y10), schema
 * evolution (Y11), the hub's own disclosure audit (S8), a crash right after commit (Y2, hook
 * variant; the process-kill variant is in crash.test.ts) and the size limit.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubError, MAX_ENVELOPE_BYTES, SignedReceipt, hubErrorMessages } from '../../shared/sync/protocol';
import {
  DEFAULT_AUDIT_OPTIONS,
  DEFAULT_PRIMARY_POLICY,
  buildTable,
  bundlePolicy,
  parseBundle,
  type Bundle,
} from '../../shared/stats/index';
import { listAudit } from '../../server/repositories/audit';
import { bundleEnvelope, bundlesOf, countBundleRows } from '../../server/repositories/bundles';
import { revokeDevice } from '../../server/services/enrolment';
import { EXITS, HubTestClock, contentSha256, deviceKeys, envelopeText, makeBundle, newBundleId, receiptSignatureValid, type TestDevice } from './bundles';
import { enrolTestDevice, forEachDialect, hubApp, openTestHub, type TestHub } from './helpers';

async function put(app: FastifyInstance, bundleId: string, body: string, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'PUT', url: `/v1/bundles/${bundleId}`, payload: body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.statusCode, json: res.json() as unknown, text: res.body, headers: res.headers };
}

function errorCode(json: unknown): string {
  return HubError.parse(json).error.code;
}

forEachDialect('bundles', (dialect) => {
  let hub: TestHub;
  let app: FastifyInstance;
  let a: TestDevice;
  let b: TestDevice;

  beforeAll(async () => {
    hub = await openTestHub(dialect, { clock: new HubTestClock('2027-02-01T10:00:00.000Z') });
    app = await hubApp(hub);
    a = await enrolTestDevice(hub, { name: 'Atelier A' });
    b = await enrolTestDevice(hub, { name: 'Chantier B' });
  });
  afterAll(async () => {
    await app?.close();
    await hub?.dispose();
  });

  it('stores a bundle, answers 201 with a receipt signed by the hub key, and 200 with the same bytes on retry', async () => {
    const bundle = makeBundle(a, { seed: 11 });
    const body = envelopeText(bundle, a);
    const first = await put(app, bundle.bundleId, body, { 'idempotency-key': bundle.bundleId });
    expect(first.status).toBe(201);
    const receipt = SignedReceipt.parse(first.json);
    expect(receiptSignatureValid(receipt, hub.ctx.keys.publicKey)).toBe(true);
    expect(receipt.receipt).toMatchObject({
      bundleId: bundle.bundleId,
      contentSha256: contentSha256(bundle),
      structureId: a.structureId,
      revision: 1,
      currentRevision: 1,
      status: 'accepted',
      warnings: [],
    });
    const again = await put(app, bundle.bundleId, body);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    // The exact request bytes are kept, and the cells are normalised alongside.
    expect((await bundleEnvelope(hub.ctx.db, bundle.bundleId))?.toString('utf8')).toBe(body);
    const stored = await bundlesOf(hub.ctx.db, a.structureId);
    expect(stored.map((r) => [r.bundle_id, r.status, r.revision])).toEqual([[bundle.bundleId, 'current', 1]]);
    expect(await listAudit(hub.ctx.db, { action: 'bundle.accept', entityId: bundle.bundleId })).toHaveLength(1);
  });

  it('Y7: the same bundle id with one changed value (re-signed) is refused 422 and the original stays', async () => {
    const bundle = makeBundle(b, { seed: 12 });
    const original = envelopeText(bundle, b);
    expect((await put(app, bundle.bundleId, original)).status).toBe(201);
    const tampered = structuredClone(bundle) as Bundle;
    const table = tampered.tables.find((t) => !('withheld' in t));
    const cell = table && 'cells' in table ? table.cells.find((c) => 'value' in c && c.value > 0) : undefined;
    if (cell === undefined || !('value' in cell)) throw new Error('fixture has no published cell');
    (cell as { value: number }).value += 1;
    const res = await put(app, bundle.bundleId, envelopeText(tampered, b));
    expect(res.status).toBe(422);
    expect(HubError.parse(res.json).error).toMatchObject({ code: 'idempotency_key_reused', message: hubErrorMessages.idempotency_key_reused });
    expect((await bundleEnvelope(hub.ctx.db, bundle.bundleId))?.toString('utf8')).toBe(original);
  });

  describe('Y8: signature and binding', () => {
    it('refuses a flipped signature byte, a wrong key, a revoked device and a device posting for another structure; stores nothing; logs each', async () => {
      const before = await countBundleRows(hub.ctx.db);
      const c = await enrolTestDevice(hub, { name: 'Y8 C' });

      const flipped = makeBundle(c, { seed: 21 });
      const good = JSON.parse(envelopeText(flipped, c)) as { signature: string };
      const sig = Buffer.from(good.signature, 'base64');
      sig[5] = (sig[5] ?? 0) ^ 0x01;
      const r1 = await put(app, flipped.bundleId, JSON.stringify({ ...good, signature: sig.toString('base64') }));

      const wrongKey = makeBundle(c, { seed: 22 });
      const r2 = await put(app, wrongKey.bundleId, envelopeText(wrongKey, { deviceId: c.deviceId, privateKey: deviceKeys().privateKey }));

      const forB = makeBundle(b, { seed: 23 });
      const r4 = await put(app, forB.bundleId, envelopeText(forB, c));

      await revokeDevice(hub.ctx, c.deviceId);
      const afterRevoke = makeBundle(c, { seed: 24 });
      const r3 = await put(app, afterRevoke.bundleId, envelopeText(afterRevoke, c));

      const unknown = makeBundle(c, { seed: 25 });
      const r5 = await put(app, unknown.bundleId, envelopeText(unknown, { deviceId: 'dev_nobody', privateKey: deviceKeys().privateKey }));

      expect([r1, r2, r3, r4, r5].map((r) => [r.status, errorCode(r.json)])).toEqual([
        [401, 'bad_signature'],
        [401, 'bad_signature'],
        [401, 'device_revoked'],
        [403, 'structure_mismatch'],
        [401, 'unknown_device'],
      ]);
      expect(await countBundleRows(hub.ctx.db)).toEqual(before);
      const rejects = await listAudit(hub.ctx.db, { action: 'bundle.reject' });
      for (const [id, code] of [
        [flipped.bundleId, 'bad_signature'],
        [wrongKey.bundleId, 'bad_signature'],
        [afterRevoke.bundleId, 'device_revoked'],
        [forB.bundleId, 'structure_mismatch'],
        [unknown.bundleId, 'unknown_device'],
      ] as const) {
        const row = rejects.find((r) => r.entity_id === id);
        expect(row, id).toBeDefined();
        expect(JSON.parse(row?.detail ?? '{}')).toMatchObject({ code });
      }
    });

    it('a revoked device still gets the stored receipt for a bundle accepted before revocation', async () => {
      const d = await enrolTestDevice(hub, { name: 'Y8 D' });
      const bundle = makeBundle(d, { seed: 26 });
      const body = envelopeText(bundle, d);
      const first = await put(app, bundle.bundleId, body);
      expect(first.status).toBe(201);
      await revokeDevice(hub.ctx, d.deviceId);
      const retry = await put(app, bundle.bundleId, body);
      expect(retry.status).toBe(200);
      expect(retry.text).toBe(first.text);
    });
  });

  it('Y9: rev 3 before rev 2 is a retryable gap, rev 3 is accepted once rev 2 is in, a replayed rev 1 is stale; current is always the highest', async () => {
    const d = await enrolTestDevice(hub, { name: 'Y9' });
    const rev1 = makeBundle(d, { seed: 31, size: 80 });
    const rev2 = makeBundle(d, { seed: 32, size: 81, revision: 2, previous: rev1 });
    const rev3 = makeBundle(d, { seed: 33, size: 82, revision: 3, previous: rev2 });
    expect((await put(app, rev1.bundleId, envelopeText(rev1, d))).status).toBe(201);

    const early = await put(app, rev3.bundleId, envelopeText(rev3, d));
    expect([early.status, errorCode(early.json)]).toEqual([409, 'revision_gap']);
    expect((await bundlesOf(hub.ctx.db, d.structureId)).map((r) => r.revision)).toEqual([1]);

    expect((await put(app, rev2.bundleId, envelopeText(rev2, d))).status).toBe(201);
    const late = await put(app, rev3.bundleId, envelopeText(rev3, d));
    expect(late.status).toBe(201);

    // A different rev 1 (not a retry of the stored one) after rev 2 and 3: permanent refusal.
    const otherRev1 = makeBundle(d, { seed: 34, size: 79 });
    const stale = await put(app, otherRev1.bundleId, envelopeText(otherRev1, d));
    expect([stale.status, errorCode(stale.json)]).toEqual([409, 'stale_revision']);
    // The real rev 1 replayed: still its own receipt, nothing changes.
    expect((await put(app, rev1.bundleId, envelopeText(rev1, d))).status).toBe(200);

    const rows = await bundlesOf(hub.ctx.db, d.structureId);
    expect(rows.map((r) => [r.revision, r.status, r.supersedes])).toEqual([
      [1, 'superseded', null],
      [2, 'superseded', rev1.bundleId],
      [3, 'current', rev2.bundleId],
    ]);
    expect(await listAudit(hub.ctx.db, { action: 'bundle.supersede', entityId: rev2.bundleId })).toHaveLength(1);
  });

  describe('Y10: clocks', () => {
    it('accepts a bundle whose laptop clock is a year ahead, with the client_clock_ahead warning, and one from a clock 30 days late', async () => {
      const d = await enrolTestDevice(hub, { name: 'Y10' });
      const ahead = makeBundle(d, { seed: 41 });
      const res = await put(app, ahead.bundleId, envelopeText(ahead, d, '2028-02-01T10:00:00.000Z'));
      expect(res.status).toBe(201);
      expect(SignedReceipt.parse(res.json).receipt.warnings).toEqual(['client_clock_ahead']);
      const e = await enrolTestDevice(hub, { name: 'Y10 late' });
      const late = makeBundle(e, { seed: 42 });
      const res2 = await put(app, late.bundleId, envelopeText(late, e, '2027-01-02T10:00:00.000Z'));
      expect(res2.status).toBe(201);
      expect(SignedReceipt.parse(res2.json).receipt.warnings).toEqual([]);
    });

    it('refuses a period that has not ended by hub time (in the structure’s region), accepts it once over', async () => {
      const clock = new HubTestClock('2026-12-31T22:30:00.000Z'); // 23:30 in Paris
      const local = await openTestHub(dialect, { clock });
      const localApp = await hubApp(local);
      try {
        const paris = await enrolTestDevice(local, { name: 'Paris', regionCode: '11' });
        const reunion = await enrolTestDevice(local, { name: 'Saint-Denis', regionCode: '04' });
        const p = makeBundle(paris, { seed: 43 });
        const r = makeBundle(reunion, { seed: 44 });
        const refused = await put(localApp, p.bundleId, envelopeText(p, paris));
        expect([refused.status, errorCode(refused.json)]).toEqual([422, 'period_not_closed']);
        // Already 2027 in La Réunion (UTC+4).
        expect((await put(localApp, r.bundleId, envelopeText(r, reunion))).status).toBe(201);
        clock.set('2026-12-31T23:00:00.000Z'); // midnight in Paris
        expect((await put(localApp, p.bundleId, envelopeText(p, paris))).status).toBe(201);
      } finally {
        await localApp.close();
        await local.dispose();
      }
    });
  });

  describe('Y11: schema evolution', () => {
    it('accepts a newer minor version with an extra field and keeps it in the stored bytes', async () => {
      const d = await enrolTestDevice(hub, { name: 'Y11 minor' });
      const bundle = { ...makeBundle(d, { seed: 51 }), schemaVersion: '1.7', newerField: { comment: 'ajouté en 1.7' } };
      const body = envelopeText(bundle, d);
      const res = await put(app, bundle.bundleId, body);
      expect(res.status).toBe(201);
      // The receipt hashes what was signed, extra field included.
      expect(SignedReceipt.parse(res.json).receipt.contentSha256).toBe(contentSha256(bundle));
      const stored = (await bundleEnvelope(hub.ctx.db, bundle.bundleId))?.toString('utf8') ?? '';
      expect(stored).toBe(body);
      expect((JSON.parse(stored) as { payload: Record<string, unknown> }).payload.newerField).toEqual({ comment: 'ajouté en 1.7' });
      // Reprocessable: the stored payload still reads as a bundle.
      expect(parseBundle((JSON.parse(stored) as { payload: unknown }).payload).bundleId).toBe(bundle.bundleId);
    });

    it('refuses an unknown major version with 422 schema_unsupported and stores nothing', async () => {
      const d = await enrolTestDevice(hub, { name: 'Y11 major' });
      const bundle = { ...makeBundle(d, { seed: 52 }), schemaVersion: '3.0' };
      const before = await countBundleRows(hub.ctx.db);
      const res = await put(app, bundle.bundleId, envelopeText(bundle, d));
      expect([res.status, errorCode(res.json)]).toEqual([422, 'schema_unsupported']);
      expect(HubError.parse(res.json).error.message).toBe(hubErrorMessages.schema_unsupported);
      expect(await countBundleRows(hub.ctx.db)).toEqual(before);
    });
  });

  it('S8: a hand-crafted bundle whose suppressed cell can be recalculated is refused (policy_violation), nothing stored', async () => {
    const d = await enrolTestDevice(hub, { name: 'S8' });
    // exits: one category of 3 (primary) masked alone — total minus the others gives it back.
    const table = buildTable(EXITS, [
      { coords: ['durable'], count: 3 },
      { coords: ['transition'], count: 12 },
      { coords: ['positive'], count: 9 },
      { coords: ['other'], count: 20 },
    ]);
    const leaky: Bundle = parseBundle({
      schemaVersion: '1.0',
      bundleId: newBundleId(),
      structureId: d.structureId,
      siaeKind: 'ACI',
      regionCode: '11',
      period: { kind: 'year', year: 2026, index: 1 },
      revision: 1,
      catalogueVersion: '2026.1',
      policy: bundlePolicy(DEFAULT_PRIMARY_POLICY, DEFAULT_AUDIT_OPTIONS),
      audit: { passed: true, algorithm: 'hand-made', checks: ['A1', 'A2', 'A3', 'A4'] },
      tables: [{ ...EXITS, cells: table.cells.map((c) => (c.coords[0] === 'durable' ? { coords: c.coords, suppressed: 'primary' } : c)) }],
    });
    const before = await countBundleRows(hub.ctx.db);
    const res = await put(app, leaky.bundleId, envelopeText(leaky, d));
    expect([res.status, errorCode(res.json)]).toEqual([422, 'policy_violation']);
    const details = HubError.parse(res.json).error.details as { derivableCells: { tableId: string; coords: string[] }[] };
    expect(details.derivableCells).toContainEqual(expect.objectContaining({ tableId: 'exits.category', coords: ['durable'] }));
    expect(await countBundleRows(hub.ctx.db)).toEqual(before);
    const rejects = await listAudit(hub.ctx.db, { action: 'bundle.reject', entityId: leaky.bundleId });
    expect(JSON.parse(rejects[0]?.detail ?? '{}')).toMatchObject({ code: 'policy_violation' });
  });

  it('refuses a bundle whose own policy is below the hub’s minimum (it published a count of 3), before any audit', async () => {
    const d = await enrolTestDevice(hub, { name: 'S8 policy' });
    const table = buildTable(EXITS, [
      { coords: ['durable'], count: 3 },
      { coords: ['transition'], count: 12 },
      { coords: ['positive'], count: 9 },
      { coords: ['other'], count: 20 },
    ]);
    const weak = parseBundle({
      schemaVersion: '1.0',
      bundleId: newBundleId(),
      structureId: d.structureId,
      siaeKind: 'ACI',
      regionCode: '11',
      period: { kind: 'year', year: 2026, index: 1 },
      revision: 1,
      catalogueVersion: '2026.1',
      policy: { ...bundlePolicy(DEFAULT_PRIMARY_POLICY, DEFAULT_AUDIT_OPTIONS), minCount: 2 },
      audit: { passed: true, algorithm: 'hand-made', checks: ['A1', 'A2', 'A3', 'A4'] },
      tables: [{ ...EXITS, cells: table.cells }],
    });
    const res = await put(app, weak.bundleId, envelopeText(weak, d));
    // A weaker policy is refused as such (policy_below_minimum); the hub's audit would refuse the 3 too.
    expect([res.status, errorCode(res.json)]).toEqual([422, 'policy_below_minimum']);
  });

  describe('malformed requests', () => {
    it('answers 413 payload_too_large above MAX_ENVELOPE_BYTES, in French, without storing', async () => {
      const id = newBundleId();
      const res = await put(app, id, `{"x":"${'a'.repeat(MAX_ENVELOPE_BYTES)}"}`);
      expect(res.status).toBe(413);
      expect(HubError.parse(res.json).error).toEqual({ code: 'payload_too_large', message: hubErrorMessages.payload_too_large, details: expect.anything() });
    });

    it('answers 400 for non-JSON, a URL id that differs from the payload, a wrong Content-Digest', async () => {
      const bundle = makeBundle(a, { seed: 61 });
      const body = envelopeText(bundle, a);
      const notJson = await put(app, bundle.bundleId, '{not json');
      const otherId = await put(app, newBundleId(), body);
      const digest = await put(app, bundle.bundleId, body, { 'content-digest': `sha-256=:${Buffer.alloc(32).toString('base64')}:` });
      expect([notJson, otherId, digest].map((r) => [r.status, errorCode(r.json)])).toEqual([
        [400, 'bad_request'],
        [400, 'bad_request'],
        [400, 'bad_request'],
      ]);
    });

    it('accepts a correct Content-Digest (what the laptop sends)', async () => {
      const d = await enrolTestDevice(hub, { name: 'digest' });
      const bundle = makeBundle(d, { seed: 62 });
      const body = envelopeText(bundle, d);
      const digest = `sha-256=:${(await import('node:crypto')).createHash('sha256').update(body).digest('base64')}:`;
      expect((await put(app, bundle.bundleId, body, { 'content-digest': digest })).status).toBe(201);
    });
  });

  it('Y2 (hook): a failure right after commit answers 500, and the retry gets 200 with the same receipt; one row', async () => {
    let crash = true;
    const restarted = await hub.reopen({
      hooks: {
        afterBundleCommit: () => {
          if (crash) throw new Error('simulated crash after commit');
        },
      },
    });
    const crashingApp = await hubApp(restarted);
    try {
      const d = await enrolTestDevice(restarted, { name: 'Y2 hook' });
      const bundle = makeBundle(d, { seed: 71 });
      const body = envelopeText(bundle, d);
      const lost = await put(crashingApp, bundle.bundleId, body);
      expect([lost.status, errorCode(lost.json)]).toEqual([500, 'internal']);
      crash = false;
      const retry = await put(crashingApp, bundle.bundleId, body);
      expect(retry.status).toBe(200);
      const receipt = SignedReceipt.parse(retry.json);
      expect(receipt.receipt.bundleId).toBe(bundle.bundleId);
      expect(receiptSignatureValid(receipt, hub.ctx.keys.publicKey)).toBe(true);
      expect(await bundlesOf(restarted.ctx.db, d.structureId)).toHaveLength(1);
    } finally {
      await crashingApp.close();
    }
  });
});

describe('request-rate limit on the API [sqlite]', () => {
  it('answers 429 rate_limited with Retry-After past the per-address limit; other addresses go on', async () => {
    const hub = await openTestHub('sqlite', { limits: { api: { limit: 5, windowMs: 60_000 } } });
    const app = await hubApp(hub);
    try {
      const call = (ip: string) => app.inject({ method: 'PUT', url: `/v1/bundles/${newBundleId()}`, remoteAddress: ip, headers: { 'content-type': 'application/json' }, payload: '{}' });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await call('198.51.100.7')).statusCode);
      expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
      const limited = await call('198.51.100.7');
      expect(HubError.parse(limited.json()).error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await call('198.51.100.8')).statusCode).toBe(400);
      const unknown = await app.inject({ method: 'GET', url: '/v1/nothing-here', remoteAddress: '198.51.100.9' });
      expect([unknown.statusCode, HubError.parse(unknown.json()).error.message]).toEqual([404, hubErrorMessages.bad_request]);
    } finally {
      await app.close();
      await hub.dispose();
    }
  });
});
