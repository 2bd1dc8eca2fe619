import { contractKindLabels, type ContractKind } from '../../../shared/domain/contracts';
import {
  defaultMomentByKind,
  isActionOverdue,
  isTripartiteComplete,
  postHiringSchedule,
  THIRD_PARTY_ROLES,
  type EntretienKind,
  type EntretienMoment,
  type EntretienStatus,
  type LinkType,
  type ParticipantRole,
  type PlaceKind,
} from '../../../shared/domain/entretiens';
import { isConfidentialFreinKind, type FreinKind } from '../../../shared/domain/freins';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { EntretienSummary, EntretienView } from '../../../shared/ipc/entretiens';
import type { AppDb } from '../db/schema';
import type { ActionRow } from '../repositories/actions';
import { findContract } from '../repositories/contracts';
import {
  deleteEntretien,
  deleteOpenEntretienActions,
  ENTRETIEN_ACTION_SOURCE,
  findEntretien,
  findPlannedOn,
  freinOwners,
  insertActions,
  insertEntretien,
  latestHeldEntretienDate,
  listDocuments,
  listEntretienActions,
  listEntretienFreins,
  listEntretiensOfSalarie,
  listObjectives,
  listOpenActions,
  listParticipants,
  listThirdParties,
  replaceDocuments,
  replaceEntretienFreins,
  replaceObjectives,
  replaceParticipants,
  salarieNames,
  updateEntretien,
  type EntretienRow,
  type ParticipantRow,
} from '../repositories/entretiens';
import { findFormation } from '../repositories/formations';
import { findContact, findOrganisation } from '../repositories/partners';
import { findReferent } from '../repositories/referents';
import { findSalarie, updateSalarie, type SalarieWithReferent } from '../repositories/salaries';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, nowOf, requireSalarie, todayOf, validationError } from './parcours';
import { ensurePartnerContact } from './partners';

/*
 * Entretiens — above all tripartite ones (domain.md §3): participants from the directory, objectives
 * with deadlines and conditions, documents, freins discussed, next steps (rows of the `action` table,
 * so they raise the overdue alerts), the next appointment. Notes are confidential: read on request, logged.
 */

export const ENTRETIEN_NOT_FOUND = 'Cet entretien n’existe pas ou a été supprimé.';

type SaveInput = ParsedInput<'entretiens.save'>;
type ParticipantInput = SaveInput['participants'][number];
type Resolved = Omit<ParticipantRow, 'id' | 'entretien_id' | 'rank'>;

function fullName(s: { first_name: string; last_name: string }): string {
  return `${s.first_name} ${s.last_name}`;
}

function issue(message: string, path: string) {
  return validationError(message, [{ path, message }]);
}

// ── Participants ────────────────────────────────────────────────────────────────

/**
 * Who each participant is: the salarié, a référent, a directory contact or organisation, or a
 * contact typed once (saved to the directory). Existing organisations are accepted even once
 * deleted, so an old entretien can still be saved.
 */
async function resolveParticipant(
  db: AppDb,
  ctx: ServiceContext,
  p: ParticipantInput,
  salarie: SalarieWithReferent | null,
  path: string,
): Promise<Resolved> {
  const base = { role: p.role, salarie_id: null, referent_id: null, organisation_id: null, contact_id: null };
  if (p.newContact) {
    const { organisation, contact } = await ensurePartnerContact(
      db,
      ctx,
      { ...p.newContact, organisationId: p.newContact.organisationId ?? p.organisationId },
      p.role,
      `${path}.newContact`,
    );
    return { ...base, organisation_id: organisation.id, contact_id: contact.id, display_name: contact.name };
  }
  if (p.contactId) {
    const contact = await findContact(db, p.contactId);
    if (!contact) throw issue('Ce contact n’existe plus dans l’annuaire. Choisissez-en un autre.', `${path}.contactId`);
    if (p.organisationId && p.organisationId !== contact.organisation_id) {
      throw issue('Ce contact ne fait pas partie de l’organisation choisie.', `${path}.contactId`);
    }
    return { ...base, organisation_id: contact.organisation_id, contact_id: contact.id, display_name: contact.name };
  }
  if (p.organisationId) {
    const org = await findOrganisation(db, p.organisationId, { includeDeleted: true });
    if (!org) throw issue('Cette organisation n’existe plus dans l’annuaire. Choisissez-en une autre.', `${path}.organisationId`);
    return { ...base, organisation_id: org.id, display_name: p.displayName ?? org.name };
  }
  if (p.referentId) {
    const referent = await findReferent(db, p.referentId);
    if (!referent) throw issue('Ce ou cette référente n’existe pas.', `${path}.referentId`);
    return { ...base, referent_id: referent.id, display_name: referent.display_name };
  }
  if (p.salarieId || p.role === 'salarie') {
    const id = p.salarieId ?? salarie?.id ?? null;
    const person = id === salarie?.id ? salarie : id ? await findSalarie(db, id) : null;
    if (!person) throw issue('Choisissez le salarié qui participe à l’entretien.', `${path}.salarieId`);
    return { ...base, salarie_id: person.id, display_name: fullName(person) };
  }
  // The salarié's own référent when none is named.
  if (p.role === 'referent' && !p.displayName && salarie?.referent_id) {
    const referent = await findReferent(db, salarie.referent_id);
    if (referent) return { ...base, referent_id: referent.id, display_name: referent.display_name };
  }
  if (!p.displayName) throw issue('Indiquez le nom du participant ou choisissez-le dans l’annuaire.', `${path}.displayName`);
  return { ...base, display_name: p.displayName };
}

