import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKeyPairSync, sign } from 'node:crypto';
import { canonicalJson } from '../../../../shared/stats/index';
import type { SyncStatus } from '../../../../shared/ipc/sync';
import { getDevice, listOutboxFull } from '../../../../electron/core/repositories/sync';
import { enqueueConfirmedBundles, runSyncPass } from '../../../../electron/core/sync/engine';
import { verifyEnvelope, openEnvelope } from '../../../../electron/core/sync/envelope';
import { syncRuntimeFor } from '../../../../electron/core/sync/runtime';
import { createTestCore } from '../../../helpers/core';
import { FakeHub } from './fake-hub';
import { Q, STRUCTURE_PLACEHOLDER, bundleIds, confirmBundle } from './helpers';

/**
 * The outbox state machine against an in-memory hub: pending → sending → acked | pending (retry,
 * backoff) | rejected, re-enrolment, reconciliation and start-up recovery.
 */
type TestCore = Awaited<ReturnType<typeof createTestCore>>;

let core: TestCore;
let hub: FakeHub;
const ids = bundleIds();

async function call<T>(method: string, input: unknown = {}): Promise<T> {
  const envelope = await core.dispatch(method, input);
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

async function enrol(code = 'CODE-AAAA-BBBB-CCCC'): Promise<SyncStatus> {
  return call<SyncStatus>('sync.enrol', { hubUrl: 'http://127.0.0.1:9', code, deviceLabel: 'Portable de test' });
}

function rows() {
  return listOutboxFull(core.ctx.db());
}

function pass(force = true) {
  return syncRuntimeFor(core.ctx).runPass({ force });
}

beforeEach(async () => {
  core = await createTestCore();
  hub = new FakeHub();
  syncRuntimeFor(core.ctx).transport = { fetch: hub.fetch, backoff: { baseMs: 0, capMs: 0 } };
});

afterEach(() => core.cleanup());

describe('enrolment and queueing', () => {
  it('waits for enrolment, then signs confirmed bundles with the hub-assigned structure id', async () => {
    const id = ids();
    await confirmBundle(core.ctx.db(), { bundleId: id, period: Q(2026, 1), revision: 1 });
    let status = await call<SyncStatus>('sync.status');
    expect(status.enrolment).toBeNull();
    expect(status.queue).toMatchObject([{ bundleId: id, state: 'a_inscrire', exportable: false }]);
    expect(status.summary).toBe('Non relié au siège — 1 envoi en attente');
    expect(await enqueueConfirmedBundles(syncRuntimeFor(core.ctx).deps())).toEqual([]);

    status = await enrol();
    expect(status.enrolment).toMatchObject({ deviceId: 'dev_1', structureId: hub.structureId, structureName: 'ACI du Test', reenrolRequired: false });
    const [row] = await rows();
    expect(row).toMatchObject({ bundle_id: id, state: 'pending', period: '2026-Q1', revision: 1, attempts: 0 });
    const device = (await getDevice(core.ctx.db()))!;
    expect(verifyEnvelope(row!.envelope, device.public_key)).toBe(true);
    const payload = openEnvelope(row!.envelope).envelope.payload as { structureId: string };
    expect(payload.structureId).toBe(hub.structureId);
    expect(payload.structureId).not.toBe(STRUCTURE_PLACEHOLDER);
    // Statistics confirmed from now on are built with the hub's structure id.
    const pseudonym = await core.ctx.db().selectFrom('setting').select('value').where('key', '=', 'stats.structurePseudonym').executeTakeFirst();
    expect(JSON.parse(pseudonym!.value)).toBe(hub.structureId);
  });

  it('refuses plain http to another computer and shows the hub’s refusal of a used code on the code field', async () => {
    const remote = await core.dispatch('sync.enrol', { hubUrl: 'http://siege.exemple.fr', code: 'CODE-AAAA-BBBB-CCCC', deviceLabel: 'x' });
    expect(remote).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'hubUrl' }] } });
    await enrol();
    const again = await core.dispatch('sync.enrol', { hubUrl: 'http://127.0.0.1:9', code: 'CODE-AAAA-BBBB-CCCC', deviceLabel: 'x' });
    expect(again).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'code', message: expect.stringContaining('déjà servi') }] } });
  });

  it('says the hub is unreachable when nothing answers', async () => {
    hub.failNext = { method: 'POST', count: 1 };
    const result = await core.dispatch('sync.enrol', { hubUrl: 'http://127.0.0.1:9', code: 'CODE-AAAA-BBBB-CCCC', deviceLabel: 'x' });
    expect(result).toMatchObject({ ok: false, error: { issues: [{ path: 'hubUrl', message: expect.stringContaining('injoignable') }] } });
    expect(await getDevice(core.ctx.db())).toBeUndefined();
  });
});

