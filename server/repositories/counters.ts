import type { Kysely } from 'kysely';
import type { HubDB } from '../db/schema';

/**
 * Next value of a hub-wide counter (receipt sequence numbers). The row update takes a write lock
 * until the transaction ends, so numbers are unique and follow commit order.
 */
export async function nextCounter(db: Kysely<HubDB>, name: string): Promise<number> {
  const row = await db
    .updateTable('hub_counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
