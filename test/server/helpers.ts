/**
 * A hub per dialect for tests (SQLite in a temporary folder; PostgreSQL in a fresh database of
 * the run's throwaway cluster), and enrolled test devices.
 */
import type { FastifyInstance } from 'fastify';
import { describe, inject } from 'vitest';
import { buildHubApp } from '../../server/http/app';
import { openHub, type OpenedHub } from '../../server/services/hub';
import type { HubHooks, HubLimitOptions } from '../../server/services/context';
import { issueEnrolmentCode, enrolDevice } from '../../server/services/enrolment';
import { createTestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/fixtures';
import { HubTestClock, deviceKeys, type TestDevice } from './bundles';

// ── A hub on each dialect ──────────────────────────────────────────────────────────────────

export type Dialect = 'sqlite' | 'postgres';

export const pgAdminUrl = (): string | null => inject('pgAdminUrl');
export const pgSkipReason = (): string => inject('pgSkipReason');

/** The dialects this run can test; PostgreSQL's absence is reported once, visibly. */
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

export interface TestHub extends OpenedHub {
  readonly dataDir: string;
  readonly clock: HubTestClock;
  readonly databaseUrl: string | undefined;
  /** Re-open the same data (a restarted hub). */
  reopen(options?: { hooks?: HubHooks }): Promise<OpenedHub>;
  dispose(): Promise<void>;
}

export async function openTestHub(
  dialect: Dialect,
  options: { clock?: HubTestClock; hooks?: HubHooks; limits?: HubLimitOptions } = {},
): Promise<TestHub> {
  const tmp = tempDir();
  const clock = options.clock ?? new HubTestClock();
  let database: { url: string; drop(): Promise<void> } | undefined;
  if (dialect === 'postgres') {
    const admin = pgAdminUrl();
    if (admin === null) throw new Error(pgSkipReason());
    database = await createTestDatabase(admin);
  }
  const open = (hooks?: HubHooks) =>
    openHub({
      dataDir: tmp.dir,
      databaseUrl: database?.url,
      clock,
      ...(hooks ? { hooks } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
  const hub = await open(options.hooks);
  const reopened: OpenedHub[] = [];
  return {
    ...hub,
    dataDir: tmp.dir,
    clock,
    databaseUrl: database?.url,
    async reopen(o = {}) {
      const h = await open(o.hooks);
      reopened.push(h);
      return h;
    },
    async dispose() {
      for (const h of reopened) await h.close().catch(() => undefined);
      await hub.close().catch(() => undefined);
      await database?.drop();
      tmp.cleanup();
    },
  };
}

let structureCounter = 0;
let addressCounter = 0;

/** Issues a code for a new structure and enrols a fresh key pair with it. */
export async function enrolTestDevice(hub: Pick<OpenedHub, 'ctx'>, options: { regionCode?: string; name?: string } = {}): Promise<TestDevice> {
  const regionCode = options.regionCode ?? '11';
  const issued = await issueEnrolmentCode(hub.ctx, { structureName: options.name ?? `Structure ${++structureCounter}`, regionCode });
  const keys = deviceKeys();
  const res = await enrolDevice(
    hub.ctx,
    { code: issued.code, publicKey: keys.publicKeyB64, deviceLabel: 'Portable CIP', appVersion: '1.0.0' },
    `10.0.${Math.floor(++addressCounter / 250) % 250}.${1 + (addressCounter % 250)}`,
  );
  return { deviceId: res.deviceId, structureId: res.structureId, regionCode, privateKey: keys.privateKey, publicKeyB64: keys.publicKeyB64 };
}

/**
 * Runs a suite once per dialect. Without PostgreSQL the second suite is skipped and its title
 * says why (the CI installs it, so there it always runs).
 */
export function forEachDialect(name: string, suite: (dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) {
    const skip = dialect === 'postgres' && pgAdminUrl() === null;
    describe.skipIf(skip)(`${name} [${dialect}]${skip ? ` — ${pgSkipReason()}` : ''}`, () => suite(dialect));
  }
}

/** The hub's fastify app for `inject` (no socket). */
export async function hubApp(hub: Pick<OpenedHub, 'ctx'>): Promise<FastifyInstance> {
  return buildHubApp({ ctx: hub.ctx, logError: () => undefined });
}
