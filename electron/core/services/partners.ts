import type { OrganisationKind, ParticipantRole } from '../../../shared/domain/entretiens';
import { entretienKindLabels, entretienStatusLabels, type EntretienKind, type EntretienStatus } from '../../../shared/domain/entretiens';
import { foldForSearch } from '../../../shared/domain/text';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { OrganisationSummary, OrganisationView } from '../../../shared/ipc/partners';
import type { AppDb } from '../db/schema';
import {
  deleteContact,
  findOrganisation,
  findOrganisationByKey,
  insertContact,
  insertOrganisation,
  lastContactDate,
  listContacts,
  listOrganisationEntretiens,
  listOrganisationHires,
  listOrganisations,
  listPickCandidates,
  referencedContactIds,
  updateContact,
  updateOrganisation,
  type ContactRow,
  type OrganisationRow,
} from '../repositories/partners';
import { communeNames } from './communes';
import { partnerImmersionHistory } from './immersions-integration';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, nowOf, validationError } from './parcours';

/*
 * The partners directory: organisations (companies, platforms, prescribers, training bodies) and
 * their several contacts. Deleting is soft, so entretiens and hires keep their history.
 */

export const ORGANISATION_NOT_FOUND = 'Ce partenaire n’existe pas ou a été supprimé.';

