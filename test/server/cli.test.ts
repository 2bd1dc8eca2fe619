/**
 * `npx jalons hub …` as an administrator runs it (bin/jalons.mjs, real clock): enrolment
 * codes, offline import with its receipt, report files, revocation, dashboard password, serve.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignedReceipt } from '../../shared/sync/protocol';
import { enrolDevice } from '../../server/services/enrolment';
import { openHub } from '../../server/services/hub';
import { runCli } from '../helpers/cli';
import { createTestDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/fixtures';
import { deviceKeys, envelopeText, makeBundle, receiptSignatureValid, type TestDevice } from './bundles';
import { pgAdminUrl, pgSkipReason } from './helpers';

const YEAR_2025 = { kind: 'year', year: 2025, index: 1 } as const;

async function enrolWithCode(dataDir: string, code: string, databaseUrl?: string): Promise<TestDevice> {
  const hub = await openHub({ dataDir, databaseUrl });
  try {
    const keys = deviceKeys();
    const res = await enrolDevice(hub.ctx, { code, publicKey: keys.publicKeyB64, deviceLabel: 'Portable', appVersion: '1.0.0' }, '192.0.2.1');
    return { deviceId: res.deviceId, structureId: res.structureId, regionCode: res.regionCode, privateKey: keys.privateKey, publicKeyB64: keys.publicKeyB64 };
  } finally {
    await hub.close();
  }
}

describe('jalons hub (command line) [sqlite]', () => {
  const tmp = tempDir();
  const data = join(tmp.dir, 'hub');
  afterAll(() => tmp.cleanup());

  it('prints its usage', () => {
    const res = runCli(['hub', '--help']);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('enrol-code');
  });

  it('transfer-period hands a structure’s period to another of its devices; the former one is then refused', async () => {
    const dir = join(tmp.dir, 'hub-transfert');
    const issue = () => runCli(['hub', 'enrol-code', '--data', dir, '--structure', 'ACI Deux Postes', '--region', '53']).stdout.split('\n')[0] ?? '';
    const first = await enrolWithCode(dir, issue());
    const second = await enrolWithCode(dir, issue());
    const rev1 = makeBundle(first, { seed: 910, period: YEAR_2025 });
    const file = join(tmp.dir, 'lot-transfert.json');
    writeFileSync(file, envelopeText(rev1, first));
    expect(runCli(['hub', 'import', '--data', dir, file]).status).toBe(0);

    const args = ['hub', 'transfer-period', '--data', dir, '--structure', 'ACI Deux Postes', '--period', '2025-Y1', '--device', second.deviceId];
    const moved = runCli(args);
    expect(moved.status, moved.stderr).toBe(0);
    expect(moved.stdout).toContain(`confiée au poste ${second.deviceId} (auparavant ${first.deviceId})`);
    const twice = runCli(args);
    expect([twice.status, twice.stderr]).toEqual([1, expect.stringContaining('déjà confiée')]);
    expect(runCli(['hub', 'transfer-period', '--data', dir, '--period', '2025-Y1']).stderr).toContain('Indiquez --structure');

    const rev2 = makeBundle(first, { seed: 911, period: YEAR_2025, revision: 2, previous: rev1 });
    writeFileSync(file, envelopeText(rev2, first));
    const refused = runCli(['hub', 'import', '--data', dir, file]);
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining('Refusé (period_owned_by_other_device)')]);
    writeFileSync(file, envelopeText(rev2, second));
    expect(runCli(['hub', 'import', '--data', dir, file]).status).toBe(0);
  });

  it('enrol-code → import (twice) with a signed receipt → report JSON/CSV → revoke → admin-password', async () => {
    const issued = runCli(['hub', 'enrol-code', '--data', data, '--structure', 'ACI Le Potager', '--region', '53', '--siae-kind', 'ACI']);
    expect(issued.status, issued.stderr).toBe(0);
    const [code, structureLine] = issued.stdout.split('\n');
    expect(code).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{2}$/);
    expect(structureLine).toMatch(/^Structure : ACI Le Potager \(st_[A-Za-z0-9_-]+\), région 53 — créée$/);
    const device = await enrolWithCode(data, code ?? '');

    const bundle = makeBundle(device, { seed: 900, period: YEAR_2025 });
    const file = join(tmp.dir, 'lot.json');
    const receiptFile = join(tmp.dir, 'accuse.json');
    writeFileSync(file, envelopeText(bundle, device));
    const first = runCli(['hub', 'import', '--data', data, file, '--receipt', receiptFile]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Lot ${bundle.bundleId} accepté`);
    const receipt = SignedReceipt.parse(JSON.parse(readFileSync(receiptFile, 'utf8')));
    const hub = await openHub({ dataDir: data });
    const hubKey = hub.ctx.keys.publicKey;
    await hub.close();
    expect(receiptSignatureValid(receipt, hubKey)).toBe(true);
    const second = runCli(['hub', 'import', '--data', data, file]);
    expect([second.status, second.stdout]).toEqual([0, expect.stringContaining('déjà reçu')]);

    // A tampered file is refused with the protocol's reason.
    const tampered = join(tmp.dir, 'faux.json');
    writeFileSync(tampered, envelopeText(makeBundle(device, { seed: 901, period: YEAR_2025 }), { deviceId: device.deviceId, privateKey: deviceKeys().privateKey }));
    const refused = runCli(['hub', 'import', '--data', data, tampered]);
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringContaining('Refusé (bad_signature)')]);

    const json = join(tmp.dir, 'rapport.json');
    const report = runCli(['hub', 'report', '--data', data, '--period', '2025', '--out', json]);
    expect(report.status, report.stderr).toBe(0);
    const parsed = JSON.parse(readFileSync(json, 'utf8')) as { periodKey: string; vintage: number; audit: { checks: string[] }; levels: { level: string; structures: number }[] };
    expect(parsed.periodKey).toBe('2025-Y1');
    // The released vintage and what its audit covered are in the file.
    expect(parsed.vintage).toBe(1);
    expect(parsed.audit.checks).toEqual(expect.arrayContaining(['A1', 'A2', 'A3', 'structures']));
    expect(parsed.levels.map((l) => [l.level, l.structures])).toEqual([
      ['national', 1],
      ['53', 1],
    ]);
    const csv = runCli(['hub', 'report', '--data', data, '--period', '2025', '--period-kind', 'year', '--region', '53', '--format', 'csv']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.startsWith('\uFEFFPériode;')).toBe(true);

    const revoke = runCli(['hub', 'revoke', '--data', data, '--device', device.deviceId]);
    expect([revoke.status, revoke.stdout]).toEqual([0, expect.stringContaining('révoqué')]);
    expect(runCli(['hub', 'revoke', '--data', data, '--device', device.deviceId]).status).toBe(1);

    const pw = runCli(['hub', 'admin-password', '--data', data], { JALONS_HUB_PASSWORD: 'un mot de passe assez long' });
    expect([pw.status, pw.stdout]).toEqual([0, expect.stringContaining('enregistré')]);
  });

  it('serve: prints its loopback address first, answers, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/jalons.mjs', 'hub', 'serve', '--data', data, '--port', '0', '--min-client-version', '0.2.0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no address within 60 s')), 60_000);
        createInterface({ input: child.stdout }).once('line', (line) => {
          clearTimeout(timer);
          resolve(line);
        });
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const page = await fetch(`${url}/tableau-de-bord/connexion`);
      expect(page.status).toBe(200);
      const api = await fetch(`${url}/v1/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(api.status).toBe(400);
      // The catalogue tells laptops the version the hub asks for.
      const catalog = (await (await fetch(`${url}/v1/catalog?region=53`)).json()) as { minClientVersion: string | null };
      expect(catalog.minClientVersion).toBe('0.2.0');
      const exit = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});

describe.skipIf(pgAdminUrl() === null)(`jalons hub (command line) [postgres]${pgAdminUrl() === null ? ` — ${pgSkipReason()}` : ''}`, () => {
  const tmp = tempDir();
  let database: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase(pgAdminUrl() ?? '');
  });
  afterAll(async () => {
    await database?.drop();
    tmp.cleanup();
  });

  it('keeps the data in PostgreSQL (--database-url) and the receipt key in the data folder', async () => {
    const data = join(tmp.dir, 'hub');
    const issued = runCli(['hub', 'enrol-code', '--data', data, '--database-url', database.url, '--structure', 'EI Atelier', '--region', '11']);
    expect(issued.status, issued.stderr).toBe(0);
    const device = await enrolWithCode(data, issued.stdout.split('\n')[0] ?? '', database.url);
    const file = join(tmp.dir, 'lot.json');
    writeFileSync(file, envelopeText(makeBundle(device, { seed: 902, period: YEAR_2025 }), device));
    const imported = runCli(['hub', 'import', '--data', data, file], { JALONS_HUB_DATABASE_URL: database.url });
    expect(imported.status, imported.stderr).toBe(0);
    expect(readFileSync(join(data, 'hub-receipt-key.pem'), 'utf8')).toContain('PRIVATE KEY');
    const hub = await openHub({ dataDir: data, databaseUrl: database.url });
    try {
      const rows = await hub.ctx.db.selectFrom('bundles').select('structure_id').execute();
      expect(rows.map((r) => r.structure_id)).toEqual([device.structureId]);
    } finally {
      await hub.close();
    }
  });
});
