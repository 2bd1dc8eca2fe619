// `npm run bench -- [--scale 1] [--no-renderer] [--seed 2026] [--today AAAA-MM-JJ] [--dir DOSSIER] [--reuse] [--keep] [--out bench/results]`
// A measurement, not a test: timings depend on the machine (and its load, reported with them).
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isoDate } from '../electron/core/clock';
import { runBench } from './bench';
import { printReport, writeReport } from './report';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '2026' },
    today: { type: 'string' },
    dir: { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    'no-renderer': { type: 'boolean', default: false },
  },
  strict: true,
});

const scale = Number(values.scale);
if (!(scale > 0 && scale <= 10)) {
  console.error(`Échelle invalide : ${values.scale} (1 = 100 000 salariés, 0.01 = essai rapide).`);
  process.exit(2);
}
const log = (line: string) => console.log(line);
const withRenderer = !values['no-renderer'];
const report = await runBench({
  scale,
  seed: Number(values.seed),
  // Today by default: the browser shows the data against its own clock.
  today: values.today ?? isoDate(new Date()),
  dir: resolve(values.dir ?? join(tmpdir(), 'jalons-bench')),
  reuse: values.reuse,
  keep: values.keep,
  renderer: withRenderer,
  log,
  ...(withRenderer ? { runRenderer: (await import('./renderer')).runRendererBench } : {}),
});
printReport(report, log);
console.log(`Résultats : ${writeReport(report, resolve(values.out))}`);
process.exit(0);
