/**
 * Federation aggregation and re-suppression (aggregate.ts): the "non ventilé" buckets, the
 * contribution rule, person- and structure-level rules, and S9 on 500 synthetic structures.
 */
import { describe, expect, it } from 'vitest';
import { auditSystem, coordsKey, protectBundle, type Release, type ReleasedCell, type TableSpec } from '../../shared/stats/index';
import { aggregate, NATIONAL, NON_VENTILE, type Aggregation, type StructureInput } from '../../server/services/aggregate';
import { workerAggregator } from '../../server/services/aggregator';
import { EXITS, SEX_AGE, rng, syntheticTables } from './bundles';

type Cells = Record<string, number | 'A' | 'D'>;

/** A released table written by hand: `{ 'F|lt26': 6, 'F|*': 'A', … }` — every cell must be listed. */
function released(spec: TableSpec, cells: Cells): Release['tables'][number] {
  const out: ReleasedCell[] = Object.entries(cells).map(([k, v]) => {
    const coords = k.split('|');
    return typeof v === 'number' ? { coords, value: v } : { coords, suppressed: v === 'A' ? 'primary' : 'secondary' };
  });
  return { ...spec, cells: out };
}

function structure(id: string, regionCode: string, ...tables: Release['tables']): StructureInput {
  return { structureId: id, regionCode, release: { tables } };
}

function cell(a: Aggregation, level: string, tableId: string, coords: string[]) {
  const t = a.levels.find((l) => l.level === level)?.tables.find((x) => x.id === tableId);
  return t?.cells.find((c) => coordsKey(c.coords) === coordsKey(coords));
}

const exits = (durable: number | 'A' | 'D', transition: number | 'A' | 'D', positive: number | 'A' | 'D', other: number | 'A' | 'D', total: number | 'A' | 'D') =>
  released(EXITS, { durable, transition, positive, other, '*': total });

/** No margin or region equation leaves a masked cell as its only unknown (independent of the audit code). */
function noSingleUnknownEquation(a: Aggregation): string[] {
  const { system, published, values } = a.internals;
  const problems: string[] = [];
  for (const eq of system.equations) {
    const unknown = eq.terms.filter(([j]) => !published.has(j) && (values[j] ?? 0) > 0);
    const hiddenZero = eq.terms.filter(([j]) => !published.has(j) && (values[j] ?? 0) === 0);
    if (unknown.length === 1 && hiddenZero.length === 0) problems.push(system.variables[unknown[0]![0]]?.key ?? '?');
  }
  return problems;
}

