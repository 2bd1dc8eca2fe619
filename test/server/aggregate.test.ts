/**
 * Federation aggregation and re-suppression (aggregate.ts): the "non ventilé" buckets, the
 * contribution rule, person- and structure-level rules, and S9 on 500 synthetic structures.
 */
import { describe, expect, it } from 'vitest';
import { Rational, attack, auditSystem, coordsKey, protectBundle, type Release, type ReleasedCell, type TableSpec } from '../../shared/stats/index';
import { aggregate, NATIONAL, NON_VENTILE, type AggregatedCell, type Aggregation, type PreviousVintage, type StructureInput } from '../../server/services/aggregate';
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

/** A 1-D exits table whose total is the sum of its categories. */
const exitsSum = (durable: number, transition: number, positive: number, other: number) => exits(durable, transition, positive, other, durable + transition + positive + other);

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

/** What a released aggregation hands to the next vintage (as report.ts stores it). */
function previousOf(a: Aggregation, structures: readonly StructureInput[]): PreviousVintage {
  return {
    structures,
    cells: a.levels.flatMap((l) => l.tables.flatMap((t) => t.cells.map((c) => ({ level: l.level, tableId: t.id, coords: c.coords, value: c.value, flag: c.flag })))),
  };
}

/** The attacker's interval of a cell given known values (exact LP, shared/stats attack). */
function interval(a: Aggregation, known: ReadonlyMap<number, number>, target: number) {
  const k = new Map([...known].map(([v, x]) => [v, Rational.fromInt(x)] as const));
  const o = attack({ system: a.internals.system, known: k, targets: [target] }).outcomes.get(target);
  return { exact: o?.exact ?? true, min: o?.min?.toNumber() ?? 0, max: o?.max === null ? Infinity : (o?.max?.toNumber() ?? 0) };
}

function publishedValues(a: Aggregation): Map<number, number> {
  return new Map([...a.internals.published].map((i) => [i, a.internals.values[i] ?? 0]));
}

describe('A3 for structures: a contributing structure cannot recompute another structure’s hidden figures', () => {
  it('a structure alone in its region knows that region; the national and other regions must not give away a region of two', () => {
    const inputs = [
      structure('st_alone', '94', exitsSum(20, 30, 15, 25)),
      structure('st_b1', '24', exitsSum(12, 22, 9, 30)),
      structure('st_b2', '24', exitsSum(14, 18, 11, 26)),
      ...[0, 1, 2, 3].map((i) => structure(`st_c${i}`, '53', exitsSum(10 + i, 20 + 2 * i, 12 + i, 30 - i))),
    ];
    const a = aggregate(inputs);
    expect(a.audit.passed).toBe(true);
    expect(a.audit.insiderModel).toMatch(/structure knows its own contributions/);
    // st_alone's knowledge: everything published, plus every cell of region 94 (its own figures).
    const known = publishedValues(a);
    const own = a.internals.contributions.find((c) => c.structureId === 'st_alone')!;
    for (const coords of [['durable'], ['transition'], ['positive'], ['other'], ['*'], [NON_VENTILE]]) {
      const v = a.internals.variableOf('94', 'exits.category', coords)!;
      known.set(v, own.entries.get(v) ?? 0);
    }
    let checked = 0;
    for (const coords of [['durable'], ['transition'], ['positive'], ['other'], ['*']]) {
      const v = a.internals.variableOf('24', 'exits.category', coords)!;
      expect(cell(a, '24', 'exits.category', coords)?.flag).toBe('B');
      const r = interval(a, known, v);
      expect(r.exact, coords.join()).toBe(false);
      expect(r.max - r.min, coords.join()).toBeGreaterThanOrEqual(2);
      checked += 1;
    }
    expect(checked).toBe(5);
  });

  it('a structure’s lower bounds (its own contributions) leave the other structures’ part of every masked cell uncertain', () => {
    const inputs: StructureInput[] = [];
    for (let i = 0; i < 4; i += 1) inputs.push(structure(`st_n${i}`, '11', exitsSum(10 + i, 20 + i, 12, 30)));
    inputs.push(structure('st_big', '11', exitsSum(400, 3, 2, 30))); // above 85 % of "durable"
    for (let i = 0; i < 4; i += 1) inputs.push(structure(`st_b${i}`, '53', exitsSum(8 + i, 15, 10, 20 + i)));
    const a = aggregate(inputs);
    expect(a.audit.passed).toBe(true);
    expect(cell(a, '11', 'exits.category', ['durable'])?.flag).toBe('B');
    const known = publishedValues(a);
    let masked = 0;
    for (const c of a.internals.contributions) {
      for (const t of a.internals.primary) {
        const rest = (a.internals.values[t] ?? 0) - (c.entries.get(t) ?? 0);
        if (rest <= 0 || a.internals.published.has(t)) continue;
        const lowerBounds = new Map([...c.entries].filter(([v]) => !known.has(v)));
        const k = new Map([...known].map(([v, x]) => [v, Rational.fromInt(x)] as const));
        const o = attack({ system: a.internals.system, known: k, targets: [t], lowerBounds }).outcomes.get(t)!;
        expect(o.exact).toBe(false);
        const width = o.max === null || o.max === undefined ? Infinity : o.max.toNumber() - (o.min?.toNumber() ?? 0);
        expect(width, `${c.structureId} ${a.internals.system.variables[t]?.key}`).toBeGreaterThanOrEqual(2);
        masked += 1;
      }
    }
    expect(masked).toBeGreaterThan(0);
  });
});

