import fc from 'fast-check';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { periodKey, type StatsPeriod } from '../../../../shared/indicators/period';
import { HubClient, type FetchLike } from '../../../../electron/core/sync/http';
import type { PassResult, SyncMilestone } from '../../../../electron/core/sync/engine';
import { syncRuntimeFor } from '../../../../electron/core/sync/runtime';
import { bundlesOf } from '../../../../server/repositories/bundles';
import { enrolDevice } from '../../../../server/services/enrolment';
import { aggregatePeriod, loadPeriodContributions } from '../../../../server/services/report';
import { NATIONAL } from '../../../../server/services/aggregate';
import { deviceKeys, envelopeText } from '../../../server/bundles';
import { tempDir } from '../../../helpers/fixtures';
import { Laptop } from './laptop';
import { bundleIds, bundleJson, confirmBundle } from './helpers';
import { startRealHub, type RealHub } from './real-hub';

/**
 * Y13 against the REAL hub (server/**, embedded SQLite, in-process on 127.0.0.1): random
 * sequences of protocol faults run by `fc.commands` on two laptops (two structures), then the
 * network heals. Shared by the CI test (a few dozen runs) and `npm run soak:sync` (many more).
 *
 * Invariant after healing and a bounded number of passes: per (structure, period) the hub's
 * current bundle is the last local revision (same bundle id, same sha256) and it stores each
 * revision exactly once; every outbox row is acknowledged (or superseded); and the federation
 * aggregation counts each structure once per period (its input holds exactly one bundle per
 * structure, and the published national cells equal the sum of the structures' last revisions).
 *
 * Why three "filler" structures: with the laptops' two structures alone, the federation rules
 * (≥ 3 structures per published cell, the insider who subtracts its own figures) mask every
 * cell, so a duplicated bundle would be invisible in the released figures. Three more structures
 * of the same region, each with one fixed bundle per period sent once at start, keep the
 * national cells publishable whatever the laptops did; a structure counted twice (or a stale
 * revision counted) then shows as a wrong published value.
 */
export const MODEL_PERIODS: readonly StatsPeriod[] = [1, 2, 3].map((index) => ({ kind: 'quarter', year: 2026, index }) as StatsPeriod);
const CRASH_POINTS: readonly SyncMilestone[] = ['outbox_committed', 'sending_marked', 'request_sent', 'response_received', 'before_ack_commit', 'ack_committed'];
const LAPTOPS = 2;
const FILLERS = 3;
const REGION = '32';

/** Faults the test injects into one laptop's transport (the next PUT only). */
interface Faults {
  /** The request never reaches the hub (cut before sending). */
  cut: number;
  /** The hub commits, then the answer is lost (connection reset on the way back). */
  loseAck: number;
  /** The request is held in the network and delivered later (reordering, delay). */
  delay: number;
}

interface HeldRequest {
  readonly url: string;
  readonly init: RequestInit;
}

class SimLaptop {
  readonly faults: Faults = { cut: 0, loseAck: 0, delay: 0 };
  readonly delayed: HeldRequest[] = [];
  readonly inFlight = new Set<Promise<unknown>>();
  readonly lastRevision: number[] = MODEL_PERIODS.map(() => 0);
  readonly laptop: Laptop;
  readonly #ids: () => string;