describe('aggregation: contributions and "non ventilé" buckets', () => {
  it('sums published cells only and carries each structure’s masked mass in the bucket; the total stays exact', () => {
    const a = aggregate(
      [
        structure('st_a', '11', exits(12, 20, 'A', 'D', 50)), // masked: 18
        structure('st_b', '11', exits(30, 'D', 'A', 25, 70)), // masked: 15
        structure('st_c', '11', exits(15, 22, 14, 19, 70)),
        structure('st_d', '11', exits(16, 18, 11, 25, 70)),
      ],
      { minStructures: 1, maxShare: 1 },
    );
    expect(cell(a, NATIONAL, 'exits.category', ['durable'])).toMatchObject({ value: 73, flag: 'V' });
    expect(cell(a, NATIONAL, 'exits.category', ['transition'])).toMatchObject({ value: 60, flag: 'V' });
    expect(cell(a, NATIONAL, 'exits.category', ['*'])).toMatchObject({ value: 260, flag: 'V' });
    expect(cell(a, NATIONAL, 'exits.category', [NON_VENTILE])).toMatchObject({ value: 33, flag: 'V', nonVentile: true });
    // Published parts + bucket = exact total.
    const t = a.levels[0]!.tables[0]!;
    const sum = t.cells.filter((c) => c.coords[0] !== '*').reduce((s, c) => s + (c.value ?? 0), 0);
    expect(sum).toBe(260);
    expect(a.audit.passed).toBe(true);
  });

  it('a structure whose total is masked contributes nothing to that population and is reported', () => {
    const a = aggregate(
      [
        structure('st_a', '11', exits(12, 20, 9, 9, 50)),
        structure('st_b', '11', exits(0, 'A', 'A', 0, 'A')),
        structure('st_c', '11', exits(15, 22, 14, 19, 70)),
        structure('st_d', '11', exits(16, 18, 11, 25, 70)),
      ],
      { minStructures: 1, maxShare: 1 },
    );
    expect(cell(a, NATIONAL, 'exits.category', ['*'])).toMatchObject({ value: 190 });
    expect(a.levels[0]!.tables[0]).toMatchObject({ contributingStructures: 3, excluded: { hiddenTotal: 1, withheld: 0 } });
  });

  it('a cell under a masked margin is not counted in the detail (its mass goes to the coarser bucket): buckets are never negative', () => {
    const cellsOf = (fLt26: number | 'A' | 'D', fMargin: number | 'A' | 'D'): Cells => ({
      'F|lt26': fLt26, 'F|26_49': 'A', 'F|ge50': 'D', 'F|*': fMargin,
      'H|lt26': 10, 'H|26_49': 20, 'H|ge50': 10, 'H|*': 40,
      '*|lt26': 16, '*|26_49': 22, '*|ge50': 12, '*|*': 50,
    });
    const a = aggregate(
      [
        structure('st_a', '11', released(SEX_AGE, cellsOf(6, 'D'))), // F margin masked: its 6 is not attributable
        structure('st_b', '11', released(SEX_AGE, cellsOf(6, 10))),
      ],
      { minStructures: 1, maxShare: 1, minCount: 1 },
    );
    expect(cell(a, NATIONAL, 'present.sex_age', ['F', 'lt26'])).toMatchObject({ value: 6 });
    expect(cell(a, NATIONAL, 'present.sex_age', ['F', '*'])).toMatchObject({ value: 10 });
    // st_a's 10 women are in the bucket of the total split by sex; st_b's 4 masked in F's row bucket.
    expect(cell(a, NATIONAL, 'present.sex_age', [NON_VENTILE, '*'])).toMatchObject({ value: 10 });
    expect(cell(a, NATIONAL, 'present.sex_age', ['F', NON_VENTILE])).toMatchObject({ value: 4 });
    const { values } = a.internals;
    expect([...values].every((v) => v >= 0)).toBe(true);
  });

  it('structure rules: fewer than 3 contributing structures, or one above 85 %, masks the cell (flag B) and Gauss protects it', () => {
    const a = aggregate([
      structure('st_a', '11', exits(100, 20, 30, 40, 190)),
      structure('st_b', '11', exits(6, 20, 0, 40, 66)),
      structure('st_c', '11', exits(5, 20, 0, 40, 65)),
      structure('st_d', '11', exits(0, 20, 30, 40, 90)),
    ]);
    // durable: 100 of 111 from one structure (90 %).
    expect(cell(a, NATIONAL, 'exits.category', ['durable'])).toMatchObject({ value: null, flag: 'B' });
    // positive: two structures only.
    expect(cell(a, NATIONAL, 'exits.category', ['positive'])).toMatchObject({ value: null, flag: 'B' });
    expect(cell(a, NATIONAL, 'exits.category', ['transition'])).toMatchObject({ value: 80, flag: 'V' });
    expect(noSingleUnknownEquation(a)).toEqual([]);
    expect(a.audit.passed).toBe(true);
  });

  it('regions: a region with one structure is masked, and the national total cannot be used to recompute it', () => {
    const inputs: StructureInput[] = [];
    for (let i = 0; i < 6; i += 1) inputs.push(structure(`st_n${i}`, '11', exits(10 + i, 20 + i, 12, 30, 72 + 2 * i)));
    for (let i = 0; i < 5; i += 1) inputs.push(structure(`st_b${i}`, '53', exits(8 + i, 15, 10, 20 + i, 53 + 2 * i)));
    inputs.push(structure('st_alone', '94', exits(9, 14, 7, 21, 51)));
    const a = aggregate(inputs);
    const alone = a.levels.find((l) => l.level === '94')!;
    expect(alone.tables[0]!.cells.filter((c) => c.flag === 'V' && (c.value ?? 0) > 0)).toEqual([]);
    expect(noSingleUnknownEquation(a)).toEqual([]);
    expect(a.audit.passed).toBe(true);
    // National = regions, where published.
    const nat = cell(a, NATIONAL, 'exits.category', ['*'])!;
    if (nat.value !== null) {
      expect(nat.value).toBe(inputs.reduce((s, x) => s + (((x.release.tables[0] as unknown as { cells: ReleasedCell[] }).cells.find((c) => c.coords[0] === '*') as { value: number }).value), 0));
    }
  });
});

