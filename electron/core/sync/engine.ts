import {
  HeldBundles,
  REENROL_HUB_ERRORS,
  RETRYABLE_HUB_ERRORS,
  hubErrorMessages,
  type HubErrorCode,
} from '../../../shared/sync/protocol';
import { canonicalJson } from '../../../shared/stats/index';
import type { Clock } from '../clock';
import type { AppDb } from '../db/schema';
import { appendAudit } from '../repositories/audit';
import {
  confirmedBundlesNotQueued,
  getDevice,
  insertOutboxRow,
  listOutboxFull,
  markAcked,
  markFailed,
  markSending,
  notePending,
  requeue,
  resetSending,
  setDeviceStatus,
  type OutboxRow,
  type SyncDeviceRow,
} from '../repositories/sync';
import { DEFAULT_BACKOFF, backoffDelayMs, type BackoffPolicy } from './backoff';
import { buildEnvelope } from './envelope';
import { HubClient, type FetchLike, type HubOutcome } from './http';
import { periodKey } from './period';
import { verifyReceipt } from './receipt';
import { UPDATE_WAIT_CODE, refreshCatalog, type CatalogRefresh } from './catalog';
import { finishKeyRotation, type RotationOutcome } from './rotation';

/**
 * One sync pass (design note C(b)): queue newly confirmed bundles, recover interrupted sends,
 * reconcile with what the hub holds, then send due rows in (period, revision) order.
 *
 * Every state change is its own short transaction and no transaction ever waits on the network
 * (the SQLite connection is shared with the UI). A crash anywhere leaves a state from which the
 * next pass converges: `sending` goes back to `pending`, the PUT is idempotent, and
 * reconciliation turns a lost acknowledgement into `acked` without resending.
 */

/** Points where the crash tests kill the process (Y1); the engine awaits the hook. */
export type SyncMilestone =
  | 'outbox_committed'
  | 'sending_marked'
  | 'request_sent'
  | 'response_received'
  | 'before_ack_commit'
  | 'ack_committed'
  // Key rotation (rotation.ts); the id passed is the device's.
  | 'rotation_pending_committed'
  | 'rotation_response_received'
  | 'rotation_committed';

export interface SyncDeps {
  readonly db: AppDb;
  readonly clock: Clock;
  readonly actor: string;
  readonly fetch?: FetchLike;
  readonly random?: () => number;
  readonly backoff?: BackoffPolicy;
  readonly timeoutMs?: number;
  readonly milestone?: (name: SyncMilestone, bundleId: string) => void | Promise<void>;
  readonly progress?: (done: number, total: number, label: string) => void;
}

export interface BundleOutcome {
  readonly bundleId: string;
  readonly period: string;
  readonly revision: number;
  readonly code?: string;
  readonly message?: string;
}

export interface PassResult {
  readonly status: 'done' | 'not_enrolled' | 'reenrol_required';
  /** Did the hub answer? null when no call was made. */
  readonly online: boolean | null;
  /** French sentence for the last transport problem (hors ligne, pas de réponse), if any. */
  readonly connectionProblem: string | null;
  readonly enqueued: readonly string[];
  readonly recovered: number;
  readonly reconciledAcked: readonly string[];
  readonly requeued: readonly string[];
  readonly reconcileProblem: string | null;
  readonly attempted: number;
  readonly acked: readonly BundleOutcome[];
  readonly refused: readonly BundleOutcome[];
  readonly retrying: readonly BundleOutcome[];
  /** A key rotation finished (or still waiting) at the start of the pass; null when none was pending. */
  readonly keyRotation: RotationOutcome | null;
  /** The hub's catalogue: refreshed, unchanged, or unavailable (offline, older hub); null when not asked. */
  readonly catalog: CatalogRefresh | null;
}

