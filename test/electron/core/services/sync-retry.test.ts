import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncRetryResult, SyncStatus } from '../../../../shared/ipc/sync';
import { hubErrorMessages } from '../../../../shared/sync/protocol';
import { getDevice } from '../../../../electron/core/repositories/sync';
import { bundlesOf } from '../../../../server/repositories/bundles';
import { transferPeriod } from '../../../../server/services/ownership';
import { tempDir } from '../../../helpers/fixtures';
import { Q } from '../sync/helpers';
import { Laptop } from '../sync/laptop';
import { hubAvailable, startRealHub, type RealHub } from '../sync/real-hub';

/**
 * « Renvoyer » (sync.retryRefused) against the real hub: a bundle refused because another
 * computer of the structure exports the period goes through once the regional office has run
 * `jalons hub transfer-period` — re-signed when this computer was enrolled again meanwhile —
 * while final refusals cannot be resent.
 */
describe.skipIf(!hubAvailable())('sync.retryRefused', () => {
  let hub: RealHub;
  let temp: { dir: string; cleanup(): void };
  let laptop: Laptop;

  beforeEach(async () => {
    hub = await startRealHub();
    temp = tempDir();
    laptop = new Laptop(temp.dir);
    await laptop.setUp();
  });
  afterEach(async () => {
    laptop.close();
    temp.cleanup();
    await hub.stop();
  });

  async function dispatch<T>(method: string, input: object): Promise<T> {
    const result = await (await laptop.open()).dispatch(method as never, input as never);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  }

  const deviceId = async () => (await getDevice((await laptop.open()).ctx.db()))!.device_id;

  /**
   * The laptop was replaced by a copy of itself (restored from backup, enrolled again as a new
   * device) while the old device still owns 2026-Q1 at the hub: revision 2 is refused.
   */
  async function refusedForOwnership(): Promise<{ bundleId: string; oldDevice: string }> {
    await laptop.enrol(hub.url, await hub.issueCode('ACI du renvoi'));
    await laptop.confirmNext(Q(2026, 1));
    expect((await laptop.pass()).acked).toHaveLength(1);
    const oldDevice = await deviceId();
    await laptop.enrol(hub.url, await hub.issueCode('ACI du renvoi'));
    const { bundleId, revision } = await laptop.confirmNext(Q(2026, 1));
    expect(revision).toBe(2);
    expect((await laptop.pass()).refused).toEqual([expect.objectContaining({ bundleId, code: 'period_owned_by_other_device' })]);
    return { bundleId, oldDevice };
  }

  it('refused for ownership → « Renvoyer » is offered; before the transfer it is still refused; after it, acknowledged (audited)', async () => {
    const { bundleId } = await refusedForOwnership();
    const item = (await dispatch<SyncStatus>('sync.status', {})).queue.find((q) => q.bundleId === bundleId);
    expect(item).toMatchObject({ state: 'refuse', retryable: true, reason: hubErrorMessages.period_owned_by_other_device });

    const tooEarly = await dispatch<SyncRetryResult>('sync.retryRefused', { bundleId });
    expect(tooEarly.state).toBe('refuse');
    expect(tooEarly.message).toBe(`Le siège régional refuse toujours cet envoi. ${hubErrorMessages.period_owned_by_other_device}`);

    await transferPeriod(hub.context(), { structure: await laptop.structureId(), periodKey: '2026-Q1', deviceId: await deviceId() });
    const retried = await dispatch<SyncRetryResult>('sync.retryRefused', { bundleId });
    expect(retried).toEqual({ state: 'accuse', message: 'Envoi accepté par le siège régional : accusé de réception reçu.' });

    const rows = await laptop.outbox();
    expect(rows.map((r) => [r.revision, r.state])).toEqual([
      [1, 'acked'],
      [2, 'acked'],
    ]);
    const held = await hub.held(await laptop.structureId());
    expect(held.find((h) => h.status === 'current')).toMatchObject({ bundleId, revision: 2, contentSha256: rows[1]!.content_sha256 });
    const status = await dispatch<SyncStatus>('sync.status', {});
    expect(status.refusedCount).toBe(0);
    expect(status.queue.find((q) => q.bundleId === bundleId)).toMatchObject({ state: 'accuse', retryable: false });
    const audit = await (await laptop.open()).ctx.db().selectFrom('audit_log').select(['entity_id', 'detail']).where('action', '=', 'sync.retry_refused').orderBy('id').execute();
    expect(audit.map((a) => [a.entity_id, JSON.parse(a.detail ?? 'null') as unknown])).toEqual([
      [bundleId, expect.objectContaining({ code: 'period_owned_by_other_device', reopened: 1, resigned: 0 })],
      [bundleId, expect.objectContaining({ code: 'period_owned_by_other_device', reopened: 1, resigned: 0 })],
    ]);
  });

  it('enrolled again after the refusal: the retried bundle is re-signed by the new device and accepted from it', async () => {
    const { bundleId } = await refusedForOwnership();
    // The office revokes the replaced computer's second enrolment by mistake; the CIP enrols once more.
    const refusedBy = await deviceId();
    await hub.revoke(refusedBy);
    await laptop.enrol(hub.url, await hub.issueCode('ACI du renvoi'));
    const current = await deviceId();
    expect(current).not.toBe(refusedBy);
    await transferPeriod(hub.context(), { structure: await laptop.structureId(), periodKey: '2026-Q1', deviceId: current });

    const retried = await dispatch<SyncRetryResult>('sync.retryRefused', { bundleId });
    expect(retried.state).toBe('accuse');
    const stored = (await bundlesOf(hub.context().db, await laptop.structureId())).find((b) => b.bundle_id === bundleId);
    expect(stored).toMatchObject({ device_id: current, status: 'current', revision: 2 });
  });

  it('a second computer’s own revision 1 stays refused after the transfer (stale revision): that refusal is final, « Renvoyer » is refused', async () => {
    const otherTemp = tempDir();
    const first = new Laptop(otherTemp.dir);
    try {
      await first.setUp();
      await first.enrol(hub.url, await hub.issueCode('ACI à deux postes'));
      await first.confirmNext(Q(2026, 2));
      expect((await first.pass()).acked).toHaveLength(1);

      await laptop.enrol(hub.url, await hub.issueCode('ACI à deux postes'));
      const { bundleId } = await laptop.confirmNext(Q(2026, 2));
      expect((await laptop.pass()).refused).toEqual([expect.objectContaining({ bundleId, code: 'period_owned_by_other_device' })]);
      await transferPeriod(hub.context(), { structure: await laptop.structureId(), periodKey: '2026-Q2', deviceId: await deviceId() });

      // The hub already holds a revision 1 of that period (from the other computer).
      const retried = await dispatch<SyncRetryResult>('sync.retryRefused', { bundleId });
      expect(retried).toEqual({ state: 'refuse', message: `Le siège régional refuse toujours cet envoi. ${hubErrorMessages.stale_revision}` });
      expect((await dispatch<SyncStatus>('sync.status', {})).queue.find((q) => q.bundleId === bundleId)).toMatchObject({ retryable: false });
      await expect(dispatch('sync.retryRefused', { bundleId })).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringMatching(/^Ce refus est définitif/),
      });
      // Not refused at all, or unknown.
      const acked = (await first.outbox())[0]!.bundle_id;
      first.close();
      await expect(dispatch('sync.retryRefused', { bundleId: acked })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const next = await laptop.confirmNext(Q(2026, 2));
      expect((await laptop.pass()).acked.map((a) => a.bundleId)).toEqual([next.bundleId]);
      await expect(dispatch('sync.retryRefused', { bundleId: next.bundleId })).rejects.toMatchObject({ code: 'CONFLICT' });
    } finally {
      first.close();
      otherTemp.cleanup();
    }
  });
});