describe('S9: 500 synthetic structures (sizes 20–300), aggregated and re-suppressed', () => {
  it('every published cell has ≥ 3 structures, none above 85 %, ≥ 5 persons; the audit passes on the released linked set', () => {
    const random = rng(2026);
    const regions = ['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94', '04'];
    const inputs: StructureInput[] = [];
    for (let i = 0; i < 500; i += 1) {
      const size = 20 + Math.floor(random() * 281);
      // Small regions on purpose: Corse and La Réunion get a handful of structures.
      const region = i < 3 ? '94' : i < 7 ? '04' : regions[i % 12]!;
      inputs.push(structure(`st_s9_${i}`, region, ...protectBundle(syntheticTables(size, 10_000 + i)).tables));
    }
    const a = aggregate(inputs);
    const { values, contributors, maxContribution, published, primary, system } = a.internals;
    expect(a.audit.passed).toBe(true);
    expect(a.audit.withheldPopulations).toEqual([]);
    expect(a.levels.map((l) => l.level)).toEqual([NATIONAL, ...[...new Set(inputs.map((x) => x.regionCode))].sort()]);
    let checked = 0;
    for (const i of published) {
      const v = values[i] ?? 0;
      if (v === 0) continue;
      checked += 1;
      expect(contributors[i], system.variables[i]?.key).toBeGreaterThanOrEqual(3);
      expect(maxContribution[i]! / v, system.variables[i]?.key).toBeLessThanOrEqual(0.85);
      expect(v).toBeGreaterThanOrEqual(5);
    }
    expect(checked).toBeGreaterThan(100);
    // Something was protected, and the protection holds when audited again from the released values only.
    expect(primary.size).toBeGreaterThan(0);
    expect(noSingleUnknownEquation(a)).toEqual([]);
    const reaudit = auditSystem({
      system,
      published: new Map([...published].sort((x, y) => x - y).map((i) => [i, values[i] ?? 0])),
      targets: [...primary],
      truth: new Map([...values].map((v, i) => [i, v])),
    });
    expect(reaudit.passed).toBe(true);
    // Masked cells never carry a value in the output.
    for (const level of a.levels) for (const t of level.tables) for (const c of t.cells) expect(c.flag === 'V' || c.value === null).toBe(true);
  }, 120_000);
});

describe('aggregation in a worker thread (hub serve)', () => {
  it('gives exactly the in-thread result', async () => {
    const inputs: StructureInput[] = [];
    for (let i = 0; i < 12; i += 1) inputs.push(structure(`st_w${i}`, i % 3 === 0 ? '11' : '53', ...protectBundle(syntheticTables(40 + 9 * i, 50 + i)).tables));
    const worker = workerAggregator();
    try {
      const viaWorker = await worker(inputs, {});
      const inline = aggregate(inputs);
      expect(viaWorker).toEqual({ levels: inline.levels, droppedTables: inline.droppedTables, audit: inline.audit });
    } finally {
      await worker.close();
    }
  }, 60_000);
});
