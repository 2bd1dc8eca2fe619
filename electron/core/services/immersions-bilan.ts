import { bilanIssues, immersionObjectiveLabels, NOT_APPLICABLE } from '../../../shared/domain/immersions';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { ImmersionAssessmentExport, type ImmersionView } from '../../../shared/ipc/immersions';
import { AppError } from '../../../shared/ipc/errors';
import { findBilan, upsertBilan, type BilanRow } from '../repositories/immersions';
import type { ServiceContext } from './context';
import { getImmersion, requireImmersion, scheduleOf } from './immersions-view';
import { audit, inTransaction, nowOf, validationError } from './parcours';

/*
 * The bilan of an immersion, in Immersion Facilitée's assessment vocabulary (reference-systems
 * §3.3), and its JSON export with our grid as the `x-jalons-grid` extension. Nothing confidential
 * goes out: no notes, no freins, no salarié name.
 */

type BilanInput = ParsedInput<'immersions.saveBilan'>;

/** IF's shape: a completed immersion has no missed hours; nobody came, nothing applies; no hire, no contract. */
function normalise(input: BilanInput): BilanInput {
  if (input.status === 'DID_NOT_SHOW') {
    return {
      ...input,
      lastDayOfPresence: null,
      numberOfMissedHours: null,
      endedWithAJob: false,
      typeOfContract: null,
      contractStartDate: null,
      establishmentFeedback: NOT_APPLICABLE,
      establishmentAdvices: NOT_APPLICABLE,
    };
  }
  const partial = input.status === 'PARTIALLY_COMPLETED';
  return {
    ...input,
    lastDayOfPresence: partial ? input.lastDayOfPresence : null,
    numberOfMissedHours: partial ? input.numberOfMissedHours : null,
    typeOfContract: input.endedWithAJob ? input.typeOfContract : null,
    contractStartDate: input.endedWithAJob ? input.contractStartDate : null,
  };
}

export async function saveBilan(ctx: ServiceContext, raw: BilanInput): Promise<ImmersionView> {
  await inTransaction(ctx, async (db) => {
    const row = await requireImmersion(db, raw.immersionId);
    const input = normalise(raw);
    const started = row.status === 'en_cours' || row.status === 'terminee';
    if (!started && !(input.status === 'DID_NOT_SHOW' && row.status === 'signee')) {
      throw validationError('Le bilan se rédige une fois l’immersion commencée (ou, si la personne n’est pas venue, une fois la convention signée).');
    }
    const issues = bilanIssues(
      {
        status: input.status,
        lastDayOfPresence: input.lastDayOfPresence,
        numberOfMissedHours: input.numberOfMissedHours,
        endedWithAJob: input.endedWithAJob,
        typeOfContract: input.typeOfContract,
        contractStartDate: input.contractStartDate,
      },
      { startDate: row.start_date, endDate: row.end_date, schedule: scheduleOf(row) },
    );
    if (issues.length > 0) throw validationError(issues.length === 1 ? issues[0]!.message : 'Certains champs du bilan sont à corriger.', issues);
    const now = nowOf(ctx);
    const existing = await findBilan(db, row.id);
    const bilan: BilanRow = {
      immersion_id: row.id,
      status: input.status,
      last_day_of_presence: input.lastDayOfPresence,
      missed_hours: input.numberOfMissedHours,
      ended_with_job: input.endedWithAJob ? 1 : 0,
      type_of_contract: input.typeOfContract,
      contract_start_date: input.contractStartDate,
      establishment_feedback: input.establishmentFeedback,
      establishment_advices: input.establishmentAdvices,
      beneficiary_agreement: input.beneficiaryAgreement === null ? null : input.beneficiaryAgreement ? 1 : 0,
      beneficiary_feedback: input.beneficiaryFeedback,
      next_steps: JSON.stringify([...new Set(input.nextSteps)]),
      next_steps_note: input.nextStepsNote,
      written_on: input.writtenOn,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    };
    await upsertBilan(db, bilan);
    await audit(db, ctx, existing ? 'immersions.updateBilan' : 'immersions.createBilan', 'immersion', row.id, {
      status: input.status,
      endedWithAJob: input.endedWithAJob,
      nextSteps: input.nextSteps.length,
    });
  });
  return getImmersion(ctx, { id: raw.immersionId, includeNotes: false });
}

