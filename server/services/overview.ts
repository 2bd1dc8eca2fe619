import { periodsWithCurrentBundles, receivedBundles, type PeriodSummary } from '../repositories/bundles';
import { listDevices } from '../repositories/devices';
import { listStructures } from '../repositories/structures';
import type { HubContext } from './context';

export interface StructureOverview {
  readonly structureId: string;
  readonly name: string;
  readonly regionCode: string;
  readonly siaeKind: string | null;
  readonly activeDevices: number;
  readonly revokedDevices: number;
  readonly lastBundle: { readonly receivedAt: string; readonly periodKey: string; readonly revision: number } | null;
  /** For `jalons hub revoke --device ID`. */
  readonly devices: ReadonlyArray<{ readonly deviceId: string; readonly label: string; readonly enrolledAt: string; readonly status: 'active' | 'revoked' }>;
}

/** The dashboard's first page: who is enrolled and what arrived last. */
export async function structuresOverview(ctx: HubContext): Promise<StructureOverview[]> {
  const [structures, devices, received] = await Promise.all([listStructures(ctx.db), listDevices(ctx.db), receivedBundles(ctx.db)]);
  const last = new Map<string, (typeof received)[number]>();
  for (const r of received) if (!last.has(r.structure_id)) last.set(r.structure_id, r);
  return structures.map((s) => {
    const own = devices.filter((d) => d.structure_id === s.structure_id);
    const l = last.get(s.structure_id);
    return {
      structureId: s.structure_id,
      name: s.name,
      regionCode: s.region_code,
      siaeKind: s.siae_kind,
      activeDevices: own.filter((d) => d.status === 'active').length,
      revokedDevices: own.filter((d) => d.status === 'revoked').length,
      lastBundle: l === undefined ? null : { receivedAt: l.received_at, periodKey: l.period_key, revision: l.revision },
      devices: own.map((d) => ({ deviceId: d.device_id, label: d.label, enrolledAt: d.enrolled_at, status: d.status })),
    };
  });
}

export async function availablePeriods(ctx: HubContext): Promise<PeriodSummary[]> {
  return periodsWithCurrentBundles(ctx.db);
}
