import { createHash } from 'node:crypto';
import {
  BundleId,
  CLOCK_AHEAD_TOLERANCE_SECONDS,
  MAX_ENVELOPE_BYTES,
  RECEIPT_FORMAT,
  SignedEnvelope,
  type ReceiptBody,
  type SignedReceipt,
} from '../../shared/sync/protocol';
import {
  auditReceivedBundle,
  bundleSchema,
  canonicalJson,
  coordsKey,
  isPublishedCell,
  isWithheld,
  specOf,
  type Bundle,
} from '../../shared/stats/index';
import { isUniqueViolation } from '../db/dialect';
import { appendAudit } from '../repositories/audit';
import {
  findBundle,
  findCurrentBundle,
  insertBundle,
  insertBundleTables,
  insertCells,
  supersedeBundle,
  type BundleTableRow,
  type CellRow,
} from '../repositories/bundles';
import { nextCounter } from '../repositories/counters';
import { findDevice } from '../repositories/devices';
import { findPeriodOwner, insertPeriodOwner, setPeriodOwner } from '../repositories/period-owners';
import { findStructure } from '../repositories/structures';
import { DEFAULT_SCHEMA_MAJORS, nowIso, type HubContext } from './context';
import { sha256Hex, verifyEd25519 } from './crypto';
import { HubFailure } from './errors';
import { isPeriodClosed, periodKey } from './periods';

/** Bundle schema majors this build reads by default (a hub's own list is ctx.schemaMajors). */
export const SUPPORTED_SCHEMA_MAJORS: readonly number[] = DEFAULT_SCHEMA_MAJORS;

export interface SubmitInput {
  /** The request body exactly as received: stored verbatim. */
  readonly body: Buffer;
  /** `PUT /v1/bundles/{bundleId}`; absent for `jalons hub import`. */
  readonly bundleIdFromPath?: string | undefined;
  readonly idempotencyKey?: string | undefined;
  /** RFC 9530 `Content-Digest` header, checked when it carries sha-256. */
  readonly contentDigest?: string | undefined;
  /** Client address or `import`, for the audit log. */
  readonly client: string;
}

export interface SubmitOutcome {
  /** 201 stored now; 200 the same content was already stored (same receipt). */
  readonly status: 200 | 201;
  readonly bundleId: string;
  /** Canonical JSON of the SignedReceipt, identical on every retry. */
  readonly receiptText: string;
  readonly receipt: SignedReceipt;
}

interface Prepared {
  readonly body: Buffer;
  readonly envelope: SignedEnvelope;
  readonly payloadCanonical: string;
  readonly contentSha256: string;
  readonly bundleId: string;
  readonly client: string;
}

/** The current revision changed between the checks and the transaction: start over. */
class ConcurrentChange extends Error {}

const MAX_ATTEMPTS = 4;

/**
 * Receives one signed envelope (PUT or offline import). Order matters for idempotency: the
 * bundle id is looked up before anything that could have changed since the first acceptance
 * (device revoked, catalogue moved on): the same content always gets the same stored receipt.
 * Then device, signature, structure, period, revision, the disclosure re-audit, and one
 * transaction that stores everything and signs the receipt. Uniqueness is the database's job:
 * a concurrent duplicate loses on a constraint and answers with the winner's receipt.
 */
export async function submitEnvelope(ctx: HubContext, input: SubmitInput): Promise<SubmitOutcome> {
  const prepared = prepare(input);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const existing = await findBundle(ctx.db, prepared.bundleId);
    if (existing !== undefined) {
      if (existing.content_sha256 === prepared.contentSha256) {
        return { status: 200, bundleId: prepared.bundleId, receiptText: existing.receipt, receipt: JSON.parse(existing.receipt) as SignedReceipt };
      }
      return reject(ctx, prepared, new HubFailure('idempotency_key_reused'));
    }
    let outcome: SubmitOutcome;
    try {
      const checked = await check(ctx, prepared);
      await ctx.hooks.beforeBundleStore?.(prepared.bundleId);
      outcome = await store(ctx, prepared, checked);
    } catch (error) {
      // Someone stored this bundle (or another revision) meanwhile: look again from the top.
      if (error instanceof ConcurrentChange || isUniqueViolation(error)) continue;
      throw error;
    }
    await ctx.hooks.afterBundleCommit?.(prepared.bundleId);
    return outcome;
  }
  throw new HubFailure('in_flight');
}

