import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AUDIT_OPTIONS,
  DEFAULT_PRIMARY_POLICY,
  auditReceivedBundle,
  bundlePolicy,
  bundleSchema,
  bundleToAttackerView,
  canonicalJson,
  createBundle,
  parseBundle,
  protectBundle,
  serializeBundle,
  type Bundle,
  type BundleMetadata,
  type Release,
} from '../../../shared/stats/index';
import { grid, handRelease, oneWay } from './helpers';

const meta: BundleMetadata = {
  bundleId: '0192f1c3-6c8e-7d4a-9f2e-3b1a5c7d9e01',
  structureId: 'st_k3j9x2m4q8w1',
  siaeKind: 'EI',
  regionCode: '11',
  period: { kind: 'year', year: 2025, index: 1 },
  revision: 1,
  catalogueVersion: '2026.1',
};

const t1 = grid('T1', [
  [5, 12, 3],
  [9, 14, 14],
]);
const t2 = oneWay('T2', 'minima', { RSA: 3, ASS: 12, aucun: 42 }, { sensitive: true, nonSensitiveCategories: ['aucun'] });

/** A bundle around any release — including unsafe hand-made ones, as a tampered client could send. */
function rawBundle(release: Release, overrides: Partial<Bundle> = {}): Bundle {
  return parseBundle({
    schemaVersion: '1.0',
    ...meta,
    policy: bundlePolicy(DEFAULT_PRIMARY_POLICY, DEFAULT_AUDIT_OPTIONS),
    audit: { passed: true, algorithm: 'test', checks: ['A1', 'A2', 'A3', 'A4'] },
    tables: release.tables,
    ...overrides,
  });
}

describe('bundle schema', () => {
  const good = createBundle(meta, protectBundle([t1, t2]));

  it('round-trips through canonical JSON', () => {
    const text = serializeBundle(good);
    expect(text).toBe(canonicalJson(good));
    expect(text).not.toMatch(/\s/);
    expect(parseBundle(JSON.parse(text))).toEqual(good);
    expect(good.tables.every((t) => 'withheld' in t || t.cells.every((c) => !('value' in c && 'suppressed' in c)))).toBe(true);
  });

  it('carries no value for suppressed cells', () => {
    const t = good.tables.find((x) => x.id === 'T2');
    if (t === undefined || 'withheld' in t) throw new Error('T2 expected');
    expect(t.cells.find((c) => c.coords[0] === 'RSA')).toEqual({ coords: ['RSA'], suppressed: 'primary' });
  });

  it.each<[string, (b: Bundle) => unknown]>([
    ['a UUIDv4 bundle id', (b) => ({ ...b, bundleId: '0192f1c3-6c8e-4d4a-9f2e-3b1a5c7d9e01' })],
    ['an uppercase UUID', (b) => ({ ...b, bundleId: b.bundleId.toUpperCase() })],
    ['a SIRET as structure id', (b) => ({ ...b, structureId: '12345678901234' })],
    ['an unknown region', (b) => ({ ...b, regionCode: '99' })],
    ['an unknown SIAE kind', (b) => ({ ...b, siaeKind: 'SCOP' })],
    ['a third half-year', (b) => ({ ...b, period: { kind: 'half', year: 2025, index: 3 } })],
    ['revision 0', (b) => ({ ...b, revision: 0 })],
    ['another major schema version', (b) => ({ ...b, schemaVersion: '2.0' })],
    ['an audit that did not pass', (b) => ({ ...b, audit: { ...b.audit, passed: false } })],
    ['a missing cell', (b) => withTable(b, (t) => ({ ...t, cells: t.cells.slice(1) }))],
    ['a duplicated cell', (b) => withTable(b, (t) => ({ ...t, cells: [...t.cells, t.cells[0]] }))],
    ['an unknown coordinate', (b) => withTable(b, (t) => ({ ...t, cells: [...t.cells.slice(1), { coords: ['X', '*'], value: 1 }] }))],
    ['a true value next to a suppression flag', (b) => withTable(b, (t) => ({ ...t, cells: t.cells.map((c) => ('suppressed' in c ? { ...c, value: 3 } : c)) }))],
    ['a negative count', (b) => withTable(b, (t) => ({ ...t, cells: t.cells.map((c) => ('value' in c ? { ...c, value: -1 } : c)) }))],
    ['cells in a withheld table', (b) => ({ ...b, tables: [...b.tables, { id: 'T9', withheld: true, reason: 'disclosure_risk', cells: [] }] })],
    ['a duplicate table id', (b) => ({ ...b, tables: [...b.tables, b.tables[0]] })],
  ])('rejects %s', (_name, mutate) => {
    expect(bundleSchema.safeParse(mutate(good)).success).toBe(false);
  });

  it('accepts a later minor version and ignores unknown top-level fields', () => {
    const parsed = parseBundle({ ...good, schemaVersion: '1.3', futureField: 1 });
    expect(parsed.schemaVersion).toBe('1.3');
    expect('futureField' in parsed).toBe(false);
  });

  it('refuses to build a bundle from a failed protection', () => {
    const failed = protectBundle([t1, t2]);
    expect(() => createBundle(meta, { ...failed, report: { ...failed.report, passed: false } })).toThrow(/audit/);
  });

  function withTable(b: Bundle, f: (t: Extract<Bundle['tables'][number], { cells: unknown }>) => unknown): unknown {
    return { ...b, tables: b.tables.map((t) => ('cells' in t ? f(t) : t)) };
  }
});

