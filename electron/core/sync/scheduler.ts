import { getDevice, listOutboxFull } from '../repositories/sync';
import type { ServiceContext } from '../services/context';
import { notePassResult, readSyncMode } from '../services/sync';
import { enqueueConfirmedBundles } from './engine';
import { syncRuntimeFor } from './runtime';

/**
 * Background sync in the main process (Electron, and the browser host `jalons serve`): a timer
 * that, while the store is unlocked and the mode is « automatique », queues confirmed bundles and
 * runs a pass when a row is due, plus a reconciliation after each unlock and once a day.
 * Single-flight through the runtime; backoff comes from the rows' next_attempt_at.
 */
export interface SchedulerOptions {
  ctx: ServiceContext;
  isUnlocked(): boolean;
  /** Longest sleep between two looks (a new confirmation is also picked up through wake()). */
  tickMs?: number;
  /** Shortest sleep, so a due row never spins the loop. */
  minDelayMs?: number;
  reconcileEveryMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface SyncScheduler {
  stop(): void;
  /** Look now (tests, and after events that may create work). */
  tick(): Promise<void>;
}

export function startSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const { ctx } = options;
  const tickMs = options.tickMs ?? 30_000;
  const minDelayMs = options.minDelayMs ?? 2_000;
  const reconcileEveryMs = options.reconcileEveryMs ?? 24 * 60 * 60 * 1000;
  const log = options.log ?? ((message, error) => console.error(`[jalons] sync: ${message}`, error ?? ''));
  const runtime = syncRuntimeFor(ctx);
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let ticking: Promise<void> | null = null;
  let wakeRequested = false;
  // After every unlock the first pass reconciles (the design's "at start-up").
  let reconcileNeeded = true;
  let lastReconcileAt = 0;

  const schedule = (delay: number) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), Math.max(minDelayMs, Math.min(tickMs, delay)));
    timer.unref();
  };

  const look = async (): Promise<number> => {
    if (!options.isUnlocked()) {
      reconcileNeeded = true;
      // Cheap check: an unlock is noticed within seconds.
      return 5_000;
    }
    const db = ctx.db();
    if ((await readSyncMode(db)) !== 'auto') return tickMs;
    const device = await getDevice(db);
    if (!device || device.status !== 'enrolled') return tickMs;
    await enqueueConfirmedBundles(runtime.deps());
    const now = ctx.clock.now().getTime();
    const pending = await listOutboxFull(db, ['pending', 'sending']);
    const due = pending.some((r) => Date.parse(r.next_attempt_at) <= now);
    // A key rotation left pending (offline, crash) is finished by the next pass.
    const rotationPending = device.pending_private_key !== null;
    if (due || rotationPending || reconcileNeeded || now - lastReconcileAt >= reconcileEveryMs) {
      const result = await runtime.runPass({ force: false });
      await notePassResult(ctx, result);
      reconcileNeeded = false;
      lastReconcileAt = now;
    }
    const next = (await listOutboxFull(ctx.db(), ['pending'])).map((r) => Date.parse(r.next_attempt_at)).sort((a, b) => a - b)[0];
    return next === undefined ? tickMs : next - ctx.clock.now().getTime();
  };

  const tick = (): Promise<void> => {
    if (ticking) return ticking;
    wakeRequested = false;
    ticking = (async () => {
      let delay = tickMs;
      try {
        delay = await look();
      } catch (error) {
        // Locked mid-pass or a disk problem: the outbox stays consistent; look again later.
        if (options.isUnlocked()) log('pass failed', error);
      } finally {
        ticking = null;
        schedule(wakeRequested ? 0 : delay);
      }
    })();
    return ticking;
  };

  const unsubscribe = runtime.onWake(() => {
    wakeRequested = true;
    if (!ticking) schedule(0);
  });
  schedule(0);
  return {
    stop() {
      stopped = true;
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
    tick,
  };
}