  constructor(dir: string, index: number) {
    this.laptop = new Laptop(dir);
    // Distinct, deterministic UUIDv7s per laptop (the Laptop's own generator starts at Date.now()).
    this.#ids = bundleIds(Date.parse('2026-11-01T00:00:00Z') + index * 1_000_000_000);
    this.laptop.transport = { ...this.laptop.transport, fetch: this.#fetch };
  }

  nextId(): string {
    return this.#ids();
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  /** The laptop's fetch: the real one to the hub, unless a fault is armed for the next PUT. */
  readonly #fetch: FetchLike = async (url, init) => {
    if (init.method === 'PUT') {
      if (this.faults.cut > 0) {
        this.faults.cut--;
        throw new TypeError('fetch failed (simulated cut)');
      }
      if (this.faults.delay > 0) {
        this.faults.delay--;
        // The signal belongs to the laptop's call, which gives up now; the copy travels on.
        const { signal: _signal, ...rest } = init;
        this.delayed.push({ url, init: rest });
        throw new TypeError('fetch failed (simulated delay)');
      }
      if (this.faults.loseAck > 0) {
        this.faults.loseAck--;
        const response = await this.#track(fetch(url, init));
        await response.text();
        throw new TypeError('fetch failed (simulated lost acknowledgement)');
      }
    }
    return this.#track(fetch(url, init));
  };

  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

interface World {
  readonly hub: RealHub;
  readonly laptops: readonly SimLaptop[];
  readonly structureIds: readonly string[];
  readonly fillerStructureIds: readonly string[];
  /** Every fault or check that went wrong inside a command (reported at the end with the sequence). */
  readonly problems: string[];
}

/** The expected state (last confirmed revision per period) lives with each SimLaptop. */
type Model = Record<string, never>;
type Cmd = fc.AsyncCommand<Model, World>;

const always = () => true;

/** One sync pass of a laptop; with `crashAt`, the process "dies" at that step (null is returned). */
async function pass(sim: SimLaptop, crashAt?: SyncMilestone): Promise<PassResult | null> {
  const core = await sim.laptop.open();
  try {
    return await syncRuntimeFor(core.ctx).runPass(
      { force: true },
      {
        milestone: (name) => {
          if (name === crashAt) throw new Crash(name);
        },
      },
    );
  } catch (error) {
    if (!(error instanceof Crash)) throw error;
    // The process died here: nothing in memory survives, the store is opened afresh.
    sim.laptop.close();
    await sim.laptop.open();
    return null;
  }
}

class Crash extends Error {}

class Confirm implements Cmd {
  constructor(
    readonly who: number,
    readonly period: number,
  ) {}
  check = always;
  async run(_m: Model, w: World) {
    const sim = w.laptops[this.who]!;
    const revision = sim.lastRevision[this.period]! + 1;
    const core = await sim.laptop.open();
    await confirmBundle(core.ctx.db(), {
      bundleId: sim.nextId(),
      period: MODEL_PERIODS[this.period]!,
      revision,
      // Different figures per laptop, period and revision (so a wrong revision shows in totals).
      seed: revision * 5 + this.period + this.who * 2,
      createdAt: new Date().toISOString(),
    });
    sim.lastRevision[this.period] = revision;
  }
  toString = () => `confirm(laptop ${this.who}, Q${this.period + 1})`;
}

class Send implements Cmd {
  constructor(readonly who: number) {}
  check = always;
  async run(_m: Model, w: World) {
    await pass(w.laptops[this.who]!);
  }
  toString = () => `send(${this.who})`;
}

class Fault implements Cmd {
  constructor(
    readonly who: number,
    readonly kind: keyof Faults,
  ) {}
  check = always;
  async run(_m: Model, w: World) {
    const sim = w.laptops[this.who]!;
    sim.faults[this.kind] = 1;
    await pass(sim);
    sim.faults[this.kind] = 0;
  }
  toString = () => `${this.kind}(${this.who})`;
}

/** A request held in the network arrives now, late and possibly after newer ones. */
class DeliverDelayed implements Cmd {
  constructor(
    readonly who: number,
    readonly pick: number,
  ) {}
  check = always;
  async run(_m: Model, w: World) {
    const sim = w.laptops[this.who]!;
    if (sim.delayed.length === 0) return;
    const [held] = sim.delayed.splice(this.pick % sim.delayed.length, 1);
    const before = await currentRevisions(w);
    // A pooled connection to a restarted hub may be dead: one more try, else the message is lost.
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await (await fetch(held!.url, held!.init)).text();
        break;
      } catch {
        // Lost in the network: the laptop's own retries cover it.
      }
    }
    noteRegression(w, before, await currentRevisions(w), this.toString());
  }
  toString = () => `deliverDelayed(${this.who}, ${this.pick})`;
}

/**
 * Someone (a proxy, a retrying middlebox) sends a queued envelope again, several times at once:
 * every 2xx answer carries the same receipt, a bundle the hub held already gets 200, and nothing
 * older ever becomes current.
 */
