import { HOST_EVALUATOR_ROLES, plannedEvaluationDates, STARTED_STATUSES, type EvaluatorRole } from '../../../shared/domain/immersions';
import { AppError } from '../../../shared/ipc/errors';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type { ImmersionView } from '../../../shared/ipc/immersions';
import type { AppDb } from '../db/schema';
import {
  deleteEvaluation,
  deleteGrid,
  deleteGridItems,
  findEvaluation,
  findGridOfImmersion,
  insertEvaluation,
  insertGrid,
  insertGridItems,
  listEvaluations,
  listGridItems,
  listRatings,
  ratedItemIds,
  replaceRatings,
  updateEvaluation,
  updateGrid,
  updateGridItem,
  type EvaluationRow,
  type GridItemRow,
  type GridRow,
  type ImmersionRow,
  type RatingRow,
} from '../repositories/immersions';
import { findContact } from '../repositories/partners';
import { findSalarie } from '../repositories/salaries';
import type { ServiceContext } from './context';
import { currentVersionForGrid } from './grids';
import { getImmersion, requireImmersion, scaleOf } from './immersions-view';
import { audit, inTransaction, notFound, nowOf, todayOf, validationError } from './parcours';

/*
 * The immersion's own grid (copied from a template version, then individualised: items added,
 * removed, reworded) and its evaluations. A rating keeps the item's wording and the level's label
 * of the day it was given, so neither a rewording nor a new template version changes it.
 */

export const EVALUATION_NOT_FOUND = 'Cette évaluation n’existe pas ou a été supprimée.';

function issue(message: string, path: string) {
  return validationError(message, [{ path, message }]);
}

function refuseCancelled(row: ImmersionRow): void {
  if (row.status === 'annulee') throw validationError('Cette immersion est annulée : sa grille et ses évaluations ne se modifient plus.');
}

async function requireGrid(db: AppDb, immersionId: string): Promise<GridRow> {
  const grid = await findGridOfImmersion(db, immersionId);
  if (!grid) throw validationError('Créez d’abord la grille d’évaluation de cette immersion à partir d’un modèle.');
  return grid;
}

// ── Grid ────────────────────────────────────────────────────────────────────────

/** The grid from the current version of a template; a grid already used in an evaluation is not replaced. */
export async function createGrid(ctx: ServiceContext, input: ParsedInput<'immersions.createGrid'>): Promise<ImmersionView> {
  await inTransaction(ctx, async (db) => {
    const row = await requireImmersion(db, input.immersionId);
    refuseCancelled(row);
    const existing = await findGridOfImmersion(db, row.id);
    if (existing) {
      if ((await ratedItemIds(db, existing.id)).size > 0 || (await listEvaluations(db, row.id)).some((e) => e.status === 'realisee')) {
        throw new AppError('CONFLICT', 'Des évaluations ont déjà été faites avec cette grille : elle ne peut plus être remplacée. Modifiez ses items à la place.');
      }
      await deleteGrid(db, existing.id);
    }
    const { template, version, content } = await currentVersionForGrid(db, ctx, input.templateId);
    const now = nowOf(ctx);
    const gridId = ctx.ids.next();
    await insertGrid(db, {
      id: gridId,
      immersion_id: row.id,
      template_version_id: version.id,
      template_name: version.name,
      template_version: version.version,
      kind: content.kind,
      scale: JSON.stringify(content.scale),
      individualised_on: null,
      created_at: now,
      updated_at: now,
    });
    await insertGridItems(
      db,
      content.items.map((item, rank) => ({
        id: ctx.ids.next(),
        grid_id: gridId,
        template_item_key: item.key,
        section: item.section,
        label: item.label,
        origin: 'modele' as const,
        rank,
        removed_at: null,
      })),
    );
    await audit(db, ctx, 'immersions.createGrid', 'immersion', row.id, { gridId, templateId: template.id, version: version.version, replaced: existing !== null });
  });
  return getImmersion(ctx, { id: input.immersionId, includeNotes: false });
}

/**
 * Individualisation: the submitted list is the grid, in order. Kept items may be reworded or moved
 * to another section; new ones are added; missing ones are deleted, or only marked removed when an
 * evaluation already rated them (that evaluation keeps reading them).
 */
