import { sql, type ExpressionBuilder } from 'kysely';
import type { AppDb, ContactTable, DB, OrganisationTable } from '../db/schema';

export type OrganisationRow = OrganisationTable;
export type ContactRow = ContactTable;

type OrgEb = ExpressionBuilder<DB, 'organisation'>;

// ── Organisations ───────────────────────────────────────────────────────────────

export async function findOrganisation(db: AppDb, id: string, options: { includeDeleted?: boolean } = {}): Promise<OrganisationRow | null> {
  let query = db.selectFrom('organisation').selectAll().where('id', '=', id);
  if (!options.includeDeleted) query = query.where('deleted_at', 'is', null);
  return (await query.executeTakeFirst()) ?? null;
}

/** A live organisation whose folded name is exactly this key (typing "Boulangerie Martin" twice makes one). */
export async function findOrganisationByKey(db: AppDb, searchKey: string): Promise<OrganisationRow | null> {
  return (
    (await db
      .selectFrom('organisation')
      .selectAll()
      .where('search_key', '=', searchKey)
      .where('deleted_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst()) ?? null
  );
}

export async function insertOrganisation(db: AppDb, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisation').values(row).execute();
}

export async function updateOrganisation(db: AppDb, id: string, patch: Partial<Omit<OrganisationRow, 'id' | 'created_at'>>): Promise<void> {
  await db.updateTable('organisation').set(patch).where('id', '=', id).execute();
}

/** LIKE pattern text with its wildcards escaped (ESCAPE '\'). */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Every word must start a word of the folded name (hyphens and apostrophes separate words too). */
function nameWordsMatch(eb: OrgEb, words: readonly string[]) {
  const spaced = sql<string>`(' ' || replace(replace(organisation.search_key, '-', ' '), '''', ' '))`;
  return eb.and(words.map((w) => eb(spaced, 'like', sql<string>`${`% ${likeEscape(w)}%`} ESCAPE '\\'`)));
}

export interface OrganisationListFilter {
  /** Folded query words. */
  words: readonly string[];
  kind: string | null;
  offset: number;
  limit: number;
}

/** Live organisations with their counts (correlated subqueries). */
export async function listOrganisations(db: AppDb, filter: OrganisationListFilter) {
  let base = db.selectFrom('organisation').where('organisation.deleted_at', 'is', null);
  if (filter.kind) base = base.where('organisation.kind', '=', filter.kind);
  if (filter.words.length > 0) base = base.where((eb) => nameWordsMatch(eb, filter.words));
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select((eb) => [
      'organisation.id',
      'organisation.name',
      'organisation.kind',
      'organisation.commune_insee',
      eb
        .selectFrom('contact')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('contact.organisation_id', '=', 'organisation.id')
        .where('contact.active', '=', 1)
        .as('contact_count'),
      eb
        .selectFrom('sortie')
        .innerJoin('salarie', 'salarie.id', 'sortie.salarie_id')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('sortie.employer_organisation_id', '=', 'organisation.id')
        .where('salarie.deleted_at', 'is', null)
        .as('hires'),
      eb
        .selectFrom('entretien_participant')
        .innerJoin('entretien', 'entretien.id', 'entretien_participant.entretien_id')
        .select(sql<number>`count(DISTINCT entretien.id)`.as('n'))
        .whereRef('entretien_participant.organisation_id', '=', 'organisation.id')
        .where('entretien.kind', '=', 'tripartite')
        .where('entretien.status', '=', 'tenu')
        .as('tripartite_count'),
      eb
        .selectFrom('entretien_participant')
        .innerJoin('entretien', 'entretien.id', 'entretien_participant.entretien_id')
        .select((c) => c.fn.max('entretien.date').as('d'))
        .whereRef('entretien_participant.organisation_id', '=', 'organisation.id')
        .where('entretien.status', '=', 'tenu')
        .as('last_contact_date'),
      // Immersions hosted: started or finished (not planned nor cancelled).
      eb
        .selectFrom('immersion')
        .innerJoin('salarie', 'salarie.id', 'immersion.salarie_id')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('immersion.host_organisation_id', '=', 'organisation.id')
        .where('immersion.status', 'in', ['en_cours', 'terminee'])
        .where('salarie.deleted_at', 'is', null)
        .as('immersions_hosted'),
    ])
    .orderBy('organisation.search_key')
    .orderBy('organisation.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { total: Number(counted.total), rows };
}

/** Date of the latest held entretien this organisation took part in. */
export async function lastContactDate(db: AppDb, organisationId: string): Promise<string | null> {
  const row = await db
    .selectFrom('entretien_participant')
    .innerJoin('entretien', 'entretien.id', 'entretien_participant.entretien_id')
    .select((eb) => eb.fn.max('entretien.date').as('d'))
    .where('entretien_participant.organisation_id', '=', organisationId)
    .where('entretien.status', '=', 'tenu')
    .executeTakeFirst();
  return row?.d ?? null;
}

/** Entretiens (not cancelled) this organisation took part in, with the salarié (deleted salariés left out). */
export async function listOrganisationEntretiens(db: AppDb, organisationId: string) {
  return db
    .selectFrom('entretien')
    .leftJoin('salarie', 'salarie.id', 'entretien.salarie_id')
    .select(['entretien.id', 'entretien.date', 'entretien.kind', 'entretien.status', 'entretien.salarie_id', 'salarie.first_name', 'salarie.last_name'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('entretien_participant')
          .select(sql`1`.as('one'))
          .whereRef('entretien_participant.entretien_id', '=', 'entretien.id')
          .where('entretien_participant.organisation_id', '=', organisationId),
      ),
    )
    .where('entretien.status', '!=', 'annule')
    .where((eb) => eb.or([eb('entretien.salarie_id', 'is', null), eb('salarie.deleted_at', 'is', null)]))
    .orderBy('entretien.date', 'desc')
    .orderBy('entretien.id', 'desc')
    .execute();
}

/** Sorties towards this employer (hires), live salariés only. */
export async function listOrganisationHires(db: AppDb, organisationId: string) {
  return db
    .selectFrom('sortie')
    .innerJoin('salarie', 'salarie.id', 'sortie.salarie_id')
    .select(['sortie.salarie_id', 'sortie.exit_date', 'sortie.motif', 'salarie.first_name', 'salarie.last_name'])
    .where('sortie.employer_organisation_id', '=', organisationId)
    .where('salarie.deleted_at', 'is', null)
    .orderBy('sortie.exit_date', 'desc')
    .execute();
}

/**
 * Live organisations with their active contacts (one row per contact, or one row with null contact
 * columns): the quick pick folds contact names in code, since contacts have no stored search key.
 */
export async function listPickCandidates(db: AppDb) {
  return db
    .selectFrom('organisation')
    .leftJoin('contact', (join) => join.onRef('contact.organisation_id', '=', 'organisation.id').on('contact.active', '=', 1))
    .select([
      'organisation.id as organisation_id',
      'organisation.name as organisation_name',
      'organisation.search_key',
      'contact.id as contact_id',
      'contact.name as contact_name',
      'contact.role as contact_role',
    ])
    .where('organisation.deleted_at', 'is', null)
    .orderBy('organisation.search_key')
    .orderBy('organisation.id')
    .orderBy('contact.name')
    .orderBy('contact.id')
    .execute();
}

// ── Contacts ────────────────────────────────────────────────────────────────────

export async function listContacts(db: AppDb, organisationId: string): Promise<ContactRow[]> {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('active', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findContact(db: AppDb, id: string): Promise<ContactRow | null> {
  return (await db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertContact(db: AppDb, row: ContactRow): Promise<void> {
  await db.insertInto('contact').values(row).execute();
}

export async function updateContact(db: AppDb, id: string, patch: Partial<Omit<ContactRow, 'id' | 'organisation_id' | 'created_at'>>): Promise<void> {
  await db.updateTable('contact').set(patch).where('id', '=', id).execute();
}

export async function deleteContact(db: AppDb, id: string): Promise<void> {
  await db.deleteFrom('contact').where('id', '=', id).execute();
}

/** Which of these contacts appear as entretien participants or immersion tutors (those are deactivated, never deleted). */
export async function referencedContactIds(db: AppDb, contactIds: readonly string[]): Promise<Set<string>> {
  if (contactIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('entretien_participant')
    .select('contact_id')
    .distinct()
    .where('contact_id', 'in', [...contactIds])
    .execute();
  const tutors = await db.selectFrom('immersion').select('tutor_contact_id as contact_id').distinct().where('tutor_contact_id', 'in', [...contactIds]).execute();
  return new Set([...rows, ...tutors].flatMap((r) => (r.contact_id ? [r.contact_id] : [])));
}