function prepare(input: SubmitInput): Prepared {
  if (input.body.length > MAX_ENVELOPE_BYTES) throw new HubFailure('payload_too_large', { maxBytes: MAX_ENVELOPE_BYTES });
  const digest = /^\s*sha-256=:([A-Za-z0-9+/=]+):/i.exec(input.contentDigest ?? '');
  if (digest && createHash('sha256').update(input.body).digest('base64') !== digest[1]) {
    throw new HubFailure('bad_request', { reason: 'content_digest_mismatch' });
  }
  let text: string;
  let json: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.body);
    json = JSON.parse(text);
  } catch {
    throw new HubFailure('bad_request', { reason: 'not_json' });
  }
  const parsed = SignedEnvelope.safeParse(json);
  if (!parsed.success) throw new HubFailure('bad_request', { reason: 'envelope', issues: issuesOf(parsed.error.issues) });
  const envelope = parsed.data;
  const bundleId = BundleId.safeParse(envelope.payload.bundleId);
  if (!bundleId.success) throw new HubFailure('bad_request', { reason: 'bundle_id' });
  if (input.bundleIdFromPath !== undefined && input.bundleIdFromPath !== bundleId.data) {
    throw new HubFailure('bad_request', { reason: 'bundle_id_differs_from_url' });
  }
  if (input.idempotencyKey !== undefined && input.idempotencyKey !== bundleId.data) {
    throw new HubFailure('bad_request', { reason: 'idempotency_key_differs' });
  }
  let payloadCanonical: string;
  try {
    payloadCanonical = canonicalJson(envelope.payload);
  } catch {
    throw new HubFailure('bad_request', { reason: 'payload_not_canonicalisable' });
  }
  return { body: input.body, envelope, payloadCanonical, contentSha256: sha256Hex(payloadCanonical), bundleId: bundleId.data, client: input.client };
}

interface Checked {
  readonly bundle: Bundle;
  readonly periodKey: string;
  readonly previousId: string | null;
  readonly warnings: ReceiptBody['warnings'];
  readonly ownerChange: { readonly kind: 'none' } | { readonly kind: 'claim' } | { readonly kind: 'takeover'; readonly from: string };
}

/** Policy parameters below the hub's floors (a bundle may be stricter, never weaker). */
function weakerPolicyFields(policy: Bundle['policy'], minimum: HubContext['minimumPolicy']): string[] {
  const fields = ['minCount', 'minCountSensitive', 'homogeneityMargin', 'minIntervalWidth'] as const;
  return fields.filter((f) => policy[f] < minimum[f]);
}

