import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../../../electron/core/app';
import { checkHealth } from '../../../../electron/core/db/open';
import type { EntretienView } from '../../../../shared/ipc/entretiens';
import type { SalarieFiche } from '../../../../shared/ipc/salaries';
import { FixedClock, TEST_KDF } from '../../../helpers/fixtures';
import { contractDigest, entretienDigest, freinDigest, identityDigest } from './digests';

/*
 * The crash campaign shared by the CI test (20 kills) and `npm run soak` (200): a child process writes through
 * the services and acknowledges each commit; we SIGKILL it at a seeded random moment, reopen the store, run
 * the full integrity check and verify that every acknowledged write is there with exactly its content.
 */

export const CRASH_PASSPHRASE = 'phrase de passe du test de coupure';
const RUNNER = 'test/electron/core/crash/run-ts.mjs';
const WRITER = 'test/electron/core/crash/writer.ts';

/**
 * How the writer starts. 'tsx': the bootstrap of the job worker (compiles on the fly, ~1.5 s per start).
 * 'bundle': the same TypeScript bundled once by esbuild (the compiler tsx uses), ~0.4 s per start, so the
 * CI's 20 kills fit in a short time. Both run the very same core code.
 */
export type WriterMode = 'tsx' | 'bundle';

async function prepareWriter(mode: WriterMode): Promise<{ args: string[]; cleanup(): void }> {
  if (mode === 'tsx') return { args: [RUNNER, WRITER], cleanup: () => undefined };
  const { build } = await import('esbuild');
  // Inside node_modules so the bundle resolves the same packages (native SQLCipher module included).
  const dir = join('node_modules', '.cache', 'jalons-crash');
  mkdirSync(dir, { recursive: true });
  const outfile = join(dir, `writer-${process.pid}-${Date.now()}.mjs`);
  await build({ entryPoints: [WRITER], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile, logLevel: 'warning' });
  return { args: [outfile], cleanup: () => rmSync(outfile, { force: true }) };
}

export interface CrashCampaignOptions {
  dir: string;
  kills: number;
  seed: number;
  /** The kill lands this long after the writer is ready (uniform, seeded). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Default 'bundle'. */
  writer?: WriterMode;
  onRound?(round: RoundReport): void;
}

export interface RoundReport {
  round: number;
  delayMs: number;
  /** Writes acknowledged by the child before it was killed. */
  acks: number;
  /** Updates announced but never acknowledged so far (all rounds): committed or not, both are correct. */
  inFlight: number;
  integrity: string;
  verifyMs: number;
}

export interface CampaignReport {
  rounds: RoundReport[];
  totalAcks: number;
  /** Distinct records whose final content was checked at the end. */
  records: number;
  failures: string[];
  durationMs: number;
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ChildRun {
  lines: string[];
  stderr: string;
  killedByUs: boolean;
  code: number | null;
}

/** Starts the writer, kills it `delayMs` after READY, resolves with every complete line it printed. */
function runWriter(writer: string[], file: string, seed: number, delayMs: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...writer, file, String(seed), CRASH_PASSPHRASE], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let stderr = '';
    let killedByUs = false;
    const lines: string[] = [];
    // A writer that never gets ready (broken start) must not hang the campaign.
    const guard = setTimeout(() => {
      killedByUs = true;
      child.kill('SIGKILL');
    }, 60_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        lines.push(line);
        if (line === 'READY') {
          setTimeout(() => {
            killedByUs = true;
            child.kill('SIGKILL');
          }, delayMs);
        }
        newline = buffer.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      // A trailing line without its newline was cut by the kill: it acknowledges nothing.
      resolve({ lines, stderr, killedByUs, code });
    });
  });
}