describe('sending', () => {
  beforeEach(async () => {
    await enrol();
  });

  it('acknowledges a bundle only with the hub’s verified receipt', async () => {
    const id = ids();
    await confirmBundle(core.ctx.db(), { bundleId: id, period: Q(2026, 1), revision: 1 });
    const result = await call<{ acked: number; message: string }>('sync.sendNow');
    expect(result).toMatchObject({ acked: 1, pending: 0, online: true });
    expect(result.message).toContain('1 envoi confirmé');
    const [row] = await rows();
    expect(row).toMatchObject({ state: 'acked', attempts: 1, last_error_code: null });
    expect(JSON.parse(row!.receipt!)).toEqual(hub.rows.get(id)!.receipt);
    expect(hub.rows.get(id)!.envelope).toBe(row!.envelope);
    const status = await call<SyncStatus>('sync.status');
    expect(status.queue[0]).toMatchObject({ state: 'accuse', receiptSeq: 1, reason: null });
    expect(status.summary).toBe('Statistiques à jour');
    expect(status.lastSuccessAt).toBe(core.clock.now().toISOString());
    const audit = await core.ctx.db().selectFrom('audit_log').select(['action', 'entity_id']).where('action', 'like', 'sync.%').execute();
    expect(audit.map((a) => a.action)).toEqual(['sync.enrol', 'sync.enqueue', 'sync.acked']);
  });

  it('keeps a bundle pending when the receipt is not signed by the enrolled hub key', async () => {
    const id = ids();
    await confirmBundle(core.ctx.db(), { bundleId: id, period: Q(2026, 1), revision: 1 });
    const forger = generateKeyPairSync('ed25519');
    const realFetch = hub.fetch;
    hub.fetch = async (url, init) => {
      const response = await realFetch(url, init);
      if (init.method !== 'PUT') return response;
      const body = (await response.json()) as { receipt: unknown };
      const forged = { receipt: body.receipt, signature: sign(null, Buffer.from(canonicalJson(body.receipt)), forger.privateKey).toString('base64') };
      return new Response(JSON.stringify(forged), { status: 201 });
    };
    syncRuntimeFor(core.ctx).transport.fetch = hub.fetch;
    await pass();
    expect((await rows())[0]).toMatchObject({ state: 'pending', attempts: 1, last_error_code: 'receipt_invalid' });
  });

  it('Y5: a transport failing the first N calls delivers after N+1 attempts', async () => {
    const N = 4;
    const id = ids();
    await confirmBundle(core.ctx.db(), { bundleId: id, period: Q(2026, 2), revision: 1 });
    hub.failNext = { method: 'PUT', count: N };
    let passes = 0;
    while ((await rows())[0]?.state !== 'acked' && passes < 20) {
      await pass(false);
      passes++;
    }
    expect(passes).toBe(N + 1);
    expect((await rows())[0]).toMatchObject({ state: 'acked', attempts: N + 1 });
    expect(hub.rows.size).toBe(1);
  });

  it('waits out the backoff in automatic passes, and « Envoyer maintenant » does not', async () => {
    syncRuntimeFor(core.ctx).transport = { fetch: hub.fetch, random: () => 0.5 };
    await confirmBundle(core.ctx.db(), { bundleId: ids(), period: Q(2026, 1), revision: 1 });
    hub.failNext = { method: 'PUT', count: 2 };
    await pass(false);
    const [first] = await rows();
    expect(first).toMatchObject({ state: 'pending', attempts: 1, last_error_code: 'network' });
    // First retry: 0.5 × 30 s.
    expect(Date.parse(first!.next_attempt_at) - core.clock.now().getTime()).toBe(15_000);
    await pass(false);
    expect((await rows())[0]!.attempts).toBe(1);
    core.clock.advanceSeconds(15);
    await pass(false);
    const [second] = await rows();
    expect(second).toMatchObject({ attempts: 2 });
    expect(Date.parse(second!.next_attempt_at) - core.clock.now().getTime()).toBe(30_000);
    const status = await call<SyncStatus>('sync.status');
    expect(status.online).toBe(false);
    expect(status.summary).toBe('Hors ligne — 1 envoi en attente');
    expect(status.queue[0]).toMatchObject({ state: 'en_attente', reason: expect.stringContaining('Hors ligne'), nextAttemptAt: second!.next_attempt_at });
    await call('sync.sendNow');
    expect((await rows())[0]).toMatchObject({ state: 'acked', attempts: 3 });
  });

  it('retries forever on retryable refusals and shows permanent ones as refused, with the reason', async () => {
    const a = ids();
    const b = ids();
    await confirmBundle(core.ctx.db(), { bundleId: a, period: Q(2026, 1), revision: 1 });
    await confirmBundle(core.ctx.db(), { bundleId: b, period: Q(2026, 2), revision: 1 });
    hub.errorNext = [
      { status: 503, code: 'internal' },
      { status: 422, code: 'policy_violation' },
    ];
    const result = await call<{ refused: Array<{ periodLabel: string; reason: string }> }>('sync.sendNow');
    expect(result.refused).toEqual([{ periodLabel: '2e trimestre 2026', revision: 1, reason: expect.stringContaining('contrôle de confidentialité') }]);
    const [ra, rb] = await rows();
    expect(ra).toMatchObject({ state: 'pending', last_error_code: 'internal' });
    expect(rb).toMatchObject({ state: 'rejected', last_error_code: 'policy_violation' });
    await pass();
    const [ra2, rb2] = await rows();
    expect(ra2!.state).toBe('acked');
    expect(rb2).toMatchObject({ state: 'rejected', attempts: 1 });
    const status = await call<SyncStatus>('sync.status');
    expect(status.queue.map((q) => q.state)).toEqual(['accuse', 'refuse']);
    expect(status.summary).toBe('1 envoi refusé');
  });

  it('keeps bundles pending and asks for re-enrolment when the device is revoked, then sends after it', async () => {
    const id = ids();
    await confirmBundle(core.ctx.db(), { bundleId: id, period: Q(2026, 1), revision: 1 });
    hub.devices.get('dev_1')!.revoked = true;
    const first = await pass();
    expect(first.status).toBe('reenrol_required');
    expect((await rows())[0]).toMatchObject({ state: 'pending', last_error_message: expect.stringContaining('Ré-enrôlement requis') });
    let status = await call<SyncStatus>('sync.status');
    expect(status.enrolment?.reenrolRequired).toBe(true);
    expect(status.summary).toBe('Ré-enrôlement requis — 1 envoi en attente');
    expect((await pass()).status).toBe('reenrol_required');

    hub.codes.add('CODE-NEW-CODE-2222');
    status = await enrol('CODE-NEW-CODE-2222');
    expect(status.enrolment).toMatchObject({ deviceId: 'dev_2', reenrolRequired: false });
    const [row] = await rows();
    expect(openEnvelope(row!.envelope).envelope.deviceId).toBe('dev_2');
    await pass();
    expect((await rows())[0]!.state).toBe('acked');
  });

  it('puts an interrupted send back to pending at the next pass (start-up recovery)', async () => {
    const id = ids();
    await confirmBundle(core.ctx.db(), { bundleId: id, period: Q(2026, 1), revision: 1 });
    await enqueueConfirmedBundles(syncRuntimeFor(core.ctx).deps());
    await core.ctx.db().updateTable('outbox').set({ state: 'sending' }).execute();
    expect((await call<SyncStatus>('sync.status')).queue[0]!.state).toBe('envoye');
    const result = await pass();
    expect(result.recovered).toBe(1);
    expect((await rows())[0]!.state).toBe('acked');
  });

  it('Y6: a lost acknowledgement is healed by reconciliation without resending', async () => {
    const id = ids();
    await confirmBundle(core.ctx.db(), { bundleId: id, period: Q(2026, 1), revision: 1 });
    hub.loseNextAck = 1;
    await pass();
    expect((await rows())[0]).toMatchObject({ state: 'pending', attempts: 1 });
    expect(hub.rows.has(id)).toBe(true);
    const result = await pass();
    expect(result.reconciledAcked).toEqual([id]);
    expect(result.attempted).toBe(0);
    expect(hub.puts).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ state: 'acked', attempts: 1 });
  });

  it('Y6: a hub that lost an acknowledged bundle gets the identical envelope again', async () => {
    const id = ids();
    await confirmBundle(core.ctx.db(), { bundleId: id, period: Q(2026, 1), revision: 1 });
    await pass();
    const sent = hub.rows.get(id)!.envelope;
    hub.rows.delete(id);
    const result = await pass();
    expect(result.requeued).toEqual([id]);
    expect(hub.puts).toHaveLength(2);
    expect(hub.puts[1]).toBe(sent);
    expect((await rows())[0]).toMatchObject({ state: 'acked' });
  });

  it('Y12: a long backlog (8 periods × 3 revisions) goes out in (period, revision) order', async () => {
    for (let q = 0; q < 8; q++) {
      for (let r = 1; r <= 3; r++) await confirmBundle(core.ctx.db(), { bundleId: ids(), period: Q(2025 + Math.floor(q / 4), (q % 4) + 1), revision: r, seed: q * 10 + r });
    }
    hub.failNext = { method: '*', count: 1000 };
    await pass();
    expect((await rows()).every((r) => r.state === 'pending')).toBe(true);
    hub.failNext = { method: '*', count: 0 };
    const result = await pass();
    expect(result.acked).toHaveLength(24);
    const order = hub.puts.map((p) => {
      const payload = openEnvelope(p).envelope.payload as { period: { year: number; index: number }; revision: number };
      return `${payload.period.year}-${payload.period.index}-${payload.revision}`;
    });
    expect(order).toEqual([...order].sort());
    expect(new Set(order).size).toBe(24);
    expect([...hub.current().values()].map((r) => r.revision)).toEqual(Array(8).fill(3));
  });

  it('exports the signed envelope byte for byte', async () => {
    const id = ids();
    await confirmBundle(core.ctx.db(), { bundleId: id, period: Q(2026, 3), revision: 1 });
    await enqueueConfirmedBundles(syncRuntimeFor(core.ctx).deps());
    const file = await call<{ fileName: string; content: string; contentSha256: string }>('sync.exportEnvelope', { bundleId: id });
    expect(file.fileName).toBe(`jalons-envoi-2026-Q3-r1-${id}.json`);
    expect(file.content).toBe((await rows())[0]!.envelope);
    expect((await core.dispatch('sync.exportEnvelope', { bundleId: ids() })).ok).toBe(false);
  });
});

describe('modes', () => {
  it('désactivé refuses « Envoyer maintenant »; manuel sends on demand', async () => {
    await enrol();
    await call('sync.setMode', { mode: 'desactive' });
    const refused = await core.dispatch('sync.sendNow', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const status = await call<SyncStatus>('sync.setMode', { mode: 'manuel' });
    expect(status.mode).toBe('manuel');
    await confirmBundle(core.ctx.db(), { bundleId: ids(), period: Q(2026, 1), revision: 1 });
    expect((await call<{ acked: number }>('sync.sendNow')).acked).toBe(1);
  });

  it('a pass without enrolment does nothing', async () => {
    await confirmBundle(core.ctx.db(), { bundleId: ids(), period: Q(2026, 1), revision: 1 });
    const result = await runSyncPass(syncRuntimeFor(core.ctx).deps());
    expect(result.status).toBe('not_enrolled');
    expect(hub.calls).toBe(0);
  });
});
