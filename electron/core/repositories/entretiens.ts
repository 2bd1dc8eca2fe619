import type {
  ActionTable,
  AppDb,
  EntretienDocumentTable,
  EntretienObjectiveTable,
  EntretienParticipantTable,
  EntretienTable,
} from '../db/schema';

export type EntretienRow = EntretienTable;
export type ParticipantRow = EntretienParticipantTable;
export type ObjectiveRow = EntretienObjectiveTable;
export type DocumentRow = EntretienDocumentTable;

/** Next steps of an entretien are rows of the parcours `action` table with this source type. */
export const ENTRETIEN_ACTION_SOURCE = 'entretien';

export async function findEntretien(db: AppDb, id: string): Promise<EntretienRow | null> {
  return (await db.selectFrom('entretien').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertEntretien(db: AppDb, row: EntretienRow): Promise<void> {
  await db.insertInto('entretien').values(row).execute();
}

export async function updateEntretien(db: AppDb, id: string, patch: Partial<Omit<EntretienRow, 'id' | 'created_at'>>): Promise<void> {
  await db.updateTable('entretien').set(patch).where('id', '=', id).execute();
}

/** Participants, objectives, documents and freins go with it (ON DELETE CASCADE). */
export async function deleteEntretien(db: AppDb, id: string): Promise<void> {
  await db.deleteFrom('entretien').where('id', '=', id).execute();
}

/** A salarié's entretiens, newest first (untimed ones after timed ones of the same day). */
export async function listEntretiensOfSalarie(db: AppDb, salarieId: string): Promise<EntretienRow[]> {
  return db
    .selectFrom('entretien')
    .selectAll()
    .where('salarie_id', '=', salarieId)
    .orderBy('date', 'desc')
    .orderBy('start_time', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .execute();
}

/** Same salarié, same kind, same day, not cancelled: used to keep planning idempotent. */
export async function findPlannedOn(db: AppDb, salarieId: string, kind: string, date: string): Promise<EntretienRow | null> {
  return (
    (await db
      .selectFrom('entretien')
      .selectAll()
      .where('salarie_id', '=', salarieId)
      .where('kind', '=', kind)
      .where('date', '=', date)
      .where('status', '!=', 'annule')
      .executeTakeFirst()) ?? null
  );
}

/** The date of the salarié's latest held entretien (feeds the "no entretien for N weeks" alert). */
export async function latestHeldEntretienDate(db: AppDb, salarieId: string): Promise<string | null> {
  const row = await db
    .selectFrom('entretien')
    .select((eb) => eb.fn.max('date').as('last'))
    .where('salarie_id', '=', salarieId)
    .where('status', '=', 'tenu')
    .executeTakeFirst();
  return row?.last ?? null;
}

// ── Participants, objectives, documents, freins ─────────────────────────────────

/** Participants with the current name of their organisation (kept even once the organisation is deleted). */
export async function listParticipants(db: AppDb, entretienIds: readonly string[]) {
  if (entretienIds.length === 0) return [];
  return db
    .selectFrom('entretien_participant')
    .leftJoin('organisation', 'organisation.id', 'entretien_participant.organisation_id')
    .selectAll('entretien_participant')
    .select('organisation.name as organisation_name')
    .where('entretien_participant.entretien_id', 'in', entretienIds)
    .orderBy('entretien_participant.entretien_id')
    .orderBy('entretien_participant.rank')
    .execute();
}
export type ParticipantWithOrganisation = Awaited<ReturnType<typeof listParticipants>>[number];

export async function replaceParticipants(db: AppDb, entretienId: string, rows: readonly ParticipantRow[]): Promise<void> {
  await db.deleteFrom('entretien_participant').where('entretien_id', '=', entretienId).execute();
  if (rows.length > 0) await db.insertInto('entretien_participant').values([...rows]).execute();
}

export async function listObjectives(db: AppDb, entretienId: string): Promise<ObjectiveRow[]> {
  return db.selectFrom('entretien_objective').selectAll().where('entretien_id', '=', entretienId).orderBy('rank').execute();
}

export async function replaceObjectives(db: AppDb, entretienId: string, rows: readonly ObjectiveRow[]): Promise<void> {
  await db.deleteFrom('entretien_objective').where('entretien_id', '=', entretienId).execute();
  if (rows.length > 0) await db.insertInto('entretien_objective').values([...rows]).execute();
}

export async function listDocuments(db: AppDb, entretienId: string): Promise<DocumentRow[]> {
  return db.selectFrom('entretien_document').selectAll().where('entretien_id', '=', entretienId).orderBy('rank').execute();
}

export async function replaceDocuments(db: AppDb, entretienId: string, rows: readonly DocumentRow[]): Promise<void> {
  await db.deleteFrom('entretien_document').where('entretien_id', '=', entretienId).execute();
  if (rows.length > 0) await db.insertInto('entretien_document').values([...rows]).execute();
}

/** The freins discussed, with their kind (the view flags confidential kinds). */
export async function listEntretienFreins(db: AppDb, entretienId: string) {
  return db
    .selectFrom('entretien_frein')
    .innerJoin('frein', 'frein.id', 'entretien_frein.frein_id')
    .select(['frein.id', 'frein.kind', 'frein.salarie_id'])
    .where('entretien_frein.entretien_id', '=', entretienId)
    .orderBy('frein.identified_date')
    .orderBy('frein.id')
    .execute();
}

export async function replaceEntretienFreins(db: AppDb, entretienId: string, freinIds: readonly string[]): Promise<void> {
  await db.deleteFrom('entretien_frein').where('entretien_id', '=', entretienId).execute();
  const unique = [...new Set(freinIds)];
  if (unique.length > 0) {
    await db
      .insertInto('entretien_frein')
      .values(unique.map((frein_id) => ({ entretien_id: entretienId, frein_id })))
      .execute();
  }
}

/** Owner salarié of each frein id that exists (to check they all belong to the entretien's salarié). */
export async function freinOwners(db: AppDb, freinIds: readonly string[]): Promise<Map<string, string>> {
  if (freinIds.length === 0) return new Map();
  const rows = await db.selectFrom('frein').select(['id', 'salarie_id']).where('id', 'in', [...new Set(freinIds)]).execute();
  return new Map(rows.map((r) => [r.id, r.salarie_id]));
}

// ── Next steps (rows of the parcours `action` table) ───────────────────────────

export async function listEntretienActions(db: AppDb, entretienId: string): Promise<ActionTable[]> {
  return db
    .selectFrom('action')
    .selectAll()
    .where('source_type', '=', ENTRETIEN_ACTION_SOURCE)
    .where('source_id', '=', entretienId)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

/** Open next steps are replaced on every save; done ones are history and stay. */
export async function deleteOpenEntretienActions(db: AppDb, entretienId: string): Promise<void> {
  await db
    .deleteFrom('action')
    .where('source_type', '=', ENTRETIEN_ACTION_SOURCE)
    .where('source_id', '=', entretienId)
    .where('done_date', 'is', null)
    .execute();
}

export async function insertActions(db: AppDb, rows: readonly ActionTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('action').values([...rows]).execute();
}

/** Open actions of live salariés (any source), soonest due first; optionally one référent's caseload. */
export async function listOpenActions(db: AppDb, filter: { referentId: string | null; dueBefore: string | null }) {
  let query = db
    .selectFrom('action')
    .innerJoin('salarie', 'salarie.id', 'action.salarie_id')
    .select([
      'action.id',
      'action.salarie_id',
      'action.label',
      'action.owner',
      'action.due_date',
      'action.done_date',
      'salarie.first_name',
      'salarie.last_name',
    ])
    .where('action.done_date', 'is', null)
    .where('salarie.deleted_at', 'is', null);
  if (filter.referentId) query = query.where('salarie.referent_id', '=', filter.referentId);
  if (filter.dueBefore) query = query.where('action.due_date', '<', filter.dueBefore);
  return query.orderBy('action.due_date').orderBy('salarie.search_key').orderBy('action.id').execute();
}

// ── Names for views ─────────────────────────────────────────────────────────────

export async function salarieNames(db: AppDb, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map<string, { first_name: string; last_name: string }>();
  const rows = await db.selectFrom('salarie').select(['id', 'first_name', 'last_name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, { first_name: r.first_name, last_name: r.last_name }]));
}

/** Third parties (participants with a third-party role) of several entretiens, in rank order. */
export async function listThirdParties(db: AppDb, entretienIds: readonly string[], roles: readonly string[]) {
  if (entretienIds.length === 0) return [];
  return db
    .selectFrom('entretien_participant')
    .leftJoin('organisation', 'organisation.id', 'entretien_participant.organisation_id')
    .select(['entretien_participant.entretien_id', 'entretien_participant.display_name', 'entretien_participant.contact_id', 'organisation.name as organisation_name'])
    .where('entretien_participant.entretien_id', 'in', entretienIds)
    .where('entretien_participant.role', 'in', [...roles])
    .orderBy('entretien_participant.entretien_id')
    .orderBy('entretien_participant.rank')
    .execute();
}
