import type { ParsedInput } from '../../../shared/ipc/contract';
import type { ProjetView } from '../../../shared/ipc/parcours';
import type { z } from 'zod';
import { listProjets, listProjetTargets, replaceProjetTargets, writeProjet } from '../repositories/projet';
import type { ServiceContext } from './context';
import { audit, inTransaction, nowOf, requireSalarie } from './parcours';
import { projetView } from './parcours-views';

export async function saveProjet(ctx: ServiceContext, input: ParsedInput<'projet.save'>): Promise<z.infer<typeof ProjetView>> {
  return inTransaction(ctx, async (db) => {
    await requireSalarie(db, input.salarieId);
    await writeProjet(db, { salarie_id: input.salarieId, status: input.status, note: input.note, updated_at: nowOf(ctx) });
    // The same métier twice is kept once (first rank wins).
    const seen = new Set<string>();
    const targets = input.targets.filter((t) => !seen.has(t.romeCode) && seen.add(t.romeCode));
    await replaceProjetTargets(
      db,
      input.salarieId,
      targets.map((t, rank) => ({ id: ctx.ids.next(), salarie_id: input.salarieId, rome_code: t.romeCode, label: t.label, rank })),
    );
    await audit(db, ctx, 'projet.save', 'projet', input.salarieId, { fields: ['status', 'targets', 'note'] });
    const [projet] = await listProjets(db, [input.salarieId]);
    return projetView(projet!, await listProjetTargets(db, [input.salarieId]));
  });
}