describe('S8 — hub re-audit of a received bundle', () => {
  it('accepts what protectBundle produced', () => {
    const b = createBundle(meta, protectBundle([t1, t2]));
    const audit = auditReceivedBundle(b);
    expect(audit).toMatchObject({ passed: true, problems: [], primaryViolations: [] });
    expect(audit.cells.length).toBeGreaterThan(0);
    expect(audit.cells.every((c) => c.failures.length === 0)).toBe(true);
  });

  it('rejects a bundle where a suppressed cell is derivable', () => {
    const b = rawBundle(handRelease([t1, t2], { T1: [['r0', 'c2']], T2: [['RSA'], ['ASS']] }));
    const audit = auditReceivedBundle(b);
    expect(audit.passed).toBe(false);
    expect(audit.cells.find((c) => c.tableId === 'T1' && c.coords.join() === 'r0,c2')?.failures).toContainEqual({ check: 'A1', kind: 'exact' });
    // RSA + ASS = 15 known, both in [0, 15]: fine
    expect(audit.cells.find((c) => c.tableId === 'T2' && c.coords.join() === 'RSA')?.failures).toEqual([]);
  });

  it('rejects a narrow interval (zero trap) and a published small count', () => {
    const z = grid('Z', [
      [12, 0, 3, 9],
      [7, 0, 2, 11],
      [20, 6, 15, 8],
    ]);
    const trap = auditReceivedBundle(rawBundle(handRelease([z], { Z: [['r0', 'c2'], ['r1', 'c2'], ['r0', 'c1'], ['r1', 'c1']] })));
    expect(trap.passed).toBe(false);
    expect(trap.cells.flatMap((c) => c.failures.map((f) => f.kind))).toContain('narrow_interval');

    const leaky = auditReceivedBundle(rawBundle(handRelease([z], {})));
    expect(leaky.primaryViolations.map((v) => v.value)).toEqual([3, 2]);
  });

  it('applies the hub floor when a bundle declares a weaker policy', () => {
    const t = oneWay('T', 'x', { a: 4, b: 30 });
    const weak = rawBundle(handRelease([t], {}), { policy: { ...bundlePolicy(DEFAULT_PRIMARY_POLICY, DEFAULT_AUDIT_OPTIONS), minCount: 3 } });
    expect(auditReceivedBundle(weak).primaryViolations).toEqual([{ tableId: 'T', coords: ['a'], value: 4 }]);
  });

  it('flags inconsistent margins and conflicting linked cells', () => {
    const t = oneWay('T', 'x', { a: 10, b: 30 });
    const bad = handRelease([t], {});
    const tampered: Release = { tables: bad.tables.map((x) => ('cells' in x ? { ...x, cells: x.cells.map((c) => ('value' in c && c.coords[0] === '*' ? { ...c, value: 41 } : c)) } : x)) };
    expect(auditReceivedBundle(rawBundle(tampered)).problems.join()).toMatch(/contradict/);
  });

  it('audits jointly with the previous revision and checks it belongs to the same series', () => {
    const t = oneWay('T4', 'sortie', { emploi: 3, formation: 8, autre: 20 });
    const rev1 = rawBundle(handRelease([t], { T4: [['emploi'], ['formation']] }));
    const rev2 = rawBundle(handRelease([t], { T4: [['emploi'], ['autre']] }), { revision: 2, bundleId: '0192f1c3-6c8e-7d4a-9f2e-3b1a5c7d9e02' });
    expect(auditReceivedBundle(rev2).passed).toBe(true);
    expect(auditReceivedBundle(rev2, rev1).passed).toBe(false);
    const other = rawBundle(handRelease([t], { T4: [['emploi'], ['formation']] }), { structureId: 'st_otherstructure' });
    expect(auditReceivedBundle(rev2, other).problems).toContain('previous revision belongs to another structure');
  });

  it('rebuilds the linear system from a bundle', () => {
    const b = createBundle(meta, protectBundle([t1, t2]));
    const view = bundleToAttackerView(b);
    expect(view.system.tables.map((t) => t.id)).toEqual(['T1', 'T2']);
    // shared grand total: 57 = T1 total = T2 total
    const total = view.system.indexOf.get(JSON.stringify(['p', []]));
    expect(total !== undefined && view.published.get(total)).toBe(57);
    expect(view.primary.size).toBeGreaterThan(0);
  });
});
