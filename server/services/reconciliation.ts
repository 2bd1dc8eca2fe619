import { REQUEST_SIGNATURE_WINDOW_SECONDS, SIGNED_REQUEST_HEADERS, signedRequestBase, type HeldBundles, type SignedReceipt } from '../../shared/sync/protocol';
import { isUniqueViolation } from '../db/dialect';
import { listStructureBundles } from '../repositories/bundles';
import { findDevice } from '../repositories/devices';
import { insertNonce, purgeExpiredNonces } from '../repositories/nonces';
import type { HubContext } from './context';
import { verifyEd25519 } from './crypto';
import { HubFailure } from './errors';
import { parsePeriodKey } from './periods';

export interface SignedRead {
  readonly method: string;
  /** Path and query exactly as requested: what the device signed. */
  readonly pathWithQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

function header(headers: SignedRead['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `created` is Unix seconds (what the laptop sends) or an ISO-8601 instant. */
function parseCreated(value: string): number | null {
  if (/^\d{1,12}$/.test(value)) return Number(value) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/**
 * Verifies a signed read (device, created, nonce, signature headers over
 * `signedRequestBase`): known active device, created within the window, signature, then the
 * nonce is recorded — a replay inside the window hits the primary key. Returns the device.
 */
export async function verifySignedRead(
  ctx: HubContext,
  request: SignedRead,
  options: { bodySha256?: string } = {},
): Promise<{ deviceId: string; structureId: string; publicKey: string }> {
  const deviceId = header(request.headers, SIGNED_REQUEST_HEADERS.device);
  const created = header(request.headers, SIGNED_REQUEST_HEADERS.created);
  const nonce = header(request.headers, SIGNED_REQUEST_HEADERS.nonce);
  const signature = header(request.headers, SIGNED_REQUEST_HEADERS.signature);
  if (!deviceId || !created || !nonce || !signature) throw new HubFailure('bad_signature', { reason: 'missing_headers' });
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(nonce)) throw new HubFailure('bad_request', { reason: 'nonce' });
  const device = await findDevice(ctx.db, deviceId);
  if (device === undefined) throw new HubFailure('unknown_device');
  if (device.status === 'revoked') throw new HubFailure('device_revoked');
  const now = ctx.clock.now().getTime();
  const createdMs = parseCreated(created);
  if (createdMs === null || Math.abs(now - createdMs) > REQUEST_SIGNATURE_WINDOW_SECONDS * 1000) {
    throw new HubFailure('bad_signature', { reason: 'outside_window', windowSeconds: REQUEST_SIGNATURE_WINDOW_SECONDS });
  }
  if (!verifyEd25519(device.public_key, signedRequestBase(request.method, request.pathWithQuery, created, nonce, options.bodySha256), signature)) {
    throw new HubFailure('bad_signature');
  }
  const nowIso = new Date(now).toISOString();
  await purgeExpiredNonces(ctx.db, nowIso);
  try {
    // Kept twice the window: a request is only valid within ±window of its `created`.
    await insertNonce(ctx.db, deviceId, nonce, new Date(now + 2 * REQUEST_SIGNATURE_WINDOW_SECONDS * 1000).toISOString());
  } catch (error) {
    if (isUniqueViolation(error)) throw new HubFailure('bad_signature', { reason: 'replayed' });
    throw error;
  }
  return { deviceId, structureId: device.structure_id, publicKey: device.public_key };
}

/** `GET /v1/structures/{sid}/bundles?period=`: what the hub holds, with each stored receipt. */
export async function heldBundles(ctx: HubContext, request: SignedRead, structureId: string, period: string | undefined): Promise<HeldBundles> {
  if (period !== undefined && parsePeriodKey(period) === null) throw new HubFailure('bad_request', { reason: 'period' });
  const device = await verifySignedRead(ctx, request);
  if (device.structureId !== structureId) throw new HubFailure('structure_mismatch');
  const rows = await listStructureBundles(ctx.db, structureId, period);
  return {
    bundles: rows.map((r) => ({
      bundleId: r.bundle_id,
      period: { kind: r.period_kind, year: r.period_year, index: r.period_index },
      revision: r.revision,
      contentSha256: r.content_sha256,
      status: r.status,
      receipt: JSON.parse(r.receipt) as SignedReceipt,
    })),
  };
}
