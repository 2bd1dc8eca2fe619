import { generateKeyPairSync, sign, verify, createPublicKey, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../../../shared/stats/index';
import { periodKey } from '../../../../shared/indicators/period';
import {
  RECEIPT_FORMAT,
  SIGNED_REQUEST_HEADERS,
  SignedEnvelope,
  hubErrorMessages,
  signedRequestBase,
  type HubErrorCode,
  type SignedReceipt,
} from '../../../../shared/sync/protocol';
import type { FetchLike } from '../../../../electron/core/sync/http';
import { sha256 } from './helpers';

/**
 * An in-memory hub behind a `fetch` function, following the protocol of shared/sync/protocol.ts
 * (idempotent PUT keyed by bundle id, revision chain, signed receipts, held-bundles list). It lets
 * the engine's state machine be tested without sockets; the real hub is exercised by the
 * integration tests.
 */
export interface HeldRow {
  bundleId: string;
  structureId: string;
  period: { kind: string; year: number; index: number };
  revision: number;
  contentSha256: string;
  envelope: string;
  status: 'current' | 'superseded';
  receipt: SignedReceipt;
}

export class FakeHub {
  readonly keys = generateKeyPairSync('ed25519');
  readonly structureId = 'st_fakehub_structure01';
  readonly rows = new Map<string, HeldRow>();
  readonly devices = new Map<string, { publicKey: string; revoked: boolean }>();
  readonly codes = new Set(['CODE-AAAA-BBBB-CCCC']);
  /** PUT bodies as received (every call, including duplicates). */
  readonly puts: string[] = [];
  calls = 0;
  #seq = 0;
  /** Fault injection: throw a network error for the next n calls of a method. */
  failNext: { method: string; count: number; error?: () => Error } = { method: 'PUT', count: 0 };
  /** Commit the PUT but lose the answer (the client sees a reset). */
  loseNextAck = 0;
  /** Answer the next PUT with this error. */
  errorNext: Array<{ status: number; code: HubErrorCode }> = [];

  get publicKey(): string {
    return rawPublic(this.keys.publicKey);
  }

  fetch: FetchLike = async (url, init) => {
    this.calls++;
    const method = (init.method ?? 'GET').toUpperCase();
    if (this.failNext.count > 0 && (this.failNext.method === '*' || this.failNext.method === method)) {
      this.failNext.count--;
      throw this.failNext.error?.() ?? Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    }
    const path = new URL(url).pathname;
    const headers = new Headers(init.headers);
    const body = typeof init.body === 'string' ? init.body : '';
    if (method === 'POST' && path === '/v1/enroll') return this.#enrol(body);
    const put = /^\/v1\/bundles\/([^/]+)$/.exec(path);
    if (method === 'PUT' && put) {
      this.puts.push(body);
      const injected = this.errorNext.shift();
      if (injected) return error(injected.status, injected.code);
      const response = this.#put(decodeURIComponent(put[1]!), body);
      if (this.loseNextAck > 0 && response.status < 300) {
        this.loseNextAck--;
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
      }
      return response;
    }
    const list = /^\/v1\/structures\/([^/]+)\/bundles$/.exec(path);
    if (method === 'GET' && list) return this.#list(decodeURIComponent(list[1]!), headers, new URL(url));
    return error(404, 'bad_request');
  };

  #enrol(body: string): Response {
    const request = JSON.parse(body) as { code: string; publicKey: string; deviceLabel: string };
    if (!this.codes.delete(request.code)) return error(410, 'enrolment_code_used');
    const deviceId = `dev_${this.devices.size + 1}`;
    this.devices.set(deviceId, { publicKey: request.publicKey, revoked: false });
    return json(201, {
      deviceId,
      structureId: this.structureId,
      structureName: 'ACI du Test',
      regionCode: '32',
      hubPublicKey: this.publicKey,
      catalogueVersion: '2026.1',
    });
  }

  #put(bundleId: string, body: string): Response {
    const parsed = SignedEnvelope.safeParse(JSON.parse(body));
    if (!parsed.success) return error(400, 'bad_request');
    const envelope = parsed.data;
    const payloadText = canonicalJson(envelope.payload);
    const hash = sha256(payloadText);
    const existing = this.rows.get(bundleId);
    if (existing) return existing.contentSha256 === hash ? json(200, existing.receipt) : error(422, 'idempotency_key_reused');
    const device = this.devices.get(envelope.deviceId);
    if (!device) return error(401, 'unknown_device');
    if (device.revoked) return error(401, 'device_revoked');
    if (!verify(null, Buffer.from(payloadText), publicFromRaw(device.publicKey), Buffer.from(envelope.signature, 'base64'))) {
      return error(401, 'bad_signature');
    }
    const payload = envelope.payload as { structureId: string; period: HeldRow['period']; revision: number };
    if (payload.structureId !== this.structureId) return error(403, 'structure_mismatch');
    const key = periodKey(payload.period as never);
    const current = [...this.rows.values()].filter((r) => periodKey(r.period as never) === key && r.status === 'current')[0];
    const currentRevision = current?.revision ?? 0;
    if (payload.revision <= currentRevision) return error(409, 'stale_revision');
    if (payload.revision > currentRevision + 1) return error(409, 'revision_gap');
    if (current) current.status = 'superseded';
    const receipt = this.#sign({
      format: RECEIPT_FORMAT,
      bundleId,
      contentSha256: hash,
      structureId: payload.structureId,
      period: payload.period,
      revision: payload.revision,
      status: 'accepted',
      currentRevision: payload.revision,
      serverReceivedAt: '2026-11-23T09:00:00.000Z',
      serverSeq: ++this.#seq,
      warnings: [],
    });
    this.rows.set(bundleId, {
      bundleId,
      structureId: payload.structureId,
      period: payload.period,
      revision: payload.revision,
      contentSha256: hash,
      envelope: body,
      status: 'current',
      receipt,
    });
    return json(201, receipt);
  }

  #list(structureId: string, headers: Headers, url: URL): Response {
    const deviceId = headers.get(SIGNED_REQUEST_HEADERS.device) ?? '';
    const device = this.devices.get(deviceId);
    if (!device) return error(401, 'unknown_device');
    if (device.revoked) return error(401, 'device_revoked');
    const base = signedRequestBase('GET', `${url.pathname}${url.search}`, headers.get(SIGNED_REQUEST_HEADERS.created) ?? '', headers.get(SIGNED_REQUEST_HEADERS.nonce) ?? '');
    const signature = Buffer.from(headers.get(SIGNED_REQUEST_HEADERS.signature) ?? '', 'base64');
    if (!verify(null, Buffer.from(base), publicFromRaw(device.publicKey), signature)) return error(401, 'bad_signature');
    if (structureId !== this.structureId) return error(403, 'structure_mismatch');
    return json(200, {
      bundles: [...this.rows.values()].map((r) => ({
        bundleId: r.bundleId,
        period: r.period,
        revision: r.revision,
        contentSha256: r.contentSha256,
        status: r.status,
        receipt: r.receipt,
      })),
    });
  }

  #sign(body: SignedReceipt['receipt']): SignedReceipt {
    return { receipt: body, signature: sign(null, Buffer.from(canonicalJson(body)), this.keys.privateKey).toString('base64') };
  }

  /** What aggregation would read: the current bundle per period. */
  current(): Map<string, HeldRow> {
    const out = new Map<string, HeldRow>();
    for (const r of this.rows.values()) if (r.status === 'current') out.set(periodKey(r.period as never), r);
    return out;
  }
}

function rawPublic(key: KeyObject): string {
  return Buffer.from(key.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
}

function publicFromRaw(b64: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(b64, 'base64').toString('base64url') }, format: 'jwk' });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function error(status: number, code: HubErrorCode): Response {
  return json(status, { error: { code, message: hubErrorMessages[code] } });
}
