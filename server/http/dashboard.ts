/**
 * The regional office's read-only dashboard under /tableau-de-bord.
 *
 * Sessions: a random 256-bit token in an HttpOnly, SameSite=Strict cookie scoped to the
 * dashboard path (Secure unless reached on loopback); only its SHA-256 is stored, with an
 * absolute (8 h) and an idle (1 h) expiry. CSRF: every POST needs a same-origin Origin (or
 * Referer) header AND a token — the session's CSRF token, or for the login form a one-time
 * token double-submitted in a short-lived cookie. The pages carry no script; the CSP says so.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { periodLabel } from '../../shared/indicators/period';
import { csrfMatches, login, logout, sessionOf, SESSION_LIFETIME_MS, type AdminSession } from '../services/admin';
import type { HubContext } from '../services/context';
import { constantTimeEqual, randomToken } from '../services/crypto';
import { availablePeriods, structuresOverview } from '../services/overview';
import { parsePeriodKey, periodKey } from '../services/periods';
import { buildReport, reportCsv } from '../services/report';
import { indicatorsPage, loginPage, messagePage, structuresPage } from '../dashboard/pages';

export const DASHBOARD_BASE = '/tableau-de-bord';
export const SESSION_COOKIE = 'jalons_hub_session';
export const LOGIN_COOKIE = 'jalons_hub_login';
const FORM_BODY_LIMIT = 16 * 1024;

export type CookieSecurity = 'auto' | boolean;

const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const STYLE = readFileSync(new URL('../dashboard/style.css', import.meta.url), 'utf8');

function cookiesOf(req: FastifyRequest): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '::1' || hostname === '[::1]';
}

/** The POST comes from a page of this very host (browsers send Origin on every form POST). */
function sameOrigin(req: FastifyRequest): boolean {
  const source = req.headers.origin ?? req.headers.referer;
  if (typeof source !== 'string' || source === 'null') return false;
  try {
    return new URL(source).host === req.headers.host;
  } catch {
    return false;
  }
}