/** Known values at one level's 1-D exits table, from the published cells of several releases (same values: an unchanged level). */
function recomputable(releases: readonly Aggregation[], level: string): string[] {
  const known = new Map<string, number>();
  for (const a of releases) {
    for (const c of a.levels.find((l) => l.level === level)?.tables[0]?.cells ?? []) if (c.flag === 'V') known.set(c.coords[0]!, c.value ?? 0);
  }
  const parts = ['durable', 'transition', 'positive', 'other', NON_VENTILE];
  const unknown = parts.filter((p) => !known.has(p));
  return known.has('*') && unknown.length === 1 ? unknown : [];
}

describe('A4: vintages of a period (mask stability, differencing between vintages)', () => {
  const flags = (a: Aggregation, level: string): Record<string, AggregatedCell['flag']> =>
    Object.fromEntries((a.levels.find((l) => l.level === level)?.tables[0]?.cells ?? []).map((c) => [c.coords.join(), c.flag]));

  it('a late structure joins a region of two: the cells masked for two structures stay masked, else it would read their sum', () => {
    const s1: StructureInput[] = [
      ...[0, 1, 2, 3].map((i) => structure(`st_a${i}`, '11', exitsSum(20 + i, 30 + 2 * i, 15 + i, 25 + 3 * i))),
      structure('st_b1', '24', exitsSum(12, 22, 9, 30)),
      structure('st_b2', '24', exitsSum(14, 18, 11, 26)),
      ...[0, 1, 2, 3].map((i) => structure(`st_c${i}`, '53', exitsSum(10 + i, 20 + 2 * i, 12 + i, 30 - i))),
    ];
    const late = structure('st_late', '24', exitsSum(10, 20, 8, 25));
    const s2 = [...s1, late];
    const v1 = aggregate(s1);
    expect(flags(v1, '24')).toMatchObject({ durable: 'B', transition: 'B', positive: 'B', other: 'B', '*': 'B' });

    // Without the previous vintage, region 24 is publishable now (3 structures)…
    const naive = aggregate(s2);
    const naiveCell = cell(naive, '24', 'exits.category', ['transition'])!;
    expect(naiveCell.flag).toBe('V');
    // …and the late structure subtracts its own figure: the two others' sum, masked in vintage 1.
    expect((naiveCell.value ?? 0) - 20).toBe(v1.internals.values[v1.internals.variableOf('24', 'exits.category', ['transition'])!]);

    const v2 = aggregate(s2, {}, previousOf(v1, s1));
    expect(v2.audit).toMatchObject({ passed: true, previousVintage: 'audited' });
    expect(v2.audit.checks).toContain('A4');
    for (const coords of ['durable', 'transition', 'positive', 'other', '*']) expect(cell(v2, '24', 'exits.category', [coords])?.value, coords).toBeNull();
    // Every cell vintage 1 kept confidential is still masked.
    for (const t of v1.internals.primary) if ((v2.internals.values[t] ?? 0) > 0) expect(v2.internals.published.has(t)).toBe(false);
  });

  it('a vintage that would reveal a hidden cell of an unchanged region through the previous mask gets extra suppressions, and keeps that mask', () => {
    const s1: StructureInput[] = [
      ...[0, 1, 2, 3, 4].map((i) => structure(`st_a${i}`, '11', exitsSum(20 + i, 30 + 2 * i, 15 + i, 25 + 3 * i))),
      ...[0, 1, 2, 3, 4].map((i) => structure(`st_c${i}`, '53', exitsSum(10 + i, 20 + 2 * i, i === 0 ? 4 : 0, 30 - i))),
    ];
    const v1 = aggregate(s1);
    expect(flags(v1, '53')).toMatchObject({ durable: 'D', transition: 'V', positive: 'A', other: 'V', '*': 'V' });
    // The previous vintage released the regions with the other partner: "durable" shown,
    // "transition" masked (safe on its own: one degree of freedom, "positive" of region 53 ∈ [0, 89]).
    const previous = previousOf(v1, s1);
    const regionalValue = (level: string, coords: string[]) => v1.internals.values[v1.internals.variableOf(level, 'exits.category', coords)!] ?? 0;
    const crafted: PreviousVintage = {
      structures: s1,
      cells: previous.cells.map((c) => {
        if (c.level === NATIONAL) return c;
        if (c.coords[0] === 'durable') return { ...c, flag: 'V', value: regionalValue(c.level, ['durable']) };
        if (c.coords[0] === 'transition') return { ...c, flag: 'D', value: null };
        return c;
      }),
    };
    const alone = aggregate(s1, {}, crafted);
    expect(alone.audit.withheldPopulations).toEqual([]);
    const asReleased = (p: PreviousVintage) =>
      ({ levels: [{ level: '53', structures: 5, tables: [{ cells: p.cells.filter((c) => c.level === '53') }] }] }) as unknown as Aggregation;

    // Region 53 does not change; a late structure arrives in region 11.
    const s2 = [...s1, structure('st_late', '11', exitsSum(18, 25, 14, 22))];
    const naive = aggregate(s2);
    expect(flags(naive, '53')).toMatchObject({ durable: 'D', transition: 'V', positive: 'A' });
    // Both vintages together give "positive" (4 people) of region 53 back.
    expect(recomputable([asReleased(crafted), naive], '53')).toEqual(['positive']);

    const v2 = aggregate(s2, {}, crafted);
    expect(v2.audit).toMatchObject({ passed: true, previousVintage: 'audited' });
    expect(recomputable([asReleased(crafted), v2], '53')).toEqual([]);
    // The previous mask is kept: "transition" masked again (extra suppression), "durable" shown again.
    expect(flags(v2, '53')).toMatchObject({ durable: 'V', transition: 'D', positive: 'A' });
  });

  it('the same bundles again give the same masks', () => {
    const s1: StructureInput[] = [];
    for (let i = 0; i < 12; i += 1) s1.push(structure(`st_r${i}`, i % 3 === 0 ? '11' : '53', ...protectBundle(syntheticTables(40 + 9 * i, 70 + i)).tables));
    const v1 = aggregate(s1);
    const v2 = aggregate(s1, {}, previousOf(v1, s1));
    expect(v2.levels).toEqual(v1.levels);
  });

  it('a previous vintage built on other table definitions is reported, not silently mixed', () => {
    const s1 = [0, 1, 2, 3].map((i) => structure(`st_x${i}`, '11', exitsSum(20 + i, 30, 15, 25)));
    const v1 = aggregate(s1);
    const tampered = previousOf(v1, s1);
    const cells = tampered.cells.map((c) => (c.flag === 'V' && c.coords[0] === '*' ? { ...c, value: (c.value ?? 0) + 1 } : c));
    const v2 = aggregate(s1, {}, { ...tampered, cells });
    expect(v2.audit.previousVintage).toBe('incompatible');
    expect(v2.audit.checks).not.toContain('A4');
  });
});

