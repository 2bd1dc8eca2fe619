/**
 * S7 (hub side): an independent intruder — integer bound propagation and search, no LP and no
 * rank test (test/shared/stats/helpers.ts integerRanges) — given only what the hub stored
 * cannot pin down any confidential cell:
 * - the normalised cells of every bundle (every period, every revision): each cell a structure
 *   masked as confidential keeps a range of at least 2;
 * - the federation releases of every period and every vintage (released_cells), rebuilt into
 *   margin equations from the table specifications alone, each vintage on its own and the
 *   vintages of a period together (linked where a region's bundles did not change).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARGIN, allCoordinates, attackerView, cellKey, tableConstraints, type Bundle, type LinkedSystem, type ReleaseEntry, type ReleasedCell, type TableSpec } from '../../shared/stats/index';
import { buildReport } from '../../server/services/report';
import { submitEnvelope } from '../../server/services/submission';
import { integerRanges } from '../shared/stats/helpers';
import { envelopeText, makeBundle, type TestDevice } from './bundles';
import { enrolTestDevice, openTestHub, type TestHub } from './helpers';

const PERIODS = [
  { kind: 'half', year: 2026, index: 1 },
  { kind: 'half', year: 2026, index: 2 },
] as const;

interface StoredRelease {
  readonly periodKey: string;
  readonly vintage: number;
  /** region → sorted bundle ids of its structures. */
  readonly bundlesByRegion: Map<string, string>;
  readonly cells: ReadonlyArray<{ level: string; table_id: string; cell_key: string; value: number | null; flag: string }>;
}

/**
 * The attacker's system for one or more vintages, from the specifications only: per vintage and
 * level, every cell and one "non ventilé" bucket per margin equation (`parent = Σ children +
 * bucket`), `national = Σ regions`; `link(a, b, level)` says two vintages hold the same values there.
 */
function federationSystem(
  specs: readonly TableSpec[],
  releases: readonly StoredRelease[],
  linked: (a: number, b: number, level: string) => boolean,
  cap?: number,
) {
  const index = new Map<string, number>();
  const variables: LinkedSystem['variables'][number][] = [];
  const variable = (key: string): number => {
    let i = index.get(key);
    if (i === undefined) {
      i = variables.length;
      index.set(key, i);
      variables.push({ key, population: '', specified: [], occurrences: [] });
    }
    return i;
  };
  const equations: { terms: [number, number][] }[] = [];
  const seen = new Set<string>();
  const levelsOf = releases.map((r) => [...new Set(r.cells.map((c) => c.level))].sort());
  const bucketKey = (spec: TableSpec, parent: readonly string[], children: readonly (readonly string[])[]) =>
    JSON.stringify([cellKey(spec.population, spec.dimensions, parent), ...children.map((c) => cellKey(spec.population, spec.dimensions, c)).sort()]);
  const cellVar = (r: number, level: string, spec: TableSpec, coords: readonly string[]) => variable(JSON.stringify([r, level, cellKey(spec.population, spec.dimensions, coords)]));
  releases.forEach((_, r) => {
    for (const level of levelsOf[r] ?? []) {
      for (const spec of specs) {
        for (const c of tableConstraints(spec)) {
          const b = bucketKey(spec, c.parent, c.children);
          const sig = JSON.stringify([r, level, b]);
          if (seen.has(sig)) continue;
          seen.add(sig);
          const terms = new Map<number, number>([[cellVar(r, level, spec, c.parent), 1]]);
          for (const ch of c.children) terms.set(cellVar(r, level, spec, ch), (terms.get(cellVar(r, level, spec, ch)) ?? 0) - 1);
          terms.set(variable(JSON.stringify([r, level, 'nv', b])), -1);
          equations.push({ terms: [...terms].filter(([, a]) => a !== 0) });
        }
      }
    }
  });
  // National = Σ regions, for every variable of a vintage.
  const keys = [...index.keys()].map((k) => JSON.parse(k) as [number, string, ...unknown[]]);
  for (const [r, level, ...rest] of keys) {
    if (level !== 'national') continue;
    const regions = (levelsOf[r] ?? []).filter((l) => l !== 'national');
    equations.push({ terms: [[variable(JSON.stringify([r, level, ...rest])), 1], ...regions.map((l) => [variable(JSON.stringify([r, l, ...rest])), -1] as [number, number])] });
  }
  // Vintages linked cell by cell where they hold the same values.
  for (const [r, level, ...rest] of keys) {
    for (let s = r + 1; s < releases.length; s += 1) {
      const other = index.get(JSON.stringify([s, level, ...rest]));
      if (other !== undefined && linked(r, s, level)) equations.push({ terms: [[variable(JSON.stringify([r, level, ...rest])), 1], [other, -1]] });
    }
  }
  // Released cells → variables.
  const known = new Map<number, number>();
  const targets: number[] = [];
  releases.forEach((rel, r) => {
    for (const c of rel.cells) {
      const spec = specs.find((s) => s.id === c.table_id);
      if (spec === undefined) continue;
      const coords = JSON.parse(c.cell_key) as string[];
      const d = coords.indexOf('non_ventile');
      let v: number;
      if (d >= 0) {
        const parent = coords.map((x, k) => (k === d ? MARGIN : x));
        const children = (spec.dimensions[d]?.categories ?? []).map((cat) => parent.map((x, k) => (k === d ? cat : x)));
        v = variable(JSON.stringify([r, c.level, 'nv', bucketKey(spec, parent, children)]));
      } else v = cellVar(r, c.level, spec, coords);
      if (c.flag === 'V') known.set(v, c.value ?? 0);
      else if (c.flag === 'A' || c.flag === 'B') targets.push(v);
    }
  });
  if (cap !== undefined) {
    // Every count is at most `cap` (x + slack = cap): a masked population total leaves its cells
    // unbounded, which the search cannot handle; bounded, the same cells stay wide.
    const count = variables.length;
    const capVar = variable('cap');
    known.set(capVar, cap);
    for (let v = 0; v < count; v += 1) equations.push({ terms: [[v, 1], [variable(`slack ${v}`), 1], [capVar, -1]] });
  }
  const system: LinkedSystem = { tables: [], variables, indexOf: index, equations, tableCells: new Map() };
  return { system, known, targets: [...new Set(targets)].filter((t) => !known.has(t)) };
}

