import {
  validateProlongation,
  validateSuspension,
  type PassIae,
  type PassIaeIssue,
  type PassProlongation,
  type PassSuspension,
} from '../../../shared/domain/pass-iae';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type { PassIaeView, RuleWarning } from '../../../shared/ipc/parcours';
import type { AppDb } from '../db/schema';
import { deletePeriod, insertPeriod, writePass, type PeriodTable } from '../repositories/pass-iae';
import type { ServiceContext } from './context';
import { audit, inTransaction, loadPass, notFound, nowOf, refreshSummary, requireSalarie, siaeKindFor, todayOf, validationError } from './parcours';
import { passView } from './parcours-views';

/*
 * PASS IAE: number and dates as issued, then suspensions and prolongations checked with the
 * les-emplois rules. Rule codes below block the save (impossible or inconsistent periods); the
 * others come back as warnings, because the CIP often records here a decision already taken
 * elsewhere (history, derogation) that the app must not refuse.
 */
const BLOCKING_CODES: ReadonlySet<string> = new Set([
  'suspension_end_before_start',
  'suspension_too_long',
  'suspension_starts_in_future',
  'suspension_outside_pass',
  'suspension_overlap',
  'suspension_explanation_required',
  'prolongation_start_not_pass_end',
  'prolongation_too_short',
  'prolongation_too_long',
]);

const NO_PASS = 'Aucun PASS IAE n’est enregistré pour ce salarié : enregistrez d’abord son numéro et ses dates.';

async function requirePass(db: AppDb, salarieId: string): Promise<PassIae> {
  const pass = await loadPass(db, salarieId);
  if (!pass) throw validationError(NO_PASS);
  return pass;
}

async function viewOf(db: AppDb, salarieId: string, today: string): Promise<PassIaeView> {
  return passView(await requirePass(db, salarieId), today);
}

export async function savePass(ctx: ServiceContext, input: ParsedInput<'passIae.save'>): Promise<PassIaeView> {
  return inTransaction(ctx, async (db) => {
    await requireSalarie(db, input.salarieId);
    await writePass(db, {
      salarie_id: input.salarieId,
      number: input.number,
      start_date: input.startDate,
      base_end_date: input.baseEndDate,
      updated_at: nowOf(ctx),
    });
    await refreshSummary(db, ctx, input.salarieId);
    await audit(db, ctx, 'passIae.save', 'pass_iae', input.salarieId);
    return viewOf(db, input.salarieId, todayOf(ctx));
  });
}

function splitIssues(issues: readonly PassIaeIssue[]): RuleWarning[] {
  const blocking = issues.filter((i) => BLOCKING_CODES.has(i.code));
  if (blocking.length > 0) {
    throw validationError(
      blocking.length === 1 ? blocking[0]!.message : blocking.map((i) => i.message).join(' '),
      blocking.map((i) => ({ path: i.field ?? '', message: i.message })),
    );
  }
  return issues.map((i) => ({ code: i.code, message: i.message }));
}

type PeriodInput = ParsedInput<'passIae.addSuspension'> | ParsedInput<'passIae.addProlongation'>;

async function addPeriod(
  ctx: ServiceContext,
  input: PeriodInput,
  table: PeriodTable,
  check: (id: string, pass: PassIae, context: { siaeKind: Awaited<ReturnType<typeof siaeKindFor>>; today: string }) => PassIaeIssue[],
): Promise<{ pass: PassIaeView; warnings: RuleWarning[] }> {
  const today = todayOf(ctx);
  return inTransaction(ctx, async (db) => {
    const salarie = await requireSalarie(db, input.salarieId);
    const pass = await requirePass(db, input.salarieId);
    const id = ctx.ids.next();
    const warnings = splitIssues(check(id, pass, { siaeKind: await siaeKindFor(db, salarie), today }));
    await insertPeriod(db, table, {
      id,
      salarie_id: input.salarieId,
      start_date: input.startDate,
      end_date: input.endDate,
      reason: input.reason,
      reason_explanation: input.reasonExplanation ?? null,
      created_at: nowOf(ctx),
    });
    await refreshSummary(db, ctx, input.salarieId);
    await audit(db, ctx, table === 'pass_iae_suspension' ? 'passIae.addSuspension' : 'passIae.addProlongation', table, id, {
      salarieId: input.salarieId,
    });
    return { pass: await viewOf(db, input.salarieId, today), warnings };
  });
}

function candidate<T extends PassSuspension | PassProlongation>(id: string, input: PeriodInput, reason: T['reason']): T {
  return {
    id,
    startDate: input.startDate,
    endDate: input.endDate,
    reason,
    ...(input.reasonExplanation ? { reasonExplanation: input.reasonExplanation } : {}),
  } as T;
}

export function addSuspension(ctx: ServiceContext, input: ParsedInput<'passIae.addSuspension'>) {
  return addPeriod(ctx, input, 'pass_iae_suspension', (id, pass, context) =>
    validateSuspension(candidate<PassSuspension>(id, input, input.reason), pass, context),
  );
}

export function addProlongation(ctx: ServiceContext, input: ParsedInput<'passIae.addProlongation'>) {
  return addPeriod(ctx, input, 'pass_iae_prolongation', (id, pass, context) =>
    validateProlongation(candidate<PassProlongation>(id, input, input.reason), pass, context),
  );
}

export async function removePeriod(ctx: ServiceContext, input: ParsedInput<'passIae.removePeriod'>): Promise<PassIaeView> {
  return inTransaction(ctx, async (db) => {
    await requireSalarie(db, input.salarieId);
    const table = await deletePeriod(db, input.salarieId, input.id);
    if (!table) throw notFound('Cette période de suspension ou de prolongation n’existe pas ou a déjà été supprimée.');
    await refreshSummary(db, ctx, input.salarieId);
    await audit(db, ctx, 'passIae.removePeriod', table, input.id, { salarieId: input.salarieId });
    return viewOf(db, input.salarieId, todayOf(ctx));
  });
}
