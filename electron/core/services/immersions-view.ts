import { z } from 'zod';
import { formatFrenchDate } from '../../../shared/domain/calendar';
import { entretienKindLabels, entretienStatusLabels, type EntretienKind, type EntretienStatus } from '../../../shared/domain/entretiens';
import { computeProgression, GridContentSchema, ScaleSchema, type GridSection, type ScaleLevel } from '../../../shared/domain/grid-templates';
import {
  allowedImmersionTransitions,
  CONVENTION_STATUSES,
  STARTED_STATUSES,
  IMMERSION_RULES,
  IMMERSION_STEPS,
  immersionStatusLabels,
  immersionStepLabels,
  immersionTransitionLabels,
  immersionWarnings,
  renewalRefusal,
  scheduledHours,
  TIME_RE,
  weeklyHours,
  type EvaluatorRole,
  type IfContractType,
  type ImmersionStep,
  type NextStep,
  type ScheduleSlot,
} from '../../../shared/domain/immersions';
import type { BilanView, EvaluationView, GridInstanceView, ImmersionStepView, ImmersionView } from '../../../shared/ipc/immersions';
import type { AppDb } from '../db/schema';
import { listContracts } from '../repositories/contracts';
import { findTemplateVersionById } from '../repositories/grids';
import {
  findBilan,
  findGridOfImmersion,
  findImmersion,
  listEvaluations,
  listGridItems,
  listImmersionsOfSalarie,
  listLinkedEntretiens,
  listRatings,
  listRenewalsOf,
  listSteps,
  ratedItemIds,
  type BilanRow,
  type EvaluationRow,
  type GridItemRow,
  type GridRow,
  type ImmersionRow,
  type RatingRow,
} from '../repositories/immersions';
import { findContact, findOrganisation } from '../repositories/partners';
import { findSalarie } from '../repositories/salaries';
import { readStructure } from '../repositories/structure';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, structureSiaeKind } from './parcours';

/*
 * The immersion as the screens and prints read it: header, Fiche 1 steps (from the records that
 * fulfil them, else ticked by hand), legal warnings, grid, evaluations, progression and bilan.
 * Notes are confidential: read on request, logged.
 */

export const IMMERSION_NOT_FOUND = 'Cette immersion n’existe pas ou a été supprimée.';

export async function requireImmersion(db: AppDb, id: string): Promise<ImmersionRow> {
  const row = await findImmersion(db, id);
  if (!row) throw notFound(IMMERSION_NOT_FOUND);
  return row;
}

const ScheduleJson = z.array(z.object({ weekday: z.number().int().min(1).max(7), start: z.string().regex(TIME_RE), end: z.string().regex(TIME_RE) }));
const EvaluatorsJson = z.array(z.object({ role: z.enum(['tuteur', 'responsable', 'referent', 'salarie', 'autre']), name: z.string() }));
const NextStepsJson = z.array(z.enum(['nouvelle_immersion', 'formation', 'recherche_emploi', 'poursuite_parcours']));

