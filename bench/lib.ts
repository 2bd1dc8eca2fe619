// Small helpers of the benchmark: timing with percentiles, CPU time beside wall time, the machine.
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';

export interface Summary {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  /** CPU time of the whole process (all threads) per run, median: what a loaded machine does not inflate. */
  cpuP50: number;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function summarize(wall: readonly number[], cpu: readonly number[]): Summary {
  const w = [...wall].sort((a, b) => a - b);
  const c = [...cpu].sort((a, b) => a - b);
  return { runs: w.length, p50: percentile(w, 50), p95: percentile(w, 95), max: w[w.length - 1] ?? Number.NaN, cpuP50: percentile(c, 50) };
}

export interface Timed<T> {
  value: T;
  ms: number;
  cpuMs: number;
}

export async function timed<T>(work: () => Promise<T> | T): Promise<Timed<T>> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Runs `work(i)` for i = 0..runs-1 after `warmup` untimed calls (statement caches, JIT), and
 * summarises wall and CPU times. `check` sees every answer: a wrong answer fails the benchmark
 * rather than being timed.
 */
/**
 * Times `runs` calls of `work` after warm-up calls that are not counted (default: a tenth of the runs, at least 2):
 * the figures are the steady state of a running app, not its first calls after opening (code not yet compiled,
 * pages not yet in the cache), which the report gives apart where they matter (first openings).
 */
export async function sample(runs: number, work: (i: number) => Promise<unknown> | unknown, options: { warmup?: number; check?: (value: unknown) => void } = {}): Promise<Summary> {
  for (let i = 0; i < (options.warmup ?? Math.max(2, Math.ceil(runs / 10))); i += 1) options.check?.(await work(i));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t = await timed(() => work(i));
    options.check?.(t.value);
    wall.push(t.ms);
    cpu.push(t.cpuMs);
  }
  return summarize(wall, cpu);
}

export interface Machine {
  nproc: number;
  cpuModel: string;
  ramGiB: number;
  freeRamGiB: number;
  /** 1, 5 and 15 minutes: on a shared machine the wall times move with it. */
  loadAverage: number[];
  node: string;
  platform: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':').slice(1).join(':').trim();
  } catch {
    // Not Linux: os.cpus() below.
  }
  return cpus()[0]?.model ?? 'inconnu';
}

export function machine(): Machine {
  return {
    nproc: cpus().length,
    cpuModel: cpuModel(),
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeRamGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export function memoryNow(): { rssMiB: number; heapUsedMiB: number; maxRssMiB: number } {
  const m = process.memoryUsage();
  return {
    rssMiB: Math.round(m.rss / 2 ** 20),
    heapUsedMiB: Math.round(m.heapUsed / 2 ** 20),
    // resourceUsage().maxRSS is in KiB: the peak of the whole process so far.
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
