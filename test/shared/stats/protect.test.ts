import { describe, expect, it } from 'vitest';
import {
  TableError,
  auditReceivedBundle,
  buildTable,
  canonicalJson,
  createBundle,
  isWithheld,
  protectBundle,
  type Bundle,
  type BundleMetadata,
  type CountTable,
  type Release,
} from '../../../shared/stats/index';
import { auditHand, buildCase, cellOf, expectSafeRelease, grid, handRelease, oneWay, type Person } from './helpers';

const meta = (revision: number, bundleId: string): BundleMetadata => ({
  bundleId,
  structureId: 'st_k3j9x2m4q8w1',
  siaeKind: 'ACI',
  regionCode: '84',
  period: { kind: 'half', year: 2026, index: 1 },
  revision,
  catalogueVersion: '2026.1',
});
const ID1 = '0192f1c3-6c8e-7d4a-9f2e-3b1a5c7d9e01';
const ID2 = '0192f1c3-6c8e-7d4a-9f2e-3b1a5c7d9e02';

describe('withholding ("non diffusé")', () => {
  it('withholds the table that cannot pass and re-audits the others', () => {
    const t1 = grid('T1', [
      [5, 12, 8],
      [9, 14, 14],
    ]);
    const t2 = oneWay('T2', 'minima', { RSA: 3, ASS: 12, aucun: 47 }, { sensitive: true, nonSensitiveCategories: ['aucun'] });
    // An interval of 100 is impossible for RSA while T1 publishes the total 62.
    const r = protectBundle([t1, t2], { audit: { minIntervalWidth: 100 }, maxRepairRounds: 0 });
    expect(r.report.passed).toBe(true);
    expect(r.report.withheld).toEqual(['T2']);
    expect(r.tables[1]).toEqual({ id: 'T2', withheld: true, reason: 'disclosure_risk' });
    expect(r.report.tables[1]?.status).toBe('withheld');
    expect(r.report.tables[1]?.cells.every((c) => c.status === 'withheld')).toBe(true);
    expect(cellOf(r, 'T1', ['*', '*'])).toEqual({ coords: ['*', '*'], value: 62 });
  });

  it('repairs by extra suppression before withholding', () => {
    const t = oneWay('T', 'x', { a: 3, b: 10, c: 12 });
    const r = protectBundle([t], { audit: { minIntervalWidth: 100 } });
    expect(r.report.passed).toBe(true);
    expect(r.report.withheld).toEqual([]);
    expect(r.report.repairRounds).toBeGreaterThan(0);
    expect(cellOf(r, 'T', ['*'])).toEqual({ coords: ['*'], suppressed: 'secondary' });
  });

  it('refuses inconsistent linked tables', () => {
    const a = oneWay('A', 'x', { u: 6, v: 7 });
    const b = oneWay('B', 'y', { p: 6, q: 8 });
    expect(() => protectBundle([a, b])).toThrow(TableError);
  });
});

