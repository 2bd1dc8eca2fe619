import type { Kysely, Selectable } from 'kysely';
import type { HubDB } from '../db/schema';

export type SessionRow = Selectable<HubDB['admin_sessions']>;

export async function insertSession(db: Kysely<HubDB>, row: SessionRow): Promise<void> {
  await db.insertInto('admin_sessions').values(row).execute();
}

export async function findSession(db: Kysely<HubDB>, tokenHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('admin_sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function touchSession(db: Kysely<HubDB>, tokenHash: string, now: string): Promise<void> {
  await db.updateTable('admin_sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Kysely<HubDB>, tokenHash: string): Promise<void> {
  await db.deleteFrom('admin_sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteAllSessions(db: Kysely<HubDB>): Promise<void> {
  await db.deleteFrom('admin_sessions').execute();
}

export async function purgeExpiredSessions(db: Kysely<HubDB>, now: string): Promise<void> {
  await db.deleteFrom('admin_sessions').where('expires_at', '<', now).execute();
}
