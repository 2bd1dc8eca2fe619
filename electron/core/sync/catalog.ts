import packageJson from '../../../package.json' with { type: 'json' };
import { HubCatalog } from '../../../shared/sync/protocol';
import type { AppDb } from '../db/schema';
import { makeUpdateWaitersDue, readSyncSetting, writeSyncSetting } from '../repositories/sync';
import type { HubClient } from './http';

/**
 * The hub's catalogue (`GET /v1/catalog?since=`), fetched during a pass and kept in the store so
 * the app knows it offline: table catalogue versions, schema majors, policy floors, the oldest
 * client served, closed periods. A changed catalogue releases the bundles held for an update.
 */
export const CATALOG_SETTING = 'sync.catalog';
export const CLIENT_VERSION: string = packageJson.version;
/** Outbox rows the hub could not read yet (newer schema major): kept, retried after an update. */
export const UPDATE_WAIT_CODE = 'schema_unsupported';

export interface StoredCatalog {
  readonly catalog: HubCatalog;
  readonly fetchedAt: string;
  /** Last time the hub confirmed it (200 or 304). */
  readonly checkedAt: string;
  /** The app version that last looked: an update of the app also releases held bundles. */
  readonly clientVersion: string;
}

export async function readStoredCatalog(db: AppDb): Promise<StoredCatalog | null> {
  const raw = (await readSyncSetting(db, CATALOG_SETTING)) as Partial<StoredCatalog> | undefined;
  const catalog = HubCatalog.safeParse(raw?.catalog);
  if (!catalog.success || typeof raw?.fetchedAt !== 'string') return null;
  return {
    catalog: catalog.data,
    fetchedAt: raw.fetchedAt,
    checkedAt: typeof raw.checkedAt === 'string' ? raw.checkedAt : raw.fetchedAt,
    clientVersion: typeof raw.clientVersion === 'string' ? raw.clientVersion : '',
  };
}

/** Numeric dotted comparison (1.10.0 > 1.9.3); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** True when the hub asks for a newer Jalons than this one. */
export function clientUpdateRequired(catalog: HubCatalog | null, clientVersion: string = CLIENT_VERSION): boolean {
  return catalog?.minClientVersion != null && compareVersions(clientVersion, catalog.minClientVersion) < 0;
}

export type CatalogRefresh =
  | { readonly kind: 'updated'; readonly catalog: HubCatalog; readonly released: number }
  | { readonly kind: 'unchanged'; readonly released: number }
  | { readonly kind: 'unavailable'; readonly reason: string };

export async function refreshCatalog(
  db: AppDb,
  client: HubClient,
  input: { region: string; now: string; clientVersion?: string },
): Promise<CatalogRefresh> {
  const clientVersion = input.clientVersion ?? CLIENT_VERSION;
  const stored = await readStoredCatalog(db);
  const outcome = await client.catalog({ since: stored?.catalog.revision ?? null, region: input.region });
  if (outcome.kind !== 'ok') return { kind: 'unavailable', reason: outcome.kind === 'network' ? outcome.detail : `HTTP ${outcome.status}` };
  const appUpdated = stored !== null && stored.clientVersion !== clientVersion;
  if (outcome.status === 304 && stored !== null) {
    await writeSyncSetting(db, CATALOG_SETTING, { ...stored, checkedAt: input.now, clientVersion });
    return { kind: 'unchanged', released: appUpdated ? await makeUpdateWaitersDue(db, UPDATE_WAIT_CODE, input.now) : 0 };
  }
  const parsed = HubCatalog.safeParse(outcome.body);
  if (!parsed.success) return { kind: 'unavailable', reason: 'catalogue illisible' };
  await writeSyncSetting(db, CATALOG_SETTING, { catalog: parsed.data, fetchedAt: input.now, checkedAt: input.now, clientVersion });
  // The hub changed (maybe upgraded to read a newer schema) or the app did: try the held bundles now.
  const changed = stored !== null && (stored.catalog.revision !== parsed.data.revision || appUpdated);
  const released = changed ? await makeUpdateWaitersDue(db, UPDATE_WAIT_CODE, input.now) : 0;
  return { kind: 'updated', catalog: parsed.data, released };
}
