// `npm start`: builds and launches the Electron app, or explains in one sentence why it cannot here.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronBinary;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = null;
}
if (typeof electronBinary !== 'string') {
  console.error(
    "Le binaire Electron n'est pas installé sur cette machine (téléchargement impossible) : utilisez Jalons dans votre navigateur avec « npx jalons serve --db ~/jalons.db ».",
  );
  process.exit(1);
}
for (const [cmd, args] of [
  ['npx', ['vite', 'build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn']],
  ['node', ['build/build-electron.mjs']],
]) {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
spawn(electronBinary, ['.'], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 0));
