import { existsSync } from 'node:fs';
import { tempDir } from '../../../helpers/fixtures';
import type { HubView } from './crash-harness';

/**
 * The real regional hub (server/**), started in-process on 127.0.0.1 with a temporary data
 * folder (embedded SQLite), for the integration tests. Enrolment codes come from the hub's own
 * service; `held()` and `forget()` look into / alter its database like a restore from backup would.
 *
 * Imported lazily so this file type-checks and loads even before the hub exists; `hubAvailable()`
 * tells the tests whether to run.
 */
export function hubAvailable(): boolean {
  const root = new URL('../../../../server/', import.meta.url);
  return ['http/app.ts', 'http/api.ts', 'http/dashboard.ts', 'services/hub.ts', 'services/enrolment.ts'].every((f) => existsSync(new URL(f, root)));
}

export interface RealHub extends HubView {
  readonly url: string;
  readonly dataDir: string;
  issueCode(structureName?: string, regionCode?: string): Promise<string>;
  /** The hub's service context (admin actions: transfer a period, read devices). */
  context(): import('../../../../server/services/context').HubContext;
  /** Stops and starts the hub on the same data and port (an upgrade: new options). */
  restart(options?: RealHubOptions): Promise<void>;
  /** The hub "restored from a backup" taken before this bundle arrived. */
  forget(bundleId: string): Promise<void>;
  revoke(deviceId: string): Promise<void>;
  stop(): Promise<void>;
}

export interface RealHubOptions {
  readonly clock?: { now(): Date };
  /** Bundle schema majors the hub reads (an older hub reads only older ones). */
  readonly schemaMajors?: readonly number[];
  readonly minClientVersion?: string | null;
}

export async function startRealHub(options: RealHubOptions = {}): Promise<RealHub> {
  const temp = tempDir();
  const { openHub } = await import('../../../../server/services/hub');
  const { startHubServer } = await import('../../../../server/http/app');
  const { issueEnrolmentCode, revokeDevice } = await import('../../../../server/services/enrolment');
  const { listStructureBundles } = await import('../../../../server/repositories/bundles');
  const open = (o: RealHubOptions) =>
    openHub({
      dataDir: temp.dir,
      ...(o.clock ? { clock: o.clock } : {}),
      ...(o.schemaMajors ? { schemaMajors: o.schemaMajors } : {}),
      ...(o.minClientVersion !== undefined ? { minClientVersion: o.minClientVersion } : {}),
      // Crash and soak runs make thousands of calls from one address: no rate limit here.
      limits: { api: { limit: 1_000_000, windowMs: 60_000 }, enrol: { limit: 1_000, windowMs: 60_000 } },
    });
  let hub = await open(options);
  let server = await startHubServer({ ctx: hub.ctx, logError: () => undefined });
  const port = server.port;
  const structureIds = new Set<string>();
  let db = hub.ctx.db;
  return {
    url: server.url,
    dataDir: temp.dir,
    context: () => hub.ctx,
    async restart(next = {}) {
      await server.close();
      await hub.close();
      hub = await open({ ...(options.clock ? { clock: options.clock } : {}), ...next });
      db = hub.ctx.db;
      server = await startHubServer({ ctx: hub.ctx, port, logError: () => undefined });
    },
    async issueCode(structureName = 'ACI du Val de Test', regionCode = '32') {
      const issued = await issueEnrolmentCode(hub.ctx, { structureName, regionCode, siaeKind: 'ACI' });
      structureIds.add(issued.structure.structure_id);
      return issued.code;
    },
    async held(structureId) {
      const rows = [];
      for (const sid of structureId ? [structureId] : structureIds) rows.push(...(await listStructureBundles(db, sid)));
      return rows.map((r) => ({ bundleId: r.bundle_id, periodKey: r.period_key, revision: r.revision, contentSha256: r.content_sha256, status: r.status }));
    },
    async forget(bundleId) {
      await db.transaction().execute(async (trx) => {
        const row = await trx.selectFrom('bundles').select(['supersedes']).where('bundle_id', '=', bundleId).executeTakeFirst();
        await trx.deleteFrom('cells').where('bundle_id', '=', bundleId).execute();
        await trx.deleteFrom('bundle_tables').where('bundle_id', '=', bundleId).execute();
        await trx.deleteFrom('bundles').where('bundle_id', '=', bundleId).execute();
        if (row?.supersedes) await trx.updateTable('bundles').set({ status: 'current' }).where('bundle_id', '=', row.supersedes).execute();
      });
    },
    async revoke(deviceId) {
      await revokeDevice(hub.ctx, deviceId);
    },
    async stop() {
      await server.close();
      await hub.close();
      temp.cleanup();
    },
  };
}
