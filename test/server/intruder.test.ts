/**
 * S7 (hub side): an independent intruder — integer bound propagation and search, no LP and no
 * rank test (test/shared/stats/helpers.ts integerRanges) — given only what the hub stored
 * (the normalised cells of every bundle, every period, every revision) cannot pin down any
 * cell the structures masked as confidential: each keeps a range of at least 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attackerView, type ReleaseEntry, type ReleasedCell, type TableSpec } from '../../shared/stats/index';
import { submitEnvelope } from '../../server/services/submission';
import { integerRanges } from '../shared/stats/helpers';
import { envelopeText, makeBundle } from './bundles';
import { enrolTestDevice, openTestHub, type TestHub } from './helpers';

describe('S7: intruder on the hub’s stored cells [sqlite]', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await openTestHub('sqlite');
    const periods = [
      { kind: 'half', year: 2026, index: 1 },
      { kind: 'half', year: 2026, index: 2 },
    ] as const;
    for (let i = 0; i < 6; i += 1) {
      const d = await enrolTestDevice(hub);
      for (const [p, period] of periods.entries()) {
        const rev1 = makeBundle(d, { seed: 1000 + 10 * i + p, size: 25 + 11 * i, period });
        await submitEnvelope(hub.ctx, { body: Buffer.from(envelopeText(rev1, d)), client: 'test' });
        const rev2 = makeBundle(d, { seed: 1000 + 10 * i + p, size: 26 + 11 * i, period, revision: 2, previous: rev1 });
        await submitEnvelope(hub.ctx, { body: Buffer.from(envelopeText(rev2, d)), client: 'test' });
      }
    }
  });
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
});