describe('S6 — revisions of the same period', () => {
  const t = oneWay('T4', 'sortie', { emploi: 3, formation: 8, autre: 20 });
  const rev1 = handRelease([t], { T4: [['emploi'], ['formation']] });
  const rev2 = handRelease([t], { T4: [['emploi'], ['autre']] });

  it('audit catches differencing between two individually safe revisions', () => {
    expect(auditHand([t], rev1).audit.passed).toBe(true);
    expect(auditHand([t], rev2).audit.passed).toBe(true);
    const joint = auditHand([t], rev2, undefined, rev1);
    expect(joint.audit.passed).toBe(false);
    expect(joint.verdict('T4', ['emploi'])?.exact).toBe(true);
  });

  it('protection keeps the previous mask where needed', () => {
    const r = protectBundle([t], {}, rev1);
    expect(r.report.passed).toBe(true);
    expect(cellOf(r, 'T4', ['formation'])).toEqual({ coords: ['formation'], suppressed: 'secondary' });
    expect(auditHand([t], r, undefined, rev1).audit.passed).toBe(true);
  });

  it('a cell published before and now small is audited against the new release alone', () => {
    const before = oneWay('T', 'x', { a: 6, b: 7, c: 20 });
    const prev = protectBundle([before]);
    expect(prev.report.tables[0]?.cells.every((c) => c.status === 'published')).toBe(true);
    // one person moves from a to c: a = 4 is now confidential, b, c and the total stay
    // published (mask stability) and would give a = 33 − 7 − 22 → the table is withheld.
    const after = oneWay('T', 'x', { a: 4, b: 7, c: 22 });
    const r = protectBundle([after], {}, prev);
    expect(r.report.passed).toBe(true);
    expect(r.report.withheld).toEqual(['T']);
    expect(auditHand([after], handRelease([after], { T: [['a']] }), undefined, prev).audit.passed).toBe(false);
  });

  it('one person changing attribute: rev 2 passes jointly, at the hub too', () => {
    const persons: Person[] = Array.from({ length: 23 }, (_, i) => ({ a: i % 2, b: i % 3, s: i % 4, c: i % 5 }));
    const shapes = ['AxB', 'S', 'SxA', 'C'] as const;
    const case1 = buildCase(3, 4, shapes, persons);
    const changed = persons.map((p, i) => (i === 4 ? { ...p, s: (p.s + 1) % 4 } : p));
    const case2 = buildCase(3, 4, shapes, changed);
    const r1 = protectBundle(case1.tables);
    expectSafeRelease(case1.tables, r1);
    const b1 = createBundle(meta(1, ID1), r1);
    const r2 = protectBundle(case2.tables, {}, b1);
    expect(r2.report.passed).toBe(true);
    const b2 = createBundle(meta(2, ID2), r2);
    expect(auditReceivedBundle(b2, b1).passed).toBe(true);
    // mask stability: a non-zero cell hidden in rev 1 stays hidden in rev 2
    for (const t of b1.tables) {
      if (isWithheld(t)) continue;
      for (const c of t.cells) {
        const now = cellOf(r2, t.id, c.coords);
        const value = case2.tables.find((x) => x.id === t.id)?.cells.find((x) => x.coords.join() === c.coords.join())?.value;
        if ('suppressed' in c && now !== undefined && (value ?? 0) > 0) expect('suppressed' in now).toBe(true);
      }
    }
  });
});

describe('S10 — determinism', () => {
  const persons: Person[] = Array.from({ length: 37 }, (_, i) => ({ a: (i * 7) % 3, b: (i * 5) % 7, s: (i * 3) % 5, c: i % 4 }));
  const make = (): readonly CountTable[] => buildCase(4, 4, ['AxB', 'S', 'C', 'SxA', 'B'], persons).tables;

  it('same input → byte-identical bundle and identical report', () => {
    const a = protectBundle(make());
    const b = protectBundle(make());
    expect(canonicalJson(JSON.parse(JSON.stringify(a.report)))).toBe(canonicalJson(JSON.parse(JSON.stringify(b.report))));
    const ba: Bundle = createBundle(meta(1, ID1), a);
    const bb: Bundle = createBundle(meta(1, ID1), b);
    expect(canonicalJson(ba)).toBe(canonicalJson(bb));
  });

  it('the mask does not depend on the order of tables or of cells', () => {
    const tables = make();
    const shuffled = [...tables].reverse().map((t) => ({ ...t, cells: [...t.cells].reverse() }));
    const a = protectBundle(tables);
    const b = protectBundle(shuffled);
    const byId = (r: Release) => Object.fromEntries(r.tables.map((t) => [t.id, t]));
    expect(byId(b)).toEqual(byId(a));
  });

  it('a table built twice from shuffled microdata gives the same cells', () => {
    const spec = { id: 'T', population: 'p', sensitive: false, dimensions: [{ code: 'x', categories: ['a', 'b'] }] };
    const one = buildTable(spec, [{ coords: ['a'], count: 1 }, { coords: ['b'], count: 2 }, { coords: ['a'], count: 3 }]);
    const two = buildTable(spec, [{ coords: ['a'], count: 3 }, { coords: ['a'], count: 1 }, { coords: ['b'], count: 2 }]);
    expect(one).toEqual(two);
  });
});