class DuplicatePut implements Cmd {
  constructor(
    readonly who: number,
    readonly pick: number,
    readonly copies: number,
  ) {}
  check = always;
  async run(_m: Model, w: World) {
    const sim = w.laptops[this.who]!;
    const rows = await sim.laptop.outbox();
    const row = rows[this.pick % Math.max(1, rows.length)];
    if (!row) return;
    const heldBefore = (await w.hub.held(row.structure_id)).some((h) => h.bundleId === row.bundle_id);
    const before = await currentRevisions(w);
    const client = new HubClient(w.hub.url);
    const outcomes = await Promise.all(Array.from({ length: this.copies }, () => client.putBundle(row.bundle_id, row.envelope)));
    const receipts = new Set(outcomes.filter((o) => o.kind === 'ok').map((o) => JSON.stringify(o.body)));
    if (receipts.size > 1) w.problems.push(`${this.toString()}: ${receipts.size} different receipts for one bundle`);
    // A transport failure says nothing about the hub (a pooled connection to a restarted hub dies).
    const answers = outcomes.filter((o) => o.kind !== 'network');
    if (heldBefore && answers.some((o) => o.kind !== 'ok' || o.status !== 200)) {
      w.problems.push(`${this.toString()}: a held bundle was not answered 200 (${answers.map((o) => (o.kind === 'ok' ? o.status : o.code)).join(', ')})`);
    }
    noteRegression(w, before, await currentRevisions(w), this.toString());
  }
  toString = () => `duplicatePut(${this.who}, ${this.pick}, ×${this.copies})`;
}

/** An older revision's envelope arrives again (replay, or a request overtaken by newer ones). */
class ResendOlder implements Cmd {
  constructor(
    readonly who: number,
    readonly pick: number,
  ) {}
  check = always;
  async run(_m: Model, w: World) {
    const sim = w.laptops[this.who]!;
    const rows = await sim.laptop.outbox();
    const older = rows.filter((r) => rows.some((n) => n.period === r.period && n.revision > r.revision));
    const row = older[this.pick % Math.max(1, older.length)];
    if (!row) return;
    const before = await currentRevisions(w);
    await new HubClient(w.hub.url).putBundle(row.bundle_id, row.envelope);
    noteRegression(w, before, await currentRevisions(w), this.toString());
  }
  toString = () => `resendOlder(${this.who}, ${this.pick})`;
}

class CrashLaptop implements Cmd {
  constructor(
    readonly who: number,
    readonly point: SyncMilestone,
  ) {}
  check = always;
  async run(_m: Model, w: World) {
    await pass(w.laptops[this.who]!, this.point);
  }
  toString = () => `crash(${this.who}, ${this.point})`;
}

/** The hub process stops and starts again on the same data folder (and port). */
class RestartHub implements Cmd {
  check = always;
  async run(_m: Model, w: World) {
    for (const sim of w.laptops) await sim.settle();
    await w.hub.restart();
  }
  toString = () => 'restartHub';
}

/** The hub is restored from a backup taken just before its latest bundle arrived. */
class RestoreHub implements Cmd {
  check = always;
  async run(_m: Model, w: World) {
    for (const sim of w.laptops) await sim.settle();
    const rows = (await Promise.all(w.structureIds.map((sid) => bundlesOf(w.hub.context().db, sid)))).flat();
    const last = rows.filter((r) => r.status === 'current').sort((a, b) => b.server_seq - a.server_seq)[0];
    if (last) await w.hub.forget(last.bundle_id);
  }
  toString = () => 'restoreHub';
}

/** (structure, period) → current revision at the hub. */
async function currentRevisions(w: World): Promise<Map<string, number>> {
  const byStructure = new Map<string, number>();
  for (const sid of w.structureIds) for (const h of await w.hub.held(sid)) if (h.status === 'current') byStructure.set(`${sid}/${h.periodKey}`, h.revision);
  return byStructure;
}

/** Nothing but a restore from backup may move a current revision backwards. */
function noteRegression(w: World, before: Map<string, number>, after: Map<string, number>, step: string): void {
  for (const [key, revision] of before) {
    const now = after.get(key);
    if (now === undefined || now < revision) w.problems.push(`${step}: ${key} went from r${revision} to ${now === undefined ? 'nothing' : `r${now}`}`);
  }
}

export function modelCommands(): fc.Arbitrary<Cmd>[] {
  const who = fc.nat({ max: LAPTOPS - 1 });
  const period = fc.nat({ max: MODEL_PERIODS.length - 1 });
  const confirm = fc.tuple(who, period).map(([w, p]) => new Confirm(w, p));
  return [
    confirm,
    confirm,
    who.map((w) => new Send(w)),
    fc.tuple(who, fc.constantFrom<keyof Faults>('cut', 'loseAck', 'delay')).map(([w, k]) => new Fault(w, k)),
    fc.tuple(who, fc.nat({ max: 10 })).map(([w, p]) => new DeliverDelayed(w, p)),
    fc.tuple(who, fc.nat({ max: 30 }), fc.integer({ min: 1, max: 4 })).map(([w, p, c]) => new DuplicatePut(w, p, c)),
    fc.tuple(who, fc.nat({ max: 30 })).map(([w, p]) => new ResendOlder(w, p)),
    fc.tuple(who, fc.constantFrom(...CRASH_POINTS)).map(([w, p]) => new CrashLaptop(w, p)),
    fc.constant(new RestartHub()),
    fc.constant(new RestoreHub()),
  ];
}

