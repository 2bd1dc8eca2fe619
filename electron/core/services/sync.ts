import { AppError } from '../../../shared/ipc/errors';
import {
  SYNC_MODES,
  queueStateLabels,
  type QueueState,
  type SyncEnrolInput,
  type SyncExport,
  type SyncMode,
  type SyncPassResult,
  type SyncQueueItem,
  type SyncRetryResult,
  type SyncRotateResult,
  type SyncStatus,
} from '../../../shared/ipc/sync';
import { EnrolResponse, hubErrorMessages } from '../../../shared/sync/protocol';
import type { AppDb } from '../db/schema';
import { appendAudit } from '../repositories/audit';
import { PSEUDONYM_SETTING } from '../repositories/stats';
import {
  confirmedBundlesNotQueued,
  getDevice,
  getOutboxRow,
  listOutbox,
  listOutboxFull,
  mainDatabaseFile,
  readSyncSetting,
  saveDevice,
  writeSyncSetting,
  type OutboxSummary,
} from '../repositories/sync';
import { generateDeviceKeys } from '../sync/crypto';
import { CLIENT_VERSION, UPDATE_WAIT_CODE, clientUpdateRequired, readStoredCatalog } from '../sync/catalog';
import { REENROL_MESSAGE, enqueueConfirmedBundles, requireReenrolment, type PassResult } from '../sync/engine';
import { beginKeyRotation, finishKeyRotation, resignWaitingRows } from '../sync/rotation';
import { HubClient } from '../sync/http';
import { keyStorageProblem } from '../sync/key-storage';
import { parsePeriodKey, periodKey, periodLabel } from '../sync/period';
import { canRetryRefusal, reopenRefused } from '../sync/retry';
import { syncRuntimeFor } from '../sync/runtime';
import type { ServiceContext } from './context';

/*
 * Synchronisation rules: enrolment, mode, status of the queue, « Envoyer maintenant », export of a
 * signed envelope. The protocol itself lives in electron/core/sync (engine, client, signing).
 */

const MODE_SETTING = 'sync.mode';
const LAST_SUCCESS_SETTING = 'sync.lastSuccessAt';
export const DEFAULT_SYNC_MODE: SyncMode = 'auto';

