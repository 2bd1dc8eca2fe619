import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench, type BenchReport } from '../../bench/bench';
import { markdownTable, writeReport } from '../../bench/report';
import { tempDir } from '../helpers/fixtures';

/*
 * The benchmark at a tiny scale (200 salariés), as CI runs it: not a timed test — it checks that every
 * operation runs through the real path, with its baseline, and that the report is complete and well-formed.
 */

const EXPECTED = ['generation', 'unlock', 'search', 'deepPage', 'fiche', 'dashboard', 'dashboardGroup', 'agendaWeek', 'agendaWeekAll', 'immersionsInProgress', 'backup', 'import', 'stats'];

describe('npm run bench (smoke, scale 0.002)', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());
  let report: BenchReport;

  it('runs every operation and writes a complete JSON report', async () => {
    report = await runBench({ scale: 0.002, seed: 2026, today: '2026-11-23', dir: temp.dir, reuse: false, keep: false, renderer: false, log: () => undefined });
    const file = writeReport(report, temp.dir);
    expect(file).toMatch(/2\d{3}-\d{2}-\d{2}-0\.002\.json$/);
    const read = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
    expect(read.operations.map((o) => o.id)).toEqual(EXPECTED);
    expect(read.dataset.salaries).toBe(200);
    expect(read.dataset.tables.entretien).toBeGreaterThan(1000);
    expect(read.dataset.tables.immersion).toBeGreaterThan(200);
    expect(read.dataset.databaseBytes).toBeGreaterThan(1_000_000);
    expect(read.machine.nproc).toBeGreaterThan(0);
    expect(read.memory.peakRssMiB).toBeGreaterThan(0);
    expect(read.renderer.skipped).toMatch(/désactivé/);
  }, 600_000);

  it('gives each operation well-formed timings, its baseline and its target', () => {
    for (const op of report.operations) {
      const { real } = op;
      expect(real.runs, op.id).toBeGreaterThan(0);
      for (const v of [real.p50, real.p95, real.max, real.cpuP50]) expect(Number.isFinite(v) && v >= 0, op.id).toBe(true);
      expect(real.p50 <= real.p95 && real.p95 <= real.max, op.id).toBe(true);
      if (op.id !== 'generation') {
        expect(op.baseline, op.id).not.toBeNull();
        expect(op.baseline!.p50, op.id).toBeGreaterThan(0);
        expect(op.ratio, op.id).toBeCloseTo(real.p50 / op.baseline!.p50, 1);
      }
      expect(op.target?.text, op.id).toBeTruthy();
    }
    // At this scale no target that speaks of the full dataset is judged.
    for (const id of ['generation', 'import', 'stats']) expect(report.operations.find((o) => o.id === id)?.target?.met).toBeNull();
    const table = markdownTable(report);
    expect(table.split('\n')).toHaveLength(EXPECTED.length + 2);
  });
});
