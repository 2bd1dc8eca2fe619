// Bundles the Electron main process and the preload (CommonJS, as sandboxed preloads require).
// The renderer is built by Vite (renderer/vite.config.ts).
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  // The native module is unpacked from the asar and rebuilt for Electron by electron-builder.
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
};

await build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'dist/electron/preload.cjs' });
// Heavy jobs (import, statistics, backup) run in this worker thread.
await build({ ...common, entryPoints: ['electron/core/jobs/worker-entry.ts'], outfile: 'dist/electron/worker.cjs' });
console.log('dist/electron/{main,preload,worker}.cjs construits.');