function formOf(req: FastifyRequest): URLSearchParams | null {
  const type = String(req.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded') || !Buffer.isBuffer(req.body)) return null;
  return new URLSearchParams(req.body.toString('utf8'));
}

export function registerDashboard(app: FastifyInstance, ctx: HubContext, options: { secureCookies: CookieSecurity }): void {
  const cookie = (req: FastifyRequest, name: string, value: string, maxAgeSeconds: number): string => {
    const secure = options.secureCookies === 'auto' ? !isLoopback(req.hostname) : options.secureCookies;
    return `${name}=${value}; Path=${DASHBOARD_BASE}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
  };
  const html = (reply: FastifyReply, status: number, body: string) => reply.code(status).type('text/html; charset=utf-8').send(body);
  const toLogin = (reply: FastifyReply) => reply.redirect(`${DASHBOARD_BASE}/connexion`, 303);

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith(DASHBOARD_BASE)) return;
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    // Not no-referrer: with it, browsers send `Origin: null` on form POSTs and the origin check fails.
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('cache-control', 'no-store');
  });

  const withSession = async (req: FastifyRequest, reply: FastifyReply): Promise<AdminSession | null> => {
    const session = await sessionOf(ctx, cookiesOf(req).get(SESSION_COOKIE));
    if (session === null) {
      reply.header('set-cookie', cookie(req, SESSION_COOKIE, '', 0));
      toLogin(reply);
    }
    return session;
  };

  app.get(`${DASHBOARD_BASE}/style.css`, async (_req, reply) => reply.type('text/css; charset=utf-8').send(STYLE));

  app.get(`${DASHBOARD_BASE}/connexion`, async (req, reply) => {
    if ((await sessionOf(ctx, cookiesOf(req).get(SESSION_COOKIE))) !== null) return reply.redirect(DASHBOARD_BASE, 303);
    const token = randomToken(24);
    reply.header('set-cookie', cookie(req, LOGIN_COOKIE, token, 600));
    return html(reply, 200, loginPage(DASHBOARD_BASE, token));
  });

  app.post(`${DASHBOARD_BASE}/connexion`, { bodyLimit: FORM_BODY_LIMIT }, async (req, reply) => {
    const form = formOf(req);
    const expected = cookiesOf(req).get(LOGIN_COOKIE);
    const submitted = form?.get('jeton') ?? undefined;
    const fresh = randomToken(24);
    const again = (status: number, message: string) => {
      reply.header('set-cookie', cookie(req, LOGIN_COOKIE, fresh, 600));
      return html(reply, status, loginPage(DASHBOARD_BASE, fresh, message));
    };
    if (!sameOrigin(req) || form === null || expected === undefined || submitted === undefined || !constantTimeEqual(expected, submitted)) {
      return again(403, 'Le formulaire a expiré ou ne vient pas de cette page : veuillez réessayer.');
    }
    const wait = ctx.limits.login.hit(req.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      return again(429, `Trop de tentatives : réessayez dans ${Math.ceil(wait / 60)} minute(s).`);
    }
    const result = await login(ctx, form.get('motDePasse') ?? '', req.ip);
    if (!result.ok) {
      return result.reason === 'no_password'
        ? again(403, 'Aucun mot de passe n’est défini : utilisez « npx jalons hub admin-password » sur le serveur.')
        : again(401, 'Mot de passe incorrect.');
    }
    reply.header('set-cookie', [
      cookie(req, SESSION_COOKIE, result.token, Math.floor(SESSION_LIFETIME_MS / 1000)),
      cookie(req, LOGIN_COOKIE, '', 0),
    ]);
    return reply.redirect(DASHBOARD_BASE, 303);
  });

  app.post(`${DASHBOARD_BASE}/deconnexion`, { bodyLimit: FORM_BODY_LIMIT }, async (req, reply) => {
    const session = await withSession(req, reply);
    if (session === null) return reply;
    const form = formOf(req);
    if (!sameOrigin(req) || !csrfMatches(session, form?.get('csrf') ?? undefined)) {
      return html(reply, 403, messagePage(DASHBOARD_BASE, 'Action refusée', 'La demande ne vient pas de ce tableau de bord.'));
    }
    await logout(ctx, session);
    reply.header('set-cookie', cookie(req, SESSION_COOKIE, '', 0));
    return toLogin(reply);
  });

  app.get(DASHBOARD_BASE, async (req, reply) => {
    const session = await withSession(req, reply);
    if (session === null) return reply;
    const rows = await structuresOverview(ctx);
    const label = (key: string) => {
      const p = parsePeriodKey(key);
      return p === null ? key : periodLabel(p);
    };
    return html(reply, 200, structuresPage(DASHBOARD_BASE, session.csrfToken, rows, label));
  });

  const reportFor = async (query: { periode?: string; niveau?: string }) => {
    const periods = (await availablePeriods(ctx)).map((p) => ({
      key: p.period_key,
      label: periodLabel({ kind: p.period_kind as 'year' | 'half' | 'quarter', year: p.period_year, index: p.period_index }),
      structures: p.structures,
    }));
    const wanted = query.periode !== undefined ? parsePeriodKey(query.periode) : null;
    const period = wanted ?? (periods[0] === undefined ? null : parsePeriodKey(periods[0].key));
    const report = period === null ? null : await buildReport(ctx, { period });
    return { periods, period, report, level: query.niveau ?? 'national' };
  };

  app.get<{ Querystring: { periode?: string; niveau?: string } }>(`${DASHBOARD_BASE}/indicateurs`, async (req, reply) => {
    const session = await withSession(req, reply);
    if (session === null) return reply;
    const { periods, period, report, level } = await reportFor(req.query);
    return html(
      reply,
      200,
      indicatorsPage({
        base: DASHBOARD_BASE,
        csrfToken: session.csrfToken,
        periods,
        selectedPeriod: period === null ? null : periodKey(period),
        selectedLevel: level,
        report,
      }),
    );
  });

  app.get<{ Querystring: { periode?: string; niveau?: string } }>(`${DASHBOARD_BASE}/indicateurs.csv`, async (req, reply) => {
    const session = await withSession(req, reply);
    if (session === null) return reply;
    const { period, report, level } = await reportFor(req.query);
    if (period === null || report === null) return html(reply, 404, messagePage(DASHBOARD_BASE, 'Aucune donnée', 'Aucun lot reçu pour cette période.'));
    const filtered = { ...report, levels: report.levels.filter((l) => l.level === level) };
    const name = `jalons-indicateurs-${periodKey(period)}-${level.replace(/[^A-Za-z0-9_-]/g, '')}.csv`;
    return reply
      .code(200)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(reportCsv(filtered));
  });
}
