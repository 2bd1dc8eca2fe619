import type { HubErrorCode } from '../../../shared/sync/protocol';
import { canonicalJson } from '../../../shared/stats/index';
import type { AppDb } from '../db/schema';
import { appendAudit } from '../repositories/audit';
import { getOutboxRow, listOutboxFull, reopenRejected, type OutboxRow, type SyncDeviceRow } from '../repositories/sync';
import { buildEnvelope, openEnvelope, verifyEnvelope } from './envelope';

/**
 * Refusals that an action of the regional office can lift, so the CIP may send the same bundle
 * again (« Renvoyer »). Every other refusal is final for that revision (stale revision, failed
 * confidentiality audit, content reused under the same id…): resending the same bytes would be
 * refused again, a new revision must be confirmed instead.
 *
 * - `period_owned_by_other_device`: the office ran `jalons hub transfer-period` to this computer;
 * - `region_mismatch`: the office corrected the structure's region in its registry;
 * - `structure_mismatch`: this computer was enrolled again for the right structure (after a
 *   revocation, or a code issued for the wrong structure).
 *
 * Revocation itself is not a refusal (the bundles stay pending with « ré-enrôlement requis »).
 */
export const RETRY_AFTER_ADMIN_CODES: ReadonlySet<HubErrorCode> = new Set(['period_owned_by_other_device', 'region_mismatch', 'structure_mismatch']);

export function canRetryRefusal(row: Pick<OutboxRow, 'state' | 'last_error_code'>): boolean {
  return row.state === 'rejected' && row.last_error_code !== null && RETRY_AFTER_ADMIN_CODES.has(row.last_error_code as HubErrorCode);
}

export type ReopenOutcome =
  | { readonly kind: 'reopened'; readonly bundleIds: readonly string[]; readonly resigned: number }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'not_refused' }
  | { readonly kind: 'final'; readonly code: string | null };

/**
 * Puts a refused bundle back in the queue, with the later revisions of the same period refused
 * for a liftable reason too (they cannot be accepted before it anyway). Rows signed by another
 * device or key (re-enrolment, rotation since the refusal) are re-signed by the current one, the
 * content unchanged except the structure id the hub now assigns. One transaction, audited.
 */
export async function reopenRefused(
  db: AppDb,
  device: SyncDeviceRow,
  bundleId: string,
  audit: { at: string; actor: string },
): Promise<ReopenOutcome> {
  return db.transaction().execute(async (trx) => {
    const row = await getOutboxRow(trx, bundleId);
    if (!row) return { kind: 'not_found' };
    if (row.state !== 'rejected') return { kind: 'not_refused' };
    if (!canRetryRefusal(row)) return { kind: 'final', code: row.last_error_code };
    const later = (await listOutboxFull(trx, ['rejected'])).filter((r) => r.period === row.period && r.revision > row.revision && canRetryRefusal(r));
    const reopened: string[] = [];
    let resigned = 0;
    for (const target of [row, ...later]) {
      const envelope = resignedIfNeeded(target, device);
      if (envelope) resigned++;
      if (await reopenRejected(trx, target.bundle_id, { now: audit.at, ...(envelope ? { envelope } : {}) })) reopened.push(target.bundle_id);
    }
    await appendAudit(trx, {
      at: audit.at,
      actor: audit.actor,
      action: 'sync.retry_refused',
      entity: 'outbox',
      entityId: bundleId,
      detail: { period: row.period, revision: row.revision, code: row.last_error_code, reopened: reopened.length, resigned },
    });
    return { kind: 'reopened', bundleIds: reopened, resigned };
  });
}

/** A copy signed by the current device key, or null when the stored bytes already are. */
function resignedIfNeeded(row: OutboxRow, device: SyncDeviceRow): { text: string; contentSha256: string; structureId: string } | null {
  const { envelope, payloadCanonical } = openEnvelope(row.envelope);
  const payload = JSON.parse(payloadCanonical) as Record<string, unknown>;
  const sameStructure = payload.structureId === device.structure_id;
  if (envelope.deviceId === device.device_id && sameStructure && verifyEnvelope(row.envelope, device.public_key)) return null;
  const built = buildEnvelope({
    payloadCanonical: sameStructure ? payloadCanonical : canonicalJson({ ...payload, structureId: device.structure_id }),
    deviceId: device.device_id,
    createdAtClient: row.created_at,
    privateKey: device.private_key,
  });
  return { text: built.text, contentSha256: built.contentSha256, structureId: device.structure_id };
}