async function setUpWorld(dir: string): Promise<World> {
  const hub = await startRealHub();
  const laptops: SimLaptop[] = [];
  const structureIds: string[] = [];
  for (let i = 0; i < LAPTOPS; i++) {
    const laptopDir = join(dir, `laptop-${i}`);
    mkdirSync(laptopDir, { recursive: true });
    const sim = new SimLaptop(laptopDir, i);
    await sim.laptop.setUp();
    await sim.laptop.enrol(hub.url, await hub.issueCode(`ACI du modèle ${i + 1}`, REGION));
    structureIds.push(await sim.laptop.structureId());
    laptops.push(sim);
  }
  const fillerStructureIds: string[] = [];
  for (let i = 0; i < FILLERS; i++) {
    const keys = deviceKeys();
    const code = await hub.issueCode(`EI témoin ${i + 1}`, REGION);
    const enrolled = await enrolDevice(hub.context(), { code, publicKey: keys.publicKeyB64, deviceLabel: 'Témoin', appVersion: '1.0.0' }, `10.9.0.${i + 1}`);
    fillerStructureIds.push(enrolled.structureId);
    const ids = bundleIds(Date.parse('2026-10-01T00:00:00Z') + i * 1_000_000);
    for (const [p, period] of MODEL_PERIODS.entries()) {
      const payload = JSON.parse(bundleJson({ bundleId: ids(), structureId: enrolled.structureId, period, revision: 1, seed: 4 + 3 * i + p })) as object;
      const outcome = await new HubClient(hub.url).putBundle((payload as { bundleId: string }).bundleId, envelopeText(payload, { deviceId: enrolled.deviceId, privateKey: keys.privateKey }));
      if (outcome.kind !== 'ok') throw new Error(`filler bundle refused: ${JSON.stringify(outcome)}`);
    }
  }
  return { hub, laptops, structureIds, fillerStructureIds, problems: [] };
}

/** Heals the network, lets each laptop run a bounded number of passes, and lists every broken invariant. */
export async function healAndCheck(w: World, maxPasses = 8): Promise<string[]> {
  for (const sim of w.laptops) {
    sim.faults.cut = sim.faults.loseAck = sim.faults.delay = 0;
    await sim.settle();
    // Whatever the network still held arrives now, late (and must change nothing it should not).
    while (sim.delayed.length > 0) await new DeliverDelayed(w.laptops.indexOf(sim), 0).run({} as Model, w);
  }
  const problems = [...w.problems];
  for (const sim of w.laptops) {
    // Healed = a pass that reached the hub, reconciled, requeued nothing and left nothing to send.
    // (The first call after a hub restart may fail on a connection the old process closed.)
    for (let i = 0; i < maxPasses; i++) {
      const result = await pass(sim);
      const rows = await sim.laptop.outbox();
      const settled = rows.every((r) => r.state === 'acked' || r.state === 'superseded');
      if (settled && result?.online === true && result.reconcileProblem === null && result.requeued.length === 0) break;
    }
    await sim.settle();
  }

  const lastBundles = new Map<string, string>(); // `${structure}/${period}` → canonical payload of the last revision
  for (const [i, sim] of w.laptops.entries()) {
    const sid = w.structureIds[i]!;
    const rows = await sim.laptop.outbox();
    const expected = sim.lastRevision.reduce((a, b) => a + b, 0);
    if (rows.length !== expected) problems.push(`laptop ${i}: ${rows.length} outbox rows, ${expected} confirmed`);
    for (const r of rows) if (r.state !== 'acked' && r.state !== 'superseded') problems.push(`laptop ${i}: ${r.period} r${r.revision} is ${r.state} (${r.last_error_code ?? '-'})`);
    const held = await w.hub.held(sid);
    const keys = held.map((h) => `${h.periodKey}#${h.revision}`);
    if (new Set(keys).size !== keys.length) problems.push(`laptop ${i}: (period, revision) stored twice at the hub: ${keys.join(', ')}`);
    if (held.length !== expected) problems.push(`laptop ${i}: the hub holds ${held.length} bundles, ${expected} were confirmed`);
    for (const [p, period] of MODEL_PERIODS.entries()) {
      const key = periodKey(period);
      const last = sim.lastRevision[p]!;
      const current = held.filter((h) => h.periodKey === key && h.status === 'current');
      if (last === 0) {
        if (held.some((h) => h.periodKey === key)) problems.push(`laptop ${i}: the hub holds ${key} that was never confirmed`);
        continue;
      }
      const local = rows.find((r) => r.period === key && r.revision === last);
      if (current.length !== 1) problems.push(`laptop ${i}: ${current.length} current bundles for ${key}`);
      else if (!local || current[0]!.bundleId !== local.bundle_id || current[0]!.contentSha256 !== local.content_sha256) {
        problems.push(`laptop ${i}: hub current for ${key} is r${current[0]!.revision}, last local revision is r${last}`);
      } else {
        lastBundles.set(`${sid}/${key}`, (JSON.parse(local.envelope) as { payload: unknown }).payload as never);
      }
    }
  }
  if (problems.length === 0) problems.push(...(await checkAggregation(w, lastBundles)));
  return problems;
}