async function resolveParticipants(db: AppDb, ctx: ServiceContext, input: SaveInput, salarie: SalarieWithReferent | null): Promise<Resolved[]> {
  const out: Resolved[] = [];
  for (const [index, p] of input.participants.entries()) out.push(await resolveParticipant(db, ctx, p, salarie, `participants.${index}`));
  return out;
}

function participantRows(ctx: ServiceContext, entretienId: string, resolved: readonly Resolved[]): ParticipantRow[] {
  return resolved.map((p, rank) => ({ ...p, id: ctx.ids.next(), entretien_id: entretienId, rank }));
}

// ── Checks ──────────────────────────────────────────────────────────────────────

async function checkFreins(db: AppDb, freinIds: readonly string[], salarieId: string | null): Promise<void> {
  const owners = await freinOwners(db, freinIds);
  for (const [index, id] of freinIds.entries()) {
    const owner = owners.get(id);
    if (owner === undefined || owner !== salarieId) {
      throw issue('Ce frein ne concerne pas ce salarié : choisissez un frein de sa fiche.', `freinIds.${index}`);
    }
  }
}

async function checkLink(db: AppDb, link: SaveInput['link'], salarieId: string | null): Promise<void> {
  if (!link) return;
  // Immersions and candidatures come with their own features; their ids are kept as given.
  if (link.type === 'formation') {
    const formation = await findFormation(db, link.id);
    if (!formation || formation.salarie_id !== salarieId) throw issue('Cette formation n’est pas sur la fiche de ce salarié.', 'link.id');
  } else if (link.type === 'contrat') {
    const contract = await findContract(db, link.id);
    if (!contract || contract.salarie_id !== salarieId) throw issue('Ce contrat n’est pas sur la fiche de ce salarié.', 'link.id');
  }
}

/** Rewrites salarie.last_entretien_date from the held entretiens (the "no recent entretien" alert reads it). */
async function refreshLastEntretien(db: AppDb, salarieId: string | null): Promise<void> {
  if (!salarieId) return;
  await updateSalarie(db, salarieId, { last_entretien_date: await latestHeldEntretienDate(db, salarieId) });
}

async function requireEntretien(db: AppDb, id: string): Promise<EntretienRow> {
  const row = await findEntretien(db, id);
  if (!row) throw notFound(ENTRETIEN_NOT_FOUND);
  return row;
}

// ── Save ────────────────────────────────────────────────────────────────────────

