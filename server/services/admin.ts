import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { appendAudit } from '../repositories/audit';
import { deleteAllSessions, deleteSession, findSession, insertSession, purgeExpiredSessions, touchSession } from '../repositories/sessions';
import { getSetting, setSetting } from '../repositories/settings';
import { nowIso, type HubContext } from './context';
import { constantTimeEqual, randomToken, sha256Hex } from './crypto';
import { HubAdminError } from './enrolment';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

const PASSWORD_SETTING = 'admin_password';
export const MIN_PASSWORD_LENGTH = 12;

export interface ScryptCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}
/** ~100 ms and 32 MiB per attempt on a small server. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { log2N: 15, r: 8, p: 1 };

async function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.log2N;
  return scrypt(password.normalize('NFC'), salt, 32, { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r });
}

/** `scrypt$log2N$r$p$salt$hash` (base64url): the parameters travel with the hash. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, cost);
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const cost = { log2N: Number(log2N), r: Number(r), p: Number(p) };
  if (![cost.log2N, cost.r, cost.p].every((x) => Number.isInteger(x) && x > 0) || cost.log2N > 22) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** `jalons hub admin-password`: sets the dashboard password and closes every open session. */
export async function setAdminPassword(ctx: HubContext, password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<void> {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new HubAdminError(`Mot de passe trop court : ${MIN_PASSWORD_LENGTH} caractères au moins.`);
  }
  const stored = await hashPassword(password, cost);
  await ctx.db.transaction().execute(async (trx) => {
    await setSetting(trx, PASSWORD_SETTING, stored);
    await deleteAllSessions(trx);
    await appendAudit(trx, { at: nowIso(ctx), actor: 'admin', action: 'admin.password.set', entity: 'hub', entityId: 'dashboard' });
  });
}

export async function hasAdminPassword(ctx: HubContext): Promise<boolean> {
  return (await getSetting(ctx.db, PASSWORD_SETTING)) !== undefined;
}

/** Absolute lifetime of a dashboard session, and how long it may sit idle. */
export const SESSION_LIFETIME_MS = 8 * 3_600_000;
export const SESSION_IDLE_MS = 60 * 60_000;

export interface AdminSession {
  readonly tokenHash: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export type LoginResult = { ok: true; token: string; session: AdminSession } | { ok: false; reason: 'no_password' | 'wrong_password' };

export async function login(ctx: HubContext, password: string, client: string): Promise<LoginResult> {
  const stored = await getSetting(ctx.db, PASSWORD_SETTING);
  if (stored === undefined) return { ok: false, reason: 'no_password' };
  const now = ctx.clock.now();
  if (!(await verifyPassword(password, stored))) {
    await appendAudit(ctx.db, { at: now.toISOString(), actor: `client:${client}`, action: 'admin.login.fail', entity: 'hub', entityId: 'dashboard' });
    return { ok: false, reason: 'wrong_password' };
  }
  const token = randomToken(32);
  const session: AdminSession = {
    tokenHash: sha256Hex(token),
    csrfToken: randomToken(32),
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
  };
  await purgeExpiredSessions(ctx.db, now.toISOString());
  await insertSession(ctx.db, {
    token_hash: session.tokenHash,
    csrf_token: session.csrfToken,
    created_at: now.toISOString(),
    expires_at: session.expiresAt,
    last_seen_at: now.toISOString(),
  });
  await appendAudit(ctx.db, { at: now.toISOString(), actor: `client:${client}`, action: 'admin.login', entity: 'hub', entityId: 'dashboard' });
  return { ok: true, token, session };
}

/** The live session behind a cookie value, or null (unknown, expired or idle too long — then deleted). */
export async function sessionOf(ctx: HubContext, token: string | undefined): Promise<AdminSession | null> {
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const tokenHash = sha256Hex(token);
  const row = await findSession(ctx.db, tokenHash);
  if (row === undefined) return null;
  const now = ctx.clock.now().getTime();
  if (Date.parse(row.expires_at) <= now || Date.parse(row.last_seen_at) + SESSION_IDLE_MS <= now) {
    await deleteSession(ctx.db, tokenHash);
    return null;
  }
  // Writes at most once a minute per session.
  if (now - Date.parse(row.last_seen_at) > 60_000) await touchSession(ctx.db, tokenHash, new Date(now).toISOString());
  return { tokenHash, csrfToken: row.csrf_token, expiresAt: row.expires_at };
}

export function csrfMatches(session: AdminSession, submitted: string | undefined): boolean {
  return submitted !== undefined && constantTimeEqual(session.csrfToken, submitted);
}

export async function logout(ctx: HubContext, session: AdminSession): Promise<void> {
  await deleteSession(ctx.db, session.tokenHash);
  await appendAudit(ctx.db, { at: nowIso(ctx), actor: 'admin', action: 'admin.logout', entity: 'hub', entityId: 'dashboard' });
}
