import { addMonths, inclusiveMonths, maxIsoDate, minIsoDate, toEpochDay } from '../../../shared/domain/calendar';
import {
  categoriseExit,
  EXIT_MOTIF_MAPPING_VERSION,
  exitCounts,
  followUpSchedule,
  type ExitCountDecision,
} from '../../../shared/domain/exits';
import { isSiaeKind, type SiaeKind } from '../../../shared/domain/siae';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type { SortieView } from '../../../shared/ipc/parcours';
import type { AppDb } from '../db/schema';
import { listContracts, type ContractRow } from '../repositories/contracts';
import { findOrganisation } from '../repositories/partners';
import {
  deleteSortie,
  findSortie,
  listFollowUps,
  recordFollowUp as writeFollowUp,
  scheduleFollowUp,
  writeSortie,
} from '../repositories/sortie';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, nowOf, refreshSummary, requireSalarie, structureSiaeKind, validationError } from './parcours';
import { sortieView } from './parcours-views';

const NO_SORTIE = 'Aucune sortie n’est enregistrée pour ce salarié.';

/** Months under contract up to the exit, overlapping contracts counted once (labour-law month count). */
export function monthsUnderContract(contracts: readonly Pick<ContractRow, 'start_date' | 'end_date'>[], exitDate: string): number | null {
  const periods = contracts
    .filter((c) => c.start_date <= exitDate)
    .map((c) => ({ start: c.start_date, end: minIsoDate(c.end_date ?? exitDate, exitDate) }))
    .filter((p) => p.end >= p.start)
    .sort((a, b) => a.start.localeCompare(b.start));
  if (periods.length === 0) return null;
  const merged: { start: string; end: string }[] = [];
  for (const p of periods) {
    const last = merged[merged.length - 1];
    if (last && toEpochDay(p.start) <= toEpochDay(last.end) + 1) last.end = maxIsoDate(last.end, p.end);
    else merged.push({ ...p });
  }
  return merged.reduce((sum, p) => sum + inclusiveMonths(p.start, p.end), 0);
}

/** Hours recorded on the contracts (AI/ETTI missions); null when none has any. */
export function recordedHours(contracts: readonly Pick<ContractRow, 'hours_worked'>[]): number | null {
  const known = contracts.map((c) => c.hours_worked).filter((h): h is number => h !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

async function exitSiaeKind(db: AppDb, salarie: { siae_kind: string | null }): Promise<SiaeKind | null> {
  return isSiaeKind(salarie.siae_kind) ? salarie.siae_kind : structureSiaeKind(db);
}

async function viewOf(db: AppDb, salarieId: string): Promise<SortieView> {
  const sortie = await findSortie(db, salarieId);
  if (!sortie) throw notFound(NO_SORTIE);
  return sortieView(sortie, await listFollowUps(db, [salarieId]));
}

/**
 * Records (or corrects) the exit: category from the shipped motif mapping, the counting rule of the
 * SIAE kind, and the +1/+3/+6-month follow-ups (recorded follow-ups are kept when the date moves).
 */
export async function saveSortie(ctx: ServiceContext, input: ParsedInput<'sortie.save'>): Promise<SortieView> {
  return inTransaction(ctx, async (db) => {
    const salarie = await requireSalarie(db, input.salarieId);
    if (salarie.entry_date !== null && input.exitDate < salarie.entry_date) {
      const message = 'La date de sortie précède la date d’entrée en parcours.';
      throw validationError(message, [{ path: 'exitDate', message }]);
    }
    // An unknown id would fail on the foreign key as an internal error: say it in French instead.
    if (input.employerOrganisationId && !(await findOrganisation(db, input.employerOrganisationId, { includeDeleted: true }))) {
      const message = 'Cet employeur n’est pas dans l’annuaire des entreprises : choisissez-le dans la liste.';
      throw validationError(message, [{ path: 'employerOrganisationId', message }]);
    }
    const contracts = await listContracts(db, [input.salarieId]);
    const siaeKind = await exitSiaeKind(db, salarie);
    const monthsWorked = monthsUnderContract(contracts, input.exitDate);
    const hoursWorked = input.hoursWorked ?? recordedHours(contracts.filter((c) => c.start_date <= input.exitDate));
    const decision: ExitCountDecision | null = siaeKind ? exitCounts({ siaeKind, monthsWorked, hoursWorked }) : null;
    const category = categoriseExit(input.motif);
    await writeSortie(db, {
      salarie_id: input.salarieId,
      exit_date: input.exitDate,
      motif: input.motif,
      category: category.category,
      mapping_version: EXIT_MOTIF_MAPPING_VERSION,
      counts: decision?.counts ? 1 : 0,
      counting_reason: decision
        ? decision.message + (decision.toBeConfirmed ? ' (règle à confirmer pour ce type de structure)' : '')
        : 'Type de structure inconnu : renseignez la structure ou un contrat pour savoir si la sortie sera comptée.',
      hours_worked: hoursWorked,
      months_worked: monthsWorked === null ? null : Math.round(monthsWorked * 100) / 100,
      note: input.note,
      recorded_at: nowOf(ctx),
      ...(input.employerOrganisationId !== undefined ? { employer_organisation_id: input.employerOrganisationId } : {}),
    });
    for (const step of followUpSchedule(input.exitDate)) {
      await scheduleFollowUp(db, { id: ctx.ids.next(), salarie_id: input.salarieId, offset_months: step.offsetMonths, due_date: step.dueDate });
    }
    await refreshSummary(db, ctx, input.salarieId);
    await audit(db, ctx, 'sortie.save', 'sortie', input.salarieId);
    return viewOf(db, input.salarieId);
  });
}

/** Removes the exit and its follow-ups: the salarié is back en parcours. */
export async function cancelSortie(ctx: ServiceContext, salarieId: string): Promise<null> {
  return inTransaction(ctx, async (db) => {
    await requireSalarie(db, salarieId);
    if (!(await findSortie(db, salarieId))) throw notFound(NO_SORTIE);
    await deleteSortie(db, salarieId);
    await refreshSummary(db, ctx, salarieId);
    await audit(db, ctx, 'sortie.cancel', 'sortie', salarieId);
    return null;
  });
}

export async function recordFollowUp(ctx: ServiceContext, input: ParsedInput<'sortie.recordFollowUp'>): Promise<SortieView> {
  return inTransaction(ctx, async (db) => {
    await requireSalarie(db, input.salarieId);
    const sortie = await findSortie(db, input.salarieId);
    if (!sortie) throw notFound(NO_SORTIE);
    if (input.doneDate < sortie.exit_date) {
      const message = 'Le suivi ne peut pas précéder la date de sortie.';
      throw validationError(message, [{ path: 'doneDate', message }]);
    }
    const existing = (await listFollowUps(db, [input.salarieId])).find((f) => f.offset_months === input.offsetMonths);
    if (!existing) {
      // A follow-up outside the default schedule (e.g. 12 months) is added on the fly.
      await scheduleFollowUp(db, {
        id: ctx.ids.next(),
        salarie_id: input.salarieId,
        offset_months: input.offsetMonths,
        due_date: addMonths(sortie.exit_date, input.offsetMonths),
      });
    }
    await writeFollowUp(db, input.salarieId, input.offsetMonths, { done_date: input.doneDate, situation: input.situation, note: input.note });
    await audit(db, ctx, 'sortie.recordFollowUp', 'sortie_follow_up', existing?.id ?? null, {
      salarieId: input.salarieId,
      offsetMonths: input.offsetMonths,
    });
    return viewOf(db, input.salarieId);
  });
}
