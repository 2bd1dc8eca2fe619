import { CATALOGUE, tableSpecOf } from './shared/indicators/catalogue';
import { buildTableFromRecords, protectBundle, type CountTable } from './shared/stats/index';
import { aggregate } from './server/services/aggregate';
import { rng } from './test/server/bundles';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
const N = Number(process.argv[2] ?? 30);
const R = Number(process.argv[3] ?? 2);
const K = Number(process.argv[4] ?? 1);
const regions = ['11','24','27','28','32','44','52','53','75','76','84','93'].slice(0, R);
const specs = CATALOGUE.map(tableSpecOf);
const pops = [...new Set(specs.map(s => s.population))];
const random = rng(1);
function tablesFor(size: number): CountTable[] {
  const out: CountTable[] = [];
  for (const pop of pops) {
    const ps = specs.filter(s => s.population === pop);
    const dims = new Map<string, string[]>();
    for (const s of ps) for (const d of s.dimensions) dims.set(d.code, [...d.categories]);
    const n = pop === 'present' ? size : Math.round(size * (0.2 + random() * 0.5));
    const records = Array.from({ length: n }, () => Object.fromEntries([...dims].map(([k, cats]) => [k, cats[Math.floor(Math.pow(random(), 1.5) * cats.length)]!])));
    for (const s of ps) out.push(buildTableFromRecords(s, records));
  }
  return out;
}
const cacheFile = `/tmp/hubscratch/releases-${N}.json`;
let releases: any[];
if (existsSync(cacheFile)) releases = JSON.parse(readFileSync(cacheFile, 'utf8'));
else { releases = []; for (let i = 0; i < N; i++) releases.push(protectBundle(tablesFor(20 + Math.floor(random() * 281))).tables); writeFileSync(cacheFile, JSON.stringify(releases)); }
const many = [];
for (let k = 0; k < K; k++) for (const [i, t] of releases.entries()) many.push({ structureId: `st_${i}_${k}`, regionCode: regions[(i + k) % regions.length]!, release: { tables: t } });
const t0 = Date.now();
const a = aggregate(many);
console.log('aggregate', Date.now() - t0, a.audit.passed, 'vars', a.internals.system.variables.length, 'primary', a.internals.primary.size, 'secondary', a.internals.secondary.size);
if (process.argv[5] === 'check') {
  const { auditSystem } = await import('./shared/stats/index');
  const { system, values, published, primary } = a.internals;
  const t1 = Date.now();
  const r = auditSystem({ system, published: new Map([...published].sort((x, y) => x - y).map((i) => [i, values[i] ?? 0])), targets: [...primary], truth: new Map([...values].map((v, i) => [i, v])) });
  const fails = [...r.verdicts].filter(([, v]) => v.failures.length > 0);
  console.log('exact reaudit', Date.now() - t1, 'passed', r.passed, 'failing', fails.length, JSON.stringify(fails.slice(0, 5).map(([t, v]) => [system.variables[t]?.key, v.failures])));
}