export const REENROL_MESSAGE = 'Ré-enrôlement requis : inscrivez de nouveau ce poste avec un code fourni par le siège régional.';
export const OFFLINE_MESSAGE = 'Hors ligne : le siège régional est injoignable.';
export const TIMEOUT_MESSAGE = 'Le siège régional n’a pas répondu à temps.';
export const BAD_RECEIPT_MESSAGE = 'L’accusé de réception du siège n’a pas pu être vérifié : l’envoi reste en attente.';
export const UPDATE_REQUIRED_MESSAGE =
  'Mise à jour requise : le siège régional ne lit pas encore ce format de statistiques. L’envoi est conservé et partira après la mise à jour (de Jalons ou du siège).';

type Classified =
  | { readonly kind: 'retry'; readonly code: string; readonly message: string; readonly offline: boolean }
  /** Kept in the outbox until an update (Y11): retried with backoff, shown as « mise à jour requise ». */
  | { readonly kind: 'update'; readonly code: string; readonly message: string }
  | { readonly kind: 'reenrol'; readonly code: string; readonly message: string }
  | { readonly kind: 'refuse'; readonly code: string; readonly message: string };

/** What the laptop does with a failed call: retry forever, ask for re-enrolment, or show a refusal. */
export function classifyFailure(outcome: Exclude<HubOutcome, { kind: 'ok' }>): Classified {
  if (outcome.kind === 'network') {
    return outcome.timeout
      ? { kind: 'retry', code: 'timeout', message: TIMEOUT_MESSAGE, offline: true }
      : { kind: 'retry', code: 'network', message: OFFLINE_MESSAGE, offline: true };
  }
  const code: HubErrorCode | null = outcome.code;
  if (code === UPDATE_WAIT_CODE) return { kind: 'update', code, message: UPDATE_REQUIRED_MESSAGE };
  if (code !== null && REENROL_HUB_ERRORS.has(code)) return { kind: 'reenrol', code, message: `${hubErrorMessages[code]} ${REENROL_MESSAGE}` };
  if (code !== null && RETRYABLE_HUB_ERRORS.has(code)) return { kind: 'retry', code, message: hubErrorMessages[code], offline: false };
  if (code === null && (outcome.status >= 500 || outcome.status === 429)) {
    return { kind: 'retry', code: `http_${outcome.status}`, message: hubErrorMessages.internal, offline: false };
  }
  if (code !== null) return { kind: 'refuse', code, message: hubErrorMessages[code] };
  // A 4xx that is not the hub's (a proxy, a wrong address): never give a bundle up on a guess.
  return {
    kind: 'retry',
    code: `http_${outcome.status}`,
    message: `Réponse inattendue du siège régional (HTTP ${outcome.status}) : vérifiez son adresse.`,
    offline: false,
  };
}

// ── Queueing ──────────────────────────────────────────────────────────────────────

/**
 * Turns confirmed statistics bundles (stats_bundle) that are not in the outbox yet into signed
 * outbox rows, each in ONE transaction with its signing. A bundle confirmed before enrolment
 * carries the provisional pseudonym: it is stamped with the structure id the hub assigned
 * (only that field changes; the tables are exactly those confirmed).
 */
export async function enqueueConfirmedBundles(deps: SyncDeps): Promise<string[]> {
  const device = await getDevice(deps.db);
  if (!device) return [];
  const enqueued: string[] = [];
  for (const row of await confirmedBundlesNotQueued(deps.db)) {
    let payloadCanonical = row.canonical_json;
    const payload = JSON.parse(payloadCanonical) as Record<string, unknown>;
    const restamped = payload.structureId !== device.structure_id;
    if (restamped) payloadCanonical = canonicalJson({ ...payload, structureId: device.structure_id });
    const period = periodKey({ kind: row.period_kind, year: row.period_year, index: row.period_index });
    const inserted = await deps.db.transaction().execute(async (trx) => {
      const built = buildEnvelope({
        payloadCanonical,
        deviceId: device.device_id,
        createdAtClient: row.created_at,
        privateKey: device.private_key,
      });
      const ok = await insertOutboxRow(trx, {
        bundle_id: row.id,
        period,
        revision: row.revision,
        structure_id: device.structure_id,
        envelope: built.text,
        content_sha256: built.contentSha256,
        next_attempt_at: deps.clock.now().toISOString(),
        created_at: deps.clock.now().toISOString(),
      });
      if (ok) {
        await appendAudit(trx, {
          at: deps.clock.now().toISOString(),
          actor: deps.actor,
          action: 'sync.enqueue',
          entity: 'outbox',
          entityId: row.id,
          detail: { period, revision: row.revision, restamped },
        });
      }
      return ok;
    });
    if (inserted) {
      enqueued.push(row.id);
      await deps.milestone?.('outbox_committed', row.id);
    }
  }
  return enqueued;
}

