// The report: a console table (what the README's performance section copies) and the JSON file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchReport, OperationReport } from './bench';

function ms(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (n >= 10_000) return `${(n / 1000).toFixed(1)} s`;
  if (n >= 100) return `${Math.round(n)} ms`;
  return `${n.toFixed(n < 10 ? 2 : 1)} ms`;
}

function verdict(op: OperationReport): string {
  if (!op.target) return '';
  if (op.target.met === null) return `(${op.target.text})`;
  return `${op.target.met ? 'OK' : 'MANQUÉ'} — ${op.target.text}`;
}

function extra(op: OperationReport): string {
  if (!op.extra) return '';
  return Object.entries(op.extra)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v.toLocaleString('fr-FR') : String(v)}`)
    .join(', ');
}

export interface TableRow {
  opération: string;
  p50: string;
  p95: string;
  max: string;
  'CPU p50': string;
  'brut p50': string;
  ratio: string;
  cible: string;
}

export function tableRows(report: BenchReport): TableRow[] {
  return report.operations.map((op) => ({
    opération: op.label,
    p50: ms(op.real.p50),
    p95: ms(op.real.p95),
    max: ms(op.real.max),
    'CPU p50': ms(op.real.cpuP50),
    'brut p50': ms(op.baseline?.p50),
    ratio: op.ratio === null ? '—' : `${op.ratio.toFixed(1)}×`,
    cible: verdict(op),
  }));
}

/** Markdown table for the README (same columns as the console). */
export function markdownTable(report: BenchReport): string {
  const rows = tableRows(report);
  const head = Object.keys(rows[0] ?? {}) as (keyof TableRow)[];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${head.map((h) => r[h]).join(' | ')} |`);
  return lines.join('\n');
}

export function printReport(report: BenchReport, log: (line: string) => void): void {
  const m = report.machine;
  log('');
  log(`Jalons — banc d’essai, échelle ${report.scale} (${report.dataset.salaries.toLocaleString('fr-FR')} salariés, ${report.dataset.rows.toLocaleString('fr-FR')} lignes)`);
  log(`Machine : ${m.nproc} cœurs ${m.cpuModel}, ${m.ramGiB} Gio, Node ${m.node}, charge ${m.loadAverage.join(' / ')} → ${report.machineAfter.loadAverage.join(' / ')}`);
  log(`Base : ${(report.dataset.databaseBytes / 2 ** 20).toFixed(0)} Mio (+ WAL ${(report.dataset.walBytes / 2 ** 20).toFixed(0)} Mio) ; mémoire max ${report.memory.peakRssMiB} Mio`);
  console.table(tableRows(report));
  for (const op of report.operations) {
    const details = extra(op);
    if (details) log(`  ${op.id}: ${details}`);
  }
  const r = report.renderer;
  if (r.skipped) {
    log(`Interface : ${r.skipped}`);
  } else {
    log(
      `Interface : liste utilisable ${ms(r.firstUsableMs)} après la navigation ; frappe → liste p95 ${ms(r.keystroke?.toListUpdatedMs?.p95)}, ` +
        `réponse → DOM p95 ${ms(r.keystroke?.answerToDomMs?.p95)} ; défilement : ${r.scroll?.frames ?? 0} images, max ${ms(r.scroll?.maxFrameMs)}, ` +
        `${r.scroll?.over50ms ?? 0} > 50 ms ; saut en fin de liste ${ms(r.deepJumpMs)}`,
    );
  }
  for (const note of report.notes) log(`Note : ${note}`);
}

/** `bench/results/<date>-<scale>.json` (ignored by git). */
export function writeReport(report: BenchReport, folder: string): string {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${report.startedAt.slice(0, 10)}-${report.scale}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
