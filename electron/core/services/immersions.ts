import { findIaeRome } from '../../../shared/domain/rome';
import {
  conventionFactsRefusal,
  renewalDates,
  renewalRefusal,
  transitionImmersion,
  type ImmersionStatus,
  type ImmersionStep,
} from '../../../shared/domain/immersions';
import { foldForSearch } from '../../../shared/domain/text';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { ImmersionListRow, ImmersionView } from '../../../shared/ipc/immersions';
import type { AppDb } from '../db/schema';
import { findEntretien, updateEntretien } from '../repositories/entretiens';
import {
  deleteImmersion,
  deleteStep,
  findGridOfImmersion,
  insertGrid,
  insertGridItems,
  insertImmersion,
  listGridItems,
  listImmersionPage,
  listImmersionRows,
  listLinkedEntretiens,
  listRenewalsOf,
  listSteps,
  updateImmersion,
  upsertStep,
  type ImmersionListDbRow,
  type ImmersionRow,
} from '../repositories/immersions';
import { findContact, findOrganisation } from '../repositories/partners';
import type { ServiceContext } from './context';
import { getImmersion, requireImmersion } from './immersions-view';
import { audit, inTransaction, nowOf, requireSalarie, todayOf, validationError } from './parcours';
import { ensurePartnerContact } from './partners';

/*
 * Immersions (PMSMP): preparation, status changes along the allowed transitions, renewal (once,
 * same objective), Fiche 1 steps ticked by hand, entretiens linked. Every write is one transaction
 * with its audit entry (ids and field names only).
 */

export { getImmersion } from './immersions-view';

function issue(message: string, path: string) {
  return validationError(message, [{ path, message }]);
}

// ── List ────────────────────────────────────────────────────────────────────────

const PHASE_STATUSES: Record<ParsedInput<'immersions.list'>['phase'], readonly ImmersionStatus[] | null> = {
  toutes: null,
  en_cours: ['en_cours'],
  a_venir: ['brouillon', 'convention_a_signer', 'signee'],
  terminees: ['terminee', 'annulee'],
};

/** Order of the list: in progress first, then planned ones by start date, then finished ones, latest first. */
function phaseRank(status: ImmersionStatus): number {
  if (status === 'en_cours') return 0;
  if (status === 'terminee' || status === 'annulee') return 2;
  return 1;
}

/** Ids are lowercase UUIDs and dates ISO strings: plain code-unit order, as SQLite's in listImmersionPage. */
function byCode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareListRows(a: ImmersionListDbRow, b: ImmersionListDbRow): number {
  const rank = phaseRank(a.status) - phaseRank(b.status);
  if (rank !== 0) return rank;
  const ad = a.start_date ?? '9999-12-31';
  const bd = b.start_date ?? '9999-12-31';
  return (phaseRank(a.status) === 2 ? byCode(bd, ad) : byCode(ad, bd)) || byCode(a.id, b.id);
}

/** Without a text search the page is picked in SQL; a search matches folded names, host and ROME here. */
async function listMatching(db: AppDb, input: ParsedInput<'immersions.list'>): Promise<{ total: number; rows: ImmersionListDbRow[] }> {
  const filter = { statuses: PHASE_STATUSES[input.phase], objective: input.objective, referentId: input.referentId, salarieId: input.salarieId };
  const words = foldForSearch(input.query).split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    const page = await listImmersionPage(db, filter, { offset: input.offset, limit: input.limit });
    return { total: page.total, rows: page.rows.sort(compareListRows) };
  }
  const matching = (await listImmersionRows(db, filter)).filter((r) => {
    const text = foldForSearch(`${r.first_name} ${r.last_name} ${r.host_name ?? ''} ${r.rome_label ?? ''} ${r.rome_code ?? ''}`);
    return words.every((w) => text.includes(w));
  });
  matching.sort(compareListRows);
  return { total: matching.length, rows: matching.slice(input.offset, input.offset + input.limit) };
}

export async function listImmersions(ctx: ServiceContext, input: ParsedInput<'immersions.list'>): Promise<MethodOutput<'immersions.list'>> {
  const { total, rows } = await listMatching(ctx.db(), input);
  return {
    total,
    rows: rows.map(
      (r): ImmersionListRow => ({
        id: r.id,
        salarieId: r.salarie_id,
        salarieName: `${r.first_name} ${r.last_name}`,
        referentName: r.referent_name,
        objective: r.objective,
        romeCode: r.rome_code,
        romeLabel: r.rome_label,
        hostName: r.host_name,
        startDate: r.start_date,
        endDate: r.end_date,
        status: r.status,
        isRenewal: r.renewal_of_id !== null,
        nextEvaluationDate: r.next_evaluation_date ?? null,
        bilanStatus: r.bilan_status ?? null,
      }),
    ),
  };
}

// ── Save (create or update the preparation) ────────────────────────────────────

type SaveInput = ParsedInput<'immersions.save'>;

