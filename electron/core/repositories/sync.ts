import { sql, type Selectable } from 'kysely';
import type { AppDb, OutboxState, OutboxTable, SyncDeviceTable } from '../db/schema';

/** SQL of the sync feature: the enrolled device, the outbox, and the few sync settings. */
export type SyncDeviceRow = Selectable<SyncDeviceTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type OutboxSummary = Omit<OutboxRow, 'envelope' | 'receipt'>;

const SUMMARY_COLUMNS = [
  'bundle_id',
  'period',
  'revision',
  'structure_id',
  'content_sha256',
  'state',
  'attempts',
  'next_attempt_at',
  'last_error_code',
  'last_error_message',
  'created_at',
  'acked_at',
] as const;

// ── Device ────────────────────────────────────────────────────────────────────────

export async function getDevice(db: AppDb): Promise<SyncDeviceRow | undefined> {
  return db.selectFrom('sync_device').selectAll().where('id', '=', 1).executeTakeFirst();
}

/** One device per database: a new enrolment replaces the previous one. */
export async function saveDevice(db: AppDb, device: Omit<SyncDeviceRow, 'id'>): Promise<void> {
  await db
    .insertInto('sync_device')
    .values({ id: 1, ...device })
    .onConflict((oc) => oc.column('id').doUpdateSet(device))
    .execute();
}

export async function setDeviceStatus(db: AppDb, status: SyncDeviceRow['status']): Promise<void> {
  await db.updateTable('sync_device').set({ status }).where('id', '=', 1).execute();
}

// ── Confirmed statistics bundles not yet in the outbox ────────────────────────────

export interface ConfirmedBundleRow {
  id: string;
  period_kind: 'year' | 'half' | 'quarter';
  period_year: number;
  period_index: number;
  revision: number;
  canonical_json: string;
  created_at: string;
}

export async function confirmedBundlesNotQueued(db: AppDb): Promise<ConfirmedBundleRow[]> {
  return db
    .selectFrom('stats_bundle')
    .leftJoin('outbox', 'outbox.bundle_id', 'stats_bundle.id')
    .where('outbox.bundle_id', 'is', null)
    .select([
      'stats_bundle.id',
      'stats_bundle.period_kind',
      'stats_bundle.period_year',
      'stats_bundle.period_index',
      'stats_bundle.revision',
      'stats_bundle.canonical_json',
      'stats_bundle.created_at',
    ])
    .orderBy('stats_bundle.period_year')
    .orderBy('stats_bundle.period_kind')
    .orderBy('stats_bundle.period_index')
    .orderBy('stats_bundle.revision')
    .execute();
}

// ── Outbox ──────────────────────────────────────────────────────────────────────────

export interface NewOutboxRow {
  bundle_id: string;
  period: string;
  revision: number;
  structure_id: string;
  envelope: string;
  content_sha256: string;
  next_attempt_at: string;
  created_at: string;
}

/** False when the bundle (or another bundle for the same period and revision) is already queued. */
export async function insertOutboxRow(db: AppDb, row: NewOutboxRow): Promise<boolean> {
  const result = await db
    .insertInto('outbox')
    .values({ ...row, state: 'pending', attempts: 0 })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export async function getOutboxRow(db: AppDb, bundleId: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('bundle_id', '=', bundleId).executeTakeFirst();
}

/** Every row in sending order, without the (large) envelope and receipt. */
export async function listOutbox(db: AppDb): Promise<OutboxSummary[]> {
  return db.selectFrom('outbox').select(SUMMARY_COLUMNS).orderBy('period').orderBy('revision').execute();
}

export async function listOutboxFull(db: AppDb, states?: readonly OutboxState[]): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (states) query = query.where('state', 'in', states);
  return query.orderBy('period').orderBy('revision').execute();
}

/** Start-up recovery: an interrupted send is simply pending again (the PUT is idempotent). */
export async function resetSending(db: AppDb): Promise<number> {
  const result = await db.updateTable('outbox').set({ state: 'pending' }).where('state', '=', 'sending').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function markSending(db: AppDb, bundleId: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ state: 'sending' })
    .where('bundle_id', '=', bundleId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markAcked(
  db: AppDb,
  bundleId: string,
  values: { receipt: string; ackedAt: string; countAttempt: boolean },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      state: 'acked',
      receipt: values.receipt,
      acked_at: values.ackedAt,
      last_error_code: null,
      last_error_message: null,
      attempts: values.countAttempt ? eb('attempts', '+', 1) : eb.ref('attempts'),
    }))
    .where('bundle_id', '=', bundleId)
    .execute();
}

