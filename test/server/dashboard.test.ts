/**
 * The regional office's read-only dashboard: password login (scrypt), HttpOnly SameSite=Strict
 * session cookies with expiry, CSRF (token + Origin), strict CSP, pages and CSV export.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAdminPassword, SESSION_IDLE_MS } from '../../server/services/admin';
import { issueEnrolmentCode } from '../../server/services/enrolment';
import { submitEnvelope } from '../../server/services/submission';
import { listAudit } from '../../server/repositories/audit';
import { HubTestClock, envelopeText, makeBundle } from './bundles';
import { enrolTestDevice, hubApp, openTestHub, type TestHub } from './helpers';

const BASE = '/tableau-de-bord';
const HOST = '127.0.0.1:8080';
const ORIGIN = `http://${HOST}`;
const PASSWORD = 'correct horse battery staple';
const CHEAP = { log2N: 10, r: 8, p: 1 };

function setCookies(headers: Record<string, unknown>): string[] {
  const v = headers['set-cookie'];
  return Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];
}
function cookieValue(headers: Record<string, unknown>, name: string): string | undefined {
  for (const c of setCookies(headers)) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(c);
    if (m) return m[1];
  }
  return undefined;
}

describe('dashboard [sqlite]', () => {
  let hub: TestHub;
  let app: FastifyInstance;
  const clock = new HubTestClock('2027-02-01T10:00:00.000Z');

  const get = (url: string, cookie?: string, host = HOST) => app.inject({ method: 'GET', url, headers: { host, ...(cookie ? { cookie } : {}) } });
  const post = (url: string, form: Record<string, string>, options: { cookie?: string; origin?: string | null; ip?: string } = {}) =>
    app.inject({
      method: 'POST',
      url,
      remoteAddress: options.ip ?? '192.0.2.10',
      headers: {
        host: HOST,
        'content-type': 'application/x-www-form-urlencoded',
        ...(options.origin === null ? {} : { origin: options.origin ?? ORIGIN }),
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
      payload: new URLSearchParams(form).toString(),
    });

  /** A fresh login form: its token and the matching cookie. */
  const loginForm = async () => {
    const page = await get(`${BASE}/connexion`);
    const token = /name="jeton" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return { token, cookie: `jalons_hub_login=${cookieValue(page.headers, 'jalons_hub_login')}` };
  };
  const login = async (password = PASSWORD, ip?: string) => {
    const { token, cookie } = await loginForm();
    return post(`${BASE}/connexion`, { jeton: token, motDePasse: password }, { cookie, ...(ip ? { ip } : {}) });
  };
  const session = async () => {
    const res = await login();
    expect(res.statusCode).toBe(303);
    const cookie = `jalons_hub_session=${cookieValue(res.headers, 'jalons_hub_session')}`;
    const page = await get(BASE, cookie);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return { cookie, csrf };
  };

  beforeAll(async () => {
    hub = await openTestHub('sqlite', { clock, limits: { login: { limit: 10, windowMs: 15 * 60_000 } } });
    app = await hubApp(hub);
    for (let i = 0; i < 4; i += 1) {
      const d = await enrolTestDevice(hub, { regionCode: '53', name: `Structure ${i}` });
      await submitEnvelope(hub.ctx, { body: Buffer.from(envelopeText(makeBundle(d, { seed: 800 + i, size: 90 + 10 * i }), d)), client: 'test' });
    }
    await issueEnrolmentCode(hub.ctx, { structureName: '<script>alert("x")</script> & Cie', regionCode: '11' });
  });
  afterAll(async () => {
    await app?.close();
    await hub?.dispose();
  });

  it('sends every page with a strict CSP (no script at all) and protective headers', async () => {
    const res = await get(`${BASE}/connexion`);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin', 'cache-control': 'no-store' });
    expect(res.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(res.body).toContain('<html lang="fr">');
    expect(res.body).toMatch(/<label for="mot-de-passe">/);
    const css = await get(`${BASE}/style.css`);
    expect([css.statusCode, css.headers['content-type']]).toEqual([200, 'text/css; charset=utf-8']);
  });

  it('redirects to the login page without a session; explains when no password is set yet', async () => {
    const res = await get(BASE);
    expect([res.statusCode, res.headers.location]).toEqual([303, `${BASE}/connexion`]);
    const noPassword = await login('whatever');
    expect(noPassword.statusCode).toBe(403);
    expect(noPassword.body).toContain('admin-password');
  });

  describe('with a password', () => {
    beforeAll(async () => {
      await setAdminPassword(hub.ctx, PASSWORD, CHEAP);
    });

    it('refuses a wrong password (401), a foreign or missing Origin, a missing or wrong form token (403)', async () => {
      expect((await login('mauvais mot de passe')).statusCode).toBe(401);
      const { token, cookie } = await loginForm();
      const foreign = await post(`${BASE}/connexion`, { jeton: token, motDePasse: PASSWORD }, { cookie, origin: 'https://evil.example' });
      const noOrigin = await post(`${BASE}/connexion`, { jeton: token, motDePasse: PASSWORD }, { cookie, origin: null });
      const noToken = await post(`${BASE}/connexion`, { motDePasse: PASSWORD }, { cookie });
      const wrongToken = await post(`${BASE}/connexion`, { jeton: 'x'.repeat(32), motDePasse: PASSWORD }, { cookie });
      expect([foreign, noOrigin, noToken, wrongToken].map((r) => [r.statusCode, cookieValue(r.headers, 'jalons_hub_session')])).toEqual(
        Array.from({ length: 4 }, () => [403, undefined]),
      );
      expect((await listAudit(hub.ctx.db, { action: 'admin.login.fail' })).length).toBeGreaterThan(0);
    });

    it('logs in with an HttpOnly, SameSite=Strict session cookie scoped to the dashboard, with an expiry', async () => {
      const res = await login();
      expect([res.statusCode, res.headers.location]).toEqual([303, BASE]);
      const cookie = setCookies(res.headers).find((c) => c.startsWith('jalons_hub_session='));
      expect(cookie).toMatch(/^jalons_hub_session=[A-Za-z0-9_-]{43}; Path=\/tableau-de-bord; HttpOnly; SameSite=Strict; Max-Age=28800$/);
      // The token itself is not stored, only its hash.
      const token = cookieValue(res.headers, 'jalons_hub_session') ?? '';
      const rows = await hub.ctx.db.selectFrom('admin_sessions').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(token);
    });

    it('marks cookies Secure when the dashboard is not reached on loopback', async () => {
      const page = await get(`${BASE}/connexion`, undefined, 'hub.coorace.example');
      expect(setCookies(page.headers).some((c) => c.startsWith('jalons_hub_login=') && c.endsWith('; Secure'))).toBe(true);
    });

    it('lists the structures with their region, devices and last bundle, escaping every name', async () => {
      const { cookie } = await session();
      const res = await get(BASE, cookie);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1>Structures inscrites</h1>');
      expect(res.body).toContain('Structure 0');
      expect(res.body).toContain('Bretagne (53)');
      expect(res.body).toContain('Année 2026, révision 1');
      // Device identifiers, for `jalons hub revoke`.
      expect(res.body).toMatch(/<h2>Postes inscrits<\/h2>/);
      expect(res.body).toMatch(/<code>dev_[A-Za-z0-9_-]+<\/code>/);
      expect(res.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Cie');
      expect(res.body).not.toContain('<script>');
    });

    it('shows the aggregated indicators with accessible SVG charts and data tables, and exports CSV', async () => {
      const { cookie } = await session();
      const res = await get(`${BASE}/indicateurs?periode=2026-Y1&niveau=53`, cookie);
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/<select id="periode" name="periode">/);
      expect(res.body).toContain('Bretagne (53) — Année 2026');
      expect(res.body).toMatch(/<svg class="chart" role="img" aria-labelledby="[^"]+-t [^"]+-d"/);
      expect(res.body).toMatch(/<caption>[^<]+<\/caption>/);
      expect(res.body).toContain('Non ventilé');
      // Which release it is (stored as a vintage, see report.test.ts).
      expect(res.body).toContain('Diffusion n° 1 de cette période');
      expect(res.body).not.toMatch(/<script/i);
      const csv = await get(`${BASE}/indicateurs.csv?periode=2026-Y1&niveau=53`, cookie);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toBe('attachment; filename="jalons-indicateurs-2026-Y1-53.csv"');
      expect(csv.body.split('\r\n')[1]).toMatch(/^2026-Y1;Bretagne \(53\);53;/);
      // Without a session: no data.
      expect((await get(`${BASE}/indicateurs.csv?periode=2026-Y1&niveau=53`)).statusCode).toBe(303);
    });

    it('logout needs the session’s CSRF token and a same-origin request; then the session is gone', async () => {
      const { cookie, csrf } = await session();
      expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect((await post(`${BASE}/deconnexion`, {}, { cookie })).statusCode).toBe(403);
      expect((await post(`${BASE}/deconnexion`, { csrf }, { cookie, origin: 'https://evil.example' })).statusCode).toBe(403);
      expect((await get(BASE, cookie)).statusCode).toBe(200);
      const out = await post(`${BASE}/deconnexion`, { csrf }, { cookie });
      expect([out.statusCode, out.headers.location]).toEqual([303, `${BASE}/connexion`]);
      expect((await get(BASE, cookie)).statusCode).toBe(303);
    });

    it('sessions expire after an hour idle and after eight hours in any case', async () => {
      const idle = await session();
      clock.advanceSeconds(SESSION_IDLE_MS / 1000 + 1);
      expect((await get(BASE, idle.cookie)).statusCode).toBe(303);
      const long = await session();
      for (let i = 0; i < 9; i += 1) {
        clock.advanceSeconds(55 * 60);
        const res = await get(BASE, long.cookie);
        if (i < 8) expect(res.statusCode, `after ${(i + 1) * 55} min`).toBe(i * 55 + 55 < 480 ? 200 : 303);
        else expect(res.statusCode).toBe(303);
      }
    });

    it('password attempts are rate-limited per address (429)', async () => {
      const ip = '192.0.2.99';
      const statuses: number[] = [];
      for (let i = 0; i < 11; i += 1) statuses.push((await login('mauvais', ip)).statusCode);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses[10]).toBe(429);
      expect((await login(PASSWORD, ip)).statusCode).toBe(429);
      expect((await login(PASSWORD, '192.0.2.100')).statusCode).toBe(303);
    });

    it('changing the password closes every open session', async () => {
      const { cookie } = await session();
      await setAdminPassword(hub.ctx, 'un autre mot de passe solide', CHEAP);
      expect((await get(BASE, cookie)).statusCode).toBe(303);
      await setAdminPassword(hub.ctx, PASSWORD, CHEAP);
    });
  });
});

describe('admin password', () => {
  it('refuses a password shorter than 12 characters and stores only an scrypt hash', async () => {
    const hub = await openTestHub('sqlite');
    try {
      await expect(setAdminPassword(hub.ctx, 'court', CHEAP)).rejects.toThrow(/12 caractères/);
      await setAdminPassword(hub.ctx, PASSWORD, CHEAP);
      const stored = await hub.ctx.db.selectFrom('hub_settings').select('value').where('key', '=', 'admin_password').executeTakeFirstOrThrow();
      expect(stored.value).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(stored.value).not.toContain(PASSWORD);
    } finally {
      await hub.dispose();
    }
  });
});