/** Host and tutor from the directory, or a tutor typed once (saved to the directory with its organisation). */
async function resolveHost(db: AppDb, ctx: ServiceContext, input: SaveInput): Promise<{ hostId: string | null; tutorId: string | null }> {
  if (input.newTutor) {
    const { organisation, contact } = await ensurePartnerContact(
      db,
      ctx,
      { ...input.newTutor, organisationId: input.newTutor.organisationId ?? input.hostOrganisationId },
      'tuteur',
      'newTutor',
    );
    return { hostId: organisation.id, tutorId: contact.id };
  }
  let hostId = input.hostOrganisationId;
  if (hostId) {
    const org = await findOrganisation(db, hostId, { includeDeleted: true });
    if (!org) throw issue('Cette structure d’accueil n’existe plus dans l’annuaire. Choisissez-en une autre.', 'hostOrganisationId');
  }
  if (input.tutorContactId) {
    const contact = await findContact(db, input.tutorContactId);
    if (!contact) throw issue('Ce tuteur ou cette tutrice n’existe plus dans l’annuaire.', 'tutorContactId');
    if (hostId && contact.organisation_id !== hostId) throw issue('Ce contact ne fait pas partie de la structure d’accueil choisie.', 'tutorContactId');
    hostId = contact.organisation_id;
  }
  return { hostId, tutorId: input.tutorContactId };
}

export async function saveImmersion(ctx: ServiceContext, input: SaveInput): Promise<ImmersionView> {
  const id = await inTransaction(ctx, async (db) => {
    const now = nowOf(ctx);
    const existing = input.id ? await requireImmersion(db, input.id) : null;
    await requireSalarie(db, input.salarieId);
    if (existing && existing.salarie_id !== input.salarieId) throw issue('Une immersion ne change pas de salarié : préparez-en une nouvelle.', 'salarieId');
    if (existing?.status === 'annulee') throw validationError('Cette immersion est annulée : elle ne se modifie plus.');
    const { hostId, tutorId } = await resolveHost(db, ctx, input);
    if (input.prescriberOrganisationId && !(await findOrganisation(db, input.prescriberOrganisationId, { includeDeleted: true }))) {
      throw issue('Ce prescripteur n’existe plus dans l’annuaire.', 'prescriberOrganisationId');
    }
    const romeLabel = input.romeLabel ?? (input.romeCode ? (findIaeRome(input.romeCode)?.label ?? null) : null);
    const refusal = existing
      ? conventionFactsRefusal(existing.status, { hostOrganisationId: hostId, romeCode: input.romeCode, startDate: input.startDate, endDate: input.endDate })
      : null;
    if (refusal) throw validationError(refusal);
    const fields = {
      objective: input.objective,
      rome_code: input.romeCode,
      rome_label: romeLabel,
      host_organisation_id: hostId,
      tutor_contact_id: tutorId,
      prescriber_organisation_id: input.prescriberOrganisationId,
      start_date: input.startDate,
      end_date: input.endDate,
      schedule: JSON.stringify(input.schedule),
      schedule_note: input.scheduleNote,
      place: input.place,
      activities: input.activities,
      updated_at: now,
    };
    const id = existing?.id ?? ctx.ids.next();
    if (existing) {
      await updateImmersion(db, id, { ...fields, ...(input.notes === undefined ? {} : { notes: input.notes }) });
    } else {
      await insertImmersion(db, {
        id,
        salarie_id: input.salarieId,
        ...fields,
        status: 'brouillon',
        cancel_reason: null,
        renewal_of_id: null,
        notes: input.notes ?? null,
        created_at: now,
      });
    }
    // The day the host was found is the date of Fiche 1's step; kept once ticked.
    if (hostId && !existing?.host_organisation_id) {
      const ticked = (await listSteps(db, id)).some((s) => s.step === 'structure_trouvee');
      if (!ticked) await upsertStep(db, id, 'structure_trouvee', todayOf(ctx));
    }
    await audit(db, ctx, existing ? 'immersions.update' : 'immersions.create', 'immersion', id, {
      salarieId: input.salarieId,
      hostOrganisationId: hostId,
      tutorContactId: tutorId,
      slots: input.schedule.length,
      notesChanged: input.notes !== undefined,
    });
    return id;
  });
  return getImmersion(ctx, { id, includeNotes: false });
}

// ── Status ──────────────────────────────────────────────────────────────────────

/** Steps whose date is the day the status was reached. */
const STEP_BY_STATUS: Partial<Record<ImmersionStatus, ImmersionStep>> = {
  convention_a_signer: 'convention_preparee',
  en_cours: 'demarrage_confirme',
};

export async function transitionImmersionStatus(ctx: ServiceContext, input: ParsedInput<'immersions.transition'>): Promise<ImmersionView> {
  await inTransaction(ctx, async (db) => {
    const row = await requireImmersion(db, input.id);
    const result = transitionImmersion(row.status, input.to, {
      hostOrganisationId: row.host_organisation_id,
      romeCode: row.rome_code,
      startDate: row.start_date,
      endDate: row.end_date,
      reason: input.reason,
    });
    if (!result.ok) throw validationError(result.message);
    await updateImmersion(db, row.id, {
      status: result.status,
      cancel_reason: result.status === 'annulee' ? input.reason : null,
      updated_at: nowOf(ctx),
    });
    const step = STEP_BY_STATUS[result.status];
    if (step && !(await listSteps(db, row.id)).some((s) => s.step === step)) await upsertStep(db, row.id, step, todayOf(ctx));
    await audit(db, ctx, 'immersions.transition', 'immersion', row.id, { from: row.status, to: result.status });
  });
  return getImmersion(ctx, { id: input.id, includeNotes: false });
}

