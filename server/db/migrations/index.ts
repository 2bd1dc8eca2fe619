import { initial } from './001-initial';
import type { HubMigration } from './types';

/** Append-only: never edit a migration that has shipped, add the next number. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [initial];

export const LATEST_HUB_SCHEMA_VERSION = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]?.version ?? 0;