export async function readSyncMode(db: AppDb): Promise<SyncMode> {
  const stored = await readSyncSetting(db, MODE_SETTING);
  return SYNC_MODES.find((m) => m === stored) ?? DEFAULT_SYNC_MODE;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

function pendingPhrase(n: number): string {
  return plural(n, 'envoi en attente', 'envois en attente');
}

function queueItem(row: OutboxSummary, receiptSeq: number | null): SyncQueueItem {
  const period = parsePeriodKey(row.period) ?? { kind: 'year' as const, year: 0, index: 1 };
  const state: QueueState =
    row.state === 'pending' && row.last_error_code === UPDATE_WAIT_CODE ? 'maj_requise' : row.state === 'pending' ? 'en_attente' : row.state === 'sending' ? 'envoye' : row.state === 'acked' ? 'accuse' : row.state === 'rejected' ? 'refuse' : 'remplace';
  return {
    bundleId: row.bundle_id,
    period,
    periodLabel: periodLabel(period),
    revision: row.revision,
    state,
    reason: row.state === 'acked' ? null : row.last_error_message,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' && row.attempts > 0 ? row.next_attempt_at : null,
    createdAt: row.created_at,
    ackedAt: row.acked_at,
    receiptSeq,
    exportable: true,
    retryable: canRetryRefusal(row),
  };
}

export async function getSyncStatus(ctx: ServiceContext): Promise<SyncStatus> {
  const db = ctx.db();
  const runtime = syncRuntimeFor(ctx);
  const [device, mode, rows, waiting, lastSuccess, acked, catalog] = [
    await getDevice(db),
    await readSyncMode(db),
    await listOutbox(db),
    await confirmedBundlesNotQueued(db),
    await readSyncSetting(db, LAST_SUCCESS_SETTING),
    await listOutboxFull(db, ['acked']),
    await readStoredCatalog(db),
  ];
  const seqOf = new Map<string, number>();
  for (const row of acked) {
    try {
      const seq = (JSON.parse(row.receipt ?? 'null') as { receipt?: { serverSeq?: unknown } } | null)?.receipt?.serverSeq;
      if (typeof seq === 'number') seqOf.set(row.bundle_id, seq);
    } catch {
      // A receipt is always stored as verified canonical JSON; nothing to show otherwise.
    }
  }
  const notQueued: SyncQueueItem[] = waiting.map((b) => {
    const period = { kind: b.period_kind, year: b.period_year, index: b.period_index };
    return {
      bundleId: b.id,
      period,
      periodLabel: periodLabel(period),
      revision: b.revision,
      state: device ? 'en_attente' : 'a_inscrire',
      reason: device ? null : 'Inscrivez cet ordinateur auprès du siège régional pour l’envoyer.',
      attempts: 0,
      nextAttemptAt: null,
      createdAt: b.created_at,
      ackedAt: null,
      receiptSeq: null,
      exportable: false,
    };
  });
  const queue = [...rows.map((r) => queueItem(r, seqOf.get(r.bundle_id) ?? null)), ...notQueued].sort(
    (a, b) => periodKey(a.period).localeCompare(periodKey(b.period)) || a.revision - b.revision,
  );
  const pendingCount = queue.filter((q) => q.state === 'en_attente' || q.state === 'envoye' || q.state === 'a_inscrire' || q.state === 'maj_requise').length;
  const heldForUpdate = queue.filter((q) => q.state === 'maj_requise').length;
  const updateRequired = clientUpdateRequired(catalog?.catalog ?? null)
    ? `Mise à jour requise : le siège régional demande Jalons ${catalog?.catalog.minClientVersion ?? ''} ou plus récent (version installée : ${CLIENT_VERSION}).`
    : heldForUpdate > 0
      ? `Mise à jour requise : ${plural(heldForUpdate, 'envoi conservé', 'envois conservés')} en attente d’un format lu par le siège régional.`
      : null;
  const refusedCount = queue.filter((q) => q.state === 'refuse').length;
  // Only retries have a meaningful "next attempt"; fresh rows go at the next pass.
  const nextAttemptAt = rows.filter((r) => r.state === 'pending' && r.attempts > 0).map((r) => r.next_attempt_at).sort()[0] ?? null;
  const reenrolRequired = device?.status === 'reenrol_required';

  let summary: string;
  if (!device) summary = pendingCount > 0 ? `Non relié au siège — ${pendingPhrase(pendingCount)}` : 'Non relié au siège régional';
  else if (reenrolRequired) summary = `Ré-enrôlement requis — ${pendingPhrase(pendingCount)}`;
  else if (updateRequired !== null) summary = pendingCount > 0 ? `Mise à jour requise — ${pendingPhrase(pendingCount)}` : 'Mise à jour requise';
  else if (runtime.running) summary = 'Envoi en cours…';
  else if (mode === 'desactive') summary = pendingCount > 0 ? `Synchronisation désactivée — ${pendingPhrase(pendingCount)}` : 'Synchronisation désactivée';
  else {
    const counts = [pendingCount > 0 ? pendingPhrase(pendingCount) : null, refusedCount > 0 ? plural(refusedCount, 'envoi refusé', 'envois refusés') : null]
      .filter((part): part is string => part !== null)
      .join(', ');
    if (runtime.online === false) summary = counts ? `Hors ligne — ${counts}` : 'Hors ligne';
    else summary = counts ? counts.charAt(0).toUpperCase() + counts.slice(1) : 'Statistiques à jour';
  }

  return {
    hubUrl: device?.hub_url ?? null,
    enrolment: device
      ? {
          deviceId: device.device_id,
          deviceLabel: device.device_label,
          structureId: device.structure_id,
          structureName: device.structure_name,
          regionCode: device.region_code,
          enrolledAt: device.enrolled_at,
          reenrolRequired,
          keyRotatedAt: device.key_rotated_at,
          keyRotationPending: device.pending_private_key !== null,
        }
      : null,
    hubCatalog: catalog
      ? {
          checkedAt: catalog.checkedAt,
          catalogueVersions: catalog.catalog.catalogueVersions,
          minClientVersion: catalog.catalog.minClientVersion,
          closedPeriods: catalog.catalog.periods.filter((p) => p.closed).map((p) => p.key),
        }
      : null,
    updateRequired,
    mode,
    online: runtime.online,
    connectionMessage: runtime.connectionProblem,
    lastSuccessAt: typeof lastSuccess === 'string' ? lastSuccess : null,
    nextAttemptAt,
    pendingCount,
    refusedCount,
    running: runtime.running,
    progress: runtime.progress,
    summary,
    queue,
  };
}

/** Only https, except on this very computer (tests, a hub on the same machine). */
export function normaliseHubUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw hubUrlError('Adresse invalide : elle commence par https:// (par exemple https://siege.exemple.fr).');
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw hubUrlError('Pour protéger les envois, l’adresse du siège doit commencer par https://.');
  }
  if (url.username || url.password || url.search || url.hash) throw hubUrlError('Indiquez seulement l’adresse du siège, sans paramètres.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function hubUrlError(message: string): AppError {
  return new AppError('VALIDATION', message, { issues: [{ path: 'hubUrl', message }] });
}

