import { EnrolRequest, type EnrolResponse } from '../../shared/sync/protocol';
import { REGION_CODES, SIAE_KINDS } from '../../shared/stats/index';
import { appendAudit } from '../repositories/audit';
import { insertDevice, insertDeviceKey, revokeDevice as revokeDeviceRow, findDevice } from '../repositories/devices';
import { burnEnrolmentCode, findEnrolmentCode, insertEnrolmentCode } from '../repositories/enrolment-codes';
import { findStructure, findStructureByName, insertStructure, type StructureRow } from '../repositories/structures';
import { nowIso, type HubContext } from './context';
import { groupCode, newEnrolmentCode, normaliseEnrolmentCode, randomToken, sha256Hex } from './crypto';
import { HubFailure } from './errors';

export class HubAdminError extends Error {
  override readonly name = 'HubAdminError';
}

export interface IssuedCode {
  /** Grouped for reading: `ABCD-EFGH-…`. Shown once, never stored. */
  readonly code: string;
  readonly expiresAt: string;
  readonly structure: StructureRow;
  readonly structureCreated: boolean;
}

/**
 * Creates the structure on first use (pseudonymous id `st_…`, never the SIRET) and a single-use
 * enrolment code for one laptop. Only the code's hash is stored.
 */
export async function issueEnrolmentCode(
  ctx: HubContext,
  input: { structureName: string; regionCode: string; siaeKind?: string | undefined; hours?: number | undefined },
): Promise<IssuedCode> {
  const name = input.structureName.trim();
  if (name.length === 0 || name.length > 200) throw new HubAdminError('Nom de structure manquant ou trop long (200 caractères au plus).');
  if (!(REGION_CODES as readonly string[]).includes(input.regionCode)) {
    throw new HubAdminError(`Code région inconnu : ${input.regionCode} (codes INSEE : ${REGION_CODES.join(', ')}).`);
  }
  if (input.siaeKind !== undefined && !(SIAE_KINDS as readonly string[]).includes(input.siaeKind)) {
    throw new HubAdminError(`Type de SIAE inconnu : ${input.siaeKind} (${SIAE_KINDS.join(', ')}).`);
  }
  const hours = input.hours ?? 72;
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) throw new HubAdminError('Durée de validité invalide (1 à 720 heures).');

  const now = ctx.clock.now();
  const code = newEnrolmentCode();
  const expiresAt = new Date(now.getTime() + hours * 3_600_000).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    let structure = await findStructureByName(trx, name);
    let structureCreated = false;
    if (structure === undefined) {
      structure = {
        structure_id: `st_${randomToken(16)}`,
        name,
        region_code: input.regionCode,
        siae_kind: input.siaeKind ?? null,
        created_at: now.toISOString(),
      };
      await insertStructure(trx, structure);
      await appendAudit(trx, {
        at: now.toISOString(),
        actor: 'admin',
        action: 'structure.create',
        entity: 'structure',
        entityId: structure.structure_id,
        detail: { region: input.regionCode },
      });
      structureCreated = true;
    } else if (structure.region_code !== input.regionCode) {
      throw new HubAdminError(`La structure « ${name} » existe déjà dans la région ${structure.region_code}.`);
    }
    await insertEnrolmentCode(trx, {
      code_hash: sha256Hex(code),
      structure_id: structure.structure_id,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      device_id: null,
    });
    await appendAudit(trx, {
      at: now.toISOString(),
      actor: 'admin',
      action: 'enrolment_code.issue',
      entity: 'structure',
      entityId: structure.structure_id,
      detail: { expiresAt },
    });
    return { code: groupCode(code), expiresAt, structure, structureCreated };
  });
}

/**
 * `POST /v1/enroll`: exchanges a one-time code for a device binding (device ↔ structure ↔
 * public key). Rate-limited per client address; the code is burnt by a conditional update in
 * the same transaction as the device insert, so one code makes exactly one device.
 */
export async function enrolDevice(ctx: HubContext, body: unknown, client: string): Promise<EnrolResponse> {
  const wait = ctx.limits.enrol.hit(client);
  if (wait > 0) throw new HubFailure('rate_limited', undefined, wait);
  const parsed = EnrolRequest.safeParse(body);
  if (!parsed.success) throw new HubFailure('bad_request', { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  const request = parsed.data;
  const code = normaliseEnrolmentCode(request.code);
  const now = nowIso(ctx);
  const reject = async (failure: HubFailure, structureId?: string): Promise<never> => {
    await appendAudit(ctx.db, {
      at: now,
      actor: `client:${client}`,
      action: 'device.enrol.reject',
      entity: 'structure',
      entityId: structureId ?? '-',
      detail: { code: failure.code },
    });
    throw failure;
  };
  if (code === null) return reject(new HubFailure('enrolment_code_invalid'));
  const codeHash = sha256Hex(code);
  const row = await findEnrolmentCode(ctx.db, codeHash);
  if (row === undefined) return reject(new HubFailure('enrolment_code_invalid'));
  if (row.used_at !== null) return reject(new HubFailure('enrolment_code_used'), row.structure_id);
  if (row.expires_at <= now) return reject(new HubFailure('enrolment_code_expired'), row.structure_id);

  const structure = await findStructure(ctx.db, row.structure_id);
  if (structure === undefined) throw new HubFailure('internal');
  const deviceId = `dev_${randomToken(16)}`;
  const burnt = await ctx.db.transaction().execute(async (trx) => {
    await insertDevice(trx, {
      device_id: deviceId,
      structure_id: structure.structure_id,
      public_key: request.publicKey,
      label: request.deviceLabel,
      app_version: request.appVersion,
      status: 'active',
      enrolled_at: now,
      revoked_at: null,
    });
    await insertDeviceKey(trx, { device_id: deviceId, public_key: request.publicKey, valid_from: now, retired_at: null });
    // Rolls the device back if another enrolment burnt the code first.
    if (!(await burnEnrolmentCode(trx, codeHash, deviceId, now))) throw new HubFailure('enrolment_code_used');
    await appendAudit(trx, {
      at: now,
      actor: `device:${deviceId}`,
      action: 'device.enrol',
      entity: 'device',
      entityId: deviceId,
      detail: { structureId: structure.structure_id, appVersion: request.appVersion },
    });
    return true;
  }).catch(async (error: unknown) => {
    if (error instanceof HubFailure) return reject(error, structure.structure_id);
    throw error;
  });
  if (!burnt) throw new HubFailure('internal');
  return {
    deviceId,
    structureId: structure.structure_id,
    structureName: structure.name,
    regionCode: structure.region_code,
    hubPublicKey: ctx.keys.publicKey,
    catalogueVersion: ctx.catalogueVersion,
  };
}

/** `jalons hub revoke`: the device's next call answers 401 device_revoked; its receipts stay valid. */
export async function revokeDevice(ctx: HubContext, deviceId: string): Promise<void> {
  const now = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const device = await findDevice(trx, deviceId);
    if (device === undefined) throw new HubAdminError(`Poste inconnu : ${deviceId}`);
    if (!(await revokeDeviceRow(trx, deviceId, now))) throw new HubAdminError(`Le poste ${deviceId} est déjà révoqué.`);
    await appendAudit(trx, {
      at: now,
      actor: 'admin',
      action: 'device.revoke',
      entity: 'device',
      entityId: deviceId,
      detail: { structureId: device.structure_id },
    });
  });
}
