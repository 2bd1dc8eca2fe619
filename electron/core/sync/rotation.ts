import { REENROL_HUB_ERRORS, RotateKeyResponse, hubErrorMessages, rotationProofText, type HubErrorCode } from '../../../shared/sync/protocol';
import { canonicalJson } from '../../../shared/stats/index';
import type { AppDb } from '../db/schema';
import { appendAudit } from '../repositories/audit';
import { clearPendingKey, commitPendingKey, getDevice, listOutboxFull, replaceEnvelope, setPendingKey } from '../repositories/sync';
import { generateDeviceKeys, signText } from './crypto';
import type { SyncDeps } from './engine';
import { buildEnvelope, openEnvelope } from './envelope';
import { HubClient } from './http';

/**
 * Rotation of the device key (design note C(b), `POST /v1/devices/{id}/rotate`), crash-safe:
 *
 * 1. the new pair is committed locally as *pending* (the current key stays in force);
 * 2. the hub is asked to switch, with a request signed by the current key;
 * 3. on its answer, one local transaction makes the pending pair current and re-signs the
 *    bundles still waiting (same content, new signature).
 *
 * Dying between 2 and 3 leaves the hub on the new key and the laptop with it still pending — never
 * lost. Finishing therefore starts by asking the hub, with the pending key, whether it already
 * knows it (a signed read): yes → commit; refused signature → the hub still has the old key → ask
 * again. Every pass finishes a pending rotation before sending anything.
 */
export type RotationOutcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'rotated' }
  | { readonly kind: 'waiting'; readonly code: string; readonly message: string; readonly offline: boolean }
  | { readonly kind: 'reenrol'; readonly code: string }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

export const ROTATION_WAITING_MESSAGE =
  'Changement de clé en cours : il sera terminé dès que le siège régional sera joignable. Les envois attendent jusque-là.';
export const ROTATION_LOST_MESSAGE =
  'Le siège régional ne reconnaît plus la clé de ce poste : inscrivez de nouveau ce poste avec un code fourni par le siège.';

/** Step 1. Keeps a pending pair that already exists: the hub may know it already. Returns true when a new pair was made. */
export async function beginKeyRotation(deps: Pick<SyncDeps, 'db' | 'clock' | 'actor' | 'milestone'>): Promise<boolean> {
  const created = await deps.db.transaction().execute(async (trx) => {
    const device = await getDevice(trx);
    if (!device) throw new Error('not enrolled');
    if (device.pending_private_key !== null) return false;
    const keys = generateDeviceKeys();
    const now = deps.clock.now().toISOString();
    await setPendingKey(trx, { privateKey: keys.privateKey, publicKey: keys.publicKey, since: now });
    await appendAudit(trx, { at: now, actor: deps.actor, action: 'sync.key.rotation_started', entity: 'sync_device', entityId: device.device_id, detail: null });
    return true;
  });
  if (created) await deps.milestone?.('rotation_pending_committed', '');
  return created;
}

