import { m0010Initial } from './0010-initial';
import { m0020Parcours } from './0020-parcours';
import { m0030Entretiens } from './0030-entretiens';
import { m0040Immersions } from './0040-immersions';
import { m0050Stats } from './0050-stats';
import { m0060Sync } from './0060-sync';
import { m0070Performance } from './0070-performance';
import { m0080PerformanceAlerts } from './0080-performance-alerts';
import { m0110SyncKeyRotation } from './0110-sync-key-rotation';
import { m0120PerformanceReads } from './0120-performance-reads';
import { m0130PerformanceWrites } from './0130-performance-writes';
import { m0140PerformanceCovering } from './0140-performance-covering';
import { m0150SearchTokenPage } from './0150-search-token-page';
import type { Migration } from './types';

/** Static registry (no runtime file discovery, so it bundles and runs from an asar). Append only. */
export const MIGRATIONS: readonly Migration[] = [m0010Initial, m0020Parcours, m0030Entretiens, m0040Immersions, m0050Stats, m0060Sync, m0070Performance, m0080PerformanceAlerts, m0110SyncKeyRotation, m0120PerformanceReads, m0130PerformanceWrites, m0140PerformanceCovering, m0150SearchTokenPage];

export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export type { Migration } from './types';
