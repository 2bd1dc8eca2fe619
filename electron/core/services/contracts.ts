import type { ParsedInput } from '../../../shared/ipc/contract';
import type { ContractView } from '../../../shared/ipc/parcours';
import type { AppDb } from '../db/schema';
import { deleteContract, findContract, insertContract, listContracts, updateContract } from '../repositories/contracts';
import { findReferent } from '../repositories/referents';
import { annexeExists } from '../repositories/structure';
import type { ServiceContext } from './context';
import { audit, inTransaction, loadPass, notFound, nowOf, refreshSummary, requireSalarie, structureSiaeKind, validationError } from './parcours';
import { contractView } from './parcours-views';

const CONTRACT_NOT_FOUND = 'Ce contrat n’existe pas ou a été supprimé.';

async function viewOf(db: AppDb, salarieId: string, id: string): Promise<ContractView> {
  const [contracts, pass] = await Promise.all([listContracts(db, [salarieId]), loadPass(db, salarieId)]);
  const row = contracts.find((c) => c.id === id);
  if (!row) throw notFound(CONTRACT_NOT_FOUND);
  return contractView(row, contracts, pass);
}

/** Legal checks never block (the CIP may hold a derogation): they come back as warnings on the view. */
export async function saveContract(ctx: ServiceContext, input: ParsedInput<'contracts.save'>): Promise<ContractView> {
  return inTransaction(ctx, async (db) => {
    await requireSalarie(db, input.salarieId);
    const siaeKind = input.siaeKind ?? (await structureSiaeKind(db));
    if (siaeKind === null) {
      throw validationError('Indiquez le type de SIAE du contrat, ou renseignez celui de la structure dans les paramètres.', [
        { path: 'siaeKind', message: 'Indiquez le type de SIAE du contrat.' },
      ]);
    }
    if (input.annexeId && !(await annexeExists(db, input.annexeId))) {
      throw validationError('Cette annexe financière n’existe pas : choisissez-la dans la liste.', [
        { path: 'annexeId', message: 'Annexe financière inconnue.' },
      ]);
    }
    if (input.referentId && !(await findReferent(db, input.referentId))) {
      throw validationError('Ce référent n’existe pas : choisissez-le dans la liste.', [{ path: 'referentId', message: 'Référent inconnu.' }]);
    }
    const now = nowOf(ctx);
    const columns = {
      kind: input.kind,
      siae_kind: siaeKind,
      annexe_id: input.annexeId,
      start_date: input.startDate,
      end_date: input.endDate,
      weekly_hours: input.weeklyHours,
      is_renewal: Number(input.isRenewal),
      referent_id: input.referentId,
      hours_worked: input.hoursWorked,
      updated_at: now,
    };
    let id = input.id;
    if (id) {
      const existing = await findContract(db, id);
      if (!existing || existing.salarie_id !== input.salarieId) throw notFound(CONTRACT_NOT_FOUND);
      await updateContract(db, id, columns);
    } else {
      id = ctx.ids.next();
      await insertContract(db, { id, salarie_id: input.salarieId, created_at: now, ...columns });
    }
    await refreshSummary(db, ctx, input.salarieId);
    await audit(db, ctx, 'contracts.save', 'contract', id, { salarieId: input.salarieId, created: input.id === undefined });
    return viewOf(db, input.salarieId, id);
  });
}

export async function removeContract(ctx: ServiceContext, id: string): Promise<null> {
  return inTransaction(ctx, async (db) => {
    const existing = await findContract(db, id);
    if (!existing) throw notFound(CONTRACT_NOT_FOUND);
    await requireSalarie(db, existing.salarie_id);
    await deleteContract(db, id);
    await refreshSummary(db, ctx, existing.salarie_id);
    await audit(db, ctx, 'contracts.delete', 'contract', id, { salarieId: existing.salarie_id });
    return null;
  });
}