// ── One pass ──────────────────────────────────────────────────────────────────────

export interface PassOptions {
  /** « Envoyer maintenant »: send every pending row now, ignoring backoff times. */
  readonly force?: boolean;
}

export async function runSyncPass(deps: SyncDeps, options: PassOptions = {}): Promise<PassResult> {
  const { db, clock } = deps;
  const enqueued = await enqueueConfirmedBundles(deps);
  // Start-up recovery, safe at the start of every pass: passes never overlap within a process.
  const recovered = await resetSending(db);
  const base = {
    enqueued,
    recovered,
    reconciledAcked: [] as string[],
    requeued: [] as string[],
    reconcileProblem: null as string | null,
    attempted: 0,
    acked: [] as BundleOutcome[],
    refused: [] as BundleOutcome[],
    retrying: [] as BundleOutcome[],
    keyRotation: null as RotationOutcome | null,
    catalog: null as CatalogRefresh | null,
  };
  let device = await getDevice(db);
  if (!device) return { ...base, status: 'not_enrolled', online: null, connectionProblem: null };
  if (device.status === 'reenrol_required') return { ...base, status: 'reenrol_required', online: null, connectionProblem: null };

  // 0. A key rotation left pending (crash, offline) is finished before anything is signed or sent.
  if (device.pending_private_key !== null) {
    const rotation = await finishKeyRotation(deps);
    base.keyRotation = rotation;
    if (rotation.kind === 'reenrol') {
      await requireReenrolment(deps, rotation.code);
      return { ...base, status: 'reenrol_required', online: true, connectionProblem: null };
    }
    if (rotation.kind === 'waiting' || rotation.kind === 'failed') {
      // Sending now could sign with a key the hub no longer accepts: wait for the rotation.
      const offline = rotation.kind === 'waiting' && rotation.offline;
      return { ...base, status: 'done', online: !offline, connectionProblem: offline ? OFFLINE_MESSAGE : rotation.message };
    }
    device = (await getDevice(db)) ?? device;
  }

  const client = new HubClient(device.hub_url, { ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) });
  let online: boolean | null = null;
  let connectionProblem: string | null = null;

  // 1. Reconciliation.
  const held = await client.heldBundles(device.structure_id, { deviceId: device.device_id, privateKey: device.private_key }, clock.now());
  if (held.kind === 'ok') {
    online = true;
    const parsed = HeldBundles.safeParse(held.body);
    if (parsed.success) {
      const r = await reconcile(deps, device, parsed.data);
      base.reconciledAcked.push(...r.acked);
      base.requeued.push(...r.requeued);
    } else {
      base.reconcileProblem = 'Liste du siège illisible.';
    }
  } else {
    const failure = classifyFailure(held);
    if (failure.kind === 'reenrol') {
      await requireReenrolment(deps, failure.code);
      return { ...base, status: 'reenrol_required', online: true, connectionProblem: null };
    }
    if (held.kind === 'network') {
      online = false;
      connectionProblem = failure.message;
    } else {
      online = true;
    }
    // Reconciliation only repairs; sending goes on without it.
    base.reconcileProblem = failure.message;
  }

  // 2. Sending, in (period, revision) order; a period waits while an earlier revision must be retried.
  const nowIso = clock.now().toISOString();
  const pending = await listOutboxFull(db, ['pending']);
  const candidates = pending.filter((row) => options.force || row.next_attempt_at <= nowIso);
  const blocked = new Set<string>();
  let done = 0;
  deps.progress?.(0, candidates.length, 'Envoi des statistiques au siège régional');
  for (const row of pending) {
    if (blocked.has(row.period)) continue;
    if (!options.force && row.next_attempt_at > nowIso) {
      blocked.add(row.period);
      continue;
    }
    base.attempted++;
    const result = await sendOne(deps, client, device, row);
    done++;
    deps.progress?.(done, candidates.length, 'Envoi des statistiques au siège régional');
    const outcome: BundleOutcome = { bundleId: row.bundle_id, period: row.period, revision: row.revision };
    if (result.kind === 'acked') {
      online = true;
      base.acked.push(outcome);
      continue;
    }
    if (result.kind === 'refused') {
      // A refusal is final for that revision; the hub decides about the next one (revision_gap).
      online = true;
      base.refused.push({ ...outcome, code: result.code, message: result.message });
      continue;
    }
    blocked.add(row.period);
    if (result.kind === 'update') {
      online = true;
      base.retrying.push({ ...outcome, code: result.code, message: result.message });
      continue;
    }
    if (result.kind === 'reenrol') {
      return { ...base, status: 'reenrol_required', online: true, connectionProblem: null };
    }
    base.retrying.push({ ...outcome, code: result.code, message: result.message });
    if (result.offline) {
      online = false;
      connectionProblem = result.message;
      // Hors ligne: the other rows would fail the same way; their turn comes with the next pass.
      break;
    }
    online = true;
  }

  // 3. The catalogue, while the hub answers (never blocks the pass; kept from last time otherwise).
  if (online !== false) {
    base.catalog = await refreshCatalog(db, client, { region: device.region_code, now: clock.now().toISOString() }).catch((error: unknown) => ({
      kind: 'unavailable' as const,
      reason: error instanceof Error ? error.message : String(error),
    }));
  }
  return { ...base, status: 'done', online, connectionProblem };
}