export async function saveEntretien(ctx: ServiceContext, input: SaveInput): Promise<EntretienView> {
  const id = await inTransaction(ctx, async (db) => {
    const now = nowOf(ctx);
    const existing = input.id ? await requireEntretien(db, input.id) : null;
    const salarie = input.salarieId ? await requireSalarie(db, input.salarieId) : null;
    await checkFreins(db, input.freinIds, salarie?.id ?? null);
    await checkLink(db, input.link, salarie?.id ?? null);
    if (!salarie && input.nextSteps.length > 0) {
      throw issue('Les prochaines étapes se rattachent à un salarié : choisissez-le ou retirez-les.', 'nextSteps');
    }
    const resolved = await resolveParticipants(db, ctx, input, salarie);
    const id = existing?.id ?? ctx.ids.next();

    const nextEntretienId = await planNextAppointment(db, ctx, input, id, existing, resolved);

    const row: Omit<EntretienRow, 'id' | 'created_at'> = {
      salarie_id: salarie?.id ?? null,
      kind: input.kind,
      moment: input.moment,
      status: input.status,
      date: input.date,
      start_time: input.startTime,
      duration_minutes: input.durationMinutes,
      place_kind: input.placeKind,
      place_detail: input.placeDetail,
      title: input.title,
      decisions: input.decisions,
      // Omitted notes are kept: the form may save without having read them.
      notes: input.notes === undefined ? (existing?.notes ?? null) : input.notes,
      missed_reason: input.status === 'manque' ? input.missedReason : null,
      link_type: input.link?.type ?? null,
      link_id: input.link?.id ?? null,
      next_entretien_id: nextEntretienId,
      updated_at: now,
    };
    if (existing) await updateEntretien(db, id, row);
    else await insertEntretien(db, { id, ...row, created_at: now });

    await replaceParticipants(db, id, participantRows(ctx, id, resolved));
    await replaceObjectives(
      db,
      id,
      input.objectives.map((o, rank) => ({ id: ctx.ids.next(), entretien_id: id, text: o.text, deadline: o.deadline, conditions: o.conditions, rank })),
    );
    await replaceDocuments(
      db,
      id,
      input.documents.map((d, rank) => ({ id: ctx.ids.next(), entretien_id: id, label: d.label, direction: d.direction, rank })),
    );
    await replaceEntretienFreins(db, id, input.freinIds);
    const nextSteps = await replaceNextSteps(db, ctx, id, salarie?.id ?? null, input.nextSteps, existing !== null);

    await refreshLastEntretien(db, salarie?.id ?? null);
    if (existing && existing.salarie_id !== (salarie?.id ?? null)) await refreshLastEntretien(db, existing.salarie_id);
    await audit(db, ctx, existing ? 'entretiens.update' : 'entretiens.create', 'entretien', id, {
      salarieId: salarie?.id ?? null,
      status: input.status,
      participants: resolved.length,
      objectives: input.objectives.length,
      nextSteps,
      nextEntretienId,
    });
    return id;
  });
  return getEntretien(ctx, { id, includeNotes: false });
}

/**
 * Open next steps are replaced; done ones stay. A submitted step identical (label and due date) to a
 * done one is that done step shown back by the form, not a new action.
 */
async function replaceNextSteps(
  db: AppDb,
  ctx: ServiceContext,
  entretienId: string,
  salarieId: string | null,
  steps: SaveInput['nextSteps'],
  isUpdate: boolean,
): Promise<number> {
  const done = isUpdate ? (await listEntretienActions(db, entretienId)).filter((a) => a.done_date !== null) : [];
  if (isUpdate) await deleteOpenEntretienActions(db, entretienId);
  if (!salarieId) return 0;
  const doneKeys = new Set(done.map((a) => `${a.label}\u0000${a.due_date}`));
  const now = nowOf(ctx);
  const rows: ActionRow[] = steps
    .filter((s) => !doneKeys.has(`${s.label}\u0000${s.dueDate}`))
    .map((s) => ({
      id: ctx.ids.next(),
      salarie_id: salarieId,
      label: s.label,
      kind: s.kind,
      owner: s.owner,
      due_date: s.dueDate,
      done_date: null,
      source_type: ENTRETIEN_ACTION_SOURCE,
      source_id: entretienId,
      created_at: now,
    }));
  await insertActions(db, rows);
  return rows.length;
}

/**
 * The next appointment: the one already planned from this entretien is moved if still planned,
 * otherwise a new planned entretien is created with the same salarié, participants and place.
 */
