import { m0010Initial } from './0010-initial';
import type { Migration } from './types';

/** Static registry (no runtime file discovery, so it bundles and runs from an asar). Append only. */
export const MIGRATIONS: readonly Migration[] = [m0010Initial];

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export type { Migration } from './types';