// ── Renewal ─────────────────────────────────────────────────────────────────────

/**
 * A second period for the same objective, as a new brouillon starting the day after: host, tutor,
 * trade, schedule and the individualised grid are carried over; evaluations start afresh.
 */
export async function renewImmersion(ctx: ServiceContext, id: string): Promise<ImmersionView> {
  const newId = await inTransaction(ctx, async (db) => {
    const source = await requireImmersion(db, id);
    const refusal = renewalRefusal({ status: source.status, renewalOfId: source.renewal_of_id }, await listRenewalsOf(db, source.id));
    if (refusal) throw validationError(refusal);
    const now = nowOf(ctx);
    const dates = renewalDates({ startDate: source.start_date, endDate: source.end_date });
    const newId = ctx.ids.next();
    const row: ImmersionRow = {
      ...source,
      id: newId,
      start_date: dates.startDate,
      end_date: dates.endDate,
      status: 'brouillon',
      cancel_reason: null,
      renewal_of_id: source.id,
      notes: null,
      created_at: now,
      updated_at: now,
    };
    await insertImmersion(db, row);
    if (source.host_organisation_id) await upsertStep(db, newId, 'structure_trouvee', todayOf(ctx));
    const grid = await findGridOfImmersion(db, source.id);
    if (grid) {
      const gridId = ctx.ids.next();
      await insertGrid(db, { ...grid, id: gridId, immersion_id: newId, created_at: now, updated_at: now });
      const items = (await listGridItems(db, grid.id)).filter((i) => i.removed_at === null);
      await insertGridItems(
        db,
        items.map((item, rank) => ({ ...item, id: ctx.ids.next(), grid_id: gridId, rank })),
      );
    }
    await audit(db, ctx, 'immersions.renew', 'immersion', newId, { renewalOfId: source.id, gridCopied: grid !== null });
    return newId;
  });
  return getImmersion(ctx, { id: newId, includeNotes: false });
}

// ── Steps, entretiens, delete ───────────────────────────────────────────────────

export async function setImmersionStep(ctx: ServiceContext, input: ParsedInput<'immersions.setStep'>): Promise<ImmersionView> {
  await inTransaction(ctx, async (db) => {
    const row = await requireImmersion(db, input.id);
    if (input.doneDate) await upsertStep(db, row.id, input.step, input.doneDate);
    else await deleteStep(db, row.id, input.step);
    await audit(db, ctx, 'immersions.setStep', 'immersion', row.id, { step: input.step, done: input.doneDate !== null });
  });
  return getImmersion(ctx, { id: input.id, includeNotes: false });
}

/** Links one of the salarié's entretiens to this immersion (Fiche 1's tripartites), or unlinks it. */
export async function linkEntretien(ctx: ServiceContext, input: ParsedInput<'immersions.linkEntretien'>): Promise<ImmersionView> {
  await inTransaction(ctx, async (db) => {
    const row = await requireImmersion(db, input.id);
    const entretien = await findEntretien(db, input.entretienId);
    if (!entretien || entretien.salarie_id !== row.salarie_id) throw issue('Cet entretien n’est pas sur la fiche de ce salarié.', 'entretienId');
    if (input.linked) {
      await updateEntretien(db, entretien.id, { link_type: 'immersion', link_id: row.id, updated_at: nowOf(ctx) });
    } else if (entretien.link_type === 'immersion' && entretien.link_id === row.id) {
      await updateEntretien(db, entretien.id, { link_type: null, link_id: null, updated_at: nowOf(ctx) });
    }
    await audit(db, ctx, input.linked ? 'immersions.linkEntretien' : 'immersions.unlinkEntretien', 'entretien', entretien.id, { immersionId: row.id });
  });
  return getImmersion(ctx, { id: input.id, includeNotes: false });
}

/** Only a brouillon or a cancelled immersion may be deleted; its entretiens stay, unlinked. */
export async function deleteImmersionById(ctx: ServiceContext, id: string): Promise<null> {
  await inTransaction(ctx, async (db) => {
    const row = await requireImmersion(db, id);
    if (row.status !== 'brouillon' && row.status !== 'annulee') {
      throw validationError('Seule une immersion en brouillon ou annulée peut être supprimée. Annulez-la d’abord si elle n’aura pas lieu.');
    }
    for (const e of await listLinkedEntretiens(db, row.id)) await updateEntretien(db, e.id, { link_type: null, link_id: null });
    await deleteImmersion(db, row.id);
    await audit(db, ctx, 'immersions.delete', 'immersion', row.id, { salarieId: row.salarie_id });
  });
  return null;
}