/** A failed attempt: back to pending (retry later) or refused for good. */
export async function markFailed(
  db: AppDb,
  bundleId: string,
  values: { state: 'pending' | 'rejected'; nextAttemptAt: string; code: string; message: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      state: values.state,
      attempts: eb('attempts', '+', 1),
      next_attempt_at: values.nextAttemptAt,
      last_error_code: values.code,
      last_error_message: values.message,
    }))
    .where('bundle_id', '=', bundleId)
    .execute();
}

/** Notes why rows wait, without counting an attempt (e.g. re-enrolment required). */
export async function notePending(db: AppDb, values: { code: string; message: string }): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ last_error_code: values.code, last_error_message: values.message })
    .where('state', 'in', ['pending', 'sending'])
    .execute();
}

/** Reconciliation found the hub lacks an acknowledged bundle: send the same envelope again. */
export async function requeue(db: AppDb, bundleId: string, now: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ state: 'pending', attempts: 0, next_attempt_at: now, receipt: null, acked_at: null, last_error_code: null, last_error_message: null })
    .where('bundle_id', '=', bundleId)
    .execute();
}

/**
 * « Renvoyer » on a refused bundle: it is pending again, due now, its refusal cleared (the
 * attempts count is kept as history). With `envelope`, the bytes are replaced by a re-signed copy
 * of the same content. A compare-and-set on `rejected`: false when the row is no longer refused.
 */
export async function reopenRejected(
  db: AppDb,
  bundleId: string,
  values: { now: string; envelope?: { text: string; contentSha256: string; structureId: string } },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      state: 'pending',
      next_attempt_at: values.now,
      last_error_code: null,
      last_error_message: null,
      ...(values.envelope ? { envelope: values.envelope.text, content_sha256: values.envelope.contentSha256, structure_id: values.envelope.structureId } : {}),
    })
    .where('bundle_id', '=', bundleId)
    .where('state', '=', 'rejected')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** After a new enrolment, not-yet-acknowledged rows are re-signed by the new device key (same content). */
export async function replaceEnvelope(
  db: AppDb,
  bundleId: string,
  values: { envelope: string; contentSha256: string; structureId: string; now: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      envelope: values.envelope,
      content_sha256: values.contentSha256,
      structure_id: values.structureId,
      state: 'pending',
      next_attempt_at: values.now,
      last_error_code: null,
      last_error_message: null,
    })
    .where('bundle_id', '=', bundleId)
    .execute();
}

// ── Settings (mode, last success) ───────────────────────────────────────────────────

export async function readSyncSetting(db: AppDb, key: string): Promise<unknown> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return undefined;
  try {
    return JSON.parse(row.value) as unknown;
  } catch {
    return undefined;
  }
}

export async function writeSyncSetting(db: AppDb, key: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  await db
    .insertInto('setting')
    .values({ key, value: text })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
    .execute();
}

// ── Key rotation (migration 0110) ──────────────────────────────────────────────────

/** Step 1 of a rotation: the new pair is stored before the hub hears of it. */
export async function setPendingKey(db: AppDb, values: { privateKey: string; publicKey: string; since: string }): Promise<void> {
  await db
    .updateTable('sync_device')
    .set({ pending_private_key: values.privateKey, pending_public_key: values.publicKey, pending_key_since: values.since })
    .where('id', '=', 1)
    .execute();
}

/** The hub confirmed the new key: it becomes the device's key. False when no rotation was pending. */
export async function commitPendingKey(db: AppDb, now: string): Promise<boolean> {
  const result = await db
    .updateTable('sync_device')
    .set((eb) => ({
      private_key: eb.ref('pending_private_key') as never,
      public_key: eb.ref('pending_public_key') as never,
      pending_private_key: null,
      pending_public_key: null,
      pending_key_since: null,
      key_rotated_at: now,
    }))
    .where('id', '=', 1)
    .where('pending_private_key', 'is not', null)
    .where('pending_public_key', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function clearPendingKey(db: AppDb): Promise<void> {
  await db.updateTable('sync_device').set({ pending_private_key: null, pending_public_key: null, pending_key_since: null }).where('id', '=', 1).execute();
}

/** Rows held back for an update become due now (the hub or the app changed). */
export async function makeUpdateWaitersDue(db: AppDb, code: string, now: string): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ next_attempt_at: now })
    .where('state', '=', 'pending')
    .where('last_error_code', '=', code)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The file behind the main database ('' for an in-memory one): where the device key would live. */
export async function mainDatabaseFile(db: AppDb): Promise<string> {
  const { rows } = await sql<{ name: string; file: string | null }>`PRAGMA database_list`.execute(db);
  return rows.find((r) => r.name === 'main')?.file ?? '';
}
