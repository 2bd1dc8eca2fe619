import type { AspMeasure } from '../../../shared/domain/siae';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type { Referent, Structure } from '../../../shared/ipc/structure';
import type { AppDb } from '../db/schema';
import { findReferent, insertReferent, listReferents as readReferents, updateReferent, type ReferentRow } from '../repositories/referents';
import {
  annexesInUse,
  deleteAnnexes,
  insertAnnexe,
  listAnnexes,
  readStructure,
  updateAnnexe,
  writeStructure,
} from '../repositories/structure';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, nowOf, validationError } from './parcours';

async function readStructureView(db: AppDb): Promise<Structure | null> {
  const row = await readStructure(db);
  if (!row) return null;
  const annexes = await listAnnexes(db);
  return {
    name: row.name,
    siret: row.siret,
    siaeKind: row.siae_kind as Structure['siaeKind'],
    regionCode: row.region_code,
    departementCode: row.departement_code,
    annexes: annexes.map((a) => ({
      id: a.id,
      number: a.number,
      measure: a.measure as AspMeasure,
      startDate: a.start_date,
      endDate: a.end_date,
    })),
  };
}

export function getStructure(ctx: ServiceContext): Promise<Structure | null> {
  return readStructureView(ctx.db());
}

/**
 * Saves the settings and replaces the annexes list: annexes sent with their id are updated,
 * new ones created, missing ones removed — unless a contract still points to them.
 */
export async function saveStructure(ctx: ServiceContext, input: ParsedInput<'structure.save'>): Promise<Structure> {
  return inTransaction(ctx, async (db) => {
    const now = nowOf(ctx);
    await writeStructure(db, {
      name: input.name,
      siret: input.siret,
      siae_kind: input.siaeKind,
      region_code: input.regionCode,
      departement_code: input.departementCode,
      updated_at: now,
    });
    const existing = await listAnnexes(db);
    const existingIds = new Set(existing.map((a) => a.id));
    const keptIds = new Set<string>();
    for (const annexe of input.annexes) {
      const columns = { number: annexe.number, measure: annexe.measure, start_date: annexe.startDate, end_date: annexe.endDate };
      if (annexe.id && existingIds.has(annexe.id)) {
        keptIds.add(annexe.id);
        await updateAnnexe(db, annexe.id, columns);
      } else {
        await insertAnnexe(db, { id: ctx.ids.next(), created_at: now, ...columns });
      }
    }
    const removed = existing.filter((a) => !keptIds.has(a.id));
    const inUse = new Set(await annexesInUse(db, removed.map((a) => a.id)));
    if (inUse.size > 0) {
      const numbers = removed.filter((a) => inUse.has(a.id)).map((a) => a.number);
      throw validationError(
        `${numbers.length > 1 ? 'Les annexes financières' : 'L’annexe financière'} ${numbers.join(', ')} ${numbers.length > 1 ? 'sont rattachées' : 'est rattachée'} à des contrats : modifiez d’abord ces contrats, ou gardez l’annexe.`,
        [{ path: 'annexes', message: 'Annexe rattachée à des contrats.' }],
      );
    }
    await deleteAnnexes(db, removed.map((a) => a.id));
    await audit(db, ctx, 'structure.save', 'structure', '1', {
      annexesKept: keptIds.size,
      annexesAdded: input.annexes.length - keptIds.size,
      annexesRemoved: removed.length,
    });
    return (await readStructureView(db))!;
  });
}

function referentView(row: ReferentRow): Referent {
  return { id: row.id, displayName: row.display_name, active: row.active === 1 };
}

export async function listReferents(ctx: ServiceContext): Promise<Referent[]> {
  return (await readReferents(ctx.db())).map(referentView);
}

export async function saveReferent(ctx: ServiceContext, input: ParsedInput<'referents.save'>): Promise<Referent> {
  return inTransaction(ctx, async (db) => {
    let id = input.id;
    if (id) {
      if (!(await findReferent(db, id))) throw notFound('Ce référent n’existe pas.');
      await updateReferent(db, id, { display_name: input.displayName, active: Number(input.active) });
    } else {
      id = ctx.ids.next();
      await insertReferent(db, { id, display_name: input.displayName, active: Number(input.active), created_at: nowOf(ctx) });
    }
    await audit(db, ctx, 'referents.save', 'referent', id, { created: input.id === undefined });
    return referentView((await findReferent(db, id))!);
  });
}
