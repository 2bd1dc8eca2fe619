// Measures one year's statistics bundle for 10 000 parcours: load records (SQL), compute the
// catalogue, protect (primary + Gauss + audits A1–A4, jointly over all tables), build the bundle,
// and the hub's re-audit — then again with a previous revision of the same period.
// Run: npx tsx bench/stats-bundle.ts [salariés] [runs]   (a measurement, not a test)
import { computeIndicators, type IndicatorResult } from '../shared/indicators/compute';
import { periodRange, type StatsPeriod } from '../shared/indicators/period';
import { auditReceivedBundle, createBundle, protectBundle, serializeBundle, type Bundle } from '../shared/stats/index';
import { generateDemo } from '../electron/core/demo/generate';
import { loadStatsRecords } from '../electron/core/repositories/stats';
import { protectAndBundle } from '../electron/core/services/stats-build';
import { createTestCore } from '../test/helpers/core';

const SALARIES = Number(process.argv[2] ?? 10_000);
const RUNS = Number(process.argv[3] ?? 5);
const PERIOD: StatsPeriod = { kind: 'year', year: 2025, index: 1 };
const META = { structureId: 'st_benchmark_structure', siaeKind: 'ACI', regionCode: '32' } as const;
const ID1 = '01934f3e-0000-7000-8000-000000000001';
const ID2 = '01934f3e-0000-7000-8000-000000000002';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

const cpu = new Map<string, number[]>();

function record(label: string, samples: Map<string, number[]>, wall: number, cpuStart: NodeJS.CpuUsage): void {
  const used = process.cpuUsage(cpuStart);
  samples.set(label, [...(samples.get(label) ?? []), wall]);
  cpu.set(label, [...(cpu.get(label) ?? []), (used.user + used.system) / 1000]);
}

function time<T>(label: string, samples: Map<string, number[]>, f: () => T): T {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = f();
  record(label, samples, performance.now() - t, c);
  return out;
}

const core = await createTestCore();
try {
  const t0 = performance.now();
  await generateDemo({ store: core.vault.store(), clock: core.ctx.clock, actor: 'bench' }, { salaries: SALARIES, seed: 2026, today: '2026-11-23', siaeKind: 'ACI', departement: '59' });
  console.log(`Démo : ${SALARIES} salariés générés en ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const db = core.ctx.db();
  const samples = new Map<string, number[]>();
  let indicators: IndicatorResult | null = null;
  let first: Bundle | null = null;
  for (let run = 0; run < RUNS; run += 1) {
    const cLoad = process.cpuUsage();
    const tLoad = performance.now();
    const records = await loadStatsRecords(db, periodRange(PERIOD));
    record('1 lecture SQL', samples, performance.now() - tLoad, cLoad);
    indicators = time('2 calcul du catalogue', samples, () => computeIndicators(records, PERIOD));
    const result = indicators;
    const protection = time('3 protection (primaire, Gauss, audits)', samples, () => protectBundle(result.tables));
    const bundle = time('4 paquet + JSON canonique', samples, () => {
      const b = createBundle({ bundleId: ID1, ...META, period: PERIOD, revision: 1, catalogueVersion: result.catalogueVersion }, protection);
      serializeBundle(b);
      return b;
    });
    const hub = time('5 ré-audit du siège', samples, () => auditReceivedBundle(bundle));
    if (!hub.passed) throw new Error('hub audit failed');
    first = bundle;
  }
  const result = indicators as IndicatorResult;
  const presents = result.tables.find((t) => t.id === 'present.sex_age')?.cells.at(-1)?.value;
  // Revision 2 over revision 1 (one person's data changed): the revision audit runs jointly.
  const changed: IndicatorResult = { ...result, tables: result.tables.map((t) => (t.id === 'present.qpv' ? bumpQpv(t) : t)) };
  for (let run = 0; run < RUNS; run += 1) {
    time('6 révision 2 (protection + paquet + ré-audit, avec la révision 1)', samples, () => protectAndBundle(changed, first, META, ID2));
  }
  console.log(`Période : ${PERIOD.year}, ${presents} salariés en parcours, ${result.tables.length} tableaux, ${result.tables.reduce((s, t) => s + t.cells.length, 0)} cases`);
  let total = 0;
  let totalCpu = 0;
  for (const [label, xs] of samples) {
    const m = median(xs);
    const c = median(cpu.get(label) ?? [0]);
    if (!label.startsWith('6')) {
      total += m;
      totalCpu += c;
    }
    console.log(`${label.padEnd(66)} médiane ${m.toFixed(0).padStart(5)} ms (min ${Math.min(...xs).toFixed(0)}) ; CPU ${c.toFixed(0).padStart(5)} ms`);
  }
  console.log(`${'Total révision 1 (1 à 5)'.padEnd(66)} médiane ${total.toFixed(0).padStart(5)} ms ; CPU ${totalCpu.toFixed(0).padStart(5)} ms (${RUNS} essais)`);
} finally {
  core.cleanup();
}

/** Moves one person from « non » to « oui » (keeps the table's total). */
function bumpQpv(t: IndicatorResult['tables'][number]): IndicatorResult['tables'][number] {
  return { ...t, cells: t.cells.map((c) => (c.coords[0] === 'yes' ? { ...c, value: c.value + 1 } : c.coords[0] === 'no' ? { ...c, value: c.value - 1 } : c)) };
}
