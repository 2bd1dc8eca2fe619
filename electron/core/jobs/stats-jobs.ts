import type { StatsPeriod } from '../../../shared/indicators/period';
import { closeDatabase } from '../db/open';
import { buildBundle, computeAsp, computeLocal, type BundleMeta } from '../services/stats-build';
import { registerJob, type JobContext } from './registry';

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

/**
 * Closes the worker's connection before the result goes back. Closing runs PRAGMA optimize, which
 * may ANALYZE (a write): done after the result is posted, it held the write lock just when the
 * main thread stored the confirmed revision (« database is locked » on a loaded machine), and the
 * main thread's terminate() could interrupt it. The worker's own close is then a no-op.
 */
async function closingFirst<T>(ctx: JobContext, work: (ctx: JobContext) => Promise<T>): Promise<T> {
  try {
    return await work(ctx);
  } finally {
    closeDatabase(ctx.store.sqlite);
  }
}

registerJob('stats.bundle', (ctx, payload) => closingFirst(ctx, (c) => buildBundle(c.store.db, payload as StatsBundleJob, c.progress)));

registerJob('stats.local', (ctx, payload) => closingFirst(ctx, (c) => computeLocal(c.store.db, (payload as { period: StatsPeriod }).period, c.progress)));

registerJob('stats.asp', (ctx, payload) => closingFirst(ctx, (c) => computeAsp(c.store.db, (payload as { period: StatsPeriod }).period, c.progress)));
