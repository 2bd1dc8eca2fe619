import { appendAudit } from '../repositories/audit';
import { findDevice } from '../repositories/devices';
import { findPeriodOwner, listPeriodOwners, setPeriodOwner, type PeriodOwnerRow } from '../repositories/period-owners';
import { findStructure, findStructureByName } from '../repositories/structures';
import { nowIso, type HubContext } from './context';
import { HubAdminError } from './enrolment';
import { parsePeriodKey } from './periods';

export interface PeriodTransfer {
  readonly structureId: string;
  readonly periodKey: string;
  readonly from: string | null;
  readonly to: string;
}

/**
 * `jalons hub transfer-period`: gives a structure's period to another of its devices (the laptop
 * that exported it was replaced, or the structure chose another computer). The revision chain
 * goes on from the current revision: the new device must send the next one.
 */
export async function transferPeriod(
  ctx: HubContext,
  input: { structure: string; periodKey: string; deviceId: string },
): Promise<PeriodTransfer> {
  if (parsePeriodKey(input.periodKey) === null) {
    throw new HubAdminError(`Période invalide : ${input.periodKey} (par exemple 2026-Y1, 2026-H2, 2026-Q3).`);
  }
  const structure = (await findStructure(ctx.db, input.structure)) ?? (await findStructureByName(ctx.db, input.structure));
  if (structure === undefined) throw new HubAdminError(`Structure inconnue : ${input.structure}`);
  const device = await findDevice(ctx.db, input.deviceId);
  if (device === undefined) throw new HubAdminError(`Poste inconnu : ${input.deviceId}`);
  if (device.structure_id !== structure.structure_id) {
    throw new HubAdminError(`Le poste ${input.deviceId} n’appartient pas à la structure « ${structure.name} ».`);
  }
  if (device.status !== 'active') throw new HubAdminError(`Le poste ${input.deviceId} est révoqué : il ne peut plus envoyer.`);
  const now = nowIso(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const owner = await findPeriodOwner(trx, structure.structure_id, input.periodKey);
    if (owner?.device_id === device.device_id) {
      throw new HubAdminError(`La période ${input.periodKey} est déjà confiée au poste ${device.device_id}.`);
    }
    const row: PeriodOwnerRow = { structure_id: structure.structure_id, period_key: input.periodKey, device_id: device.device_id, assigned_at: now };
    if (!(await setPeriodOwner(trx, row, owner?.device_id ?? null))) throw new HubAdminError('La période a changé de poste entre-temps : recommencez.');
    await appendAudit(trx, {
      at: now,
      actor: 'admin',
      action: 'period.transfer',
      entity: 'period',
      entityId: `${structure.structure_id}/${input.periodKey}`,
      detail: { from: owner?.device_id ?? null, to: device.device_id },
    });
    return { structureId: structure.structure_id, periodKey: input.periodKey, from: owner?.device_id ?? null, to: device.device_id };
  });
}

export async function periodOwners(ctx: HubContext, structureId: string): Promise<PeriodOwnerRow[]> {
  return listPeriodOwners(ctx.db, structureId);
}
