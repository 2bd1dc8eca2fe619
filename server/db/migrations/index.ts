import { initial } from './001-initial';
import { ownershipRotation } from './002-ownership-rotation';
import { releasedVintages } from './003-released-vintages';
import type { HubMigration } from './types';

/** Append-only: never edit a migration that has shipped, add the next number. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [initial, ownershipRotation, releasedVintages];

export const LATEST_HUB_SCHEMA_VERSION = HUB_MIGRATIONS[HUB_MIGRATIONS.length - 1]?.version ?? 0;
