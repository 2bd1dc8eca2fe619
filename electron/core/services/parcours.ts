import type { PassIae } from '../../../shared/domain/pass-iae';
import { isSiaeKind, type SiaeKind } from '../../../shared/domain/siae';
import { AppError, type FieldIssue } from '../../../shared/ipc/errors';
import { isoDate } from '../clock';
import type { AppDb } from '../db/schema';
import { appendAudit } from '../repositories/audit';
import { listContracts } from '../repositories/contracts';
import { findPass, listPeriods, type PassPeriodRow, type PassRow } from '../repositories/pass-iae';
import { findSalarie, updateSalarie, type SalarieWithReferent } from '../repositories/salaries';
import { findSortie } from '../repositories/sortie';
import { readStructureSiaeKind } from '../repositories/structure';
import type { ServiceContext } from './context';
import { computeSummary } from './salarie-summary';

/*
 * Helpers shared by the parcours services: today's date, audit entries, the salarié guard and the
 * summary-cache refresh that every write touching PASS, contracts or sortie must run in its transaction.
 */

export const SALARIE_NOT_FOUND = 'Ce salarié n’existe pas ou a été supprimé.';

/** The user's calendar date (local time), from the injected clock. */
export function todayOf(ctx: ServiceContext): string {
  return isoDate(ctx.clock.now());
}

export function nowOf(ctx: ServiceContext): string {
  return ctx.clock.now().toISOString();
}

/** Appends the audit entry of a write, inside the write's transaction. `detail` holds ids and field names only. */
export async function audit(
  db: AppDb,
  ctx: ServiceContext,
  action: string,
  entity: string,
  entityId: string | null,
  detail: Record<string, unknown> | null = null,
): Promise<void> {
  await appendAudit(db, { at: nowOf(ctx), actor: ctx.actor(), action, entity, entityId, detail });
}

export function validationError(message: string, issues: FieldIssue[] = []): AppError {
  return new AppError('VALIDATION', message, issues.length > 0 ? { issues } : {});
}

export function notFound(message: string): AppError {
  return new AppError('NOT_FOUND', message);
}

/** A live (not deleted) salarié, or NOT_FOUND. */
export async function requireSalarie(db: AppDb, id: string): Promise<SalarieWithReferent> {
  const salarie = await findSalarie(db, id);
  if (!salarie) throw notFound(SALARIE_NOT_FOUND);
  return salarie;
}

export function passFromRows(pass: PassRow, suspensions: readonly PassPeriodRow[], prolongations: readonly PassPeriodRow[]): PassIae {
  const period = (p: PassPeriodRow) => ({
    id: p.id,
    startDate: p.start_date,
    endDate: p.end_date,
    ...(p.reason_explanation ? { reasonExplanation: p.reason_explanation } : {}),
  });
  return {
    number: pass.number,
    startDate: pass.start_date,
    baseEndDate: pass.base_end_date,
    suspensions: suspensions.map((s) => ({ ...period(s), reason: s.reason as PassIae['suspensions'][number]['reason'] })),
    prolongations: prolongations.map((p) => ({ ...period(p), reason: p.reason as PassIae['prolongations'][number]['reason'] })),
  };
}

export async function loadPass(db: AppDb, salarieId: string): Promise<PassIae | null> {
  const row = await findPass(db, salarieId);
  if (!row) return null;
  const [suspensions, prolongations] = await Promise.all([
    listPeriods(db, 'pass_iae_suspension', [salarieId]),
    listPeriods(db, 'pass_iae_prolongation', [salarieId]),
  ]);
  return passFromRows(row, suspensions, prolongations);
}

/** The structure's SIAE kind, if the structure is set up. */
export async function structureSiaeKind(db: AppDb): Promise<SiaeKind | null> {
  const kind = await readStructureSiaeKind(db);
  return isSiaeKind(kind) ? kind : null;
}

/**
 * The SIAE kind rules apply to for this salarié: the latest contract's, else the structure's, else ACI —
 * the most permissive for PASS reasons, so a missing setting never refuses a save.
 */
export async function siaeKindFor(db: AppDb, salarie: { siae_kind: string | null }): Promise<SiaeKind> {
  if (isSiaeKind(salarie.siae_kind)) return salarie.siae_kind;
  return (await structureSiaeKind(db)) ?? 'ACI';
}

/** Rewrites the salarié's summary caches from its records (call inside the write's transaction). */
export async function refreshSummary(db: AppDb, ctx: ServiceContext, salarieId: string): Promise<void> {
  const [pass, contracts, sortie] = await Promise.all([loadPass(db, salarieId), listContracts(db, [salarieId]), findSortie(db, salarieId)]);
  const summary = computeSummary({
    pass,
    contracts: contracts.map((c) => ({
      siaeKind: c.siae_kind as SiaeKind,
      startDate: c.start_date,
      endDate: c.end_date,
    })),
    exitDate: sortie?.exit_date ?? null,
  });
  await updateSalarie(db, salarieId, { ...summary, updated_at: nowOf(ctx) });
}

/** Runs a write in one transaction (its audit entry included). */
export function inTransaction<T>(ctx: ServiceContext, work: (db: AppDb) => Promise<T>): Promise<T> {
  return ctx.db().transaction().execute(work);
}
