import { sql } from 'kysely';
import type { SqliteDatabase } from '../db/open';
import type { AppDb } from '../db/schema';
import { ANONYMISED_LAST_NAME, existingTables } from './rgpd';

/*
 * The retention writes, run by the 'rgpd.purge' job in the worker thread. Purge removes the rows;
 * anonymisation keeps dates and codes (statistics) and blanks identity and free texts; the notes rule
 * blanks confidential texts only. The audit log is never touched: its entries hold ids only.
 */

/** Drafts of forms about this salarié: keyed by one of their ids, or holding the salarié's id. */
async function deleteDraftsOf(db: AppDb, salarieId: string, relatedIds: readonly string[]): Promise<void> {
  const keyHits = [salarieId, ...relatedIds].map((id) => sql`instr(key, ${id}) > 0`);
  await sql`DELETE FROM draft WHERE ${sql.join([...keyHits, sql`instr(value, ${salarieId}) > 0`], sql` OR `)}`.execute(db);
}

async function relatedIdsOf(db: AppDb, salarieId: string, immersions: boolean): Promise<string[]> {
  const entretiens = await db.selectFrom('entretien').select('id').where('salarie_id', '=', salarieId).execute();
  const freins = await db.selectFrom('frein').select('id').where('salarie_id', '=', salarieId).execute();
  const contracts = await db.selectFrom('contract').select('id').where('salarie_id', '=', salarieId).execute();
  const others = immersions ? await db.selectFrom('immersion').select('id').where('salarie_id', '=', salarieId).execute() : [];
  return [...entretiens, ...freins, ...contracts, ...others].map((r) => r.id);
}

/**
 * Removes the salarié and every dependent row: the schema's ON DELETE CASCADE covers their records,
 * their entretiens (participants, objectives, documents, freins links), their participations in other
 * entretiens, and their immersions (steps, grid, evaluations, ratings, bilan).
 */