interface PayloadTable {
  id: string;
  cells: { coords: string[]; value?: number }[];
}

/** Each structure exactly once in the period's aggregation input, and in the published national figures. */
async function checkAggregation(w: World, lastBundles: Map<string, unknown>): Promise<string[]> {
  const problems: string[] = [];
  const ctx = w.hub.context();
  for (const period of MODEL_PERIODS) {
    const key = periodKey(period);
    const contributors = [...w.fillerStructureIds, ...w.structureIds.filter((sid) => lastBundles.has(`${sid}/${key}`))];
    const inputs = await loadPeriodContributions(ctx, key);
    const ids = inputs.map((s) => s.structureId).sort();
    if (JSON.stringify(ids) !== JSON.stringify([...contributors].sort())) problems.push(`${key}: aggregation input structures ${ids.join(',')} ≠ ${contributors.join(',')}`);

    // Expected national value of each T1 cell: fillers' stored cells + each laptop's last revision.
    const expected = new Map<string, number>();
    const add = (coords: readonly string[], value: number | undefined) => {
      if (value === undefined) return;
      const k = JSON.stringify(coords);
      expected.set(k, (expected.get(k) ?? 0) + value);
    };
    for (const input of inputs.filter((s) => w.fillerStructureIds.includes(s.structureId))) {
      for (const t of input.release.tables) if (t.id === 'T1' && 'cells' in t) for (const c of t.cells) add(c.coords, 'value' in c ? c.value : undefined);
    }
    for (const sid of w.structureIds) {
      const payload = lastBundles.get(`${sid}/${key}`) as { tables: PayloadTable[] } | undefined;
      for (const t of payload?.tables ?? []) if (t.id === 'T1') for (const c of t.cells) add(c.coords, c.value);
    }
    const result = await aggregatePeriod(ctx, period);
    const national = result.levels.find((l) => l.level === NATIONAL)?.tables.find((t) => t.id === 'T1');
    if (!national) {
      problems.push(`${key}: no national T1 table`);
      continue;
    }
    if (national.contributingStructures !== contributors.length) problems.push(`${key}: ${national.contributingStructures} contributing structures, expected ${contributors.length}`);
    let published = 0;
    for (const cell of national.cells) {
      if (cell.flag !== 'V' || cell.nonVentile) continue;
      published++;
      const want = expected.get(JSON.stringify(cell.coords));
      if (cell.value !== want) problems.push(`${key}: national T1 ${JSON.stringify(cell.coords)} = ${cell.value}, expected ${want}`);
    }
    if (published === 0) problems.push(`${key}: the national T1 table published nothing (the check would be empty)`);
  }
  return problems;
}

/** Runs the model `numRuns` times (fresh hub and laptops each time); throws with the shrunk sequence on failure. */
export async function checkRealHubModel(options: { numRuns: number; maxCommands?: number; seed?: number }): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.commands(modelCommands(), { maxCommands: options.maxCommands ?? 25, size: 'large' }), async (cmds) => {
      const temp = tempDir();
      const world = await setUpWorld(temp.dir);
      try {
        await fc.asyncModelRun(() => ({ model: {} as Model, real: world }), cmds);
        const problems = await healAndCheck(world);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      } finally {
        for (const sim of world.laptops) {
          await sim.settle();
          sim.laptop.close();
        }
        await world.hub.stop();
        temp.cleanup();
      }
    }),
    { numRuns: options.numRuns, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
  );
}
