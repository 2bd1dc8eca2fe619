// Worker entry for the federation aggregation (`jalons hub serve`): compiles the TypeScript on the
// fly with tsx, like the laptop's job worker (electron/core/jobs/worker-bootstrap.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./aggregate-worker.ts');