export async function enrolDevice(ctx: ServiceContext, input: SyncEnrolInput, appVersion: string): Promise<SyncStatus> {
  const hubUrl = normaliseHubUrl(input.hubUrl);
  const runtime = syncRuntimeFor(ctx);
  // Y15: the private key is only ever kept inside the encrypted database.
  const storageProblem = keyStorageProblem(await mainDatabaseFile(ctx.db()));
  if (storageProblem !== null) throw new AppError('FORBIDDEN', storageProblem);
  const keys = generateDeviceKeys();
  const client = new HubClient(hubUrl, runtime.transport);
  const outcome = await client.enrol({ code: input.code, publicKey: keys.publicKey, deviceLabel: input.deviceLabel, appVersion });
  if (outcome.kind === 'network') {
    throw hubUrlError(
      outcome.timeout
        ? 'Le siège régional n’a pas répondu à temps. Vérifiez l’adresse et votre connexion, puis réessayez.'
        : 'Le siège régional est injoignable à cette adresse. Vérifiez l’adresse et votre connexion, puis réessayez.',
    );
  }
  if (outcome.kind === 'hub_error') {
    const message = outcome.code ? hubErrorMessages[outcome.code] : `Le siège régional a refusé l’inscription (HTTP ${outcome.status}).`;
    if (outcome.code?.startsWith('enrolment_code') || outcome.code === 'rate_limited') {
      throw new AppError('VALIDATION', message, { issues: [{ path: 'code', message }] });
    }
    throw new AppError('FORBIDDEN', message);
  }
  const parsed = EnrolResponse.safeParse(outcome.body);
  if (!parsed.success) throw hubUrlError('Cette adresse ne répond pas comme un siège régional Jalons. Vérifiez-la.');
  const enrolment = parsed.data;
  const now = ctx.clock.now().toISOString();
  const db = ctx.db();
  await db.transaction().execute(async (trx) => {
    await saveDevice(trx, {
      hub_url: hubUrl,
      device_id: enrolment.deviceId,
      device_label: input.deviceLabel,
      structure_id: enrolment.structureId,
      structure_name: enrolment.structureName,
      region_code: enrolment.regionCode,
      hub_public_key: enrolment.hubPublicKey,
      private_key: keys.privateKey,
      public_key: keys.publicKey,
      catalogue_version: enrolment.catalogueVersion,
      enrolled_at: now,
      status: 'enrolled',
      // A new enrolment abandons any rotation of the previous device's key.
      pending_private_key: null,
      pending_public_key: null,
      pending_key_since: null,
      key_rotated_at: null,
    });
    // The statistics use the hub's structure id from now on (their provisional pseudonym is replaced).
    await writeSyncSetting(trx, PSEUDONYM_SETTING, enrolment.structureId);
    // Bundles still waiting were signed by a previous device: same content, new signature.
    await resignWaitingRows(trx, { deviceId: enrolment.deviceId, structureId: enrolment.structureId, privateKey: keys.privateKey, now });
    await appendAudit(trx, {
      at: now,
      actor: ctx.actor(),
      action: 'sync.enrol',
      entity: 'sync_device',
      entityId: enrolment.deviceId,
      detail: { structureId: enrolment.structureId },
    });
  });
  runtime.resetConnection();
  runtime.noteContact(true, null);
  await enqueueConfirmedBundles(runtime.deps());
  runtime.wake();
  return getSyncStatus(ctx);
}