async function planNextAppointment(
  db: AppDb,
  ctx: ServiceContext,
  input: SaveInput,
  fromId: string,
  existing: EntretienRow | null,
  participants: readonly Resolved[],
): Promise<string | null> {
  const previousId = existing?.next_entretien_id ?? null;
  const next = input.nextAppointment;
  if (!next) return previousId;
  const now = nowOf(ctx);
  const moment: EntretienMoment = next.kind === input.kind ? input.moment : defaultMomentByKind[next.kind];
  const previous = previousId ? await findEntretien(db, previousId) : null;
  if (previous && previous.status === 'planifie') {
    await updateEntretien(db, previous.id, { date: next.date, start_time: next.startTime, kind: next.kind, moment, updated_at: now });
    await audit(db, ctx, 'entretiens.move', 'entretien', previous.id);
    return previous.id;
  }
  const id = ctx.ids.next();
  await insertEntretien(db, {
    id,
    salarie_id: input.salarieId,
    kind: next.kind,
    moment,
    status: 'planifie',
    date: next.date,
    start_time: next.startTime,
    duration_minutes: input.durationMinutes,
    place_kind: input.placeKind,
    place_detail: input.placeDetail,
    title: null,
    decisions: null,
    notes: null,
    missed_reason: null,
    link_type: input.link?.type ?? null,
    link_id: input.link?.id ?? null,
    next_entretien_id: null,
    created_at: now,
    updated_at: now,
  });
  await replaceParticipants(db, id, participantRows(ctx, id, participants));
  await audit(db, ctx, 'entretiens.create', 'entretien', id, { salarieId: input.salarieId, status: 'planifie', fromEntretienId: fromId });
  return id;
}

// ── Status changes, move, delete ────────────────────────────────────────────────

async function changeEntretien(
  ctx: ServiceContext,
  id: string,
  action: string,
  patch: (row: EntretienRow) => Partial<Omit<EntretienRow, 'id' | 'created_at'>> | null,
): Promise<EntretienView> {
  await inTransaction(ctx, async (db) => {
    const row = await requireEntretien(db, id);
    const changes = patch(row);
    if (changes === null) return;
    await updateEntretien(db, id, { ...changes, updated_at: nowOf(ctx) });
    await refreshLastEntretien(db, row.salarie_id);
    await audit(db, ctx, action, 'entretien', id);
  });
  return getEntretien(ctx, { id, includeNotes: false });
}

/** Planned → held; the view comes back with what was planned (participants, place) for the form. */
export function markHeld(ctx: ServiceContext, id: string): Promise<EntretienView> {
  return changeEntretien(ctx, id, 'entretiens.markHeld', (row) => (row.status === 'tenu' ? null : { status: 'tenu', missed_reason: null }));
}

export function markMissed(ctx: ServiceContext, id: string, reason: string): Promise<EntretienView> {
  return changeEntretien(ctx, id, 'entretiens.markMissed', () => ({ status: 'manque', missed_reason: reason }));
}

/** A missed or cancelled appointment that is moved is planned again. */
export function moveEntretien(ctx: ServiceContext, id: string, date: string, startTime: string | null): Promise<EntretienView> {
  return changeEntretien(ctx, id, 'entretiens.move', (row) =>
    row.status === 'manque' || row.status === 'annule'
      ? { date, start_time: startTime, status: 'planifie', missed_reason: null }
      : { date, start_time: startTime },
  );
}

/** Removes the entretien and its open next steps (done ones stay in the salarié's history). */
export async function deleteEntretienById(ctx: ServiceContext, id: string): Promise<null> {
  await inTransaction(ctx, async (db) => {
    const row = await requireEntretien(db, id);
    await deleteOpenEntretienActions(db, id);
    await deleteEntretien(db, id);
    await refreshLastEntretien(db, row.salarie_id);
    await audit(db, ctx, 'entretiens.delete', 'entretien', id, { salarieId: row.salarie_id });
  });
  return null;
}

// ── Post-hiring follow-up ──────────────────────────────────────────────────────

/**
 * Plans the suivi-dans-l'emploi appointments (end of trial, +3, +6 months — Fiche 10) with the
 * salarié, the référent and the employer. A milestone already planned that day is not duplicated.
 */
