// Development and CLI entry of the job worker: compiles the TypeScript on the fly (tsx).
// Packaged Electron builds use the bundled dist/electron/worker.cjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker-entry.ts');
