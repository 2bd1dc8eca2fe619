import { CATALOGUE_VERSION } from '../../shared/indicators/catalogue';
import { openHubDatabase, type HubDatabase } from '../db/dialect';
import { migrateHub, type HubMigrationResult } from '../db/migrate';
import type { Aggregator } from './aggregator';
import { createHubContext, type HubClock, type HubContext, type HubHooks, type HubLimitOptions } from './context';
import { loadOrCreateHubKeys } from './keys';

export interface OpenHubOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly clock?: HubClock;
  readonly hooks?: HubHooks;
  readonly limits?: HubLimitOptions;
  readonly aggregator?: Aggregator;
  readonly schemaMajors?: readonly number[];
  readonly minClientVersion?: string | null;
}

export interface OpenedHub {
  readonly ctx: HubContext;
  readonly database: HubDatabase;
  readonly migration: HubMigrationResult;
  close(): Promise<void>;
}

/** Opens (and migrates) the hub's database and loads — or creates — its receipt key. */
export async function openHub(options: OpenHubOptions): Promise<OpenedHub> {
  const keys = loadOrCreateHubKeys(options.dataDir);
  const database = openHubDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  try {
    const migration = await migrateHub(database);
    const ctx = createHubContext({
      db: database.db,
      kind: database.kind,
      keys,
      catalogueVersion: CATALOGUE_VERSION,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.hooks ? { hooks: options.hooks } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.aggregator ? { aggregator: options.aggregator } : {}),
      ...(options.schemaMajors ? { schemaMajors: options.schemaMajors } : {}),
      ...(options.minClientVersion !== undefined ? { minClientVersion: options.minClientVersion } : {}),
    });
    return { ctx, database, migration, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
