/**
 * The hub's two write endpoints under hostile input: PUT /v1/bundles/{id} and POST /v1/enroll with
 * malformed, oversized, polluted, wrongly typed or tampered bodies and hostile paths. Every answer is
 * a 4xx protocol error with its French message (never a 500 or a stack), and nothing is stored.
 */
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HubError, MAX_ENVELOPE_BYTES } from '../../shared/sync/protocol';
import { countBundleRows } from '../../server/repositories/bundles';
import { hostileValue, MALICIOUS_STRINGS, prototypePolluted, technicalTextIn } from '../helpers/hostile';
import { HubTestClock, deviceKeys, envelopeText, makeBundle, newBundleId, type TestDevice } from './bundles';
import { enrolTestDevice, forEachDialect, hubApp, openTestHub, type TestHub } from './helpers';

let addressCounter = 0;
/** A fresh client address per request: the per-address rate limit is not what is tested here. */
const nextAddress = () => `198.51.${Math.floor(++addressCounter / 250) % 250}.${1 + (addressCounter % 250)}`;

function expectRefusal(res: { statusCode: number; body: string }, context: string): string {
  expect(res.statusCode, context).toBeGreaterThanOrEqual(400);
  expect(res.statusCode, `${context}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  const parsed = HubError.safeParse(JSON.parse(res.body));
  expect(parsed.success, `${context}: ${res.body.slice(0, 300)}`).toBe(true);
  expect(technicalTextIn(parsed.data!.error.message), context).toBeNull();
  expect(res.body, context).not.toMatch(/\bat [\w.<>]+ \(|node_modules|SQLITE|syntax error/i);
  return parsed.data!.error.code;
}

/** Every way to damage a signed envelope: each top-level field replaced by something hostile. */
function tampered(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...keys), hostileValue()).map(([key, value]) => ({ ...valid, [key]: value })),
    fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
    fc.constant(prototypePolluted(valid)),
    fc.tuple(fc.constantFrom(...keys), hostileValue()).map(([key, value]) => ({ ...valid, payload: { ...(valid.payload as object), [key]: value } })),
    hostileValue(),
  );
}

forEachDialect('hub endpoints under hostile input', (dialect) => {
  let hub: TestHub;
  let app: FastifyInstance;
  let device: TestDevice;
  let counts: { bundles: number; cells: number; tables: number };

  beforeAll(async () => {
    hub = await openTestHub(dialect, { clock: new HubTestClock('2027-02-01T10:00:00.000Z'), limits: { api: { limit: 100_000, windowMs: 60_000 }, enrol: { limit: 100_000, windowMs: 60_000 } } });
    app = await hubApp(hub);
    device = await enrolTestDevice(hub, { name: 'Atelier Fuzz' });
    counts = await countBundleRows(hub.ctx.db);
  });
  afterAll(async () => {
    await app?.close();
    await hub?.dispose();
  });

  const put = (bundleId: string, payload: string | Buffer, headers: Record<string, string> = {}) =>
    app.inject({ method: 'PUT', url: `/v1/bundles/${bundleId}`, remoteAddress: nextAddress(), payload, headers: { 'content-type': 'application/json', ...headers } });

  it('PUT /v1/bundles/{id}: malformed bodies, hostile paths and tampered envelopes are refused in French, nothing stored', async () => {
    const bundle = makeBundle(device, { seed: 3 });
    const valid = JSON.parse(envelopeText(bundle, device)) as Record<string, unknown>;
    for (const body of ['', '{', 'null', '[]', '"x"', '{"__proto__": {"polluted": 1}}', '\u0000', Buffer.from([0xff, 0xfe, 0xfd])]) {
      expectRefusal(await put(bundle.bundleId, body), `corps ${String(body).slice(0, 20)}`);
    }
    for (const id of ['..%2F..%2Fetc', '%00', 'x'.repeat(2000), "'%3B DROP TABLE bundles%3B --", '__proto__', 'constructor']) {
      expectRefusal(await put(id, envelopeText(bundle, device)), `id ${id.slice(0, 30)}`);
    }
    await fc.assert(
      fc.asyncProperty(tampered(valid), async (body) => {
        const text = JSON.stringify(body) ?? 'null';
        expectRefusal(await put(bundle.bundleId, text, { 'idempotency-key': bundle.bundleId }), `enveloppe ${text.slice(0, 200)}`);
      }),
      { numRuns: 60, seed: 2027 },
    );
    // A valid signature over another payload, and a payload signed by another key.
    const other = makeBundle(device, { seed: 4, bundleId: newBundleId() });
    const forged = { ...valid, payload: JSON.parse(envelopeText(other, device)).payload as unknown };
    expect(expectRefusal(await put(bundle.bundleId, JSON.stringify(forged)), 'signature d’un autre contenu')).toMatch(/bad_signature|bad_request/);
    const stranger = { deviceId: device.deviceId, privateKey: deviceKeys().privateKey };
    expect(expectRefusal(await put(bundle.bundleId, envelopeText(bundle, stranger)), 'autre clé')).toBe('bad_signature');
    expect(await countBundleRows(hub.ctx.db)).toEqual(counts);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('PUT /v1/bundles/{id}: a body over the limit answers 413 payload_too_large', async () => {
    const res = await put(newBundleId(), Buffer.alloc(MAX_ENVELOPE_BYTES + 1024, 0x20));
    expect(res.statusCode).toBe(413);
    expect(expectRefusal(res, 'trop gros')).toBe('payload_too_large');
    expect(await countBundleRows(hub.ctx.db)).toEqual(counts);
  });

  it('POST /v1/enroll: hostile bodies never enrol a device nor crash the hub', async () => {
    const devicesBefore = (await hub.ctx.db.selectFrom('devices').selectAll().execute()).length;
    const enrol = (payload: string | Buffer) =>
      app.inject({ method: 'POST', url: '/v1/enroll', remoteAddress: nextAddress(), headers: { 'content-type': 'application/json' }, payload });
    for (const body of ['', '{', 'null', '[]', '{"code": null}', '{"__proto__": {"polluted": 1}}', Buffer.from([0xff, 0xfe]), 'x'.repeat(20 * 1024)]) {
      expectRefusal(await enrol(body), `corps ${String(body).slice(0, 20)}`);
    }
    const shape = { code: 'ABCD-EFGH-JKLM-NPQR-STUV-WXYZ', publicKey: deviceKeys().publicKeyB64, deviceLabel: 'Portable', appVersion: '1.0.0' };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ code: fc.oneof(fc.constantFrom(...MALICIOUS_STRINGS), fc.string()), publicKey: fc.oneof(hostileValue(), fc.constant(shape.publicKey)), deviceLabel: hostileValue(), appVersion: hostileValue() }, { requiredKeys: [] }),
          tampered(shape),
        ),
        async (body) => {
          const text = JSON.stringify(body) ?? 'null';
          expectRefusal(await enrol(text), `inscription ${text.slice(0, 200)}`);
        },
      ),
      { numRuns: 60, seed: 1911 },
    );
    expect((await hub.ctx.db.selectFrom('devices').selectAll().execute()).length).toBe(devicesBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