type SendResult =
  | { readonly kind: 'acked' }
  | { readonly kind: 'refused'; readonly code: string; readonly message: string }
  | { readonly kind: 'reenrol' }
  | { readonly kind: 'update'; readonly code: string; readonly message: string }
  | { readonly kind: 'retry'; readonly code: string; readonly message: string; readonly offline: boolean };

async function sendOne(deps: SyncDeps, client: HubClient, device: SyncDeviceRow, row: OutboxRow): Promise<SendResult> {
  const { db, clock } = deps;
  if (!(await markSending(db, row.bundle_id))) return { kind: 'retry', code: 'busy', message: 'Envoi déjà en cours.', offline: false };
  await deps.milestone?.('sending_marked', row.bundle_id);
  const inFlight = client.putBundle(row.bundle_id, row.envelope);
  await deps.milestone?.('request_sent', row.bundle_id);
  const outcome = await inFlight;
  await deps.milestone?.('response_received', row.bundle_id);

  let failure: Classified;
  if (outcome.kind === 'ok') {
    const check = verifyReceipt(outcome.body, expectedOf(row), device.hub_public_key);
    if (check.ok) {
      await deps.milestone?.('before_ack_commit', row.bundle_id);
      await db.transaction().execute(async (trx) => {
        await markAcked(trx, row.bundle_id, { receipt: canonicalJson(check.receipt), ackedAt: clock.now().toISOString(), countAttempt: true });
        await audit(deps, trx, 'sync.acked', row.bundle_id, { period: row.period, revision: row.revision, serverSeq: check.receipt.receipt.serverSeq });
      });
      await deps.milestone?.('ack_committed', row.bundle_id);
      return { kind: 'acked' };
    }
    failure = { kind: 'retry', code: 'receipt_invalid', message: BAD_RECEIPT_MESSAGE, offline: false };
  } else {
    failure = classifyFailure(outcome);
  }

  const now = clock.now();
  if (failure.kind === 'reenrol') {
    await markFailed(db, row.bundle_id, { state: 'pending', nextAttemptAt: now.toISOString(), code: failure.code, message: failure.message });
    await requireReenrolment(deps, failure.code);
    return { kind: 'reenrol' };
  }
  if (failure.kind === 'refuse') {
    await db.transaction().execute(async (trx) => {
      await markFailed(trx, row.bundle_id, { state: 'rejected', nextAttemptAt: now.toISOString(), code: failure.code, message: failure.message });
      await audit(deps, trx, 'sync.rejected', row.bundle_id, { period: row.period, revision: row.revision, code: failure.code });
    });
    return { kind: 'refused', code: failure.code, message: failure.message };
  }
  const delay = backoffDelayMs(row.attempts, deps.random ?? Math.random, deps.backoff ?? DEFAULT_BACKOFF);
  const next = new Date(now.getTime() + delay).toISOString();
  await db.transaction().execute(async (trx) => {
    await markFailed(trx, row.bundle_id, { state: 'pending', nextAttemptAt: next, code: failure.code, message: failure.message });
    await audit(deps, trx, failure.kind === 'update' ? 'sync.update_required' : 'sync.retry', row.bundle_id, { attempt: row.attempts + 1, code: failure.code });
  });
  if (failure.kind === 'update') return { kind: 'update', code: failure.code, message: failure.message };
  return { kind: 'retry', code: failure.code, message: failure.message, offline: failure.offline };
}

