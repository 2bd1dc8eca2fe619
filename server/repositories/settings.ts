import type { Kysely } from 'kysely';
import type { HubDB } from '../db/schema';

export async function getSetting(db: Kysely<HubDB>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('hub_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function setSetting(db: Kysely<HubDB>, key: string, value: string): Promise<void> {
  await db
    .insertInto('hub_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