export async function saveGrid(ctx: ServiceContext, input: ParsedInput<'immersions.saveGrid'>): Promise<ImmersionView> {
  await inTransaction(ctx, async (db) => {
    const row = await requireImmersion(db, input.immersionId);
    refuseCancelled(row);
    const grid = await requireGrid(db, row.id);
    const current = await listGridItems(db, grid.id);
    const byId = new Map(current.map((i) => [i.id, i]));
    const rated = await ratedItemIds(db, grid.id);
    const now = nowOf(ctx);
    const kept = new Set<string>();
    const added: GridItemRow[] = [];
    let reworded = 0;
    for (const [rank, item] of input.items.entries()) {
      if (item.id) {
        const existing = byId.get(item.id);
        if (!existing || kept.has(item.id)) throw issue('Cet item ne fait pas partie de la grille de cette immersion. Rechargez la page.', `items.${rank}.id`);
        kept.add(item.id);
        if (existing.label !== item.label) reworded += 1;
        await updateGridItem(db, item.id, { label: item.label, section: item.section, rank, removed_at: null });
      } else {
        added.push({ id: ctx.ids.next(), grid_id: grid.id, template_item_key: null, section: item.section, label: item.label, origin: 'ajout', rank, removed_at: null });
      }
    }
    await insertGridItems(db, added);
    const left = current.filter((i) => !kept.has(i.id));
    const toDelete = left.filter((i) => !rated.has(i.id)).map((i) => i.id);
    await deleteGridItems(db, toDelete);
    let rank = input.items.length;
    for (const item of left.filter((i) => rated.has(i.id))) {
      await updateGridItem(db, item.id, { removed_at: item.removed_at ?? now, rank: rank++ });
    }
    await updateGrid(db, grid.id, { individualised_on: input.individualisedOn ?? grid.individualised_on ?? todayOf(ctx), updated_at: now });
    await audit(db, ctx, 'immersions.saveGrid', 'immersion', row.id, { gridId: grid.id, added: added.length, removed: left.length, reworded });
  });
  return getImmersion(ctx, { id: input.immersionId, includeNotes: false });
}

// ── Evaluations ─────────────────────────────────────────────────────────────────

async function defaultEvaluators(db: AppDb, row: ImmersionRow): Promise<{ role: EvaluatorRole; name: string }[]> {
  const out: { role: EvaluatorRole; name: string }[] = [];
  const tutor = row.tutor_contact_id ? await findContact(db, row.tutor_contact_id) : null;
  if (tutor) out.push({ role: 'tuteur', name: tutor.name });
  const salarie = await findSalarie(db, row.salarie_id, { includeDeleted: true });
  if (salarie?.referent_name) out.push({ role: 'referent', name: salarie.referent_name });
  return out;
}

/** The weekly evaluations (skills immersions) and the final one, planned from the dates; existing ones are kept. */
export async function planEvaluations(ctx: ServiceContext, id: string): Promise<ImmersionView> {
  await inTransaction(ctx, async (db) => {
    const row = await requireImmersion(db, id);
    refuseCancelled(row);
    if (!row.start_date || !row.end_date) throw validationError('Renseignez d’abord les dates de début et de fin de l’immersion.');
    const existing = await listEvaluations(db, row.id);
    const evaluators = JSON.stringify(await defaultEvaluators(db, row));
    const now = nowOf(ctx);
    let created = 0;
    for (const planned of plannedEvaluationDates(row.objective, row.start_date, row.end_date)) {
      const already = planned.kind === 'finale' ? existing.some((e) => e.kind === 'finale') : existing.some((e) => e.kind === planned.kind && e.date === planned.date);
      if (already) continue;
      await insertEvaluation(db, {
        id: ctx.ids.next(),
        immersion_id: row.id,
        kind: planned.kind,
        status: 'planifiee',
        date: planned.date,
        start_time: null,
        evaluators,
        salarie_opinion: null,
        host_opinion: null,
        created_at: now,
        updated_at: now,
      });
      created += 1;
    }
    await audit(db, ctx, 'immersions.planEvaluations', 'immersion', row.id, { created });
  });
  return getImmersion(ctx, { id, includeNotes: false });
}

type EvaluationInput = ParsedInput<'immersions.saveEvaluation'>;