async function check(ctx: HubContext, p: Prepared): Promise<Checked> {
  const payload = p.envelope.payload;
  const version = typeof payload.schemaVersion === 'string' ? /^(\d+)\.(\d+)$/.exec(payload.schemaVersion) : null;
  if (version === null) return reject(ctx, p, new HubFailure('bad_request', { reason: 'schema_version' }));
  if (!ctx.schemaMajors.includes(Number(version[1]))) {
    return reject(
      ctx,
      p,
      new HubFailure('schema_unsupported', { schemaVersion: payload.schemaVersion, supportedMajors: ctx.schemaMajors, minClientVersion: ctx.minClientVersion }),
    );
  }
  // Unknown fields of a newer minor version are dropped here but kept in the stored envelope.
  const parsed = bundleSchema.safeParse(payload);
  if (!parsed.success) return reject(ctx, p, new HubFailure('bad_request', { reason: 'bundle', issues: issuesOf(parsed.error.issues) }));
  const bundle = parsed.data;

  const device = await findDevice(ctx.db, p.envelope.deviceId);
  if (device === undefined) return reject(ctx, p, new HubFailure('unknown_device'));
  if (device.status === 'revoked') return reject(ctx, p, new HubFailure('device_revoked'));
  if (!verifyEd25519(device.public_key, p.payloadCanonical, p.envelope.signature)) return reject(ctx, p, new HubFailure('bad_signature'));
  if (device.structure_id !== bundle.structureId) return reject(ctx, p, new HubFailure('structure_mismatch'));
  const structure = await findStructure(ctx.db, device.structure_id);
  if (structure === undefined) throw new HubFailure('internal');
  // The hub's registry is the reference for where a structure is: a bundle may not move it.
  if (bundle.regionCode !== structure.region_code) {
    return reject(ctx, p, new HubFailure('region_mismatch', { bundleRegion: bundle.regionCode, registeredRegion: structure.region_code }));
  }
  const weaker = weakerPolicyFields(bundle.policy, ctx.minimumPolicy);
  if (weaker.length > 0) return reject(ctx, p, new HubFailure('policy_below_minimum', { fields: weaker, minimum: ctx.minimumPolicy }));

  const now = ctx.clock.now();
  if (!isPeriodClosed(bundle.period, structure.region_code, now)) return reject(ctx, p, new HubFailure('period_not_closed'));

  const key = periodKey(bundle.period);
  // One exporting device per (structure, period): two laptops would fork the revision chain.
  const owner = await findPeriodOwner(ctx.db, bundle.structureId, key);
  let ownerChange: Checked['ownerChange'] = { kind: 'claim' };
  if (owner !== undefined && owner.device_id === device.device_id) ownerChange = { kind: 'none' };
  else if (owner !== undefined) {
    const ownerDevice = await findDevice(ctx.db, owner.device_id);
    // A revoked device can never send again: its successor (re-enrolment) takes the period over.
    if (ownerDevice?.status !== 'revoked') return reject(ctx, p, new HubFailure('period_owned_by_other_device', { period: key }));
    ownerChange = { kind: 'takeover', from: owner.device_id };
  }
  const current = await findCurrentBundle(ctx.db, bundle.structureId, key);
  const expected = (current?.revision ?? 0) + 1;
  if (bundle.revision > expected) {
    return reject(ctx, p, new HubFailure('revision_gap', { currentRevision: current?.revision ?? null, expectedRevision: expected }));
  }
  if (bundle.revision < expected) {
    // A concurrent copy of this very bundle may have just been stored: that is a duplicate, not a stale revision.
    if ((await findBundle(ctx.db, p.bundleId)) !== undefined) throw new ConcurrentChange();
    return reject(ctx, p, new HubFailure('stale_revision', { currentRevision: current?.revision ?? null }));
  }

  // The hub's own disclosure audit, on exactly what it received, jointly with the revision it replaces.
  const previous = current === undefined ? undefined : bundleSchema.parse(SignedEnvelope.parse(JSON.parse(current.envelope.toString('utf8'))).payload);
  const audit = auditReceivedBundle(bundle, previous, ctx.minimumPolicy);
  if (!audit.passed) {
    return reject(
      ctx,
      p,
      new HubFailure('policy_violation', {
        problems: audit.problems,
        publishedBelowThreshold: audit.primaryViolations.map((v) => ({ tableId: v.tableId, coords: v.coords })),
        derivableCells: audit.cells
          .filter((c) => c.failures.length > 0)
          .map((c) => ({ tableId: c.tableId, coords: c.coords, checks: [...new Set(c.failures.map((f) => f.check))] })),
      }),
    );
  }

  const createdAt = Date.parse(p.envelope.createdAtClient);
  const warnings: ReceiptBody['warnings'] =
    createdAt > now.getTime() + CLOCK_AHEAD_TOLERANCE_SECONDS * 1000 ? ['client_clock_ahead'] : [];
  return { bundle, periodKey: key, previousId: current?.bundle_id ?? null, warnings, ownerChange };
}