describe('S7: intruder on the hub’s stored cells [sqlite]', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await openTestHub('sqlite');
    const devices: TestDevice[] = [];
    for (let i = 0; i < 6; i += 1) devices.push(await enrolTestDevice(hub, { regionCode: i < 3 ? '11' : '53' }));
    const first = new Map<string, Bundle>();
    for (const [i, d] of devices.entries()) {
      for (const [p, period] of PERIODS.entries()) {
        const rev1 = makeBundle(d, { seed: 1000 + 10 * i + p, size: 25 + 11 * i, period });
        first.set(`${i}|${p}`, rev1);
        await submitEnvelope(hub.ctx, { body: Buffer.from(envelopeText(rev1, d)), client: 'test' });
      }
    }
    // Vintage 1 of each period is released; then half of the structures revise their figures.
    for (const period of PERIODS) await buildReport(hub.ctx, { period });
    for (const [i, d] of devices.entries()) {
      for (const [p, period] of PERIODS.entries()) {
        const rev2 = makeBundle(d, { seed: 1000 + 10 * i + p, size: 26 + 11 * i, period, revision: 2, previous: first.get(`${i}|${p}`)! });
        await submitEnvelope(hub.ctx, { body: Buffer.from(envelopeText(rev2, d)), client: 'test' });
      }
      if (i === 2) for (const period of PERIODS) await buildReport(hub.ctx, { period });
    }
    for (const period of PERIODS) await buildReport(hub.ctx, { period });
  }, 120_000);
  afterAll(async () => {
    await hub?.dispose();
  });

  it('no confidential cell of any stored bundle is determined within less than 2', async () => {
    const bundles = await hub.ctx.db.selectFrom('bundles').select('bundle_id').execute();
    expect(bundles).toHaveLength(24);
    let confidential = 0;
    for (const { bundle_id } of bundles) {
      const tables = await hub.ctx.db.selectFrom('bundle_tables').selectAll().where('bundle_id', '=', bundle_id).execute();
      const cells = await hub.ctx.db.selectFrom('cells').selectAll().where('bundle_id', '=', bundle_id).execute();
      const release: ReleaseEntry[] = tables
        .filter((t) => t.withheld === 0 && t.spec !== null)
        .map((t) => ({
          ...(JSON.parse(t.spec ?? '{}') as TableSpec),
          cells: cells
            .filter((c) => c.table_id === t.table_id)
            .map((c): ReleasedCell => (c.status === 'V' ? { coords: JSON.parse(c.cell_key), value: c.value ?? 0 } : { coords: JSON.parse(c.cell_key), suppressed: c.status === 'A' ? 'primary' : 'secondary' })),
        }));
      const view = attackerView({ tables: release });
      const targets = [...view.primary];
      if (targets.length === 0) continue;
      const ranges = integerRanges(view.system, view.published, targets, 200_000);
      expect(ranges, bundle_id).toBeDefined();
      for (const t of targets) {
        const r = ranges?.get(t);
        confidential += 1;
        expect(r, view.system.variables[t]?.key).toBeDefined();
        expect((r?.max ?? 0) - (r?.min ?? 0), `${bundle_id} ${view.system.variables[t]?.key}`).toBeGreaterThanOrEqual(2);
      }
    }
    expect(confidential).toBeGreaterThan(10);
  });

  it('no confidential cell of any released federation vintage is determined within less than 2, one vintage at a time or all of a period together', async () => {
    const db = hub.ctx.db;
    const specRows = await db.selectFrom('bundle_tables').select(['table_id', 'spec']).where('spec', 'is not', null).execute();
    const specs = [...new Map(specRows.map((r) => [r.table_id, JSON.parse(r.spec ?? '{}') as TableSpec])).values()];
    const vintages = await db.selectFrom('released_vintages').select(['period_key', 'vintage', 'bundles']).orderBy('period_key').orderBy('vintage').execute();
    expect(vintages.map((v) => [v.period_key, v.vintage])).toEqual([
      ['2026-H1', 1],
      ['2026-H1', 2],
      ['2026-H1', 3],
      ['2026-H2', 1],
      ['2026-H2', 2],
      ['2026-H2', 3],
    ]);
    const releases: StoredRelease[] = [];
    for (const v of vintages) {
      const byRegion = new Map<string, string[]>();
      for (const [bundleId, , region] of JSON.parse(v.bundles) as string[][]) byRegion.set(region!, [...(byRegion.get(region!) ?? []), bundleId!].sort());
      const cells = await db.selectFrom('released_cells').selectAll().where('period_key', '=', v.period_key).where('vintage', '=', v.vintage).execute();
      releases.push({ periodKey: v.period_key, vintage: v.vintage, bundlesByRegion: new Map([...byRegion].map(([r, ids]) => [r, ids.join()])), cells });
    }
    let confidential = 0;
    const check = (group: readonly StoredRelease[]) => {
      const unchanged = (a: number, b: number, level: string) =>
        level !== 'national' && group[a]?.bundlesByRegion.get(level) === group[b]?.bundlesByRegion.get(level);
      let { system, known, targets } = federationSystem(specs, group, unchanged);
      if (targets.length === 0) return;
      let ranges = integerRanges(system, known, targets, 400_000);
      if (ranges === undefined) {
        // Some cell is unbounded (a masked total): bound every count by ten times the largest published one.
        const cap = 10 * Math.max(1, ...known.values());
        ({ system, known, targets } = federationSystem(specs, group, unchanged, cap));
        ranges = integerRanges(system, known, targets, 400_000);
      }
      expect(ranges, group.map((g) => `${g.periodKey}#${g.vintage}`).join(' ')).toBeDefined();
      for (const t of targets) {
        confidential += 1;
        const r = ranges?.get(t);
        expect((r?.max ?? 0) - (r?.min ?? 0), `${group.map((g) => `${g.periodKey}#${g.vintage}`).join(' ')} ${system.variables[t]?.key}`).toBeGreaterThanOrEqual(2);
      }
    };
    for (const r of releases) check([r]);
    for (const key of new Set(releases.map((r) => r.periodKey))) check(releases.filter((r) => r.periodKey === key));
    expect(confidential).toBeGreaterThan(10);
    void allCoordinates;
  }, 120_000);
});
