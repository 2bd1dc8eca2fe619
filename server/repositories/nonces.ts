import type { Kysely } from 'kysely';
import type { HubDB } from '../db/schema';

/** Records a signed request's nonce; the primary key refuses a replay (unique violation). */
export async function insertNonce(db: Kysely<HubDB>, deviceId: string, nonce: string, expiresAt: string): Promise<void> {
  await db.insertInto('request_nonces').values({ device_id: deviceId, nonce, expires_at: expiresAt }).execute();
}

export async function purgeExpiredNonces(db: Kysely<HubDB>, now: string): Promise<void> {
  await db.deleteFrom('request_nonces').where('expires_at', '<', now).execute();
}