export async function setSyncMode(ctx: ServiceContext, mode: SyncMode): Promise<SyncStatus> {
  const db = ctx.db();
  await db.transaction().execute(async (trx) => {
    await writeSyncSetting(trx, MODE_SETTING, mode);
    await appendAudit(trx, { at: ctx.clock.now().toISOString(), actor: ctx.actor(), action: 'sync.mode', entity: 'setting', entityId: null, detail: { mode } });
  });
  syncRuntimeFor(ctx).wake();
  return getSyncStatus(ctx);
}

/** Records a pass that reached the hub (the « dernier envoi réussi » of the screen). */
export async function notePassResult(ctx: ServiceContext, result: PassResult): Promise<void> {
  if (result.status === 'done' && result.online === true && result.retrying.length === 0) {
    await writeSyncSetting(ctx.db(), LAST_SUCCESS_SETTING, ctx.clock.now().toISOString());
  }
}

/** Runs one pass now (shared with the scheduler: never two at once). */
export async function runPassAndRecord(ctx: ServiceContext, options: { force: boolean }): Promise<PassResult> {
  const result = await syncRuntimeFor(ctx).runPass(options);
  await notePassResult(ctx, result);
  return result;
}

export async function sendNow(ctx: ServiceContext): Promise<SyncPassResult> {
  const db = ctx.db();
  if ((await readSyncMode(db)) === 'desactive') {
    throw new AppError('FORBIDDEN', 'La synchronisation est désactivée : choisissez le mode automatique ou manuel pour envoyer.');
  }
  const device = await getDevice(db);
  if (!device) throw new AppError('FORBIDDEN', 'Inscrivez d’abord cet ordinateur auprès du siège régional.');
  const result = await runPassAndRecord(ctx, { force: true });
  return describePass(result, await listOutbox(db));
}

export function describePass(result: PassResult, rows: readonly OutboxSummary[]): SyncPassResult {
  const pending = rows.filter((r) => r.state === 'pending' || r.state === 'sending').length;
  const labelOf = (period: string) => {
    const p = parsePeriodKey(period);
    return p ? periodLabel(p) : period;
  };
  const refused = result.refused.map((r) => ({ periodLabel: labelOf(r.period), revision: r.revision, reason: r.message ?? '' }));
  const acked = result.acked.length + result.reconciledAcked.length;
  const parts: string[] = [];
  if (result.status === 'reenrol_required') parts.push(REENROL_MESSAGE);
  if (result.status === 'not_enrolled') parts.push('Cet ordinateur n’est pas inscrit auprès du siège régional.');
  if (acked > 0) parts.push(`${plural(acked, 'envoi confirmé', 'envois confirmés')} par un accusé de réception.`);
  if (refused.length > 0) parts.push(`${plural(refused.length, 'envoi refusé', 'envois refusés')} par le siège.`);
  if (result.online === false) parts.push(result.connectionProblem ?? 'Hors ligne.');
  if (pending > 0) parts.push(`${pendingPhrase(pending)}.`);
  if (parts.length === 0) parts.push('Rien à envoyer : tout est à jour.');
  return { acked, refused, pending, online: result.online, message: parts.join(' ') };
}

/**
 * « Changer la clé de ce poste »: a new Ed25519 pair replaces the device key at the hub (signed by
 * the current one). Crash-safe (see sync/rotation.ts): when the hub cannot be reached the rotation
 * stays pending and the next pass finishes it before sending anything.
 */