function expectedOf(row: OutboxRow) {
  return { bundleId: row.bundle_id, contentSha256: row.content_sha256, structureId: row.structure_id, revision: row.revision };
}

export async function requireReenrolment(deps: SyncDeps, code: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await setDeviceStatus(trx, 'reenrol_required');
    await notePending(trx, { code, message: REENROL_MESSAGE });
    await audit(deps, trx, 'sync.reenrol_required', null, { code });
  });
}

/**
 * Anti-entropy against the hub's list. The hub holds it and we still wait → the acknowledgement was
 * lost: mark it acknowledged with the hub's (verified) receipt, without resending. We hold a receipt
 * but the hub lacks the bundle (hub restored from a backup) → send the identical envelope again.
 */
async function reconcile(deps: SyncDeps, device: SyncDeviceRow, held: HeldBundles): Promise<{ acked: string[]; requeued: string[] }> {
  const byId = new Map(held.bundles.map((b) => [b.bundleId, b]));
  const acked: string[] = [];
  const requeued: string[] = [];
  const now = deps.clock.now().toISOString();
  for (const row of await listOutboxFull(deps.db)) {
    if (row.structure_id !== device.structure_id) continue;
    const copy = byId.get(row.bundle_id);
    if (copy && row.state !== 'acked' && copy.contentSha256 === row.content_sha256) {
      const check = verifyReceipt(copy.receipt, expectedOf(row), device.hub_public_key);
      if (!check.ok) continue;
      await deps.db.transaction().execute(async (trx) => {
        await markAcked(trx, row.bundle_id, { receipt: canonicalJson(check.receipt), ackedAt: now, countAttempt: false });
        await audit(deps, trx, 'sync.reconcile.acked', row.bundle_id, { period: row.period, revision: row.revision });
      });
      acked.push(row.bundle_id);
    } else if (!copy && row.state === 'acked') {
      await deps.db.transaction().execute(async (trx) => {
        await requeue(trx, row.bundle_id, now);
        await audit(deps, trx, 'sync.reconcile.requeued', row.bundle_id, { period: row.period, revision: row.revision });
      });
      requeued.push(row.bundle_id);
    }
  }
  return { acked, requeued };
}

async function audit(deps: SyncDeps, trx: AppDb, action: string, entityId: string | null, detail: Record<string, unknown>): Promise<void> {
  await appendAudit(trx, { at: deps.clock.now().toISOString(), actor: deps.actor, action, entity: 'outbox', entityId, detail });
}