export async function purgeSalarie(db: AppDb, salarieId: string): Promise<boolean> {
  const immersions = (await existingTables(db, ['immersion'])).has('immersion');
  await deleteDraftsOf(db, salarieId, await relatedIdsOf(db, salarieId, immersions));
  const result = await db.deleteFrom('salarie').where('id', '=', salarieId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Blanks the confidential free texts (the notes retention). */
export async function clearNotes(db: AppDb, salarieId: string): Promise<void> {
  const immersions = (await existingTables(db, ['immersion'])).has('immersion');
  await db.updateTable('salarie').set({ confidential_note: null }).where('id', '=', salarieId).execute();
  await db.updateTable('frein').set({ details: null }).where('salarie_id', '=', salarieId).execute();
  await sql`UPDATE frein_action SET note = NULL WHERE frein_id IN (SELECT id FROM frein WHERE salarie_id = ${salarieId})`.execute(db);
  await db.updateTable('entretien').set({ notes: null }).where('salarie_id', '=', salarieId).execute();
  if (immersions) await db.updateTable('immersion').set({ notes: null }).where('salarie_id', '=', salarieId).execute();
}

export interface AnonymisedIdentity {
  searchKey: string;
  tokens: readonly string[];
  /** Birth year kept (mid-year) so age brackets stay right; the full date goes. */
  birthDate: string | null;
  updatedAt: string;
}

/** Keeps dates, codes and numbers; blanks identity, contact details and every free text. */
export async function anonymiseSalarie(db: AppDb, salarieId: string, identity: AnonymisedIdentity): Promise<void> {
  const tables = await existingTables(db, ['immersion', 'immersion_evaluation', 'immersion_rating', 'immersion_bilan']);
  const immersions = tables.has('immersion');
  await deleteDraftsOf(db, salarieId, await relatedIdsOf(db, salarieId, immersions));
  await clearNotes(db, salarieId);
  await db
    .updateTable('salarie')
    .set({
      last_name: ANONYMISED_LAST_NAME,
      first_name: '',
      birth_name: null,
      birth_date: identity.birthDate,
      commune_insee: null,
      phone: null,
      email: null,
      search_key: identity.searchKey,
      updated_at: identity.updatedAt,
    })
    .where('id', '=', salarieId)
    .execute();
  await db.deleteFrom('salarie_search_token').where('salarie_id', '=', salarieId).execute();
  if (identity.tokens.length > 0) {
    await db
      .insertInto('salarie_search_token')
      .values(identity.tokens.map((token) => ({ token, salarie_id: salarieId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const id = salarieId;
  await db.updateTable('pass_iae').set({ number: null }).where('salarie_id', '=', id).execute();
  await db.updateTable('pass_iae_suspension').set({ reason_explanation: null }).where('salarie_id', '=', id).execute();
  await db.updateTable('pass_iae_prolongation').set({ reason_explanation: null }).where('salarie_id', '=', id).execute();
  await sql`UPDATE frein_action SET partner = NULL WHERE frein_id IN (SELECT id FROM frein WHERE salarie_id = ${id})`.execute(db);
  await db.updateTable('projet').set({ note: null }).where('salarie_id', '=', id).execute();
  await sql`UPDATE projet_target SET label = rome_code WHERE salarie_id = ${id}`.execute(db);
  await db.updateTable('formation').set({ title: '—', organisme: null }).where('salarie_id', '=', id).execute();
  await db.updateTable('sortie').set({ note: null }).where('salarie_id', '=', id).execute();
  await db.updateTable('sortie_follow_up').set({ situation: null, note: null }).where('salarie_id', '=', id).execute();
  await db.updateTable('action').set({ label: '—', owner: null }).where('salarie_id', '=', id).execute();
  await db
    .updateTable('entretien')
    .set({ place_detail: null, title: null, decisions: null, missed_reason: null })
    .where('salarie_id', '=', id)
    .execute();
  const own = sql`(SELECT id FROM entretien WHERE salarie_id = ${id})`;
  await sql`UPDATE entretien_objective SET text = '—', conditions = NULL WHERE entretien_id IN ${own}`.execute(db);
  await sql`UPDATE entretien_document SET label = '—' WHERE entretien_id IN ${own}`.execute(db);
  // Everyone named in their entretiens, and their own name wherever they took part.
  await sql`UPDATE entretien_participant SET display_name = '—' WHERE entretien_id IN ${own}`.execute(db);
  await sql`UPDATE entretien_participant SET display_name = ${ANONYMISED_LAST_NAME} WHERE salarie_id = ${id}`.execute(db);
  if (immersions) {
    await db
      .updateTable('immersion')
      .set({ schedule_note: null, place: null, activities: null, cancel_reason: null })
      .where('salarie_id', '=', id)
      .execute();
    const theirs = sql`(SELECT id FROM immersion WHERE salarie_id = ${id})`;
    if (tables.has('immersion_evaluation')) {
      await sql`UPDATE immersion_evaluation SET evaluators = '[]', salarie_opinion = NULL, host_opinion = NULL WHERE immersion_id IN ${theirs}`.execute(db);
    }
    if (tables.has('immersion_rating')) {
      await sql`UPDATE immersion_rating SET comment = NULL WHERE evaluation_id IN (SELECT id FROM immersion_evaluation WHERE immersion_id IN ${theirs})`.execute(db);
    }
    if (tables.has('immersion_bilan')) {
      await sql`UPDATE immersion_bilan SET establishment_feedback = NULL, establishment_advices = NULL, beneficiary_feedback = NULL, next_steps_note = NULL WHERE immersion_id IN ${theirs}`.execute(
        db,
      );
    }
  }
}

/**
 * Rewrites the database file so that deleted and overwritten texts are gone from it, not merely
 * marked free: VACUUM (temp data kept in memory, never in a clear temp file), then the WAL is
 * checkpointed and truncated so old page images do not survive there either.
 */
export function compactDatabase(sqlite: SqliteDatabase): { walCleared: boolean } {
  sqlite.pragma('temp_store = MEMORY');
  sqlite.exec('VACUUM');
  const [result] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  return { walCleared: result?.busy === 0 };
}

/** Zero freed content as it is deleted (before the VACUUM even runs). */
export function enableSecureDelete(sqlite: SqliteDatabase): void {
  sqlite.pragma('secure_delete = ON');
}

/** From the main connection, once the worker is done: truncates the WAL if a reader held it. */
export async function checkpointTruncate(db: AppDb): Promise<boolean> {
  const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  return rows[0]?.busy === 0;
}
