// Measures the caseload CSV import through the service (decode + parse + validate + bulk insert + commit).
// Run: npx tsx bench/import-salaries.ts [rows] [runs]   (a measurement, not a test: timings depend on the machine)
import type { ImportPreview } from '../shared/ipc/imports';
import { writeStructure } from '../electron/core/repositories/structure';
import { createTestCore } from '../test/helpers/core';
import { caseloadCsv } from './caseload-csv';

const ROWS = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 3);
const text = caseloadCsv(ROWS);
const file = { fileName: 'bench.csv', contentBase64: Buffer.from(text, 'utf8').toString('base64') };
const timings: number[] = [];
const cpuTimings: number[] = [];

for (let run = 0; run < RUNS; run += 1) {
  const core = await createTestCore();
  try {
    await writeStructure(core.ctx.db(), { name: 'Bench', siret: null, siae_kind: 'ACI', region_code: '32', departement_code: '59', updated_at: '2026-01-01T00:00:00Z' });
    // The commune referential is loaded once per process (the app has it warm after the first import).
    const preview = await core.dispatch('import.salaries.preview', file);
    if (!preview.ok || (preview.value as ImportPreview).validRows !== ROWS) throw new Error(JSON.stringify(preview).slice(0, 2000));
    const cpu0 = process.cpuUsage();
    const t = performance.now();
    const commit = await core.dispatch('import.salaries.commit', { ...file, skipInvalidRows: false });
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(cpu0);
    cpuTimings.push((cpu.user + cpu.system) / 1000);
    if (!commit.ok || (commit.value as { imported: number }).imported !== ROWS) throw new Error(JSON.stringify(commit).slice(0, 2000));
    timings.push(ms);
  } finally {
    core.cleanup();
  }
}
timings.sort((a, b) => a - b);
cpuTimings.sort((a, b) => a - b);
const best = timings[0] as number;
const median = timings[Math.floor(timings.length / 2)] as number;
const rate = (ms: number) => `${ms.toFixed(0)} ms (${Math.round((ROWS / ms) * 1000)} lignes/s)`;
console.log(
  `${ROWS} lignes (${(text.length / 1e6).toFixed(1)} Mo), ${RUNS} essais : meilleur ${rate(best)}, médiane ${rate(median)} ; ` +
    `temps CPU du processus (meilleur) : ${(cpuTimings[0] as number).toFixed(0)} ms`,
);