/** Builds the assessment and checks it against the published schema before it leaves the app. */
export function assessmentOf(view: ImmersionView, createdAt: string): ImmersionAssessmentExport {
  const bilan = view.bilan;
  if (!bilan) throw validationError('Rédigez d’abord le bilan de l’immersion.');
  if (!view.startDate || !view.endDate) throw validationError('Les dates de l’immersion manquent : complétez-les avant d’exporter le bilan.');
  const grid = view.grid;
  const items = grid?.items ?? [];
  const extension = {
    format: 'jalons.grille-evaluation' as const,
    formatVersion: 1 as const,
    immersion: {
      id: view.id,
      immersionObjective: immersionObjectiveLabels[view.objective],
      appellation: view.romeCode ? { romeCode: view.romeCode, romeLabel: view.romeLabel } : null,
      dateStart: view.startDate,
      dateEnd: view.endDate,
      renewed: view.renewalOf !== null,
    },
    template: grid ? { name: grid.templateName, version: grid.templateVersion } : null,
    kind: grid?.kind ?? null,
    scale: grid?.scale ?? [],
    items: items.map((i) => ({ id: i.id, section: i.section, label: i.label, removed: i.removed })),
    evaluations: view.evaluations
      .filter((e) => e.status === 'realisee')
      .map((e) => ({
        date: e.date,
        kind: e.kind,
        evaluators: e.evaluators,
        ratings: e.ratings.map((r) => ({ itemId: r.itemId, label: r.itemLabel, levelCode: r.levelCode, levelLabel: r.levelLabel, comment: r.comment })),
        beneficiaryOpinion: e.salarieOpinion,
        establishmentOpinion: e.hostOpinion,
      })),
    progression: {
      reached: view.progression?.reached ?? [],
      remaining: view.progression?.remaining ?? [],
      notEvaluated: view.progression?.notEvaluated ?? [],
    },
    nextSteps: bilan.nextSteps,
  };
  const common = {
    beneficiaryAgreement: bilan.beneficiaryAgreement,
    beneficiaryFeedback: bilan.beneficiaryFeedback,
    createdAt,
    'x-jalons-grid': extension,
  };
  const job = bilan.endedWithAJob
    ? { endedWithAJob: true, typeOfContract: bilan.typeOfContract ?? undefined, contractStartDate: bilan.contractStartDate ?? undefined }
    : { endedWithAJob: false };
  const candidate =
    bilan.status === 'DID_NOT_SHOW'
      ? { status: bilan.status, endedWithAJob: false, establishmentFeedback: NOT_APPLICABLE, establishmentAdvices: NOT_APPLICABLE, ...common }
      : {
          status: bilan.status,
          ...(bilan.status === 'PARTIALLY_COMPLETED' ? { lastDayOfPresence: bilan.lastDayOfPresence, numberOfMissedHours: bilan.numberOfMissedHours } : {}),
          ...job,
          establishmentFeedback: bilan.establishmentFeedback,
          establishmentAdvices: bilan.establishmentAdvices,
          ...common,
        };
  const parsed = ImmersionAssessmentExport.safeParse(candidate);
  if (!parsed.success) {
    throw new AppError('VALIDATION', 'Le bilan est incomplet pour l’export (appréciation, conseils, contrat…) : complétez-le puis réessayez.');
  }
  return parsed.data;
}

export async function exportBilan(ctx: ServiceContext, id: string): Promise<{ fileName: string; content: string }> {
  const view = await getImmersion(ctx, { id, includeNotes: false });
  const db = ctx.db();
  const bilan = await findBilan(db, id);
  const assessment = assessmentOf(view, bilan ? new Date(bilan.created_at).toISOString() : ctx.clock.now().toISOString());
  // Data leaves the app: the export is logged (ids only).
  await inTransaction(ctx, (tx) => audit(tx, ctx, 'immersions.exportBilan', 'immersion', id, { status: assessment.status }));
  return { fileName: `bilan-immersion-${view.romeCode ?? 'pmsmp'}-${view.startDate ?? 'sans-date'}.json`.toLowerCase(), content: `${JSON.stringify(assessment, null, 2)}\n` };
}