export async function rotateKey(ctx: ServiceContext): Promise<SyncRotateResult> {
  const runtime = syncRuntimeFor(ctx);
  const device = await getDevice(ctx.db());
  if (!device) throw new AppError('FORBIDDEN', 'Inscrivez d’abord cet ordinateur auprès du siège régional.');
  if (device.status === 'reenrol_required') throw new AppError('FORBIDDEN', REENROL_MESSAGE);
  // Never alongside a pass: it signs with the device key.
  const outcome = await runtime.exclusive(async () => {
    const deps = runtime.deps();
    await beginKeyRotation(deps);
    const result = await finishKeyRotation(deps);
    if (result.kind === 'reenrol') await requireReenrolment(deps, result.code);
    return result;
  });
  runtime.wake();
  switch (outcome.kind) {
    case 'rotated':
      runtime.noteContact(true, null);
      return { rotated: true, message: 'Nouvelle clé en service : le siège régional refusera désormais l’ancienne. Les envois en attente ont été signés de nouveau.' };
    case 'waiting':
      if (outcome.offline) runtime.noteContact(false, outcome.message);
      return { rotated: false, message: outcome.message };
    case 'reenrol':
      return { rotated: false, message: REENROL_MESSAGE };
    case 'failed':
      return { rotated: false, message: outcome.message };
    case 'none':
      return { rotated: false, message: 'Aucun changement de clé en cours.' };
  }
}

/** The signed envelope of a bundle, for an offline hand-over (USB key). */
export async function exportEnvelope(ctx: ServiceContext, bundleId: string): Promise<SyncExport> {
  const db = ctx.db();
  const row = await getOutboxRow(db, bundleId);
  if (!row) throw new AppError('NOT_FOUND', 'Cet envoi n’est pas encore signé : inscrivez cet ordinateur auprès du siège régional, puis réessayez.');
  await appendAudit(db, { at: ctx.clock.now().toISOString(), actor: ctx.actor(), action: 'sync.export', entity: 'outbox', entityId: bundleId, detail: null });
  return { fileName: `jalons-envoi-${row.period}-r${row.revision}-${row.bundle_id}.json`, content: row.envelope, contentSha256: row.content_sha256 };
}

/**
 * « Renvoyer » on a refused bundle, once the regional office lifted the reason (period transferred
 * to this computer, region corrected, new enrolment): back in the queue, re-signed if this computer's
 * key changed, then sent at once unless synchronisation is off. Final refusals are not resent.
 */
export async function retryRefused(ctx: ServiceContext, bundleId: string): Promise<SyncRetryResult> {
  const db = ctx.db();
  const runtime = syncRuntimeFor(ctx);
  const device = await getDevice(db);
  if (!device) throw new AppError('FORBIDDEN', 'Inscrivez d’abord cet ordinateur auprès du siège régional.');
  if (device.status === 'reenrol_required') throw new AppError('FORBIDDEN', REENROL_MESSAGE);
  // Never alongside a pass or a key rotation: the row may be re-signed with the device key.
  const reopened = await runtime.exclusive(() => reopenRefused(db, device, bundleId, { at: ctx.clock.now().toISOString(), actor: ctx.actor() }));
  switch (reopened.kind) {
    case 'not_found':
      throw new AppError('NOT_FOUND', 'Cet envoi est introuvable : actualisez la page.');
    case 'not_refused':
      throw new AppError('CONFLICT', 'Cet envoi n’est plus refusé : actualisez la page.');
    case 'final':
      throw new AppError(
        'FORBIDDEN',
        'Ce refus est définitif : renvoyer le même lot serait refusé de nouveau. Confirmez une nouvelle révision de la période dans Statistiques.',
      );
    case 'reopened':
      break;
  }
  if ((await readSyncMode(db)) === 'desactive') {
    runtime.wake();
    return { state: 'en_attente', message: 'Envoi remis en attente : il partira quand la synchronisation sera de nouveau activée.' };
  }
  await runPassAndRecord(ctx, { force: true });
  const row = (await listOutbox(db)).find((r) => r.bundle_id === bundleId);
  if (!row) throw new AppError('NOT_FOUND', 'Cet envoi est introuvable : actualisez la page.');
  const item = queueItem(row, null);
  switch (item.state) {
    case 'accuse':
      return { state: 'accuse', message: 'Envoi accepté par le siège régional : accusé de réception reçu.' };
    case 'refuse':
      return { state: 'refuse', message: `Le siège régional refuse toujours cet envoi. ${item.reason ?? ''}`.trim() };
    default:
      return {
        state: item.state,
        message: `Envoi remis en attente. ${item.reason ?? 'Il partira au prochain contact avec le siège régional.'}`,
      };
  }
}
