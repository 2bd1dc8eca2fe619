import type { ParsedInput } from '../../../shared/ipc/contract';
import type { FormationView } from '../../../shared/ipc/parcours';
import type { z } from 'zod';
import { deleteFormation, findFormation, insertFormation, updateFormation } from '../repositories/formations';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, nowOf, requireSalarie } from './parcours';
import { formationView } from './parcours-views';

const FORMATION_NOT_FOUND = 'Cette formation n’existe pas ou a été supprimée.';

export async function saveFormation(ctx: ServiceContext, input: ParsedInput<'formations.save'>): Promise<z.infer<typeof FormationView>> {
  return inTransaction(ctx, async (db) => {
    await requireSalarie(db, input.salarieId);
    const now = nowOf(ctx);
    const columns = {
      title: input.title,
      organisme: input.organisme,
      kind: input.kind,
      setting: input.setting,
      start_date: input.startDate,
      end_date: input.endDate,
      hours: input.hours,
      certification_kind: input.certificationKind,
      certification_outcome: input.certificationOutcome,
      updated_at: now,
    };
    let id = input.id;
    if (id) {
      const existing = await findFormation(db, id);
      if (!existing || existing.salarie_id !== input.salarieId) throw notFound(FORMATION_NOT_FOUND);
      await updateFormation(db, id, columns);
    } else {
      id = ctx.ids.next();
      await insertFormation(db, { id, salarie_id: input.salarieId, created_at: now, ...columns });
    }
    await audit(db, ctx, 'formations.save', 'formation', id, { salarieId: input.salarieId });
    const saved = await findFormation(db, id);
    return formationView(saved!);
  });
}

export async function removeFormation(ctx: ServiceContext, id: string): Promise<null> {
  return inTransaction(ctx, async (db) => {
    const existing = await findFormation(db, id);
    if (!existing) throw notFound(FORMATION_NOT_FOUND);
    await requireSalarie(db, existing.salarie_id);
    await deleteFormation(db, id);
    await audit(db, ctx, 'formations.delete', 'formation', id, { salarieId: existing.salarie_id });
    return null;
  });
}
