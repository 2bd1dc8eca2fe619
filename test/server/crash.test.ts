/**
 * Y2: the hub process is killed (SIGKILL) right after the bundle's transaction commits, before
 * it answers. After a restart, the laptop's retry gets 200 with the receipt signed at commit
 * time, and there is exactly one row.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SignedReceipt } from '../../shared/sync/protocol';
import { bundlesOf } from '../../server/repositories/bundles';
import { envelopeText, makeBundle, receiptSignatureValid } from './bundles';
import { enrolTestDevice, forEachDialect, openTestHub, type TestHub } from './helpers';

const HUB_NOW = '2027-02-01T10:00:00.000Z';

function startHubProcess(hub: TestHub, crash: boolean): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/server/fixtures/crash-hub.ts'], {
    env: {
      ...process.env,
      HUB_DATA_DIR: hub.dataDir,
      HUB_DATABASE_URL: hub.databaseUrl ?? '',
      HUB_NOW,
      HUB_CRASH_AFTER_COMMIT: crash ? '1' : '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('hub process did not start in 30 s')), 30_000);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    createInterface({ input: child.stdout! }).once('line', (url) => {
      clearTimeout(timer);
      resolve({ child, url });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub process exited (${code}): ${stderr}`));
    });
  });
}

function exited(child: ChildProcess): Promise<NodeJS.Signals | number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode ?? child.exitCode);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
}

forEachDialect('crash after commit', (dialect) => {
  let hub: TestHub;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    hub = await openTestHub(dialect);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await hub?.dispose();
  });

  it('Y2: killed after commit before answering; after restart the retry gets 200 and the receipt signed at commit; one row', async () => {
    const device = await enrolTestDevice(hub);
    const bundle = makeBundle(device, { seed: 201 });
    const body = envelopeText(bundle, device);
    const put = (url: string) =>
      fetch(`${url}/v1/bundles/${bundle.bundleId}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(20_000) });

    const crashing = await startHubProcess(hub, true);
    children.push(crashing.child);
    await expect(put(crashing.url)).rejects.toThrow();
    expect(await exited(crashing.child)).toBe('SIGKILL');

    const rows = await bundlesOf(hub.ctx.db, device.structureId);
    expect(rows).toHaveLength(1);
    const storedReceipt = rows[0]?.receipt ?? '';

    const restarted = await startHubProcess(hub, false);
    children.push(restarted.child);
    const retry = await put(restarted.url);
    expect(retry.status).toBe(200);
    const text = await retry.text();
    expect(text).toBe(storedReceipt);
    const receipt = SignedReceipt.parse(JSON.parse(text));
    expect(receipt.receipt.bundleId).toBe(bundle.bundleId);
    expect(receiptSignatureValid(receipt, hub.ctx.keys.publicKey)).toBe(true);
    expect(await bundlesOf(hub.ctx.db, device.structureId)).toHaveLength(1);
    restarted.child.kill('SIGTERM');
    await exited(restarted.child);
  });
});