export async function planPostHiring(ctx: ServiceContext, input: ParsedInput<'entretiens.planPostHiring'>): Promise<EntretienSummary[]> {
  const ids = await inTransaction(ctx, async (db) => {
    const salarie = await requireSalarie(db, input.salarieId);
    const employer = input.organisationId ? await findOrganisation(db, input.organisationId) : null;
    if (input.organisationId && !employer) throw issue('Cet employeur n’est pas dans l’annuaire des partenaires.', 'organisationId');
    const referent = salarie.referent_id ? await findReferent(db, salarie.referent_id) : null;
    const participants: Resolved[] = [
      { role: 'salarie', salarie_id: salarie.id, referent_id: null, organisation_id: null, contact_id: null, display_name: fullName(salarie) },
    ];
    if (referent) participants.push({ role: 'referent', salarie_id: null, referent_id: referent.id, organisation_id: null, contact_id: null, display_name: referent.display_name });
    if (employer) participants.push({ role: 'employeur', salarie_id: null, referent_id: null, organisation_id: employer.id, contact_id: null, display_name: employer.name });

    const now = nowOf(ctx);
    const out: string[] = [];
    for (const step of postHiringSchedule(input.hireDate, input.trialEndDate)) {
      const already = await findPlannedOn(db, salarie.id, 'suivi_emploi', step.dueDate);
      if (already) {
        out.push(already.id);
        continue;
      }
      const id = ctx.ids.next();
      await insertEntretien(db, {
        id,
        salarie_id: salarie.id,
        kind: 'suivi_emploi',
        moment: 'apres_sortie',
        status: 'planifie',
        date: step.dueDate,
        start_time: null,
        duration_minutes: null,
        place_kind: employer ? 'entreprise' : null,
        place_detail: null,
        title: step.label,
        decisions: null,
        notes: null,
        missed_reason: null,
        link_type: null,
        link_id: null,
        next_entretien_id: null,
        created_at: now,
        updated_at: now,
      });
      await replaceParticipants(db, id, participantRows(ctx, id, participants));
      await audit(db, ctx, 'entretiens.create', 'entretien', id, { salarieId: salarie.id, status: 'planifie', milestone: step.milestone });
      out.push(id);
    }
    return out;
  });
  const db = ctx.db();
  const rows = (await Promise.all(ids.map((id) => findEntretien(db, id)))).filter((r): r is EntretienRow => r !== null);
  return summaries(db, rows);
}

// ── Reads ───────────────────────────────────────────────────────────────────────

/** "Contact (Organisation)" for a directory contact, else the participant's name. */
export function thirdPartyLabel(p: { display_name: string; contact_id: string | null; organisation_name: string | null }): string {
  return p.contact_id && p.organisation_name && p.organisation_name !== p.display_name ? `${p.display_name} (${p.organisation_name})` : p.display_name;
}

/** Third-party labels of several entretiens at once. */
export async function thirdPartiesOf(db: AppDb, entretienIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  // In chunks: a large group's agenda week holds more entretiens than SQLite accepts bound parameters (32 766).
  for (let i = 0; i < entretienIds.length; i += THIRD_PARTY_CHUNK) {
    for (const p of await listThirdParties(db, entretienIds.slice(i, i + THIRD_PARTY_CHUNK), THIRD_PARTY_ROLES)) {
      const list = out.get(p.entretien_id) ?? [];
      list.push(thirdPartyLabel(p));
      out.set(p.entretien_id, list);
    }
  }
  return out;
}
const THIRD_PARTY_CHUNK = 5_000;

async function summaries(db: AppDb, rows: readonly EntretienRow[]): Promise<EntretienSummary[]> {
  const [third, names] = await Promise.all([
    thirdPartiesOf(db, rows.map((r) => r.id)),
    salarieNames(db, rows.flatMap((r) => (r.salarie_id ? [r.salarie_id] : []))),
  ]);
  return rows.map((r) => {
    const person = r.salarie_id ? names.get(r.salarie_id) : undefined;
    return {
      id: r.id,
      salarieId: r.salarie_id,
      salarieName: person ? fullName(person) : null,
      kind: r.kind as EntretienKind,
      status: r.status,
      date: r.date,
      startTime: r.start_time,
      durationMinutes: r.duration_minutes,
      title: r.title,
      thirdParties: third.get(r.id) ?? [],
    };
  });
}

export async function listForSalarie(ctx: ServiceContext, salarieId: string): Promise<EntretienSummary[]> {
  const db = ctx.db();
  await requireSalarie(db, salarieId);
  return summaries(db, await listEntretiensOfSalarie(db, salarieId));
}

async function linkLabel(db: AppDb, type: LinkType, id: string): Promise<string | null> {
  if (type === 'formation') return (await findFormation(db, id))?.title ?? null;
  if (type === 'contrat') {
    const contract = await findContract(db, id);
    if (!contract) return null;
    const [y, m, d] = contract.start_date.split('-');
    return `${contractKindLabels[contract.kind as ContractKind] ?? contract.kind} du ${d}/${m}/${y}`;
  }
  return null;
}

type Warning = EntretienView['warnings'][number];

