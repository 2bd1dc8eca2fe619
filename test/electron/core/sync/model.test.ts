import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodKey, type StatsPeriod } from '../../../../shared/indicators/period';
import { listOutboxFull } from '../../../../electron/core/repositories/sync';
import { runSyncPass, type SyncMilestone } from '../../../../electron/core/sync/engine';
import { syncRuntimeFor } from '../../../../electron/core/sync/runtime';
import { createTestCore } from '../../../helpers/core';
import { FakeHub } from './fake-hub';
import { Q, bundleIds, confirmBundle } from './helpers';

/**
 * Y13: model-based protocol test (fc.commands). Random sequences of "confirm a new revision",
 * "send", "drop the request", "lose the acknowledgement", "deliver a duplicate", "crash the client
 * at a protocol step" and "restore the hub from a backup"; then the network heals. Invariant: the
 * hub's current bundle per period is the last local revision with the same content, every bundle
 * is acknowledged, and no (period, revision) is stored twice.
 */
const PERIODS: StatsPeriod[] = [Q(2026, 1), Q(2026, 2), Q(2026, 3)];
const CRASH_POINTS: SyncMilestone[] = ['outbox_committed', 'sending_marked', 'request_sent', 'response_received', 'before_ack_commit', 'ack_committed'];

interface Model {
  lastRevision: number[];
}

interface Real {
  core: Awaited<ReturnType<typeof createTestCore>>;
  hub: FakeHub;
  ids: () => string;
}

class Crash extends Error {}

async function pass(real: Real, crashAt?: SyncMilestone): Promise<void> {
  const deps = syncRuntimeFor(real.core.ctx).deps({
    milestone: (name) => {
      if (name === crashAt) throw new Crash(name);
    },
  });
  try {
    await runSyncPass(deps, { force: true });
  } catch (error) {
    if (!(error instanceof Crash)) throw error;
  }
}

class ConfirmRevision implements fc.AsyncCommand<Model, Real> {
  constructor(readonly period: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const revision = model.lastRevision[this.period]! + 1;
    await confirmBundle(real.core.ctx.db(), { bundleId: real.ids(), period: PERIODS[this.period]!, revision, seed: revision * 3 + this.period });
    model.lastRevision[this.period] = revision;
  }
  toString = () => `confirm(${this.period})`;
}

class Send implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(_m: Model, real: Real) {
    await pass(real);
  }
  toString = () => 'send';
}

class DropRequest implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(_m: Model, real: Real) {
    real.hub.failNext = { method: '*', count: 1 };
    await pass(real);
    real.hub.failNext = { method: '*', count: 0 };
  }
  toString = () => 'drop';
}

class LoseAck implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(_m: Model, real: Real) {
    real.hub.loseNextAck = 1;
    await pass(real);
    real.hub.loseNextAck = 0;
  }
  toString = () => 'loseAck';
}

class Duplicate implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(_m: Model, real: Real) {
    const rows = await listOutboxFull(real.core.ctx.db());
    const row = rows[this.pick % Math.max(1, rows.length)];
    if (!row) return;
    const before = real.hub.rows.get(row.bundle_id)?.receipt;
    const response = await real.hub.fetch(`http://hub/v1/bundles/${row.bundle_id}`, { method: 'PUT', body: row.envelope });
    // A duplicate of a stored bundle returns the very same receipt and changes nothing.
    if (before) expect(await response.json()).toEqual(before);
  }
  toString = () => `duplicate(${this.pick})`;
}

class CrashClient implements fc.AsyncCommand<Model, Real> {
  constructor(readonly point: SyncMilestone) {}
  check = () => true;
  async run(_m: Model, real: Real) {
    await pass(real, this.point);
  }
  toString = () => `crash(${this.point})`;
}

/** The hub comes back from a backup taken just before its last accepted bundle. */
class RestoreHub implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(_m: Model, real: Real) {
    const last = [...real.hub.rows.values()].sort((a, b) => b.receipt.receipt.serverSeq - a.receipt.receipt.serverSeq)[0];
    if (!last) return;
    real.hub.rows.delete(last.bundleId);
    const previous = [...real.hub.rows.values()].find((r) => periodKey(r.period as StatsPeriod) === periodKey(last.period as StatsPeriod) && r.revision === last.revision - 1);
    if (previous) previous.status = 'current';
  }
  toString = () => 'restoreHub';
}

async function healAndCheck(model: Model, real: Real): Promise<void> {
  for (let i = 0; i < 6; i++) await pass(real);
  const rows = await listOutboxFull(real.core.ctx.db());
  const expectedRows = model.lastRevision.reduce((a, b) => a + b, 0);
  expect(rows).toHaveLength(expectedRows);
  expect(rows.filter((r) => r.state !== 'acked')).toEqual([]);
  const current = real.hub.current();
  for (const [i, period] of PERIODS.entries()) {
    const key = periodKey(period);
    const last = model.lastRevision[i]!;
    if (last === 0) {
      expect(current.has(key)).toBe(false);
      continue;
    }
    const local = rows.find((r) => r.period === key && r.revision === last)!;
    expect(current.get(key)).toMatchObject({ bundleId: local.bundle_id, revision: last, contentSha256: local.content_sha256 });
  }
  const keys = [...real.hub.rows.values()].map((r) => `${periodKey(r.period as StatsPeriod)}#${r.revision}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys).toHaveLength(expectedRows);
}

describe('Y13 model-based protocol test', () => {
  it('converges after any sequence of drops, lost acks, duplicates, crashes and hub restores', async () => {
    const confirm = fc.nat({ max: PERIODS.length - 1 }).map((p) => new ConfirmRevision(p));
    const commands = [
      confirm,
      confirm,
      fc.constant(new Send()),
      fc.constant(new DropRequest()),
      fc.constant(new LoseAck()),
      fc.nat({ max: 30 }).map((n) => new Duplicate(n)),
      fc.constantFrom(...CRASH_POINTS).map((p) => new CrashClient(p)),
      fc.constant(new RestoreHub()),
    ];
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: 'large' }), async (cmds) => {
        const core = await createTestCore();
        try {
          const hub = new FakeHub();
          syncRuntimeFor(core.ctx).transport = { fetch: hub.fetch, backoff: { baseMs: 0, capMs: 0 } };
          const enrolled = await core.dispatch('sync.enrol', { hubUrl: 'http://127.0.0.1:9', code: 'CODE-AAAA-BBBB-CCCC', deviceLabel: 'Poste' });
          expect(enrolled.ok).toBe(true);
          const model: Model = { lastRevision: PERIODS.map(() => 0) };
          const real: Real = { core, hub, ids: bundleIds() };
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          await healAndCheck(model, real);
        } finally {
          core.cleanup();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