/** Stored JSON read defensively: a value this version cannot read shows as empty rather than breaking the page. */
function parseJson<T>(schema: z.ZodType<T>, text: string, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function scheduleOf(row: Pick<ImmersionRow, 'schedule'>): ScheduleSlot[] {
  return parseJson(ScheduleJson, row.schedule, []);
}

export function evaluatorsOf(row: Pick<EvaluationRow, 'evaluators'>): { role: EvaluatorRole; name: string }[] {
  return parseJson(EvaluatorsJson, row.evaluators, []);
}

export function scaleOf(grid: Pick<GridRow, 'scale'>): ScaleLevel[] {
  return parseJson(ScaleSchema, grid.scale, []);
}

export function nextStepsOf(row: Pick<BilanRow, 'next_steps'>): NextStep[] {
  return parseJson(NextStepsJson, row.next_steps, []);
}


function entretienLabel(e: { kind: string; status: string; date: string }): string {
  const kind = entretienKindLabels[e.kind as EntretienKind] ?? e.kind;
  const status = entretienStatusLabels[e.status as EntretienStatus]?.toLowerCase() ?? e.status;
  return `${kind} du ${formatFrenchDate(e.date)} (${status})`;
}

type LinkedEntretien = Awaited<ReturnType<typeof listLinkedEntretiens>>[number];
type Record_ = NonNullable<ImmersionStepView['record']>;

/**
 * The first tripartite is the earliest linked tripartite entretien still alive; the final one the
 * latest other tripartite (or final bilan) entretien on or after it.
 */
export function tripartitesOf(linked: readonly LinkedEntretien[]): { first: LinkedEntretien | null; final: LinkedEntretien | null } {
  const alive = linked.filter((e) => e.status === 'planifie' || e.status === 'tenu');
  const first = alive.find((e) => e.kind === 'tripartite') ?? null;
  const finals = alive.filter((e) => (e.kind === 'tripartite' || e.kind === 'bilan_final') && e.id !== first?.id && (!first || e.date >= first.date));
  return { first, final: finals[finals.length - 1] ?? null };
}

interface StepFacts {
  row: ImmersionRow;
  hostName: string | null;
  manual: Map<string, string>;
  linked: readonly LinkedEntretien[];
  grid: GridRow | null;
  evaluations: readonly EvaluationRow[];
  bilan: BilanRow | null;
}

/** Fiche 1's checklist: a record fulfils a step when there is one; otherwise the hand-ticked date counts. */
export function buildSteps(f: StepFacts): ImmersionStepView[] {
  const { first, final } = tripartitesOf(f.linked);
  const realised = f.evaluations.filter((e) => e.status === 'realisee');
  const weekly = realised.filter((e) => e.kind === 'hebdomadaire');
  const plannedWeekly = f.evaluations.filter((e) => e.kind === 'hebdomadaire' && e.status === 'planifiee');
  const finalEval = f.evaluations.find((e) => e.kind === 'finale') ?? null;
  const statusRecord = (label: string): Record_ => ({ type: 'statut', id: f.row.id, label });

  const derived = (step: ImmersionStep): { done: boolean; date: string | null; record: Record_ | null } => {
    switch (step) {
      case 'premier_tripartite':
        return first
          ? { done: first.status === 'tenu', date: first.status === 'tenu' ? first.date : null, record: { type: 'entretien', id: first.id, label: entretienLabel(first) } }
          : { done: false, date: null, record: null };
      case 'structure_trouvee':
        return f.row.host_organisation_id
          ? { done: true, date: null, record: { type: 'organisation', id: f.row.host_organisation_id, label: f.hostName ?? 'Structure d’accueil' } }
          : { done: false, date: null, record: null };
      case 'convention_preparee':
        return CONVENTION_STATUSES.includes(f.row.status)
          ? { done: true, date: null, record: statusRecord(`Statut « ${immersionStatusLabels[f.row.status]} »`) }
          : { done: false, date: null, record: null };
      case 'grille_construite':
        return f.grid
          ? {
              done: f.grid.individualised_on !== null,
              date: f.grid.individualised_on,
              record: { type: 'grille', id: f.grid.id, label: f.grid.individualised_on ? 'Grille individualisée' : 'Grille à individualiser' },
            }
          : { done: false, date: null, record: null };
      case 'freins_leves':
        return { done: false, date: null, record: null };
      case 'demarrage_confirme':
        return STARTED_STATUSES.includes(f.row.status)
          ? { done: true, date: null, record: statusRecord(`Statut « ${immersionStatusLabels[f.row.status]} »`) }
          : { done: false, date: null, record: null };
      case 'evaluations_hebdomadaires': {
        const last = weekly[weekly.length - 1];
        if (last) return { done: true, date: last.date, record: { type: 'evaluation', id: last.id, label: `${weekly.length} évaluation${weekly.length > 1 ? 's' : ''} hebdomadaire${weekly.length > 1 ? 's' : ''}` } };
        const next = plannedWeekly[0];
        return next ? { done: false, date: null, record: { type: 'evaluation', id: next.id, label: `Prévue le ${formatFrenchDate(next.date)}` } } : { done: false, date: null, record: null };
      }
      case 'evaluation_finale':
        if (!finalEval) return { done: false, date: null, record: null };
        return finalEval.status === 'realisee'
          ? { done: true, date: finalEval.date, record: { type: 'evaluation', id: finalEval.id, label: `Évaluation finale du ${formatFrenchDate(finalEval.date)}` } }
          : { done: false, date: null, record: { type: 'evaluation', id: finalEval.id, label: `Prévue le ${formatFrenchDate(finalEval.date)}` } };
      case 'tripartite_final':
        return final
          ? { done: final.status === 'tenu', date: final.status === 'tenu' ? final.date : null, record: { type: 'entretien', id: final.id, label: entretienLabel(final) } }
          : { done: false, date: null, record: null };
      case 'bilan':
        return f.bilan ? { done: true, date: f.bilan.written_on, record: { type: 'bilan', id: f.row.id, label: 'Bilan rédigé' } } : { done: false, date: null, record: null };
    }
  };

  return IMMERSION_STEPS.map((step) => {
    const d = derived(step);
    const manual = f.manual.get(step) ?? null;
    const done = d.done || manual !== null;
    return {
      step,
      label: immersionStepLabels[step].label,
      hint: immersionStepLabels[step].hint,
      done,
      doneDate: d.date ?? manual,
      source: d.done ? 'record' : manual !== null ? 'manual' : null,
      record: d.record,
    };
  });
}

/** The grid as shown: items in order, with the template's wording when an item was reworded. */
async function gridView(db: AppDb, grid: GridRow, items: readonly GridItemRow[]): Promise<GridInstanceView> {
  const version = grid.template_version_id ? await findTemplateVersionById(db, grid.template_version_id) : null;
  const parsed = version ? GridContentSchema.safeParse(JSON.parse(version.content)) : null;
  const templateLabels = new Map(parsed?.success ? parsed.data.items.map((i) => [i.key, i.label]) : []);
  const rated = await ratedItemIds(db, grid.id);
  return {
    id: grid.id,
    templateId: version?.template_id ?? null,
    templateName: grid.template_name,
    templateVersion: grid.template_version,
    kind: grid.kind,
    scale: scaleOf(grid),
    individualisedOn: grid.individualised_on,
    items: items.map((item) => {
      const original = item.template_item_key ? (templateLabels.get(item.template_item_key) ?? null) : null;
      return {
        id: item.id,
        section: item.section as GridSection,
        label: item.label,
        origin: item.origin,
        templateLabel: original !== null && original !== item.label ? original : null,
        removed: item.removed_at !== null,
        rated: rated.has(item.id),
      };
    }),
  };
}

export function evaluationView(e: EvaluationRow, ratings: readonly RatingRow[]): EvaluationView {
  return {
    id: e.id,
    kind: e.kind,
    status: e.status,
    date: e.date,
    startTime: e.start_time,
    evaluators: evaluatorsOf(e),
    ratings: ratings
      .filter((r) => r.evaluation_id === e.id)
      .map((r) => ({ itemId: r.item_id, itemLabel: r.item_label, section: r.item_section as GridSection, levelCode: r.level_code, levelLabel: r.level_label, comment: r.comment })),
    salarieOpinion: e.salarie_opinion,
    hostOpinion: e.host_opinion,
  };
}

export function bilanView(b: BilanRow): BilanView {
  return {
    status: b.status,
    lastDayOfPresence: b.last_day_of_presence,
    numberOfMissedHours: b.missed_hours,
    endedWithAJob: b.ended_with_job === 1,
    typeOfContract: b.type_of_contract as IfContractType | null,
    contractStartDate: b.contract_start_date,
    establishmentFeedback: b.establishment_feedback,
    establishmentAdvices: b.establishment_advices,
    beneficiaryAgreement: b.beneficiary_agreement === null ? null : b.beneficiary_agreement === 1,
    beneficiaryFeedback: b.beneficiary_feedback,
    nextSteps: nextStepsOf(b),
    nextStepsNote: b.next_steps_note,
    writtenOn: b.written_on,
  };
}

/** The full record; notes only with `includeNotes`, and that read is logged. */
export async function getImmersion(ctx: ServiceContext, input: { id: string; includeNotes: boolean }): Promise<ImmersionView> {
  const db = ctx.db();
  const row = await requireImmersion(db, input.id);
  if (input.includeNotes) {
    await inTransaction(ctx, (tx) => audit(tx, ctx, 'immersions.readNotes', 'immersion', row.id, { salarieId: row.salarie_id }));
  }
  const [salarie, host, tutor, prescriber, structure, siaeKind, renewals, source, others, contracts, steps, grid, evaluations, bilan, linked] = await Promise.all([
    findSalarie(db, row.salarie_id, { includeDeleted: true }),
    row.host_organisation_id ? findOrganisation(db, row.host_organisation_id, { includeDeleted: true }) : Promise.resolve(null),
    row.tutor_contact_id ? findContact(db, row.tutor_contact_id) : Promise.resolve(null),
    row.prescriber_organisation_id ? findOrganisation(db, row.prescriber_organisation_id, { includeDeleted: true }) : Promise.resolve(null),
    readStructure(db),
    structureSiaeKind(db),
    listRenewalsOf(db, row.id),
    row.renewal_of_id ? findImmersion(db, row.renewal_of_id) : Promise.resolve(null),
    listImmersionsOfSalarie(db, row.salarie_id),
    listContracts(db, [row.salarie_id]),
    listSteps(db, row.id),
    findGridOfImmersion(db, row.id),
    listEvaluations(db, row.id),
    findBilan(db, row.id),
    listLinkedEntretiens(db, row.id),
  ]);
  if (!salarie) throw notFound(IMMERSION_NOT_FOUND);
  const schedule = scheduleOf(row);
  const [items, ratings] = await Promise.all([grid ? listGridItems(db, grid.id) : Promise.resolve([]), listRatings(db, evaluations.map((e) => e.id))]);
  const evaluationViews = evaluations.map((e) => evaluationView(e, ratings));
  const realised = evaluationViews.filter((e) => e.status === 'realisee');
  const scale = grid ? scaleOf(grid) : [];

  return {
    id: row.id,
    salarieId: row.salarie_id,
    salarieFirstName: salarie.first_name,
    salarieLastName: salarie.last_name,
    referentName: salarie.referent_name,
    objective: row.objective,
    romeCode: row.rome_code,
    romeLabel: row.rome_label,
    host: host ? { organisationId: host.id, name: host.name, address: host.address } : null,
    tutor: tutor ? { contactId: tutor.id, name: tutor.name, role: tutor.role, phone: tutor.phone, email: tutor.email } : null,
    prescriber: prescriber
      ? { organisationId: prescriber.id, name: prescriber.name }
      : { organisationId: null, name: structure ? `${structure.name} (structure employeuse)` : 'La structure employeuse (SIAE)' },
    startDate: row.start_date,
    endDate: row.end_date,
    schedule,
    weeklyHours: weeklyHours(schedule),
    scheduledHours: row.start_date && row.end_date ? scheduledHours(schedule, row.start_date, row.end_date) : 0,
    scheduleNote: row.schedule_note,
    place: row.place,
    activities: row.activities,
    status: row.status,
    cancelReason: row.cancel_reason,
    allowedTransitions: allowedImmersionTransitions(row.status).map((to) => ({ to, label: immersionTransitionLabels[to] })),
    renewalOf: source ? { id: source.id, startDate: source.start_date, endDate: source.end_date } : null,
    renewals: renewals.map((r) => ({ id: r.id, status: r.status, startDate: r.start_date })),
    renewalRefusal: renewalRefusal({ status: row.status, renewalOfId: row.renewal_of_id }, renewals),
    steps: buildSteps({
      row,
      hostName: host?.name ?? null,
      manual: new Map(steps.map((s) => [s.step, s.done_date])),
      linked,
      grid,
      evaluations,
      bilan,
    }),
    warnings: immersionWarnings({
      immersion: {
        id: row.id,
        objective: row.objective,
        startDate: row.start_date,
        endDate: row.end_date,
        hostOrganisationId: row.host_organisation_id,
        schedule,
        status: row.status,
      },
      renewalOf: source ? { objective: source.objective, renewalOfId: source.renewal_of_id, startDate: source.start_date, endDate: source.end_date } : null,
      others: others.map((o) => ({ id: o.id, hostOrganisationId: o.host_organisation_id, startDate: o.start_date, endDate: o.end_date, status: o.status })),
      contracts: contracts.map((c) => ({ startDate: c.start_date, endDate: c.end_date })),
      prescriberOrganisationId: row.prescriber_organisation_id,
      siaeKind,
    }),
    rulesVersion: IMMERSION_RULES.version,
    linkedEntretiens: linked.map((e) => ({ id: e.id, date: e.date, kind: e.kind, status: e.status, label: entretienLabel(e) })),
    grid: grid ? await gridView(db, grid, items) : null,
    evaluations: evaluationViews,
    progression: grid
      ? computeProgression(
          scale,
          items.map((i) => ({ id: i.id, section: i.section as GridSection, label: i.label, removed: i.removed_at !== null })),
          realised.map((e) => ({ id: e.id, date: e.date, kind: e.kind, ratings: e.ratings.map((r) => ({ itemId: r.itemId, levelCode: r.levelCode })) })),
        )
      : null,
    bilan: bilan ? bilanView(bilan) : null,
    notes: input.includeNotes ? row.notes : null,
    hasNotes: row.notes !== null && row.notes !== '',
    updatedAt: row.updated_at,
  };
}
