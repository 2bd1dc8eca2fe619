import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StatsPeriod } from '../../../../shared/indicators/period';
import { getDevice } from '../../../../electron/core/repositories/sync';
import { enqueueConfirmedBundles } from '../../../../electron/core/sync/engine';
import { verifyReceipt } from '../../../../electron/core/sync/receipt';
import { spawn } from 'node:child_process';
import type { CliResult } from '../../../helpers/cli';
import { startFaultProxy, type FaultMode, type FaultProxy } from '../../../helpers/fault-proxy';
import { tempDir } from '../../../helpers/fixtures';
import { KILL_POINTS, crashAndHeal } from './crash-harness';
import { LAPTOP_PASSPHRASE, Laptop } from './laptop';
import { hubAvailable, startRealHub, type RealHub } from './real-hub';

/**
 * The sync client against the REAL hub (server/**) on 127.0.0.1: enrolment, signed receipts,
 * network cuts through the fault proxy (Y4), transport faults (Y5), lost acknowledgements and a
 * hub restored from backup (Y6), a long backlog (Y12), crashes at every protocol step (Y1) and
 * the command line. Every loop is bounded.
 */
const Q = (year: number, index: number): StatsPeriod => ({ kind: 'quarter', year, index });

/** `jalons …` as a user runs it, without blocking this process (the hub under test lives here). */
function runCli(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliResult> {
  const child = spawn(process.execPath, ['bin/jalons.mjs', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, stdout, stderr });
    });
  });
}

