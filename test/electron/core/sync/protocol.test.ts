import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../../shared/ipc/sync';
import { hubErrorMessages } from '../../../../shared/sync/protocol';
import { getDevice, listOutboxFull } from '../../../../electron/core/repositories/sync';
import { verifyReceipt } from '../../../../electron/core/sync/receipt';
import { beginKeyRotation, finishKeyRotation } from '../../../../electron/core/sync/rotation';
import { syncRuntimeFor } from '../../../../electron/core/sync/runtime';
import { findDevice } from '../../../../server/repositories/devices';
import { transferPeriod } from '../../../../server/services/ownership';
import { tempDir } from '../../../helpers/fixtures';
import { ROTATION_KILL_POINTS, rotationCrashAndHeal } from './crash-harness';
import { Q } from './helpers';
import { Laptop } from './laptop';
import { hubAvailable, startRealHub, type RealHub } from './real-hub';

/**
 * The laptop side of the protocol additions, against the REAL hub on 127.0.0.1: a period owned by
 * another laptop of the structure, the region check, the catalogue (kept offline, « mise à jour
 * requise »), schema evolution (Y11: kept in the outbox, delivered after the hub's upgrade) and
 * key rotation, including a SIGKILL between the hub's answer and the local commit.
 */
describe.skipIf(!hubAvailable())('sync protocol additions against the real hub', () => {
  let hub: RealHub;
  let temps: Array<{ dir: string; cleanup(): void }>;
  let laptops: Laptop[];

  async function newLaptop(clock?: { now(): Date }): Promise<Laptop> {
    const temp = tempDir();
    temps.push(temp);
    const laptop = new Laptop(temp.dir, clock);
    await laptop.setUp();
    laptops.push(laptop);
    return laptop;
  }

  async function status(laptop: Laptop): Promise<SyncStatus> {
    const result = await (await laptop.open()).dispatch('sync.status', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as SyncStatus;
  }

  /** After a hub restart the first call may meet a closed keep-alive socket: that pass is « hors ligne ». */
  async function passOnline(laptop: Laptop, options: { force?: boolean } = { force: true }) {
    for (let i = 0; ; i++) {
      const result = await laptop.pass(options);
      if (result.online !== false || i === 2) return result;
    }
  }

  async function hubKeyOf(laptop: Laptop): Promise<string | undefined> {
    const device = await getDevice((await laptop.open()).ctx.db());
    return (await findDevice(hub.context().db, device!.device_id))?.public_key;
  }

  beforeEach(() => {
    temps = [];
    laptops = [];
  });
  afterEach(async () => {
    for (const l of laptops) l.close();
    for (const t of temps) t.cleanup();
    await hub?.stop();
  });

  it('a second laptop of the structure is refused for a period the first one exports: shown as refused, with the reason', async () => {
    hub = await startRealHub();
    const first = await newLaptop();
    const second = await newLaptop();
    await first.enrol(hub.url, await hub.issueCode('ACI à deux postes'));
    await second.enrol(hub.url, await hub.issueCode('ACI à deux postes'));
    expect(await second.structureId()).toBe(await first.structureId());

    await first.confirmNext(Q(2026, 1));
    expect((await first.pass()).acked).toHaveLength(1);
    const { bundleId } = await second.confirmNext(Q(2026, 1));
    const pass = await second.pass();
    expect(pass.refused).toEqual([expect.objectContaining({ bundleId, code: 'period_owned_by_other_device' })]);
    const item = (await status(second)).queue.find((q) => q.bundleId === bundleId);
    expect(item).toMatchObject({ state: 'refuse', reason: hubErrorMessages.period_owned_by_other_device });

    // After a transfer the second laptop exports the next quarter's… and this one's next revision.
    const secondDevice = (await getDevice((await second.open()).ctx.db()))!.device_id;
    await transferPeriod(hub.context(), { structure: await first.structureId(), periodKey: '2026-Q1', deviceId: secondDevice });
    const next = await second.confirmNext(Q(2026, 1));
    expect(next.revision).toBe(2);
    const after = await second.pass();
    expect(after.acked.map((a) => a.bundleId)).toEqual([next.bundleId]);
  });

  it('a structure registered in another region: the bundle is refused (region_mismatch) with a French reason', async () => {
    hub = await startRealHub();
    const laptop = await newLaptop();
    await laptop.enrol(hub.url, await hub.issueCode('ACI en Île-de-France', '11'));
    const { bundleId } = await laptop.confirmNext(Q(2026, 2));
    const pass = await laptop.pass();
    expect(pass.refused).toEqual([expect.objectContaining({ bundleId, code: 'region_mismatch', message: hubErrorMessages.region_mismatch })]);
    expect((await status(laptop)).refusedCount).toBe(1);
  });

  it('fetches the catalogue during a pass, asks with `since` afterwards (304), keeps it offline, and says « mise à jour requise »', async () => {
    hub = await startRealHub();
    const laptop = await newLaptop();
    await laptop.enrol(hub.url, await hub.issueCode('ACI du catalogue'));
    const first = await laptop.pass();
    expect(first.catalog).toMatchObject({ kind: 'updated' });
    const s1 = await status(laptop);
    expect(s1.hubCatalog).toMatchObject({ catalogueVersions: ['2026.1'], minClientVersion: null });
    expect(s1.hubCatalog?.closedPeriods).toContain(`${new Date().getUTCFullYear() - 1}-Y1`);
    expect(s1.updateRequired).toBeNull();
    expect((await laptop.pass()).catalog).toMatchObject({ kind: 'unchanged' });

    // The hub now asks for a newer Jalons: the laptop says so, and still knows it once offline.
    await hub.restart({ minClientVersion: '99.0.0' });
    expect((await passOnline(laptop)).catalog).toMatchObject({ kind: 'updated' });
    await hub.stop();
    const offline = await laptop.pass();
    expect(offline.online).toBe(false);
    expect(offline.catalog).toBeNull();
    const s2 = await status(laptop);
    expect(s2.updateRequired).toMatch(/^Mise à jour requise : le siège régional demande Jalons 99\.0\.0/);
    expect(s2.summary).toMatch(/^Mise à jour requise/);
    expect(s2.hubCatalog?.minClientVersion).toBe('99.0.0');
  });

  it('Y11: a hub that cannot read this major keeps the bundle in the outbox (« mise à jour requise », not refused); after its upgrade it is delivered', async () => {
    // An older hub: it reads only the major before this laptop's.
    hub = await startRealHub({ schemaMajors: [0] });
    const laptop = await newLaptop();
    // Long backoff: only the catalogue change (the hub's upgrade) may release the bundle early.
    laptop.transport.backoff = { baseMs: 3_600_000, capMs: 3_600_000 };
    laptop.transport.random = () => 0.5;
    await laptop.enrol(hub.url, await hub.issueCode('ACI en avance'));
    const { bundleId } = await laptop.confirmNext(Q(2026, 3));
    const pass = await laptop.pass();
    expect(pass.refused).toEqual([]);
    expect(pass.retrying).toEqual([expect.objectContaining({ bundleId, code: 'schema_unsupported' })]);
    const [row] = await laptop.outbox();
    expect(row).toMatchObject({ state: 'pending', last_error_code: 'schema_unsupported' });
    const s = await status(laptop);
    expect(s.queue.find((q) => q.bundleId === bundleId)).toMatchObject({ state: 'maj_requise', reason: expect.stringMatching(/^Mise à jour requise/) });
    expect(s.refusedCount).toBe(0);
    expect(s.updateRequired).toMatch(/^Mise à jour requise/);

    // Not due yet, so an automatic pass sends nothing…
    await hub.restart({});
    const upgraded = await passOnline(laptop, { force: false });
    expect(upgraded.attempted).toBe(0);
    // …but the hub's new catalogue (it reads major 1 now) releases it, and the next pass delivers it.
    expect(upgraded.catalog).toMatchObject({ kind: 'updated', released: 1 });
    const delivered = await laptop.pass({ force: false });
    expect(delivered.acked.map((a) => a.bundleId)).toEqual([bundleId]);
    expect((await hub.held(await laptop.structureId())).map((h) => h.bundleId)).toEqual([bundleId]);
    expect((await status(laptop)).updateRequired).toBeNull();
  });

  it.each([
    ['a year ahead', 365 * 86_400_000, ['client_clock_ahead']],
    ['30 days late', -30 * 86_400_000, []],
  ] as const)('Y10: with the laptop clock %s, bundles go in revision order, reconciliation and rotation still work', async (_label, skewMs, warnings) => {
    hub = await startRealHub();
    const laptop = await newLaptop({ now: () => new Date(Date.now() + skewMs) });
    await laptop.enrol(hub.url, await hub.issueCode(`ACI décalée ${skewMs}`));
    const rev1 = await laptop.confirmNext(Q(2026, 2));
    const rev2 = await laptop.confirmNext(Q(2026, 2));
    const pass = await laptop.pass();
    // Signed reads are re-signed at the hub's time (its Date header): reconciliation works.
    expect(pass.reconcileProblem).toBeNull();
    expect(pass.acked.map((a) => a.bundleId)).toEqual([rev1.bundleId, rev2.bundleId]);
    for (const row of await laptop.outbox()) expect((JSON.parse(row.receipt!) as { receipt: { warnings: string[] } }).receipt.warnings).toEqual(warnings);
    expect((await hub.held(await laptop.structureId())).filter((h) => h.status === 'current').map((h) => h.revision)).toEqual([2]);

    const rotation = await (await laptop.open()).dispatch('sync.rotateKey', {});
    expect(rotation.ok && rotation.value).toMatchObject({ rotated: true });
    const rev3 = await laptop.confirmNext(Q(2026, 2));
    expect((await laptop.pass()).acked.map((a) => a.bundleId)).toEqual([rev3.bundleId]);
  });

  describe('key rotation', () => {
    it('« Changer la clé »: the hub refuses the old key, the new one signs the next bundles, earlier receipts stay valid', async () => {
      hub = await startRealHub();
      const laptop = await newLaptop();
      await laptop.enrol(hub.url, await hub.issueCode('ACI qui change de clé'));
      await laptop.confirmNext(Q(2026, 1));
      await laptop.pass();
      const core = await laptop.open();
      const before = (await getDevice(core.ctx.db()))!;
      const [acked] = await laptop.outbox();

      const result = await core.dispatch('sync.rotateKey', {});
      expect(result.ok && result.value).toMatchObject({ rotated: true });
      const after = (await getDevice(core.ctx.db()))!;
      expect(after.public_key).not.toBe(before.public_key);
      expect(after.private_key).not.toBe(before.private_key);
      expect(after.pending_private_key).toBeNull();
      expect(await hubKeyOf(laptop)).toBe(after.public_key);
      expect((await status(laptop)).enrolment).toMatchObject({ keyRotationPending: false, keyRotatedAt: expect.any(String) });

      const next = await laptop.confirmNext(Q(2026, 1));
      expect((await laptop.pass()).acked.map((a) => a.bundleId)).toEqual([next.bundleId]);
      // The receipt received under the old key is still the hub's valid signature.
      expect(verifyReceipt(JSON.parse(acked!.receipt!), { bundleId: acked!.bundle_id, contentSha256: acked!.content_sha256, structureId: after.structure_id, revision: 1 }, after.hub_public_key).ok).toBe(true);
      const actions = (await core.ctx.db().selectFrom('audit_log').select('action').where('action', 'like', 'sync.key.%').execute()).map((e) => e.action);
      expect(actions).toEqual(['sync.key.rotation_started', 'sync.key.rotated']);
    });

    it('offline: the rotation waits (sending waits with it) and finishes at the next pass before anything is sent', async () => {
      hub = await startRealHub();
      const laptop = await newLaptop();
      await laptop.enrol(hub.url, await hub.issueCode('ACI hors ligne'));
      const core = await laptop.open();
      const oldKey = (await getDevice(core.ctx.db()))!.public_key;
      laptop.transport.fetch = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
      const result = await core.dispatch('sync.rotateKey', {});
      expect(result.ok && result.value).toMatchObject({ rotated: false, message: expect.stringMatching(/^Changement de clé en cours/) });
      expect((await status(laptop)).enrolment?.keyRotationPending).toBe(true);
      await laptop.confirmNext(Q(2026, 2));
      const waiting = await laptop.pass();
      expect([waiting.attempted, waiting.keyRotation?.kind]).toEqual([0, 'waiting']);
      expect(await hubKeyOf(laptop)).toBe(oldKey);

      delete laptop.transport.fetch;
      const healed = await laptop.pass();
      expect(healed.keyRotation).toEqual({ kind: 'rotated' });
      expect(healed.acked).toHaveLength(1);
      expect(await hubKeyOf(laptop)).toBe((await getDevice(core.ctx.db()))!.public_key);
      expect(await hubKeyOf(laptop)).not.toBe(oldKey);
    });

    it('crash between the hub’s answer and the local commit (in-process): the pending key is kept and the next pass adopts it', async () => {
      hub = await startRealHub();
      const laptop = await newLaptop();
      await laptop.enrol(hub.url, await hub.issueCode('ACI interrompue'));
      const core = await laptop.open();
      const deps = syncRuntimeFor(core.ctx).deps();
      await beginKeyRotation(deps);
      const pendingKey = (await getDevice(core.ctx.db()))!.pending_public_key;
      await expect(
        finishKeyRotation({
          ...deps,
          milestone: (name) => {
            if (name === 'rotation_response_received') throw new Error('killed');
          },
        }),
      ).rejects.toThrow('killed');
      // The hub switched; locally the new key is still only pending.
      expect(await hubKeyOf(laptop)).toBe(pendingKey);
      expect((await getDevice(core.ctx.db()))!.pending_public_key).toBe(pendingKey);

      laptop.close();
      await laptop.confirmNext(Q(2026, 3));
      const pass = await laptop.pass();
      expect(pass.keyRotation).toEqual({ kind: 'rotated' });
      expect(pass.acked).toHaveLength(1);
      const device = (await getDevice((await laptop.open()).ctx.db()))!;
      expect([device.public_key, device.pending_public_key]).toEqual([pendingKey, null]);
    });

    it.each(ROTATION_KILL_POINTS)('SIGKILL at %s, then restart: one key, the hub’s, and every bundle acknowledged', async (killAt) => {
      hub = await startRealHub();
      const laptop = await newLaptop();
      await laptop.enrol(hub.url, await hub.issueCode(`ACI tuée ${killAt}`));
      const hubKey = async (deviceId: string) => (await findDevice(hub.context().db, deviceId))?.public_key;
      // Twice at the same point: the second rotation starts from a key adopted after a crash.
      for (const period of [Q(2026, 1), Q(2026, 2)]) {
        const { problems, killed } = await rotationCrashAndHeal(laptop, hub, killAt, period, hubKey);
        expect(killed).toBe(true);
        expect(problems).toEqual([]);
      }
      expect((await listOutboxFull((await laptop.open()).ctx.db())).map((r) => r.state)).toEqual(['acked', 'acked']);
    });
  });
});
