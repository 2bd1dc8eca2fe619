import type { Kysely, Selectable } from 'kysely';
import type { HubDB } from '../db/schema';

export type EnrolmentCodeRow = Selectable<HubDB['enrolment_codes']>;

export async function insertEnrolmentCode(db: Kysely<HubDB>, row: EnrolmentCodeRow): Promise<void> {
  await db.insertInto('enrolment_codes').values(row).execute();
}

export async function findEnrolmentCode(db: Kysely<HubDB>, codeHash: string): Promise<EnrolmentCodeRow | undefined> {
  return db.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
}

/**
 * Burns the code for this device if it is still unused and unexpired. Returns false when another
 * enrolment got there first: the conditional update is what makes a code single-use under concurrency.
 */
export async function burnEnrolmentCode(
  db: Kysely<HubDB>,
  codeHash: string,
  deviceId: string,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('enrolment_codes')
    .set({ used_at: now, device_id: deviceId })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