async function store(ctx: HubContext, p: Prepared, c: Checked): Promise<SubmitOutcome> {
  const { bundle } = c;
  return ctx.db.transaction().execute(async (trx) => {
    // The counter row lock serialises bundle transactions: read "current" only after taking it.
    const serverSeq = await nextCounter(trx, 'server_seq');
    const current = await findCurrentBundle(trx, bundle.structureId, c.periodKey);
    if ((current?.bundle_id ?? null) !== c.previousId) throw new ConcurrentChange();
    const receivedAt = nowIso(ctx);
    const receipt: ReceiptBody = {
      format: RECEIPT_FORMAT,
      bundleId: p.bundleId,
      contentSha256: p.contentSha256,
      structureId: bundle.structureId,
      period: { kind: bundle.period.kind, year: bundle.period.year, index: bundle.period.index },
      revision: bundle.revision,
      status: 'accepted',
      currentRevision: bundle.revision,
      serverReceivedAt: receivedAt,
      serverSeq,
      warnings: c.warnings,
    };
    const signed: SignedReceipt = { receipt, signature: ctx.keys.sign(canonicalJson(receipt)) };
    const receiptText = canonicalJson(signed);

    if (c.previousId !== null && !(await supersedeBundle(trx, c.previousId))) throw new ConcurrentChange();
    const deviceId = p.envelope.deviceId;
    const owner = { structure_id: bundle.structureId, period_key: c.periodKey, device_id: deviceId, assigned_at: receivedAt };
    // A concurrent claim by another device loses on the primary key and starts over (then sees the owner).
    if (c.ownerChange.kind === 'claim') await insertPeriodOwner(trx, owner);
    if (c.ownerChange.kind === 'takeover') {
      if (!(await setPeriodOwner(trx, owner, c.ownerChange.from))) throw new ConcurrentChange();
      await appendAudit(trx, {
        at: receivedAt,
        actor: `device:${deviceId}`,
        action: 'period.takeover',
        entity: 'period',
        entityId: `${bundle.structureId}/${c.periodKey}`,
        detail: { from: c.ownerChange.from, to: deviceId, reason: 'owner_revoked' },
      });
    }
    await insertBundle(trx, {
      bundle_id: p.bundleId,
      structure_id: bundle.structureId,
      period_key: c.periodKey,
      period_kind: bundle.period.kind,
      period_year: bundle.period.year,
      period_index: bundle.period.index,
      revision: bundle.revision,
      schema_version: bundle.schemaVersion,
      catalogue_version: bundle.catalogueVersion,
      content_sha256: p.contentSha256,
      envelope: p.body,
      device_id: p.envelope.deviceId,
      created_at_client: p.envelope.createdAtClient,
      received_at: receivedAt,
      status: 'current',
      supersedes: c.previousId,
      receipt: receiptText,
      server_seq: serverSeq,
    });
    const { tables, cells } = rowsOf(p.bundleId, bundle);
    await insertBundleTables(trx, tables);
    await insertCells(trx, cells);
    if (c.previousId !== null) {
      await appendAudit(trx, {
        at: receivedAt,
        actor: `device:${p.envelope.deviceId}`,
        action: 'bundle.supersede',
        entity: 'bundle',
        entityId: c.previousId,
        detail: { by: p.bundleId },
      });
    }
    await appendAudit(trx, {
      at: receivedAt,
      actor: `device:${p.envelope.deviceId}`,
      action: 'bundle.accept',
      entity: 'bundle',
      entityId: p.bundleId,
      detail: {
        structureId: bundle.structureId,
        period: c.periodKey,
        revision: bundle.revision,
        serverSeq,
        via: p.client === 'import' ? 'import' : 'http',
        warnings: c.warnings,
      },
    });
    return { status: 201 as const, bundleId: p.bundleId, receiptText, receipt: signed };
  });
}

/** The normalised copy of the bundle: one row per table, one per cell (A = primary, D = secondary). */
export function rowsOf(bundleId: string, bundle: Bundle): { tables: BundleTableRow[]; cells: CellRow[] } {
  const tables: BundleTableRow[] = [];
  const cells: CellRow[] = [];
  for (const t of bundle.tables) {
    if (isWithheld(t)) {
      tables.push({ bundle_id: bundleId, table_id: t.id, withheld: 1, spec: null });
      continue;
    }
    tables.push({ bundle_id: bundleId, table_id: t.id, withheld: 0, spec: canonicalJson(specOf(t)) });
    for (const cell of t.cells) {
      cells.push(
        isPublishedCell(cell)
          ? { bundle_id: bundleId, table_id: t.id, cell_key: coordsKey(cell.coords), value: cell.value, status: 'V' }
          : { bundle_id: bundleId, table_id: t.id, cell_key: coordsKey(cell.coords), value: null, status: cell.suppressed === 'primary' ? 'A' : 'D' },
      );
    }
  }
  return { tables, cells };
}

async function reject(ctx: HubContext, p: Prepared, failure: HubFailure): Promise<never> {
  const payload = p.envelope.payload;
  await appendAudit(ctx.db, {
    at: nowIso(ctx),
    actor: `device:${p.envelope.deviceId}`,
    action: 'bundle.reject',
    entity: 'bundle',
    entityId: p.bundleId,
    detail: {
      code: failure.code,
      claimedStructureId: typeof payload.structureId === 'string' ? payload.structureId.slice(0, 80) : null,
      contentSha256: p.contentSha256,
      via: p.client === 'import' ? 'import' : 'http',
    },
  });
  throw failure;
}

function issuesOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): { path: string; message: string }[] {
  return issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message.slice(0, 200) }));
}