describe('S9: 500 synthetic structures (sizes 20–300), aggregated and re-suppressed', () => {
  const random = rng(2026);
  const regions = ['11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94', '04'];
  const inputs: StructureInput[] = [];
  for (let i = 0; i < 500; i += 1) {
    const size = 20 + Math.floor(random() * 281);
    // Small regions on purpose: Corse and La Réunion get a handful of structures.
    const region = i < 3 ? '94' : i < 7 ? '04' : regions[i % 12]!;
    inputs.push(structure(`st_s9_${i}`, region, ...protectBundle(syntheticTables(size, 10_000 + i)).tables));
  }
  let first: Aggregation;

  it('every published cell has ≥ 3 structures, none above 85 %, ≥ 5 persons; the audit passes on the released linked set', () => {
    const a = aggregate(inputs);
    first = a;
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

  it('A3 for structures: the structures of the smallest regions cannot narrow another structure’s part of a masked cell below 2', () => {
    const a = first;
    const known = new Map([...a.internals.published].map((i) => [i, Rational.fromInt(a.internals.values[i] ?? 0)] as const));
    let checked = 0;
    for (const c of a.internals.contributions.filter((x) => /^st_s9_[0-6]$/.test(x.structureId))) {
      const lowerBounds = new Map([...c.entries].filter(([v]) => !known.has(v)));
      const targets = [...a.internals.primary].filter((t) => (a.internals.values[t] ?? 0) - (c.entries.get(t) ?? 0) > 0 && c.entries.has(t));
      const outcomes = attack({ system: a.internals.system, known, targets, lowerBounds }).outcomes;
      for (const t of targets) {
        const o = outcomes.get(t)!;
        expect(o.exact, a.internals.system.variables[t]?.key).toBe(false);
        const width = o.max === null || o.max === undefined ? Infinity : o.max.toNumber() - (o.min?.toNumber() ?? 0);
        expect(width, `${c.structureId} ${a.internals.system.variables[t]?.key}`).toBeGreaterThanOrEqual(2);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  }, 120_000);

  it('A4: a second vintage (20 revisions, 5 late structures) keeps every confidential cell of the first masked, and the two cannot be differenced', () => {
    const v1 = first;
    const revised = new Set(Array.from({ length: 20 }, (_, k) => `st_s9_${20 + 23 * k}`));
    const s2: StructureInput[] = inputs.map((x, i) =>
      revised.has(x.structureId) ? structure(x.structureId, x.regionCode, ...protectBundle(syntheticTables(30 + ((i * 7) % 250), 90_000 + i)).tables) : x,
    );
    for (let k = 0; k < 5; k += 1) s2.push(structure(`st_s9_late_${k}`, regions[(3 * k) % 12]!, ...protectBundle(syntheticTables(60 + 40 * k, 95_000 + k)).tables));
    const v2 = aggregate(s2, {}, previousOf(v1, inputs));
    expect(v2.audit).toMatchObject({ passed: true, previousVintage: 'audited', withheldPopulations: [] });
    expect(v2.audit.checks).toContain('A4');
    expect(v2.internals.levels).toEqual(v1.internals.levels);
    for (const t of v1.internals.primary) if ((v2.internals.values[t] ?? 0) > 0) expect(v2.internals.published.has(t), v1.internals.system.variables[t]?.key).toBe(false);
    // Unchanged regions: no margin equation there has a single unknown once both vintages' cells are put together.
    const changedRegions = new Set(s2.filter((x) => revised.has(x.structureId) || x.structureId.includes('late')).map((x) => x.regionCode));
    const unchanged = v2.internals.levels.filter((l) => l !== NATIONAL && !changedRegions.has(l));
    expect(unchanged.length).toBeGreaterThan(0);
    const { system, values } = v2.internals;
    const levelOf = (i: number) => v2.internals.levels.find((l) => system.variables[i]?.key.startsWith(JSON.stringify([l]).slice(0, -1) + ','));
    let equations = 0;
    for (const eq of system.equations) {
      const lv = new Set(eq.terms.map(([j]) => levelOf(j)));
      if (lv.size !== 1 || !unchanged.includes([...lv][0] ?? '')) continue;
      equations += 1;
      const unknown = eq.terms.filter(([j]) => !v1.internals.published.has(j) && !v2.internals.published.has(j));
      expect(unknown.length === 1 && (values[unknown[0]![0]] ?? 0) > 0, system.variables[eq.terms[0]![0]]?.key).toBe(false);
    }
    expect(equations).toBeGreaterThan(0);
  }, 240_000);
});

describe('aggregation in a worker thread (hub serve)', () => {
  it('gives exactly the in-thread result, with and without the previous vintage', async () => {
    const inputs: StructureInput[] = [];
    for (let i = 0; i < 12; i += 1) inputs.push(structure(`st_w${i}`, i % 3 === 0 ? '11' : '53', ...protectBundle(syntheticTables(40 + 9 * i, 50 + i)).tables));
    const worker = workerAggregator();
    try {
      const viaWorker = await worker(inputs, {});
      const inline = aggregate(inputs);
      expect(viaWorker).toEqual({ levels: inline.levels, droppedTables: inline.droppedTables, audit: inline.audit });
      const later = [...inputs, structure('st_w_late', '11', ...protectBundle(syntheticTables(75, 99)).tables)];
      const previous = previousOf(inline, inputs);
      const second = await worker(later, {}, previous);
      const secondInline = aggregate(later, {}, previous);
      expect(second.audit.previousVintage).toBe('audited');
      expect(second).toEqual({ levels: secondInline.levels, droppedTables: secondInline.droppedTables, audit: secondInline.audit });
    } finally {
      await worker.close();
    }
  }, 60_000);
});
