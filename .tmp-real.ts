import { CATALOGUE, tableSpecOf } from './shared/indicators/catalogue';
import { buildTableFromRecords, protectBundle, type CountTable } from './shared/stats/index';
import { aggregate } from './server/services/aggregate';
import { rng } from './test/server/bundles';
const N = Number(process.argv[2] ?? 30);
const R = Number(process.argv[3] ?? 2);
const regions = ['11','24','27','28','32','44','52','53','75','76','84','93'].slice(0, R);
const specs = CATALOGUE.map(tableSpecOf);
const pops = [...new Set(specs.map(s => s.population))];
console.log('tables', specs.length, 'pops', pops);
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
let t0 = Date.now();
const structures = [];
for (let i = 0; i < N; i++) {
  const p = protectBundle(tablesFor(20 + Math.floor(random() * 281)));
  structures.push({ structureId: 'st_' + i, regionCode: regions[i % regions.length]!, release: { tables: p.tables } });
  if (i === 0) console.log('first protect', Date.now() - t0, 'withheld', p.report.withheld);
}
console.log('protect all', Date.now() - t0);
const many = [];
for (let k = 0; k < Number(process.argv[4] ?? 1); k++) for (const [i, s] of structures.entries()) many.push({ ...s, structureId: s.structureId + '_' + k, regionCode: regions[(i + k) % regions.length]! });
t0 = Date.now();
const a = aggregate(many);
console.log('aggregate', Date.now() - t0, a.audit, 'vars', a.internals.system.variables.length, 'primary', a.internals.primary.size, 'secondary', a.internals.secondary.size, 'published', a.internals.published.size);
