import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../../electron/core/host/server';
import { resolveStaticPath } from '../../../../electron/core/host/static-files';
import { createTestCore } from '../../../helpers/core';

function raw(
  host: BrowserHost,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, path, method: init.method ?? 'GET', headers: init.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

describe('browser host', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  let host: BrowserHost;
  afterEach(async () => {
    await host?.close();
    core.cleanup();
  });

  async function start() {
    core = await createTestCore();
    const rendererRoot = join(core.dir, 'renderer');
    mkdirSync(join(rendererRoot, 'assets'), { recursive: true });
    writeFileSync(join(rendererRoot, 'index.html'), '<!doctype html><title>Jalons</title>');
    writeFileSync(join(rendererRoot, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(core.dir, 'secret.txt'), 'ne doit pas sortir');
    host = await startBrowserHost({ dispatch: core.dispatch, rendererRoot });
    return host;
  }

  const api = (method: string, token: string, body: unknown = {}) =>
    raw(host, `/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-jalons-token': token, host: new URL(host.url).host },
      body: JSON.stringify(body),
    });

  it('listens on 127.0.0.1 only and puts the token in the URL fragment', async () => {
    await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{40,}$/);
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('answers the contract with the token', async () => {
    await start();
    const res = await api('session.status', host.token);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { state: 'unlocked' } });
  });

  it('refuses a wrong or missing token with 401 and a French message', async () => {
    await start();
    for (const token of ['', 'x'.repeat(host.token.length), `${host.token}x`]) {
      const res = await api('settings.get', token);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/Accès refusé/) } });
    }
  });

  it('refuses foreign Host headers (DNS rebinding) and non-JSON posts', async () => {
    await start();
    const evil = await raw(host, '/api/settings.get', {
      method: 'POST',
      headers: { host: 'evil.example:80', 'content-type': 'application/json', 'x-jalons-token': host.token },
      body: '{}',
    });
    expect(evil.status).toBe(421);
    const form = await raw(host, '/api/settings.get', {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-jalons-token': host.token },
      body: '{}',
    });
    expect(form.status).toBe(415);
  });

  it('answers malformed JSON with a French validation envelope', async () => {
    await start();
    const res = await raw(host, '/api/settings.get', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-jalons-token': host.token },
      body: '{pas du json',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('serves the renderer with a strict CSP, and nothing outside it', async () => {
    await start();
    const index = await raw(host, '/');
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(String(index.headers['content-security-policy'])).toContain("connect-src 'self'");
    expect((await raw(host, '/assets/app.js')).status).toBe(200);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt']) {
      const res = await raw(host, path);
      expect(res.body).not.toContain('ne doit pas sortir');
    }
  });
});

describe('resolveStaticPath', () => {
  it('keeps every resolved path inside the root', () => {
    const root = '/srv/app';
    expect(resolveStaticPath(root, '/%00index.html')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
    for (const path of ['/../etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/../../x.js']) {
      const resolved = resolveStaticPath(root, path);
      expect(resolved === null || resolved.startsWith('/srv/app/')).toBe(true);
    }
  });
});