describe.skipIf(!hubAvailable())('sync against the real hub', () => {
  let hub: RealHub;
  let temp: { dir: string; cleanup(): void };
  let laptop: Laptop;

  beforeAll(async () => {
    hub = await startRealHub();
  });
  afterAll(async () => {
    await hub?.stop();
  });
  beforeEach(async () => {
    temp = tempDir();
    laptop = new Laptop(temp.dir);
    await laptop.setUp();
  });
  afterEach(() => {
    laptop.close();
    temp.cleanup();
  });

  async function enrolDirect(): Promise<void> {
    await laptop.enrol(hub.url, await hub.issueCode(`Structure ${laptop.ids()}`));
  }

  it('enrols with a one-time code and gets a verified, hub-signed receipt for a bundle', async () => {
    await enrolDirect();
    const { bundleId } = await laptop.confirmNext(Q(2026, 1));
    const result = await laptop.pass();
    expect(result.acked.map((a) => a.bundleId)).toEqual([bundleId]);
    const [row] = await laptop.outbox();
    expect(row).toMatchObject({ state: 'acked', attempts: 1 });
    const device = (await getDevice((await laptop.open()).ctx.db()))!;
    const check = verifyReceipt(JSON.parse(row!.receipt!), { bundleId, contentSha256: row!.content_sha256, structureId: device.structure_id, revision: 1 }, device.hub_public_key);
    expect(check.ok).toBe(true);
    expect(await hub.held(await laptop.structureId())).toContainEqual(expect.objectContaining({ bundleId, status: 'current', contentSha256: row!.content_sha256 }));
    // A second pass finds nothing to do and the reconciliation agrees.
    const again = await laptop.pass();
    expect(again).toMatchObject({ attempted: 0, requeued: [], reconciledAcked: [], reconcileProblem: null, online: true });
  });

  describe('Y4 network cut mid-upload (fault proxy)', () => {
    let proxy: FaultProxy;
    beforeEach(async () => {
      proxy = await startFaultProxy({ target: { port: Number(new URL(hub.url).port) } });
      await laptop.enrol(proxy.url, await hub.issueCode(`Structure ${laptop.ids()}`));
    });
    afterEach(async () => {
      await proxy.close();
    });

    /** Confirms a bundle, cuts the network with `mode(envelopeBytes)`, checks nothing arrived, heals. */
    async function cutThenHeal(mode: (envelopeBytes: number) => FaultMode): Promise<void> {
      const { bundleId } = await laptop.confirmNext(Q(2026, 2));
      await enqueueConfirmedBundles(laptop.runtime().deps());
      const envelopeBytes = Buffer.byteLength((await laptop.outbox()).find((r) => r.bundle_id === bundleId)!.envelope);
      laptop.transport.timeoutMs = 1_500;
      proxy.setMode(mode(envelopeBytes));
      // Kept-alive connections would still pass: the fault applies to new ones.
      proxy.dropConnections();
      const cut = await laptop.pass();
      expect(cut.acked).toEqual([]);
      expect(cut.online).toBe(false);
      expect((await hub.held(await laptop.structureId())).some((h) => h.bundleId === bundleId)).toBe(false);
      expect((await laptop.outbox()).find((r) => r.bundle_id === bundleId)).toMatchObject({ state: 'pending', attempts: 1 });
      proxy.setMode('pass');
      // Healthy again: a loaded machine must not turn a slow answer into another failure.
      laptop.transport.timeoutMs = 15_000;
      for (let i = 0; i < 3 && (await laptop.outbox()).some((r) => r.state !== 'acked'); i++) await laptop.pass({ force: false });
      expect((await laptop.outbox()).every((r) => r.state === 'acked')).toBe(true);
      expect((await hub.held(await laptop.structureId())).filter((h) => h.bundleId === bundleId)).toHaveLength(1);
    }

    // Cut points swept through the request: inside the headers, through the body, just before its end
    // (the HTTP headers of the PUT add more than 100 bytes, so `envelope + 100` is still short).
    it.each([
      ['in the headers', () => 40],
      ['a quarter into the body', (n: number) => Math.round(n * 0.25)],
      ['half-way', (n: number) => Math.round(n * 0.5)],
      ['near the end', (n: number) => n],
      ['a few bytes before the end', (n: number) => n + 100],
    ])('limit_data %s: nothing partial is stored, then delivered once healthy', async (_label, bytes) => {
      await cutThenHeal((n) => ({ kind: 'limit_data', bytes: bytes(n) }));
    });

    it('reset right away, and after some bytes', async () => {
      await cutThenHeal(() => ({ kind: 'reset' }));
      await cutThenHeal((n) => ({ kind: 'reset', afterBytes: Math.round(n / 2) }));
    });

    it('a hub that never answers (timeout)', async () => {
      await cutThenHeal(() => ({ kind: 'timeout' }));
    });

    it('latency with a slicer still delivers in one pass', async () => {
      proxy.setMode({ kind: 'latency', ms: 5, sliceBytes: 256 });
      proxy.dropConnections();
      const { bundleId } = await laptop.confirmNext(Q(2026, 1));
      laptop.transport.timeoutMs = 10_000;
      const result = await laptop.pass();
      expect(result.acked.map((a) => a.bundleId)).toEqual([bundleId]);
    });

    it('Y6: the answer is lost after the hub committed: reconciliation acknowledges without resending', async () => {
      const { bundleId } = await laptop.confirmNext(Q(2026, 1));
      // Reconciliation GET passes, then the PUT's answer is cut: downstream 0 bytes for new connections.
      await laptop.pass(); // acked; now send a second revision with the answer lost
      const second = await laptop.confirmNext(Q(2026, 1));
      proxy.setMode({ kind: 'limit_data', bytes: 0, direction: 'downstream' });
      proxy.dropConnections();
      const lost = await laptop.pass();
      expect(lost.acked).toEqual([]);
      expect((await hub.held(await laptop.structureId())).find((h) => h.bundleId === second.bundleId)).toMatchObject({ status: 'current' });
      proxy.setMode('pass');
      const bytesBefore = proxy.stats().bytesUpstream;
      const healed = await laptop.pass({ force: false });
      expect(healed.reconciledAcked).toEqual([second.bundleId]);
      expect(healed.attempted).toBe(0);
      // Only the small signed GET went up: the envelope was not sent again.
      const row = (await laptop.outbox()).find((r) => r.bundle_id === second.bundleId)!;
      expect(proxy.stats().bytesUpstream - bytesBefore).toBeLessThan(Buffer.byteLength(row.envelope));
      expect(row.state).toBe('acked');
      expect(bundleId).not.toBe(second.bundleId);
    });
  });

  it('Y5: a transport failing the first N uploads delivers after N+1 attempts', async () => {
    await enrolDirect();
    const N = 3;
    let failures = 0;
    laptop.transport.fetch = async (url, init) => {
      if (init.method === 'PUT' && failures < N) {
        failures++;
        throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
      }
      return fetch(url, init);
    };
    laptop.close();
    await laptop.confirmNext(Q(2026, 2));
    let passes = 0;
    while ((await laptop.outbox())[0]?.state !== 'acked' && passes < 10) {
      await laptop.pass({ force: false });
      passes++;
    }
    expect((await laptop.outbox())[0]).toMatchObject({ state: 'acked', attempts: N + 1 });
    expect(passes).toBe(N + 1);
  });

  it('Y6: a hub restored from a backup gets the identical envelope again', async () => {
    await enrolDirect();
    const { bundleId } = await laptop.confirmNext(Q(2026, 3));
    await laptop.pass();
    await hub.forget(bundleId);
    expect((await hub.held(await laptop.structureId())).some((h) => h.bundleId === bundleId)).toBe(false);
    const result = await laptop.pass({ force: false });
    expect(result.requeued).toEqual([bundleId]);
    expect(result.acked.map((a) => a.bundleId)).toEqual([bundleId]);
    const row = (await laptop.outbox())[0]!;
    expect((await hub.held(await laptop.structureId())).find((h) => h.bundleId === bundleId)).toMatchObject({ contentSha256: row.content_sha256, status: 'current' });
  });

  it('Y12: a long offline backlog (8 periods × 3 revisions) is delivered in order', async () => {
    const proxy = await startFaultProxy({ target: { port: Number(new URL(hub.url).port) } });
    try {
      await laptop.enrol(proxy.url, await hub.issueCode(`Structure ${laptop.ids()}`));
      proxy.setMode({ kind: 'reset' });
      proxy.dropConnections();
      for (let q = 0; q < 8; q++) for (let r = 0; r < 3; r++) await laptop.confirmNext(Q(2024 + Math.floor(q / 4), (q % 4) + 1));
      const offline = await laptop.pass();
      expect(offline.online).toBe(false);
      expect((await laptop.outbox()).filter((r) => r.state === 'pending')).toHaveLength(24);
      proxy.setMode('pass');
      const result = await laptop.pass();
      expect(result.acked.map((a) => `${a.period}#${a.revision}`)).toEqual((await laptop.outbox()).map((r) => `${r.period}#${r.revision}`));
      const held = await hub.held(await laptop.structureId());
      expect(held).toHaveLength(24);
      expect(held.filter((h) => h.status === 'current').map((h) => h.revision)).toEqual(Array(8).fill(3));
    } finally {
      await proxy.close();
    }
  });

  it('asks for re-enrolment when the hub revokes the device, keeps the bundle, and sends it after', async () => {
    await enrolDirect();
    const device = (await getDevice((await laptop.open()).ctx.db()))!;
    await hub.revoke(device.device_id);
    await laptop.confirmNext(Q(2025, 4));
    const refused = await laptop.pass();
    expect(refused.status).toBe('reenrol_required');
    expect((await laptop.outbox())[0]).toMatchObject({ state: 'pending' });
    const structureName = `Structure re ${laptop.ids()}`;
    await laptop.enrol(hub.url, await hub.issueCode(structureName));
    const result = await laptop.pass();
    expect(result.acked).toHaveLength(1);
  });

  it('Y1: crash at each protocol step, then heal: the hub holds the last revision once, all acknowledged', async () => {
    await enrolDirect();
    laptop.close();
    const runsPerPoint = 3;
    const periods = [Q(2025, 1), Q(2025, 2)];
    let n = 0;
    for (const point of KILL_POINTS) {
      for (let i = 0; i < runsPerPoint; i++) {
        const { problems, killed } = await crashAndHeal(laptop, hub, point, periods[n++ % periods.length]!);
        expect(killed, `kill point ${point} reached`).toBe(true);
        expect(problems, `after a kill at ${point} (run ${i + 1})`).toEqual([]);
        laptop.close();
      }
    }
  }, 300_000);

  it('command line: `jalons enrol` then `jalons sync` prints what was acknowledged (exit 0)', async () => {
    laptop.close();
    const env = { JALONS_PASSPHRASE: LAPTOP_PASSPHRASE };
    const code = await hub.issueCode(`Structure cli ${laptop.ids()}`);
    const enrol = await runCli(['enrol', '--db', laptop.dbFile, '--hub', hub.url, '--code', code, '--label', 'Poste CLI'], env);
    expect(enrol.stderr).toBe('');
    expect(enrol.stdout).toMatch(/^OK poste inscrit auprès du siège régional/);
    expect(enrol.status).toBe(0);
    await laptop.confirmNext(Q(2025, 3));
    laptop.close();
    const sync = await runCli(['sync', '--db', laptop.dbFile], env);
    expect(sync.stdout).toContain('Envoyé, accusé de réception vérifié : 3e trimestre 2025 (révision 1)');
    expect(sync.stdout).toContain('Bilan : 1 accusé(s) de réception, 0 en attente, 0 refusé(s) — siège joignable.');
    expect(sync.status).toBe(0);
    const reused = await runCli(['enrol', '--db', laptop.dbFile, '--hub', hub.url, '--code', code], env);
    expect(reused.status).toBe(1);
    expect(reused.stderr).toMatch(/déjà servi/);
  });
});
