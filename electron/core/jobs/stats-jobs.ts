import type { StatsPeriod } from '../../../shared/indicators/period';
import { buildBundle, computeAsp, computeLocal, type BundleMeta } from '../services/stats-build';
import { registerJob } from './registry';

/*
 * Statistics run off the main thread: reading every parcours of a period, the disclosure control
 * (Gaussian elimination, LP audits) and the hub's re-audit. The jobs only read; the service
 * stores a confirmed revision on the main thread.
 */

export interface StatsBundleJob {
  readonly period: StatsPeriod;
  readonly meta: BundleMeta;
  readonly bundleId: string;
}

registerJob('stats.bundle', (ctx, payload) => buildBundle(ctx.store.db, payload as StatsBundleJob, ctx.progress));

registerJob('stats.local', (ctx, payload) => computeLocal(ctx.store.db, (payload as { period: StatsPeriod }).period, ctx.progress));

registerJob('stats.asp', (ctx, payload) => computeAsp(ctx.store.db, (payload as { period: StatsPeriod }).period, ctx.progress));
