import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { enrolDevice, exportEnvelope, getSyncStatus, retryRefused, rotateKey, sendNow, setSyncMode } from '../services/sync';
import { enqueueConfirmedBundles } from '../sync/engine';
import { syncRuntimeFor } from '../sync/runtime';

type SyncMethods = 'sync.status' | 'sync.enrol' | 'sync.setMode' | 'sync.sendNow' | 'sync.exportEnvelope' | 'sync.rotateKey' | 'sync.retryRefused';

export function syncHandlers(ctx: ServiceContext, version: string): Pick<Handlers, SyncMethods> {
  return {
    'sync.status': () => getSyncStatus(ctx),
    'sync.enrol': (input) => enrolDevice(ctx, input, version),
    'sync.setMode': (input) => setSyncMode(ctx, input.mode),
    'sync.sendNow': () => sendNow(ctx),
    'sync.exportEnvelope': (input) => exportEnvelope(ctx, input.bundleId),
    'sync.rotateKey': () => rotateKey(ctx),
    'sync.retryRefused': (input) => retryRefused(ctx, input.bundleId),
  };
}

/**
 * The statistics feature stores a confirmed bundle; the sync feature turns it into a signed
 * outbox row right after (and the scheduler also picks it up on its next look). A failure here
 * never fails the confirmation: the bundle is safely stored and will be queued later.
 */
export function withSyncHooks(ctx: ServiceContext, handlers: Handlers): Handlers {
  const confirm = handlers['stats.confirm'];
  return {
    ...handlers,
    'stats.confirm': async (input) => {
      const result = await confirm(input);
      try {
        const runtime = syncRuntimeFor(ctx);
        await enqueueConfirmedBundles(runtime.deps());
        runtime.wake();
      } catch {
        // Queued on the next scheduler look or pass instead.
      }
      return result;
    },
  };
}