/** Non-blocking: shown with the form and the record, never refusing a save. */
export function entretienWarnings(kind: string, roles: readonly ParticipantRole[], objectives: readonly { deadline: string | null }[]): Warning[] {
  const warnings: Warning[] = [];
  if (kind === 'tripartite' && !isTripartiteComplete(roles)) {
    warnings.push({
      code: 'TRIPARTITE_INCOMPLETE',
      message:
        'Un entretien tripartite réunit le salarié, son référent et au moins un tiers (employeur, tuteur, plateforme d’immersion, prescripteur, organisme de formation) : ajoutez les participants manquants.',
    });
  }
  objectives.forEach((o, index) => {
    if (o.deadline === null) {
      warnings.push({ code: 'OBJECTIVE_WITHOUT_DEADLINE', message: `L’objectif n° ${index + 1} n’a pas de délai : fixez une échéance pour pouvoir en faire le point.` });
    }
  });
  return warnings;
}

/** The full record; notes only with `includeNotes`, and that read is logged. */
export async function getEntretien(ctx: ServiceContext, input: { id: string; includeNotes: boolean }): Promise<EntretienView> {
  const db = ctx.db();
  const row = await requireEntretien(db, input.id);
  if (input.includeNotes) {
    await inTransaction(ctx, (tx) => audit(tx, ctx, 'entretiens.readNotes', 'entretien', row.id, { salarieId: row.salarie_id }));
  }
  const today = todayOf(ctx);
  const [salarie, participants, objectives, documents, freins, actions] = await Promise.all([
    row.salarie_id ? findSalarie(db, row.salarie_id, { includeDeleted: true }) : Promise.resolve(null),
    listParticipants(db, [row.id]),
    listObjectives(db, row.id),
    listDocuments(db, row.id),
    listEntretienFreins(db, row.id),
    listEntretienActions(db, row.id),
  ]);
  const linkType = row.link_type as LinkType | null;
  return {
    id: row.id,
    salarieId: row.salarie_id,
    salarieName: salarie ? fullName(salarie) : null,
    kind: row.kind as EntretienKind,
    moment: row.moment as EntretienMoment,
    status: row.status as EntretienStatus,
    date: row.date,
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    placeKind: row.place_kind as PlaceKind | null,
    placeDetail: row.place_detail,
    title: row.title,
    participants: participants.map((p) => ({
      id: p.id,
      role: p.role as ParticipantRole,
      salarieId: p.salarie_id,
      referentId: p.referent_id,
      organisationId: p.organisation_id,
      organisationName: p.organisation_name,
      contactId: p.contact_id,
      displayName: p.display_name,
    })),
    objectives: objectives.map((o) => ({ id: o.id, text: o.text, deadline: o.deadline, conditions: o.conditions })),
    decisions: row.decisions,
    freins: freins.map((f) => ({ id: f.id, kind: f.kind, confidential: isConfidentialFreinKind(f.kind as FreinKind) })),
    documents: documents.map((d) => ({ id: d.id, label: d.label, direction: d.direction })),
    notes: input.includeNotes ? row.notes : null,
    hasNotes: row.notes !== null && row.notes !== '',
    nextSteps: actions.map((a) => ({
      id: a.id,
      label: a.label,
      dueDate: a.due_date,
      owner: a.owner,
      doneDate: a.done_date,
      overdue: isActionOverdue({ dueDate: a.due_date, doneDate: a.done_date }, today),
    })),
    nextEntretienId: row.next_entretien_id,
    link: linkType && row.link_id ? { type: linkType, id: row.link_id, label: await linkLabel(db, linkType, row.link_id) } : null,
    missedReason: row.missed_reason,
    warnings: entretienWarnings(row.kind, participants.map((p) => p.role as ParticipantRole), objectives),
  };
}

// ── Open actions across the caseload ───────────────────────────────────────────

export async function listOpenActionsView(ctx: ServiceContext, input: ParsedInput<'actions.listOpen'>): Promise<MethodOutput<'actions.listOpen'>> {
  const today = todayOf(ctx);
  const rows = await listOpenActions(ctx.db(), { referentId: input.referentId, dueBefore: input.overdueOnly ? today : null });
  return rows.map((r) => ({
    id: r.id,
    salarieId: r.salarie_id,
    salarieName: fullName(r),
    label: r.label,
    dueDate: r.due_date,
    owner: r.owner,
    overdue: isActionOverdue({ dueDate: r.due_date, doneDate: r.done_date }, today),
  }));
}