/** Ratings with the wording of the day: an item already rated in this evaluation keeps its first wording. */
async function ratingRows(db: AppDb, grid: GridRow, input: EvaluationInput, previous: readonly RatingRow[]): Promise<RatingRow[]> {
  const items = new Map((await listGridItems(db, grid.id)).map((i) => [i.id, i]));
  const scale = scaleOf(grid);
  const levels = new Map(scale.map((l) => [l.code, l.label]));
  const before = new Map(previous.map((r) => [r.item_id, r]));
  const rows: RatingRow[] = [];
  const seen = new Set<string>();
  for (const [index, r] of input.ratings.entries()) {
    const item = items.get(r.itemId);
    const earlier = before.get(r.itemId);
    if (!item || (item.removed_at !== null && !earlier)) throw issue('Cet item ne fait pas partie de la grille. Rechargez la page.', `ratings.${index}.itemId`);
    if (seen.has(r.itemId)) throw issue('Un item est noté deux fois.', `ratings.${index}.itemId`);
    seen.add(r.itemId);
    if (r.levelCode !== null && !levels.has(r.levelCode)) throw issue('Ce niveau ne fait pas partie de l’échelle de la grille.', `ratings.${index}.levelCode`);
    if (r.levelCode === null && r.comment === null) continue;
    rows.push({
      evaluation_id: input.id ?? '',
      item_id: item.id,
      item_label: earlier?.item_label ?? item.label,
      item_section: earlier?.item_section ?? item.section,
      level_code: r.levelCode,
      level_label: r.levelCode !== null ? (levels.get(r.levelCode) ?? r.levelCode) : null,
      comment: r.comment,
      rank: item.rank,
    });
  }
  return rows;
}

/**
 * Plans or records an evaluation. A carried-out one needs the immersion started and a grid; the
 * final one is made with the host (a tutor or manager among the evaluators) and there is only one.
 */
export async function saveEvaluation(ctx: ServiceContext, input: EvaluationInput): Promise<ImmersionView> {
  await inTransaction(ctx, async (db) => {
    const row = await requireImmersion(db, input.immersionId);
    refuseCancelled(row);
    const existing = input.id ? await findEvaluation(db, input.id) : null;
    if (input.id && (!existing || existing.immersion_id !== row.id)) throw notFound(EVALUATION_NOT_FOUND);
    const all = await listEvaluations(db, row.id);
    if (input.kind === 'finale' && all.some((e) => e.kind === 'finale' && e.id !== input.id)) {
      throw issue('Cette immersion a déjà une évaluation finale : modifiez-la plutôt que d’en ajouter une autre.', 'kind');
    }
    let ratings: RatingRow[] = [];
    if (input.status === 'realisee') {
      if (!STARTED_STATUSES.includes(row.status)) throw validationError('Les évaluations se font pendant l’immersion : confirmez d’abord son démarrage.');
      const grid = await requireGrid(db, row.id);
      if (input.kind === 'finale' && !input.evaluators.some((e) => HOST_EVALUATOR_ROLES.includes(e.role))) {
        throw issue('L’évaluation finale se fait avec la structure d’accueil : ajoutez le tuteur ou la tutrice parmi les évaluateurs.', 'evaluators');
      }
      if (input.evaluators.length === 0) throw issue('Indiquez qui a fait l’évaluation.', 'evaluators');
      const previous = existing ? await listRatings(db, [existing.id]) : [];
      ratings = await ratingRows(db, grid, input, previous);
    }
    const now = nowOf(ctx);
    const id = existing?.id ?? ctx.ids.next();
    const fields: Omit<EvaluationRow, 'id' | 'immersion_id' | 'created_at'> = {
      kind: input.kind,
      status: input.status,
      date: input.date,
      start_time: input.startTime,
      evaluators: JSON.stringify(input.evaluators),
      salarie_opinion: input.status === 'realisee' ? input.salarieOpinion : null,
      host_opinion: input.status === 'realisee' ? input.hostOpinion : null,
      updated_at: now,
    };
    if (existing) await updateEvaluation(db, id, fields);
    else await insertEvaluation(db, { id, immersion_id: row.id, ...fields, created_at: now });
    await replaceRatings(db, id, ratings.map((r) => ({ ...r, evaluation_id: id })));
    await audit(db, ctx, existing ? 'immersions.updateEvaluation' : 'immersions.createEvaluation', 'immersion_evaluation', id, {
      immersionId: row.id,
      kind: input.kind,
      status: input.status,
      ratings: ratings.length,
    });
  });
  return getImmersion(ctx, { id: input.immersionId, includeNotes: false });
}

export async function deleteEvaluationById(ctx: ServiceContext, id: string): Promise<ImmersionView> {
  const immersionId = await inTransaction(ctx, async (db) => {
    const evaluation = await findEvaluation(db, id);
    if (!evaluation) throw notFound(EVALUATION_NOT_FOUND);
    refuseCancelled(await requireImmersion(db, evaluation.immersion_id));
    await deleteEvaluation(db, id);
    await audit(db, ctx, 'immersions.deleteEvaluation', 'immersion_evaluation', id, { immersionId: evaluation.immersion_id });
    return evaluation.immersion_id;
  });
  return getImmersion(ctx, { id: immersionId, includeNotes: false });
}
