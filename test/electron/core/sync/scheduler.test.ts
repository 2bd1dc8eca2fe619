import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../../electron/core/ipc/dispatch';
import { withSyncHooks } from '../../../../electron/core/handlers/sync';
import { listOutboxFull } from '../../../../electron/core/repositories/sync';
import { syncRuntimeFor } from '../../../../electron/core/sync/runtime';
import { startSyncScheduler, type SyncScheduler } from '../../../../electron/core/sync/scheduler';
import { createTestCore } from '../../../helpers/core';
import { FakeHub } from './fake-hub';
import { Q, bundleIds, confirmBundle } from './helpers';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;
let hub: FakeHub;
let scheduler: SyncScheduler | null = null;
const ids = bundleIds();

beforeEach(async () => {
  core = await createTestCore();
  hub = new FakeHub();
  syncRuntimeFor(core.ctx).transport = { fetch: hub.fetch, backoff: { baseMs: 0, capMs: 0 } };
  const enrolled = await core.dispatch('sync.enrol', { hubUrl: 'http://127.0.0.1:9', code: 'CODE-AAAA-BBBB-CCCC', deviceLabel: 'Poste' });
  expect(enrolled.ok).toBe(true);
});

afterEach(() => {
  scheduler?.stop();
  scheduler = null;
  core.cleanup();
});

async function states(): Promise<string[]> {
  return (await listOutboxFull(core.ctx.db())).map((r) => r.state);
}

describe('background scheduler', () => {
  it('sends confirmed bundles on its own in automatic mode, and only while unlocked', async () => {
    let unlocked = false;
    scheduler = startSyncScheduler({ ctx: core.ctx, isUnlocked: () => unlocked, tickMs: 60_000 });
    await confirmBundle(core.ctx.db(), { bundleId: ids(), period: Q(2026, 1), revision: 1 });
    const calls = hub.calls;
    await scheduler.tick();
    expect(hub.calls).toBe(calls);
    unlocked = true;
    await scheduler.tick();
    expect(await states()).toEqual(['acked']);
  });

  it('does nothing by itself in manual or disabled mode', async () => {
    scheduler = startSyncScheduler({ ctx: core.ctx, isUnlocked: () => true, tickMs: 60_000 });
    for (const mode of ['manuel', 'desactive']) {
      expect((await core.dispatch('sync.setMode', { mode })).ok).toBe(true);
      await confirmBundle(core.ctx.db(), { bundleId: ids(), period: Q(2026, mode === 'manuel' ? 1 : 2), revision: 1 });
      const calls = hub.calls;
      await scheduler.tick();
      expect(hub.calls).toBe(calls);
    }
    expect(await states()).toEqual([]);
  });

  it('wakes up by itself when its timer fires (a due row is sent without anyone asking)', async () => {
    scheduler = startSyncScheduler({ ctx: core.ctx, isUnlocked: () => true, tickMs: 50, minDelayMs: 10 });
    await confirmBundle(core.ctx.db(), { bundleId: ids(), period: Q(2026, 1), revision: 1 });
    await expect.poll(states, { timeout: 5_000, interval: 20 }).toEqual(['acked']);
  });

  it('never runs two passes at once', async () => {
    await confirmBundle(core.ctx.db(), { bundleId: ids(), period: Q(2026, 1), revision: 1 });
    const runtime = syncRuntimeFor(core.ctx);
    const [a, b] = [runtime.runPass({ force: true }), runtime.runPass({ force: true })];
    expect(a).toBe(b);
    await a;
    expect(hub.puts).toHaveLength(1);
  });

  it('queues a bundle right after `stats.confirm` succeeds, without failing the confirmation', async () => {
    const id = ids();
    const fake = {
      'stats.confirm': async () => {
        await confirmBundle(core.ctx.db(), { bundleId: id, period: Q(2026, 4), revision: 1 });
        return { bundleId: id, revision: 1, created: true, createdAt: '2026-11-23T09:00:00.000Z' };
      },
    } as unknown as Handlers;
    const wrapped = withSyncHooks(core.ctx, fake);
    await wrapped['stats.confirm']({ period: Q(2026, 4), bundleId: id, contentDigest: 'a'.repeat(64) });
    expect(await states()).toEqual(['pending']);
  });
});