/** What the store holds for one acknowledged key, as a digest comparable to the writer's. */
async function actualDigest(core: Core, key: string, fiches: Map<string, SalarieFiche | null>): Promise<string | null> {
  const [kind, first, second] = key.split(':') as [string, string, string | undefined];
  const fiche = async (id: string): Promise<SalarieFiche | null> => {
    if (!fiches.has(id)) {
      const envelope = await core.dispatch('salaries.get', { id });
      fiches.set(id, envelope.ok ? (envelope.value as SalarieFiche) : null);
    }
    return fiches.get(id)!;
  };
  if (kind === 'S') {
    const f = await fiche(first);
    return f ? identityDigest(f.identity) : null;
  }
  if (kind === 'C') {
    const c = (await fiche(first))?.parcours.contracts.find((x) => x.id === second);
    return c ? contractDigest(c) : null;
  }
  if (kind === 'F') {
    const f = (await fiche(first))?.parcours.freins.find((x) => x.id === second);
    return f ? freinDigest(f) : null;
  }
  if (kind === 'E') {
    const envelope = await core.dispatch('entretiens.get', { id: first });
    return envelope.ok ? entretienDigest(envelope.value as EntretienView) : null;
  }
  throw new Error(`clé inconnue ${key}`);
}

export async function runCrashCampaign(options: CrashCampaignOptions): Promise<CampaignReport> {
  const started = performance.now();
  const file = join(options.dir, 'jalons.db');
  const random = mulberry32(options.seed);
  const minDelay = options.minDelayMs ?? 0;
  const maxDelay = options.maxDelayMs ?? 800;
  const coreOptions = { databaseFile: file, host: 'browser-host' as const, clock: new FixedClock(), kdf: TEST_KDF, logError: () => undefined, automaticBackups: false };
  const setup = createCore(coreOptions);
  await setup.vault.setup(CRASH_PASSPHRASE);
  setup.close();

  /** Latest acknowledged digest of each key, and updates announced since (they may have committed). */
  const expected = new Map<string, string>();
  const inFlight = new Map<string, Set<string>>();
  const failures: string[] = [];
  const rounds: RoundReport[] = [];
  let totalAcks = 0;

  const verify = async (keys: Iterable<string>): Promise<{ integrity: string }> => {
    const core = createCore(coreOptions);
    try {
      await core.vault.unlock({ passphrase: CRASH_PASSPHRASE });
      const { integrity } = checkHealth(core.vault.store().sqlite);
      if (integrity !== 'ok') failures.push(`intégrité : ${integrity}`);
      const fiches = new Map<string, SalarieFiche | null>();
      for (const key of keys) {
        const actual = await actualDigest(core, key, fiches);
        const want = expected.get(key)!;
        if (actual !== want && !(actual && inFlight.get(key)?.has(actual))) {
          failures.push(`${key} : attendu ${want}, trouvé ${actual ?? 'rien'}`);
        }
      }
      return { integrity };
    } finally {
      core.close();
    }
  };

  const writer = await prepareWriter(options.writer ?? 'bundle');
  try {
    for (let round = 1; round <= options.kills; round += 1) {
      await oneRound(round);
    }
  } finally {
    writer.cleanup();
  }
  // Last, every record ever acknowledged, in its final state: later rounds must not have damaged earlier ones.
  await verify(expected.keys());
  return { rounds, totalAcks, records: expected.size, failures, durationMs: Math.round(performance.now() - started) };

  async function oneRound(round: number): Promise<void> {
    const delayMs = Math.round(minDelay + random() * (maxDelay - minDelay));
    const run = await runWriter(writer.args, file, options.seed * 1000 + round, delayMs);
    if (!run.killedByUs) failures.push(`round ${round}: writer exited by itself (code ${run.code}): ${run.stderr.slice(0, 500)}`);
    const acked = new Set<string>();
    for (const line of run.lines) {
      const [tag, key, digest] = line.split(' ');
      if (tag === 'W' && key && digest) {
        if (!inFlight.has(key)) inFlight.set(key, new Set());
        inFlight.get(key)!.add(digest);
      } else if (tag === 'A' && key && digest) {
        expected.set(key, digest);
        inFlight.delete(key);
        acked.add(key);
      } else if (tag === 'X') {
        failures.push(`round ${round}: write refused: ${line}`);
      }
    }
    totalAcks += run.lines.filter((l) => l.startsWith('A ')).length;
    const t = performance.now();
    const { integrity } = await verify([...acked, ...inFlight.keys()].filter((k) => expected.has(k)));
    const report = { round, delayMs, acks: acked.size, inFlight: inFlight.size, integrity, verifyMs: Math.round(performance.now() - t) };
    rounds.push(report);
    options.onRound?.(report);
  }
}
