// Runs a TypeScript file in a plain Node child process, like electron/core/jobs/worker-bootstrap.mjs:
// `node test/electron/core/crash/run-ts.mjs <file.ts> [args…]` (tsx compiles on the fly).
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [script, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], resolve(script), ...rest];
await import(pathToFileURL(resolve(script)).href);
