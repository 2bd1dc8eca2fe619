import { isFreinOpen, transitionFrein, type FreinStatus } from '../../../shared/domain/freins';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type { FreinView } from '../../../shared/ipc/parcours';
import type { AppDb } from '../db/schema';
import { deleteFrein, findFrein, insertFrein, insertFreinAction, listFreinActions, updateFrein, type FreinRow } from '../repositories/freins';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, nowOf, requireSalarie, validationError } from './parcours';
import { freinView } from './parcours-views';

const FREIN_NOT_FOUND = 'Ce frein n’existe pas ou a été supprimé.';

async function requireFrein(db: AppDb, id: string): Promise<FreinRow> {
  const frein = await findFrein(db, id);
  if (!frein) throw notFound(FREIN_NOT_FOUND);
  await requireSalarie(db, frein.salarie_id);
  return frein;
}

async function viewOf(db: AppDb, id: string): Promise<FreinView> {
  const frein = await findFrein(db, id);
  if (!frein) throw notFound(FREIN_NOT_FOUND);
  return freinView(frein, await listFreinActions(db, [id]));
}

export async function saveFrein(ctx: ServiceContext, input: ParsedInput<'freins.save'>): Promise<FreinView> {
  return inTransaction(ctx, async (db) => {
    await requireSalarie(db, input.salarieId);
    const now = nowOf(ctx);
    let id = input.id;
    if (id) {
      const existing = await findFrein(db, id);
      if (!existing || existing.salarie_id !== input.salarieId) throw notFound(FREIN_NOT_FOUND);
      await updateFrein(db, id, {
        kind: input.kind,
        identified_date: input.identifiedDate,
        // Omitted details = unchanged: a confidential frein's form never received them.
        ...(input.details !== undefined ? { details: input.details } : {}),
        updated_at: now,
      });
    } else {
      id = ctx.ids.next();
      await insertFrein(db, {
        id,
        salarie_id: input.salarieId,
        kind: input.kind,
        status: 'identified',
        identified_date: input.identifiedDate,
        closed_date: null,
        details: input.details ?? null,
        created_at: now,
        updated_at: now,
      });
    }
    await audit(db, ctx, 'freins.save', 'frein', id, { salarieId: input.salarieId, created: input.id === undefined });
    return viewOf(db, id);
  });
}

/** Only the transitions of shared/domain/freins; lifting or abandoning sets the closing date, reopening clears it. */
export async function setFreinStatus(ctx: ServiceContext, input: ParsedInput<'freins.setStatus'>): Promise<FreinView> {
  return inTransaction(ctx, async (db) => {
    const frein = await requireFrein(db, input.id);
    const result = transitionFrein(frein.status, input.status as FreinStatus);
    if (!result.ok) throw validationError(result.message, [{ path: 'status', message: result.message }]);
    if (!isFreinOpen(result.status) && input.date < frein.identified_date) {
      const message = 'La date de clôture précède la date d’identification du frein.';
      throw validationError(message, [{ path: 'date', message }]);
    }
    await updateFrein(db, frein.id, {
      status: result.status,
      closed_date: isFreinOpen(result.status) ? null : input.date,
      updated_at: nowOf(ctx),
    });
    await audit(db, ctx, 'freins.setStatus', 'frein', frein.id, { salarieId: frein.salarie_id, fields: ['status', 'closedDate'] });
    return viewOf(db, frein.id);
  });
}

export async function addFreinAction(ctx: ServiceContext, input: ParsedInput<'freins.addAction'>): Promise<FreinView> {
  return inTransaction(ctx, async (db) => {
    const frein = await requireFrein(db, input.freinId);
    const id = ctx.ids.next();
    await insertFreinAction(db, {
      id,
      frein_id: frein.id,
      date: input.date,
      mode: input.mode,
      partner: input.partner,
      note: input.note,
      created_at: nowOf(ctx),
    });
    await audit(db, ctx, 'freins.addAction', 'frein_action', id, { freinId: frein.id });
    return viewOf(db, frein.id);
  });
}

export async function removeFrein(ctx: ServiceContext, id: string): Promise<null> {
  return inTransaction(ctx, async (db) => {
    const frein = await requireFrein(db, id);
    await deleteFrein(db, frein.id);
    await audit(db, ctx, 'freins.delete', 'frein', frein.id, { salarieId: frein.salarie_id });
    return null;
  });
}