/** Folded query words; hyphens and apostrophes separate words as in the stored names. */
export function queryWords(query: string): string[] {
  return foldForSearch(query)
    .split(/[\s'-]+/)
    .filter((w) => w.length > 0);
}

function nameWords(text: string): string[] {
  return queryWords(text);
}

/** Every query word starts one of the words. */
function allPrefixed(query: readonly string[], words: readonly string[]): boolean {
  return query.every((q) => words.some((w) => w.startsWith(q)));
}

// ── List, get ───────────────────────────────────────────────────────────────────

export async function listPartners(ctx: ServiceContext, input: ParsedInput<'partners.list'>): Promise<MethodOutput<'partners.list'>> {
  const { total, rows } = await listOrganisations(ctx.db(), {
    words: queryWords(input.query),
    kind: input.kind,
    offset: input.offset,
    limit: input.limit,
  });
  const names = await communeNames([...new Set(rows.flatMap((r) => (r.commune_insee ? [r.commune_insee] : [])))]);
  return {
    total,
    rows: rows.map(
      (r): OrganisationSummary => ({
        id: r.id,
        name: r.name,
        kind: r.kind as OrganisationKind,
        communeName: r.commune_insee ? (names.get(r.commune_insee) ?? null) : null,
        contactCount: Number(r.contact_count ?? 0),
        lastContactDate: r.last_contact_date ?? null,
        immersionsHosted: Number(r.immersions_hosted ?? 0),
        hires: Number(r.hires ?? 0),
        tripartiteCount: Number(r.tripartite_count ?? 0),
      }),
    ),
  };
}

function fullName(first: string | null, last: string | null): string | null {
  return first !== null && last !== null ? `${first} ${last}` : null;
}

function entretienHistoryTitle(kind: string, status: string): string {
  const label = entretienKindLabels[kind as EntretienKind] ?? kind;
  return status === 'tenu' ? label : `${label} (${entretienStatusLabels[status as EntretienStatus].toLowerCase()})`;
}

export async function getPartner(ctx: ServiceContext, id: string): Promise<OrganisationView> {
  const db = ctx.db();
  const org = await findOrganisation(db, id);
  if (!org) throw notFound(ORGANISATION_NOT_FOUND);
  const [contacts, entretiens, hires, lastContact, immersions] = await Promise.all([
    listContacts(db, id),
    listOrganisationEntretiens(db, id),
    listOrganisationHires(db, id),
    lastContactDate(db, id),
    partnerImmersionHistory(db, id),
  ]);
  const commune = org.commune_insee ? ((await communeNames([org.commune_insee])).get(org.commune_insee) ?? null) : null;
  const history: OrganisationView['history'] = [
    ...entretiens.map((e) => ({
      date: e.date,
      kind: 'entretien' as const,
      title: entretienHistoryTitle(e.kind, e.status),
      salarieId: e.salarie_id,
      salarieName: fullName(e.first_name, e.last_name),
      refId: e.id,
    })),
    ...hires.map((h) => ({
      date: h.exit_date,
      kind: 'embauche' as const,
      title: 'Embauche',
      salarieId: h.salarie_id,
      salarieName: fullName(h.first_name, h.last_name),
      refId: h.salarie_id,
    })),
    ...immersions,
  ].sort((a, b) => b.date.localeCompare(a.date) || a.kind.localeCompare(b.kind) || b.refId.localeCompare(a.refId));
  return {
    id: org.id,
    name: org.name,
    kind: org.kind as OrganisationKind,
    siret: org.siret,
    nafCode: org.naf_code,
    communeInsee: org.commune_insee,
    communeName: commune,
    address: org.address,
    sizeBand: org.size_band,
    notes: org.notes,
    contacts: contacts.map((c) => ({
      id: c.id,
      name: c.name,
      role: c.role,
      phone: c.phone,
      email: c.email,
      active: c.active === 1,
      notes: c.notes,
    })),
    history,
    lastContactDate: lastContact,
  };
}

// ── Writes ──────────────────────────────────────────────────────────────────────

export async function savePartner(ctx: ServiceContext, input: ParsedInput<'partners.save'>): Promise<OrganisationView> {
  const id = await inTransaction(ctx, async (db) => {
    const now = nowOf(ctx);
    const fields = {
      name: input.name,
      search_key: foldForSearch(input.name),
      kind: input.kind,
      siret: input.siret,
      naf_code: input.nafCode,
      commune_insee: input.communeInsee,
      address: input.address,
      size_band: input.sizeBand,
      notes: input.notes,
      updated_at: now,
    };
    let orgId: string;
    if (input.id) {
      const existing = await findOrganisation(db, input.id);
      if (!existing) throw notFound(ORGANISATION_NOT_FOUND);
      orgId = existing.id;
      await updateOrganisation(db, orgId, fields);
    } else {
      orgId = ctx.ids.next();
      await insertOrganisation(db, { id: orgId, ...fields, created_at: now, deleted_at: null });
    }

    const current = await listContacts(db, orgId);
    const currentIds = new Set(current.map((c) => c.id));
    for (const [index, contact] of input.contacts.entries()) {
      const values = {
        name: contact.name,
        role: contact.role,
        phone: contact.phone,
        email: contact.email,
        active: contact.active ? 1 : 0,
        notes: contact.notes,
      };
      if (contact.id) {
        if (!currentIds.has(contact.id)) {
          const message = 'Ce contact n’appartient pas à ce partenaire. Rechargez la fiche puis réessayez.';
          throw validationError(message, [{ path: `contacts.${index}.id`, message }]);
        }
        await updateContact(db, contact.id, values);
      } else {
        await insertContact(db, { id: ctx.ids.next(), organisation_id: orgId, ...values, created_at: now });
      }
    }
    // Contacts left out of the form: kept (inactive) when an entretien mentions them, else deleted.
    const kept = new Set(input.contacts.flatMap((c) => (c.id ? [c.id] : [])));
    const removed = current.filter((c) => !kept.has(c.id));
    const referenced = await referencedContactIds(db, removed.map((c) => c.id));
    let deactivated = 0;
    for (const contact of removed) {
      if (referenced.has(contact.id)) {
        if (contact.active === 1) await updateContact(db, contact.id, { active: 0 });
        deactivated += 1;
      } else {
        await deleteContact(db, contact.id);
      }
    }
    await audit(db, ctx, input.id ? 'partners.update' : 'partners.create', 'organisation', orgId, {
      contacts: input.contacts.length,
      contactsDeactivated: deactivated,
      contactsDeleted: removed.length - deactivated,
    });
    return orgId;
  });
  return getPartner(ctx, id);
}

/** Soft delete: the partner leaves the directory and the pickers; entretiens and hires keep its name. */
export async function deletePartner(ctx: ServiceContext, id: string): Promise<null> {
  await inTransaction(ctx, async (db) => {
    const org = await findOrganisation(db, id);
    if (!org) throw notFound(ORGANISATION_NOT_FOUND);
    const now = nowOf(ctx);
    await updateOrganisation(db, id, { deleted_at: now, updated_at: now });
    await audit(db, ctx, 'partners.delete', 'organisation', id);
  });
  return null;
}

// ── Quick pick ──────────────────────────────────────────────────────────────────

type PickRow = MethodOutput<'partners.searchContacts'>[number];

/**
 * Organisations whose name matches every query word, and active contacts whose own name, or name
 * and organisation together, match them. Contacts matched by their own name come first.
 */
export async function searchPartnerContacts(ctx: ServiceContext, input: ParsedInput<'partners.searchContacts'>): Promise<PickRow[]> {
  const words = queryWords(input.query);
  if (words.length === 0) return [];
  const rows = await listPickCandidates(ctx.db());
  const ranked: { rank: number; order: number; row: PickRow }[] = [];
  const orgSeen = new Set<string>();
  rows.forEach((r, order) => {
    const orgWords = r.search_key.split(/[\s'-]+/).filter(Boolean);
    if (!orgSeen.has(r.organisation_id)) {
      orgSeen.add(r.organisation_id);
      if (allPrefixed(words, orgWords)) {
        ranked.push({
          rank: 1,
          order,
          row: { organisationId: r.organisation_id, organisationName: r.organisation_name, contactId: null, contactName: null, role: null },
        });
      }
    }
    if (r.contact_id === null || r.contact_name === null) return;
    const contactWords = nameWords(r.contact_name);
    const own = allPrefixed(words, contactWords);
    if (own || allPrefixed(words, [...contactWords, ...orgWords])) {
      ranked.push({
        rank: own ? 0 : 2,
        order,
        row: {
          organisationId: r.organisation_id,
          organisationName: r.organisation_name,
          contactId: r.contact_id,
          contactName: r.contact_name,
          role: r.contact_role,
        },
      });
    }
  });
  return ranked
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, input.limit)
    .map((r) => r.row);
}

// ── Used by the entretien form: a contact typed once joins the directory ───────

const KIND_BY_ROLE: Partial<Record<ParticipantRole, OrganisationKind>> = {
  prescripteur: 'prescripteur',
  formateur: 'organisme_formation',
  plateforme_immersion: 'association',
};

export interface NewContactInput {
  organisationId: string | null;
  organisationName: string | null;
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * Finds or creates the organisation (by folded name; kind guessed from the participant's role,
 * 'entreprise' otherwise) and the contact (an active one of the same folded name is reused).
 * Runs inside the caller's transaction; each creation is audited.
 */
export async function ensurePartnerContact(
  db: AppDb,
  ctx: ServiceContext,
  input: NewContactInput,
  role: ParticipantRole,
  path: string,
): Promise<{ organisation: OrganisationRow; contact: ContactRow }> {
  const now = nowOf(ctx);
  let organisation: OrganisationRow | null = null;
  if (input.organisationId) {
    organisation = await findOrganisation(db, input.organisationId);
    if (!organisation) {
      const message = 'Cette organisation n’existe plus dans l’annuaire. Choisissez-en une autre.';
      throw validationError(message, [{ path: `${path}.organisationId`, message }]);
    }
  } else {
    if (!input.organisationName) {
      const message = 'Indiquez l’organisation du nouveau contact (entreprise, plateforme, prescripteur…).';
      throw validationError(message, [{ path: `${path}.organisationName`, message }]);
    }
    const key = foldForSearch(input.organisationName);
    organisation = await findOrganisationByKey(db, key);
    if (!organisation) {
      organisation = {
        id: ctx.ids.next(),
        name: input.organisationName,
        search_key: key,
        kind: KIND_BY_ROLE[role] ?? 'entreprise',
        siret: null,
        naf_code: null,
        commune_insee: null,
        address: null,
        size_band: null,
        notes: null,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      };
      await insertOrganisation(db, organisation);
      await audit(db, ctx, 'partners.create', 'organisation', organisation.id, { via: 'entretien' });
    }
  }
  const nameKey = foldForSearch(input.name);
  const existing = (await listContacts(db, organisation.id)).find((c) => c.active === 1 && foldForSearch(c.name) === nameKey);
  if (existing) return { organisation, contact: existing };
  const contact: ContactRow = {
    id: ctx.ids.next(),
    organisation_id: organisation.id,
    name: input.name,
    role: input.role,
    phone: input.phone,
    email: input.email,
    active: 1,
    notes: null,
    created_at: now,
  };
  await insertContact(db, contact);
  await audit(db, ctx, 'partners.addContact', 'contact', contact.id, { organisationId: organisation.id, via: 'entretien' });
  return { organisation, contact };
}
