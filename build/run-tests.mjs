// `npm test`: builds the renderer (the e2e tests serve it), runs every vitest project (Node + Chromium),
// and ends with one plain line that CI reads: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const report = '.tmp/vitest-report.json';
mkdirSync('.tmp', { recursive: true });
rmSync(report, { force: true });

// Static checks first: a boundary or type error fails the run even if every test passes.
let staticFailures = 0;
for (const script of ['lint', 'typecheck']) {
  const check = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (check.status !== 0) {
    console.error(`npm run ${script} a échoué.`);
    staticFailures += 1;
  }
}

const build = spawnSync('npx', ['vite', 'build', '-c', 'renderer/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) {
  console.log(`0 passed, ${staticFailures + 1} failed`);
  process.exit(1);
}

const extra = process.argv.slice(2);
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = (json.numFailedTests ?? 0) + (json.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} else {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
failed += staticFailures;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
