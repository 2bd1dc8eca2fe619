import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { periodKey, type StatsPeriod } from '../../../../shared/indicators/period';
import type { SyncMilestone } from '../../../../electron/core/sync/engine';
import { LAPTOP_PASSPHRASE, type Laptop } from './laptop';

/**
 * Y1 crash harness (the PGlite pattern, design note B6): a child process runs the sync pass and
 * announces each protocol step on stdout; the parent SIGKILLs it at the chosen step, then a fresh
 * child heals. Used by the CI test (a few runs per kill point) and by `npm run soak:sync`.
 */
export const KILL_POINTS: readonly SyncMilestone[] = ['outbox_committed', 'sending_marked', 'request_sent', 'response_received', 'before_ack_commit', 'ack_committed'];
/** Steps of a key rotation (the child rotates first with JALONS_ROTATE=1). */
export const ROTATION_KILL_POINTS: readonly SyncMilestone[] = ['rotation_pending_committed', 'rotation_response_received', 'rotation_committed'];

const SOURCE = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const TSX_BOOTSTRAP = fileURLToPath(new URL('./crash-child.mjs', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../../../node_modules/.cache/jalons-sync-crash/child.mjs', import.meta.url));

let bundled: Promise<string> | null = null;

/**
 * The child's script. Compiling the core with tsx at each start costs seconds on a loaded CI
 * machine; one esbuild bundle (inside node_modules so the native module resolves) starts in a
 * fraction of that. JALONS_SYNC_CHILD=tsx uses the tsx bootstrap instead.
 */
function childScript(): Promise<string> {
  if (process.env.JALONS_SYNC_CHILD === 'tsx') return Promise.resolve(TSX_BOOTSTRAP);
  bundled ??= (async () => {
    mkdirSync(dirname(BUNDLE), { recursive: true });
    await build({
      entryPoints: [SOURCE],
      outfile: BUNDLE,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      external: ['better-sqlite3-multiple-ciphers', 'electron'],
      // Bundled CommonJS dependencies call require(): give the ESM bundle one.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return BUNDLE;
  })();
  return bundled;
}

export interface ChildRun {
  readonly milestones: string[];
  readonly killed: boolean;
  readonly done: string | null;
  readonly code: number | null;
  readonly stderr: string;
}

/** Runs the child; with `killAt`, SIGKILLs it as soon as it reports that milestone. */
export async function runChild(dbFile: string, killAt?: SyncMilestone, timeoutMs = 60_000, extraEnv: Record<string, string> = {}): Promise<ChildRun> {
  const child = spawn(process.execPath, [await childScript()], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JALONS_DB: dbFile, JALONS_PASSPHRASE: LAPTOP_PASSPHRASE, JALONS_KILL_AT: killAt ?? '', ...extraEnv },
  });
  const milestones: string[] = [];
  let killed = false;
  let done: string | null = null;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => {
    if (line.startsWith('MILESTONE ')) {
      const name = line.slice('MILESTONE '.length);
      milestones.push(name);
      if (name === killAt && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    } else if (line.startsWith('DONE ')) {
      done = line.slice('DONE '.length);
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`sync child timed out (kill point ${killAt ?? 'none'}); stderr: ${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      lines.close();
      resolve({ milestones, killed, done, code, stderr });
    });
  });
}

export interface HubView {
  /** Every bundle the hub stores for a structure (all structures it knows when omitted). */
  held(structureId?: string): Promise<ReadonlyArray<{ bundleId: string; periodKey: string; revision: number; contentSha256: string; status: 'current' | 'superseded' }>>;
}

/** The invariant after healing: everything acknowledged, hub current = last local revision, no duplicate. */
export async function checkConverged(laptop: Laptop, hub: HubView): Promise<string[]> {
  const problems: string[] = [];
  const rows = await laptop.outbox();
  const integrity = await laptop.integrity();
  if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
  for (const r of rows) if (r.state !== 'acked') problems.push(`outbox ${r.period} r${r.revision} is ${r.state} (${r.last_error_code ?? ''})`);
  const held = await hub.held(await laptop.structureId());
  const keys = held.map((h) => `${h.periodKey}#${h.revision}`);
  if (new Set(keys).size !== keys.length) problems.push(`duplicate (period, revision) at the hub: ${keys.join(', ')}`);
  if (held.length !== rows.length) problems.push(`hub holds ${held.length} bundles, outbox has ${rows.length}`);
  for (const [key, revision] of laptop.lastRevisions()) {
    const [kind, year, index] = key.split('-');
    const pk = periodKey({ kind: kind as StatsPeriod['kind'], year: Number(year), index: Number(index) });
    const current = held.filter((h) => h.periodKey === pk && h.status === 'current');
    const local = rows.find((r) => r.period === pk && r.revision === revision);
    if (current.length !== 1) problems.push(`${pk}: ${current.length} current bundles at the hub`);
    else if (!local || current[0]!.bundleId !== local.bundle_id || current[0]!.contentSha256 !== local.content_sha256) {
      problems.push(`${pk}: hub current r${current[0]!.revision} is not the last local revision r${revision}`);
    }
  }
  return problems;
}

/**
 * One crash run: confirm a new revision, kill the pass at `killAt`, restart and heal, check the
 * invariant. The restart opens the database afresh in this process (what a relaunched app does:
 * everything it knows is on disk); `healInChild` uses a second process instead.
 */
export async function crashAndHeal(
  laptop: Laptop,
  hub: HubView,
  killAt: SyncMilestone,
  period: StatsPeriod,
  options: { healInChild?: boolean } = {},
): Promise<{ problems: string[]; killed: boolean }> {
  await laptop.confirmNext(period);
  laptop.close();
  const crashed = await runChild(laptop.dbFile, killAt);
  if (!crashed.killed) return { problems: [`the child never reached ${killAt} (exit ${crashed.code}): ${crashed.stderr}`], killed: false };
  if (options.healInChild) {
    const healed = await runChild(laptop.dbFile);
    if (healed.code !== 0 || healed.done === null) return { problems: [`healing child failed (${healed.code}): ${healed.stderr}`], killed: true };
  } else {
    for (let i = 0; i < 5; i++) {
      const result = await laptop.pass();
      if (result.attempted === 0 && result.retrying.length === 0 && result.requeued.length === 0) break;
    }
  }
  return { problems: await checkConverged(laptop, hub), killed: true };
}

/**
 * One rotation crash run: confirm a new revision, rotate the key in a child killed at `killAt`,
 * relaunch and heal in this process, then check the invariant and that the laptop's key is the
 * one the hub holds (`hubKey` reads it from the hub).
 */
export async function rotationCrashAndHeal(
  laptop: Laptop,
  hub: HubView,
  killAt: SyncMilestone,
  period: StatsPeriod,
  hubKey: (deviceId: string) => Promise<string | undefined>,
): Promise<{ problems: string[]; killed: boolean }> {
  await laptop.confirmNext(period);
  laptop.close();
  const crashed = await runChild(laptop.dbFile, killAt, 60_000, { JALONS_ROTATE: '1' });
  if (!crashed.killed) return { problems: [`the child never reached ${killAt} (exit ${crashed.code}): ${crashed.stderr}`], killed: false };
  for (let i = 0; i < 5; i++) {
    const result = await laptop.pass();
    if (result.attempted === 0 && result.retrying.length === 0 && result.requeued.length === 0) break;
  }
  const problems = await checkConverged(laptop, hub);
  const device = await laptop.device();
  if (device.pending_private_key !== null) problems.push('a key rotation is still pending');
  if ((await hubKey(device.device_id)) !== device.public_key) problems.push('the laptop key is not the one the hub holds');
  return { problems, killed: true };
}
