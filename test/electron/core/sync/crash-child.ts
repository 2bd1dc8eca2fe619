import { createCore } from '../../../../electron/core/app';
import type { SyncMilestone } from '../../../../electron/core/sync/engine';
import { beginKeyRotation, finishKeyRotation } from '../../../../electron/core/sync/rotation';
import { syncRuntimeFor } from '../../../../electron/core/sync/runtime';

/**
 * Runs passes on JALONS_DB (passphrase in JALONS_PASSPHRASE) and prints `MILESTONE <name>` at each
 * protocol step. With JALONS_KILL_AT set, it stops at that milestone and waits to be SIGKILLed;
 * otherwise it runs until nothing is left to send (bounded) and prints `DONE <json>`. With
 * JALONS_ROTATE=1 it first rotates the device key.
 */
const killAt = process.env.JALONS_KILL_AT as SyncMilestone | undefined;
const core = createCore({ databaseFile: process.env.JALONS_DB!, host: 'browser-host', logError: () => undefined });
await core.vault.unlock({ passphrase: process.env.JALONS_PASSPHRASE! });
const runtime = syncRuntimeFor(core.ctx);
runtime.transport = { backoff: { baseMs: 0, capMs: 0 }, timeoutMs: 5_000 };

const say = (line: string) => new Promise<void>((resolve) => process.stdout.write(`${line}\n`, () => resolve()));

const milestone = async (name: SyncMilestone) => {
  await say(`MILESTONE ${name}`);
  if (name === killAt) {
    // Hold here until the parent's SIGKILL lands (the in-flight request, if any, goes on).
    setInterval(() => undefined, 1_000);
    await new Promise<never>(() => undefined);
  }
};

// JALONS_ROTATE=1: rotate the device key first (its kill points are rotation_* milestones).
if (process.env.JALONS_ROTATE === '1') {
  const deps = runtime.deps({ milestone });
  await beginKeyRotation(deps);
  await finishKeyRotation(deps);
}

let passes = 0;
let last = null as unknown;
for (; passes < 10; passes++) {
  const result = await runtime.runPass({ force: true }, { milestone });
  last = result;
  const pending = result.retrying.length + result.enqueued.length + result.requeued.length;
  if (result.attempted === 0 && pending === 0) break;
}
await say(`DONE ${JSON.stringify({ passes, last })}`);
core.close();
