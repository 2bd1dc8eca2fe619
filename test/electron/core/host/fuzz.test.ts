import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../../electron/core/host/server';
import { contract, type MethodName } from '../../../../shared/ipc/contract';
import { ERROR_CODES } from '../../../../shared/ipc/errors';
import { METHOD_NAMES } from '../../../../shared/ipc/method-names';
import { createTestCore } from '../../../helpers/core';
import { databaseDigest, inputFor, technicalTextIn } from '../../../helpers/hostile';
import type { TestCore } from '../../../helpers/parcours';

/*
 * The browser host over HTTP with hostile requests: a wrong token for every method, malformed and
 * oversized bodies, hostile method names and bodies. Every answer is a JSON envelope with a French
 * message (or an empty 405), the store is never written by a refused request, and nothing leaks.
 */

interface Answer {
  status: number;
  body: string;
}

function send(host: BrowserHost, path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  const url = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, path, method: init.method ?? 'POST', headers: { host: url.host, ...(init.headers ?? {}) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const json = (token: string) => ({ 'content-type': 'application/json', 'x-jalons-token': token });

function expectFrenchEnvelope(answer: Answer, context: string): { code: string; message: string } {
  const envelope = JSON.parse(answer.body) as { ok: boolean; error?: { code: string; message: string } };
  expect(envelope.ok, context).toBe(false);
  expect(ERROR_CODES, context).toContain(envelope.error!.code);
  expect(technicalTextIn(envelope.error!.message), context).toBeNull();
  return envelope.error!;
}

describe('browser host under hostile requests', () => {
  let core: TestCore;
  let host: BrowserHost;
  const digest = () => databaseDigest(core.vault.store().sqlite);

  beforeAll(async () => {
    core = await createTestCore();
    const rendererRoot = join(core.dir, 'renderer');
    mkdirSync(rendererRoot, { recursive: true });
    writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Jalons</title>');
    host = await startBrowserHost({ dispatch: core.dispatch, rendererRoot });
  });
  afterAll(async () => {
    await host?.close();
    core?.cleanup();
  });

  it('refuses every method with a wrong, missing or near-miss token: 401, French, nothing written', async () => {
    const before = digest();
    const wrongTokens = ['', 'x'.repeat(host.token.length), `${host.token}x`, host.token.slice(0, -1), host.token.toUpperCase() === host.token ? host.token.toLowerCase() : host.token.toUpperCase()];
    for (const method of METHOD_NAMES) {
      for (const token of wrongTokens) {
        const answer = await send(host, `/api/${method}`, { headers: json(token), body: '{}' });
        expect(answer.status, `${method} with token «${token.slice(0, 6)}…»`).toBe(401);
        expect(expectFrenchEnvelope(answer, method).code).toBe('UNAUTHORIZED');
      }
      const none = await send(host, `/api/${method}`, { headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(none.status).toBe(401);
    }
    expect(digest()).toBe(before);
  });

  it('answers malformed JSON with 400 and a French message, whatever the method', async () => {
    const before = digest();
    const bodies = ['{pas du json', '{"a":', '[', '"', 'undefined', 'NaN', "{'a': 1}", '{"a": 1,}', '\u0000', '['.repeat(200_000)];
    for (const method of ['salaries.create', 'settings.update', 'rgpd.apply', 'drafts.save'] as const) {
      for (const body of bodies) {
        const answer = await send(host, `/api/${method}`, { headers: json(host.token), body });
        expect(answer.status, `${method} ${body.slice(0, 20)}`).toBe(400);
        expect(expectFrenchEnvelope(answer, method).message).toMatch(/JSON mal formé/);
      }
    }
    // Valid but absurdly deep JSON parses, and is refused by the contract.
    const deep = await send(host, '/api/salaries.create', { headers: json(host.token), body: '['.repeat(200_000) + ']'.repeat(200_000) });
    expect(deep.status).toBe(200);
    expect(expectFrenchEnvelope(deep, 'deep').code).toBe('VALIDATION');
    // Bytes that are not UTF-8 at all.
    const binary = await send(host, '/api/settings.update', { headers: json(host.token), body: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3]) });
    expect(binary.status).toBe(400);
    expect(digest()).toBe(before);
  });

  it('refuses a body over the limit with 413, without reading it into the store', async () => {
    const before = digest();
    const huge = Buffer.alloc(33 * 1024 * 1024, 0x20);
    const answer = await send(host, '/api/drafts.save', { headers: json(host.token), body: huge });
    expect(answer.status).toBe(413);
    expect(expectFrenchEnvelope(answer, 'huge').message).toMatch(/trop volumineuse/);
    expect(digest()).toBe(before);
  });

  it('answers hostile method names and verbs without a crash', async () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '..%2F..%2Fetc%2Fpasswd', '%00', 'salaries.list%00', 'SALARIES.LIST', 'x'.repeat(5000), '%E0%A4%A', '%']) {
      const answer = await send(host, `/api/${name}`, { headers: json(host.token), body: '{}' });
      expect([200, 400, 404], name).toContain(answer.status);
      expect(expectFrenchEnvelope(answer, name).code).toMatch(/UNKNOWN_METHOD|VALIDATION/);
    }
    for (const verb of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      expect((await send(host, '/api/settings.get', { method: verb, headers: json(host.token) })).status).toBe(405);
    }
    expect((await send(host, '/api/settings.get', { headers: { 'content-type': 'text/plain', 'x-jalons-token': host.token }, body: '{}' })).status).toBe(415);
  });

  it('keeps Object.prototype clean and answers polluted bodies in French', async () => {
    const before = digest();
    for (const body of ['{"__proto__": {"polluted": "oui"}}', '{"constructor": {"prototype": {"polluted": "oui"}}}', '{"query": "a", "__proto__": {"isAdmin": true}}']) {
      const answer = await send(host, '/api/salaries.list', { headers: json(host.token), body });
      expect(answer.status).toBe(200);
      expectFrenchEnvelope(answer, body);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(digest()).toBe(before);
  });

  it('carries hostile bodies for every method to a French envelope (200), never a 500', async () => {
    const ids = { all: ['id-000001', 'id-999999'], byKey: {} };
    const methods = (Object.keys(contract) as MethodName[]).filter((m) => !/^(session\.lock|backups\.|sync\.(enrol|sendNow|setMode)|import\.|stats\.|rgpd\.apply)/.test(m));
    for (const method of methods) {
      await fc.assert(
        fc.asyncProperty(inputFor(contract[method].input, ids), async (input) => {
          const body = JSON.stringify(input ?? {}) ?? '{}';
          const answer = await send(host, `/api/${method}`, { headers: json(host.token), body });
          expect([200, 400], `${method} ${body.slice(0, 200)}`).toContain(answer.status);
          const envelope = JSON.parse(answer.body) as { ok: boolean; error?: { code: string; message: string } };
          if (!envelope.ok) {
            expect(envelope.error!.code, `${method} ${body.slice(0, 200)}`).not.toBe('INTERNAL');
            expect(technicalTextIn(envelope.error!.message)).toBeNull();
          }
          if (!core.vault.isUnlocked) await core.vault.unlock({ passphrase: 'phrase de passe de test' });
        }),
        { numRuns: 3, seed: 4242 },
      );
    }
  });
});
