// The benchmark's dataset: generated deterministically with the demo generator (seed, reference day,
// scale), on a real encrypted store created with the real key derivation (DEFAULT_SCRYPT).
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../electron/core/app';
import { generateDemo, type DemoOptions, type DemoResult } from '../electron/core/demo/generate';
import { scaledDataset } from '../electron/core/demo/scale';
import { keyFilePathFor } from '../electron/core/vault/keyfile';
import { timed } from './lib';

export type DemoRatesOption = Partial<Pick<DemoOptions, 'entretiensPerSalarie' | 'immersionsPerSalarie' | 'freinsPerSalarie' | 'referents'>>;

export const BENCH_PASSPHRASE = 'banc d’essai des performances de Jalons';

export interface DatasetSpec {
  scale: number;
  seed: number;
  today: string;
  /** Département of the communes (fixed: the dataset must not depend on the seed's pick). */
  departement: string;
}

export interface Dataset {
  file: string;
  spec: DatasetSpec;
  salaries: number;
  rates: DemoRatesOption;
  /** Null when an existing file generated with the same spec was reused (`--reuse`). */
  generation: { ms: number; cpuMs: number; rows: number; salariesPerSecond: number; rowsPerSecond: number } | null;
  tables: DemoResult['tables'];
}

function specFile(file: string): string {
  return `${file}.bench.json`;
}

export function databaseBytes(file: string): { main: number; wal: number } {
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  return { main: size(file), wal: size(`${file}-wal`) };
}

/** Removes a store and everything beside it (key file, WAL, backups folder setting, spec). */
export function removeStore(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, keyFilePathFor(file), specFile(file), `${file}.sauvegardes.json`]) rmSync(f, { force: true });
}

/**
 * Generates the dataset into `dir` (or reuses the file there when `reuse` and it was generated with
 * the same spec — handy while iterating on fixes; the generation rate is then not measured).
 */
export async function prepareDataset(dir: string, name: string, spec: DatasetSpec, options: { reuse: boolean; salaries?: number; rates?: DemoRatesOption; onProgress?: (done: number, total: number) => void }): Promise<Dataset> {
  const file = join(dir, `${name}.db`);
  const preset = scaledDataset(spec.scale);
  const salaries = options.salaries ?? preset.salaries;
  const rates: DemoRatesOption = options.rates ?? preset.rates;
  const wanted = JSON.stringify({ ...spec, salaries, rates });
  if (options.reuse && existsSync(file) && existsSync(specFile(file))) {
    const stored = JSON.parse(readFileSync(specFile(file), 'utf8')) as { spec: string; tables: DemoResult['tables'] };
    if (stored.spec === wanted) return { file, spec, salaries, rates, generation: null, tables: stored.tables };
  }
  removeStore(file);
  const core = createCore({ databaseFile: file, host: 'browser-host', automaticBackups: false, logError: () => undefined });
  try {
    await core.vault.setup(BENCH_PASSPHRASE);
    const run = await timed(() =>
      generateDemo(
        { store: core.vault.store(), clock: core.ctx.clock, actor: 'bench' },
        { salaries, seed: spec.seed, today: spec.today, departement: spec.departement, siaeKind: 'ACI', ...rates, ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
      ),
    );
    writeFileSync(specFile(file), JSON.stringify({ spec: wanted, tables: run.value.tables }));
    return {
      file,
      spec,
      salaries,
      rates,
      generation: {
        ms: run.ms,
        cpuMs: run.cpuMs,
        rows: run.value.rows,
        salariesPerSecond: (salaries / run.ms) * 1000,
        rowsPerSecond: (run.value.rows / run.ms) * 1000,
      },
      tables: run.value.tables,
    };
  } finally {
    core.close();
  }
}
