// Child process of the Y1 crash tests: one sync pass on a laptop database, compiled on the fly
// (tsx, like electron/core/jobs/worker-bootstrap.mjs), killed by the parent at a milestone.
import { register } from 'tsx/esm/api';

register();
await import('./crash-child.ts');
