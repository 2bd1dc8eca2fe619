// The job worker as the packaged app runs it: bundled with esbuild as build/build-electron.mjs does
// (dist/electron/worker.cjs), so jobs (import, statistics, backup) are not timed with tsx's
// on-the-fly compilation of the worker's modules (about a second of CPU per job under `jalons serve`).
import { build } from 'esbuild';
import { join, resolve } from 'node:path';

export async function bundleWorker(): Promise<string> {
  // Under node_modules so that the external native module and the data packages resolve from it; ESM (unlike
  // the Electron build's CommonJS) because the core finds its files through import.meta.url outside Electron.
  const outfile = join('node_modules', '.cache', 'jalons-bench', 'worker.mjs');
  await build({
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // Bundled CommonJS dependencies still call require().
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: false,
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3-multiple-ciphers'],
    entryPoints: ['electron/core/jobs/worker-entry.ts'],
    outfile,
  });
  return resolve(outfile);
}
