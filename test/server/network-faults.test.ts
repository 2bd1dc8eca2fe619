/**
 * The fault proxy (test/helpers/fault-proxy.ts) and the hub behind it, hub side of Y4/Y6: an
 * upload cut at any byte stores nothing; a lost answer after commit is recovered by the retry
 * (same receipt); a reset, a stall, a slow sliced link.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubServer, type RunningHub } from '../../server/http/app';
import { bundlesOf, countBundleRows } from '../../server/repositories/bundles';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';
import { envelopeText, makeBundle } from './bundles';
import { enrolTestDevice, openTestHub, type TestHub } from './helpers';

/** A PUT over a fresh connection (no keep-alive), with a deadline; resolves to status or the error code. */
function rawPut(url: string, path: string, body: string, timeoutMs = 5_000): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(`${url}${path}`, { method: 'PUT', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

describe('fault proxy in front of the hub [sqlite]', () => {
  let hub: TestHub;
  let server: RunningHub;
  let proxy: FaultProxy;

  beforeAll(async () => {
    hub = await openTestHub('sqlite');
    server = await startHubServer({ ctx: hub.ctx, host: '127.0.0.1', port: 0, logError: () => undefined });
    proxy = await startFaultProxy({ target: { port: server.port }, mode: 'pass' });
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
    await hub?.dispose();
  });

  it('pass: the request goes through unchanged', async () => {
    const device = await enrolTestDevice(hub);
    const bundle = makeBundle(device, { seed: 401 });
    const res = await rawPut(proxy.url, `/v1/bundles/${bundle.bundleId}`, envelopeText(bundle, device));
    expect(res).toMatchObject({ status: 201 });
    expect(proxy.stats().bytesUpstream).toBeGreaterThan(0);
  });

  it('Y4: an upload cut after N bytes (N swept over the whole request) never stores a partial bundle; the healthy retry is accepted once', async () => {
    const device = await enrolTestDevice(hub);
    const bundle = makeBundle(device, { seed: 402 });
    const body = envelopeText(bundle, device);
    const before = await countBundleRows(hub.ctx.db);
    // Request headers are at least 100 bytes, so every cut below falls before the body's last byte.
    const length = Buffer.byteLength(body);
    for (const fraction of [0, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) {
      proxy.setMode({ kind: 'limit_data', bytes: Math.floor(length * fraction), direction: 'upstream' });
      const res = await rawPut(proxy.url, `/v1/bundles/${bundle.bundleId}`, body);
      expect('error' in res, `cut at ${fraction}`).toBe(true);
    }
    expect(await countBundleRows(hub.ctx.db)).toEqual(before);
    proxy.setMode('pass');
    expect(await rawPut(proxy.url, `/v1/bundles/${bundle.bundleId}`, body)).toMatchObject({ status: 201 });
    expect(await bundlesOf(hub.ctx.db, device.structureId)).toHaveLength(1);
  });

  it('Y6 hub side: the answer is lost after commit (downstream cut); the retry gets 200 and the receipt stored at commit', async () => {
    const device = await enrolTestDevice(hub);
    const bundle = makeBundle(device, { seed: 403 });
    const body = envelopeText(bundle, device);
    proxy.setMode({ kind: 'limit_data', bytes: 0, direction: 'downstream' });
    const lost = await rawPut(proxy.url, `/v1/bundles/${bundle.bundleId}`, body);
    expect('error' in lost).toBe(true);
    // Bounded wait for the hub to finish the request it received.
    for (let i = 0; i < 50 && (await bundlesOf(hub.ctx.db, device.structureId)).length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    const rows = await bundlesOf(hub.ctx.db, device.structureId);
    expect(rows).toHaveLength(1);
    proxy.setMode('pass');
    const retry = await rawPut(proxy.url, `/v1/bundles/${bundle.bundleId}`, body);
    expect(retry).toEqual({ status: 200, body: rows[0]?.receipt });
  });

  it('reset and timeout modes fail fast or stall; latency with slicing still delivers', async () => {
    const device = await enrolTestDevice(hub);
    const bundle = makeBundle(device, { seed: 404 });
    const body = envelopeText(bundle, device);
    proxy.setMode('reset');
    expect(await rawPut(proxy.url, `/v1/bundles/${bundle.bundleId}`, body)).toEqual({ error: 'ECONNRESET' });
    proxy.setMode({ kind: 'reset', afterBytes: 100 });
    expect(await rawPut(proxy.url, `/v1/bundles/${bundle.bundleId}`, body)).toEqual({ error: 'ECONNRESET' });
    proxy.setMode({ kind: 'timeout' });
    expect(await rawPut(proxy.url, `/v1/bundles/${bundle.bundleId}`, body, 300)).toEqual({ error: 'TIMEOUT' });
    expect(await bundlesOf(hub.ctx.db, device.structureId)).toHaveLength(0);
    proxy.setMode({ kind: 'latency', ms: 5, sliceBytes: 4096 });
    const started = Date.now();
    expect(await rawPut(proxy.url, `/v1/bundles/${bundle.bundleId}`, body)).toMatchObject({ status: 201 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(10);
    proxy.setMode('pass');
  });
});
