import { createHash } from 'node:crypto';
import { RotateKeyRequest, rotationProofText, type RotateKeyResponse } from '../../shared/sync/protocol';
import { appendAudit } from '../repositories/audit';
import { findDevice, listDeviceKeys, rotateDeviceKey } from '../repositories/devices';
import { nowIso, type HubContext } from './context';
import { verifyEd25519 } from './crypto';
import { HubFailure } from './errors';
import { verifySignedRead, type SignedRead } from './reconciliation';

/**
 * `POST /v1/devices/{deviceId}/rotate`: the device replaces its key. The request is signed by
 * the CURRENT key (signed-request headers, body hash included, created within the window, nonce
 * recorded: a replay is refused), and carries a proof made with the new key. The swap is a
 * compare-and-set on the old key, so of two concurrent rotations only one wins. Afterwards the
 * old key is refused everywhere; receipts already issued stay valid (they are signed by the hub).
 */
export async function rotateKey(ctx: HubContext, request: SignedRead & { body: Buffer }, deviceId: string): Promise<RotateKeyResponse> {
  const bodySha256 = createHash('sha256').update(request.body).digest('hex');
  const signer = await verifySignedRead(ctx, request, { bodySha256 });
  if (signer.deviceId !== deviceId) throw new HubFailure('structure_mismatch', { reason: 'other_device' });
  let json: unknown;
  try {
    json = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new HubFailure('bad_request', { reason: 'not_json' });
  }
  const parsed = RotateKeyRequest.safeParse(json);
  if (!parsed.success) throw new HubFailure('bad_request', { reason: 'rotate_request' });
  const { newPublicKey, proof } = parsed.data;
  if (!verifyEd25519(newPublicKey, rotationProofText(deviceId, newPublicKey), proof)) throw new HubFailure('bad_request', { reason: 'proof' });
  // A key is never reused: a device going back to an old (possibly leaked) key is refused.
  if ((await listDeviceKeys(ctx.db, deviceId)).some((k) => k.public_key === newPublicKey)) {
    throw new HubFailure('bad_request', { reason: 'key_reused' });
  }
  const now = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const device = await findDevice(trx, deviceId);
    if (device === undefined) throw new HubFailure('unknown_device');
    if (!(await rotateDeviceKey(trx, { deviceId, oldPublicKey: signer.publicKey, newPublicKey, now }))) {
      // Revoked, or the key changed since the signature was checked (a concurrent rotation).
      throw new HubFailure(device.status === 'revoked' ? 'device_revoked' : 'bad_signature', { reason: 'key_changed' });
    }
    await appendAudit(trx, {
      at: now,
      actor: `device:${deviceId}`,
      action: 'device.rotate',
      entity: 'device',
      entityId: deviceId,
      detail: { structureId: device.structure_id, previousKeySha256: createHash('sha256').update(signer.publicKey).digest('hex').slice(0, 16) },
    });
  });
  return { deviceId, publicKey: newPublicKey, rotatedAt: now };
}