/** Steps 2 and 3 (also the recovery after a crash). */
export async function finishKeyRotation(deps: SyncDeps): Promise<RotationOutcome> {
  const device = await getDevice(deps.db);
  if (!device || device.pending_private_key === null || device.pending_public_key === null) return { kind: 'none' };
  const pendingPrivate = device.pending_private_key;
  const pendingPublic = device.pending_public_key;
  const client = new HubClient(device.hub_url, { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) });

  // Does the hub already accept the new key (an earlier attempt died after the hub switched)?
  const probe = await client.heldBundles(device.structure_id, { deviceId: device.device_id, privateKey: pendingPrivate }, deps.clock.now());
  if (probe.kind === 'ok') return commit(deps, device.device_id, 'recovered');
  if (probe.kind === 'network') return { kind: 'waiting', code: 'network', message: ROTATION_WAITING_MESSAGE, offline: true };
  if (probe.code !== null && REENROL_HUB_ERRORS.has(probe.code)) return { kind: 'reenrol', code: probe.code };
  if (probe.code !== 'bad_signature') return waitingFor(probe.code);

  const request = { newPublicKey: pendingPublic, proof: signText(pendingPrivate, rotationProofText(device.device_id, pendingPublic)) };
  const answer = await client.rotateKey({ deviceId: device.device_id, privateKey: device.private_key }, request, deps.clock.now());
  await deps.milestone?.('rotation_response_received', device.device_id);
  if (answer.kind === 'ok') {
    const parsed = RotateKeyResponse.safeParse(answer.body);
    // Anything but the hub confirming this very key: ask again next time (the probe will tell).
    if (!parsed.success || parsed.data.publicKey !== pendingPublic || parsed.data.deviceId !== device.device_id) return waitingFor(null);
    return commit(deps, device.device_id, 'hub_switched');
  }
  if (answer.kind === 'network') return { kind: 'waiting', code: 'network', message: ROTATION_WAITING_MESSAGE, offline: true };
  if (answer.code !== null && REENROL_HUB_ERRORS.has(answer.code)) return { kind: 'reenrol', code: answer.code };
  if (answer.code === 'bad_signature') return { kind: 'failed', code: answer.code, message: ROTATION_LOST_MESSAGE };
  if (answer.code === 'bad_request') {
    // The hub refuses this new key for good (malformed, already used): forget it; the current key stays.
    await deps.db.transaction().execute(async (trx) => {
      await clearPendingKey(trx);
      await appendAudit(trx, { at: deps.clock.now().toISOString(), actor: deps.actor, action: 'sync.key.rotation_refused', entity: 'sync_device', entityId: device.device_id, detail: { code: answer.code } });
    });
    return { kind: 'failed', code: 'bad_request', message: 'Le siège régional a refusé la nouvelle clé ; la clé actuelle reste en service. Réessayez.' };
  }
  return waitingFor(answer.code);
}

function waitingFor(code: HubErrorCode | null): RotationOutcome {
  const reason = code === null ? 'Réponse inattendue du siège régional.' : hubErrorMessages[code];
  return { kind: 'waiting', code: code ?? 'unexpected', message: `${reason} ${ROTATION_WAITING_MESSAGE}`, offline: false };
}

async function commit(deps: SyncDeps, deviceId: string, how: 'recovered' | 'hub_switched'): Promise<RotationOutcome> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await commitPendingKey(trx, now))) return;
    const device = await getDevice(trx);
    if (!device) return;
    const resigned = await resignWaitingRows(trx, { deviceId: device.device_id, structureId: device.structure_id, privateKey: device.private_key, now });
    await appendAudit(trx, { at: now, actor: deps.actor, action: 'sync.key.rotated', entity: 'sync_device', entityId: deviceId, detail: { how, resigned } });
  });
  await deps.milestone?.('rotation_committed', deviceId);
  return { kind: 'rotated' };
}

/**
 * Bundles not yet acknowledged get the current device's signature (same content, same hash).
 * Acknowledged ones keep their bytes: they are what the hub holds.
 */
export async function resignWaitingRows(
  db: AppDb,
  input: { deviceId: string; structureId: string; privateKey: string; now: string },
): Promise<number> {
  const rows = await listOutboxFull(db, ['pending', 'sending']);
  for (const row of rows) {
    const { payloadCanonical } = openEnvelope(row.envelope);
    const payload = JSON.parse(payloadCanonical) as Record<string, unknown>;
    const built = buildEnvelope({
      payloadCanonical: payload.structureId === input.structureId ? payloadCanonical : canonicalJson({ ...payload, structureId: input.structureId }),
      deviceId: input.deviceId,
      createdAtClient: row.created_at,
      privateKey: input.privateKey,
    });
    await replaceEnvelope(db, row.bundle_id, { envelope: built.text, contentSha256: built.contentSha256, structureId: input.structureId, now: input.now });
  }
  return rows.length;
}
