import type { ParsedInput } from '../../../shared/ipc/contract';
import { deleteAction, findAction, insertAction, updateAction } from '../repositories/actions';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, nowOf, requireSalarie, todayOf } from './parcours';
import { actionView, type ActionView } from './parcours-views';

const ACTION_NOT_FOUND = 'Cette action n’existe pas ou a été supprimée.';

/** Dated next steps; those of kind "preparation_sortie" count as exit preparation for the alerts. */
export async function saveAction(ctx: ServiceContext, input: ParsedInput<'actions.save'>): Promise<ActionView> {
  return inTransaction(ctx, async (db) => {
    await requireSalarie(db, input.salarieId);
    const columns = { label: input.label, kind: input.kind, owner: input.owner, due_date: input.dueDate, done_date: input.doneDate };
    let id = input.id;
    if (id) {
      const existing = await findAction(db, id);
      if (!existing || existing.salarie_id !== input.salarieId) throw notFound(ACTION_NOT_FOUND);
      await updateAction(db, id, columns);
    } else {
      id = ctx.ids.next();
      await insertAction(db, { id, salarie_id: input.salarieId, source_type: null, source_id: null, created_at: nowOf(ctx), ...columns });
    }
    await audit(db, ctx, 'actions.save', 'action', id, { salarieId: input.salarieId });
    const saved = await findAction(db, id);
    return actionView(saved!, todayOf(ctx));
  });
}

export async function removeAction(ctx: ServiceContext, id: string): Promise<null> {
  return inTransaction(ctx, async (db) => {
    const existing = await findAction(db, id);
    if (!existing) throw notFound(ACTION_NOT_FOUND);
    await requireSalarie(db, existing.salarie_id);
    await deleteAction(db, id);
    await audit(db, ctx, 'actions.delete', 'action', id, { salarieId: existing.salarie_id });
    return null;
  });
}
