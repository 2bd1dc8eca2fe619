import { z } from 'zod';
import { GridKindSchema, GridSectionSchema, ScaleLevelSchema, ScaleSchema } from '../domain/grid-templates';
import {
  AssessmentStatusSchema,
  EvaluationKindSchema,
  EvaluationStatusSchema,
  EvaluatorRoleSchema,
  IfContractTypeSchema,
  IMMERSION_OBJECTIVES,
  ImmersionObjectiveSchema,
  immersionObjectiveLabels,
  ImmersionStatusSchema,
  ImmersionStepSchema,
  NextStepSchema,
  NOT_APPLICABLE,
  TIME_RE,
} from '../domain/immersions';
import { RomeCodeSchema } from '../domain/rome';
import { ById, DateField, END_BEFORE_START, Id, method, Nothing, optionalText, OptionalDate, requiredText } from './common-method';

// ── Inputs ──────────────────────────────────────────────────────────────────────

const Time = z.string().regex(TIME_RE, { error: 'Heure invalide (ex. 08:30).' });

export const ScheduleSlotInput = z
  .object({ weekday: z.number().int().min(1).max(7), start: Time, end: Time })
  .strict()
  .refine((s) => s.end > s.start, { path: ['end'], error: 'L’heure de fin précède l’heure de début du créneau.' });

/** A tutor typed once: saved to the partners directory with the host organisation. */
export const NewTutorInput = z
  .object({
    organisationId: Id.nullable(),
    organisationName: optionalText('Structure d’accueil', 200),
    name: requiredText('Nom du tuteur ou de la tutrice', 100),
    role: optionalText('Fonction', 100),
    phone: optionalText('Téléphone', 30),
    email: optionalText('E-mail', 200),
  })
  .strict();

export const ImmersionInput = z
  .object({
    id: Id.optional(),
    salarieId: Id,
    objective: ImmersionObjectiveSchema,
    romeCode: RomeCodeSchema.nullable().default(null),
    romeLabel: optionalText('Métier visé', 200).default(null),
    hostOrganisationId: Id.nullable().default(null),
    tutorContactId: Id.nullable().default(null),
    newTutor: NewTutorInput.nullable().default(null),
    /** Null: the SIAE prescribes the PMSMP itself. */
    prescriberOrganisationId: Id.nullable().default(null),
    startDate: OptionalDate.default(null),
    endDate: OptionalDate.default(null),
    schedule: z.array(ScheduleSlotInput).max(21, { error: '21 créneaux au plus par semaine.' }).default([]),
    scheduleNote: optionalText('Précisions sur les horaires', 500).default(null),
    place: optionalText('Lieu de l’immersion', 300).default(null),
    activities: optionalText('Activités confiées', 2000).default(null),
    /** Omit to keep the stored notes (confidential, read on request); null clears them. */
    notes: optionalText('Notes', 20_000).optional(),
  })
  .strict()
  .refine((v) => v.startDate === null || v.endDate === null || v.endDate >= v.startDate, { path: ['endDate'], error: END_BEFORE_START });
export type ImmersionInput = z.input<typeof ImmersionInput>;

export const EvaluatorInput = z.object({ role: EvaluatorRoleSchema, name: requiredText('Nom de l’évaluateur', 120) }).strict();

export const EvaluationInput = z
  .object({
    id: Id.optional(),
    immersionId: Id,
    kind: EvaluationKindSchema,
    status: EvaluationStatusSchema,
    date: DateField,
    startTime: Time.nullable().default(null),
    evaluators: z.array(EvaluatorInput).max(10).default([]),
    ratings: z
      .array(z.object({ itemId: Id, levelCode: z.string().max(40).nullable(), comment: optionalText('Commentaire', 1000).default(null) }).strict())
      .max(60)
      .default([]),
    salarieOpinion: optionalText('Avis du salarié', 3000).default(null),
    hostOpinion: optionalText('Avis de la structure d’accueil', 3000).default(null),
  })
  .strict();
export type EvaluationInput = z.input<typeof EvaluationInput>;

export const GridItemsInput = z
  .object({
    immersionId: Id,
    /** In display order; `id` null for an added item. Items left out are removed. */
    items: z
      .array(z.object({ id: Id.nullable(), section: GridSectionSchema, label: requiredText('Intitulé de l’item', 300) }).strict())
      .min(1, { error: 'La grille compte au moins un item.' })
      .max(40, { error: 'La grille compte au plus 40 items.' }),
    /** Date of the first tripartite entretien where the grid was individualised. */
    individualisedOn: OptionalDate.default(null),
  })
  .strict();

export const BilanInput = z
  .object({
    immersionId: Id,
    status: AssessmentStatusSchema,
    lastDayOfPresence: OptionalDate.default(null),
    numberOfMissedHours: z.number().min(0, { error: 'Les heures manquées ne peuvent pas être négatives.' }).max(1000).nullable().default(null),
    endedWithAJob: z.boolean().default(false),
    typeOfContract: IfContractTypeSchema.nullable().default(null),
    contractStartDate: OptionalDate.default(null),
    establishmentFeedback: optionalText('Appréciation générale de la structure d’accueil', 9200).default(null),
    establishmentAdvices: optionalText('Conseils pour la suite du parcours', 6000).default(null),
    beneficiaryAgreement: z.boolean().nullable().default(null),
    beneficiaryFeedback: optionalText('Avis du salarié', 3000).default(null),
    nextSteps: z.array(NextStepSchema).max(4).default([]),
    nextStepsNote: optionalText('Précisions sur les suites', 2000).default(null),
    writtenOn: DateField,
  })
  .strict()
  .superRefine((b, ctx) => {
    // Immersion Facilitée requires both texts unless the person never came.
    if (b.status === 'DID_NOT_SHOW') return;
    if (!b.establishmentFeedback) ctx.addIssue({ code: 'custom', path: ['establishmentFeedback'], message: 'Indiquez l’appréciation générale de la structure d’accueil.' });
    if (!b.establishmentAdvices) ctx.addIssue({ code: 'custom', path: ['establishmentAdvices'], message: 'Indiquez les conseils de la structure d’accueil pour la suite du parcours.' });
    if (b.beneficiaryAgreement === false && !b.beneficiaryFeedback) {
      ctx.addIssue({ code: 'custom', path: ['beneficiaryFeedback'], message: 'Le salarié n’est pas d’accord avec le bilan : notez son avis.' });
    }
  });
export type BilanInput = z.input<typeof BilanInput>;

export const GridTemplateInput = z
  .object({
    id: Id.optional(),
    /** The version the edit started from: a newer one saved meanwhile is not overwritten silently. */
    basedOnVersion: z.number().int().min(1).nullable().default(null),
    name: requiredText('Nom du modèle', 150),
    romeCode: RomeCodeSchema.nullable().default(null),
    romeLabel: optionalText('Métier', 200).default(null),
    kind: GridKindSchema,
    description: z.string().trim().max(1000).default(''),
    scale: ScaleSchema,
    items: z
      .array(z.object({ key: z.string().min(1).max(64).nullable().default(null), section: GridSectionSchema, label: requiredText('Intitulé de l’item', 300) }).strict())
      .min(1, { error: 'Le modèle compte au moins un item.' })
      .max(40, { error: 'Le modèle compte au plus 40 items.' }),
  })
  .strict();
export type GridTemplateInput = z.input<typeof GridTemplateInput>;

// ── Views ───────────────────────────────────────────────────────────────────────

export const ScheduleSlotView = z.object({ weekday: z.number().int(), start: z.string(), end: z.string() });

export const ImmersionStepView = z.object({
  step: ImmersionStepSchema,
  label: z.string(),
  hint: z.string(),
  done: z.boolean(),
  doneDate: z.string().nullable(),
  /** Done because a record exists (entretien, grid, evaluation, bilan, status) or ticked by hand. */
  source: z.enum(['record', 'manual']).nullable(),
  /** The record that fulfils the step, or the planned one that will (an appointment not held yet). */
  record: z.object({ type: z.enum(['entretien', 'organisation', 'grille', 'evaluation', 'bilan', 'statut']), id: z.string(), label: z.string() }).nullable(),
});
export type ImmersionStepView = z.infer<typeof ImmersionStepView>;

export const GridInstanceView = z.object({
  id: z.string(),
  templateId: z.string().nullable(),
  templateName: z.string(),
  templateVersion: z.number().int(),
  kind: GridKindSchema,
  scale: z.array(ScaleLevelSchema),
  individualisedOn: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      section: GridSectionSchema,
      label: z.string(),
      origin: z.enum(['modele', 'ajout']),
      /** The template's wording when the item was reworded for this immersion. */
      templateLabel: z.string().nullable(),
      removed: z.boolean(),
      rated: z.boolean(),
    }),
  ),
});
export type GridInstanceView = z.infer<typeof GridInstanceView>;

export const EvaluationView = z.object({
  id: z.string(),
  kind: EvaluationKindSchema,
  status: EvaluationStatusSchema,
  date: z.string(),
  startTime: z.string().nullable(),
  evaluators: z.array(z.object({ role: EvaluatorRoleSchema, name: z.string() })),
  ratings: z.array(z.object({ itemId: z.string(), itemLabel: z.string(), section: GridSectionSchema, levelCode: z.string().nullable(), levelLabel: z.string().nullable(), comment: z.string().nullable() })),
  salarieOpinion: z.string().nullable(),
  hostOpinion: z.string().nullable(),
});
export type EvaluationView = z.infer<typeof EvaluationView>;

const ProgressionPoint = z.object({ evaluationId: z.string(), levelCode: z.string().nullable(), levelLabel: z.string().nullable(), rank: z.number().int().nullable() });

export const ProgressionView = z.object({
  evaluations: z.array(z.object({ id: z.string(), date: z.string(), kind: EvaluationKindSchema })),
  levels: z.array(z.object({ code: z.string(), label: z.string(), reached: z.boolean() })),
  rows: z.array(
    z.object({
      itemId: z.string(),
      section: GridSectionSchema,
      label: z.string(),
      removed: z.boolean(),
      points: z.array(ProgressionPoint),
      latest: ProgressionPoint.nullable(),
      outcome: z.enum(['atteint', 'en_progres', 'non_atteint', 'non_evalue']),
      delta: z.number().int().nullable(),
    }),
  ),
  reached: z.array(z.string()),
  remaining: z.array(z.string()),
  notEvaluated: z.array(z.string()),
});
export type ProgressionView = z.infer<typeof ProgressionView>;

export const BilanView = z.object({
  status: AssessmentStatusSchema,
  lastDayOfPresence: z.string().nullable(),
  numberOfMissedHours: z.number().nullable(),
  endedWithAJob: z.boolean(),
  typeOfContract: IfContractTypeSchema.nullable(),
  contractStartDate: z.string().nullable(),
  establishmentFeedback: z.string().nullable(),
  establishmentAdvices: z.string().nullable(),
  beneficiaryAgreement: z.boolean().nullable(),
  beneficiaryFeedback: z.string().nullable(),
  nextSteps: z.array(NextStepSchema),
  nextStepsNote: z.string().nullable(),
  writtenOn: z.string(),
});
export type BilanView = z.infer<typeof BilanView>;

export const ImmersionView = z.object({
  id: z.string(),
  salarieId: z.string(),
  salarieFirstName: z.string(),
  salarieLastName: z.string(),
  referentName: z.string().nullable(),
  objective: ImmersionObjectiveSchema,
  romeCode: z.string().nullable(),
  romeLabel: z.string().nullable(),
  host: z.object({ organisationId: z.string(), name: z.string(), address: z.string().nullable() }).nullable(),
  tutor: z.object({ contactId: z.string(), name: z.string(), role: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }).nullable(),
  /** Null organisation: the SIAE itself. */
  prescriber: z.object({ organisationId: z.string().nullable(), name: z.string() }),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  schedule: z.array(ScheduleSlotView),
  weeklyHours: z.number(),
  /** Hours scheduled from the first to the last day (0 without dates or schedule). */
  scheduledHours: z.number(),
  scheduleNote: z.string().nullable(),
  place: z.string().nullable(),
  activities: z.string().nullable(),
  status: ImmersionStatusSchema,
  cancelReason: z.string().nullable(),
  allowedTransitions: z.array(z.object({ to: ImmersionStatusSchema, label: z.string() })),
  renewalOf: z.object({ id: z.string(), startDate: z.string().nullable(), endDate: z.string().nullable() }).nullable(),
  renewals: z.array(z.object({ id: z.string(), status: ImmersionStatusSchema, startDate: z.string().nullable() })),
  /** Why it cannot be renewed now (null: it can). */
  renewalRefusal: z.string().nullable(),
  steps: z.array(ImmersionStepView),
  warnings: z.array(z.object({ code: z.string(), message: z.string(), rule: z.string() })),
  rulesVersion: z.string(),
  linkedEntretiens: z.array(z.object({ id: z.string(), date: z.string(), kind: z.string(), status: z.string(), label: z.string() })),
  grid: GridInstanceView.nullable(),
  evaluations: z.array(EvaluationView),
  progression: ProgressionView.nullable(),
  bilan: BilanView.nullable(),
  /** Null unless asked with `includeNotes` (confidential; the read is logged). */
  notes: z.string().nullable(),
  hasNotes: z.boolean(),
  updatedAt: z.string(),
});
export type ImmersionView = z.infer<typeof ImmersionView>;

export const IMMERSION_PHASES = ['toutes', 'en_cours', 'a_venir', 'terminees'] as const;
export const ImmersionPhaseSchema = z.enum(IMMERSION_PHASES);
export type ImmersionPhase = z.infer<typeof ImmersionPhaseSchema>;

export const ImmersionListRow = z.object({
  id: z.string(),
  salarieId: z.string(),
  salarieName: z.string(),
  referentName: z.string().nullable(),
  objective: ImmersionObjectiveSchema,
  romeCode: z.string().nullable(),
  romeLabel: z.string().nullable(),
  hostName: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  status: ImmersionStatusSchema,
  isRenewal: z.boolean(),
  nextEvaluationDate: z.string().nullable(),
  bilanStatus: AssessmentStatusSchema.nullable(),
});
export type ImmersionListRow = z.infer<typeof ImmersionListRow>;

export const GridTemplateSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: GridKindSchema,
  romeCode: z.string().nullable(),
  romeLabel: z.string().nullable(),
  origin: z.enum(['shipped', 'user']),
  version: z.number().int(),
  itemCount: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type GridTemplateSummary = z.infer<typeof GridTemplateSummary>;

export const GridTemplateView = GridTemplateSummary.extend({
  /** The version shown (the current one unless another was asked). */
  shownVersion: z.number().int(),
  description: z.string(),
  scale: z.array(ScaleLevelSchema),
  items: z.array(z.object({ key: z.string(), section: GridSectionSchema, label: z.string() })),
  versions: z.array(z.object({ version: z.number().int(), name: z.string(), createdAt: z.string().nullable() })),
  duplicatedFromId: z.string().nullable(),
  /** Immersion grids built from any version of this template. */
  usedBy: z.number().int(),
});
export type GridTemplateView = z.infer<typeof GridTemplateView>;

// ── Export of a completed bilan (Immersion Facilitée's assessment vocabulary) ───

const IfObjective = z.enum(IMMERSION_OBJECTIVES.map((o) => immersionObjectiveLabels[o]) as [string, ...string[]]);

/** Our grid, carried as an extension: IF has no skills or savoir-être rating (reference-systems §3.3). */
export const JalonsGridExtension = z
  .object({
    format: z.literal('jalons.grille-evaluation'),
    formatVersion: z.literal(1),
    immersion: z
      .object({
        id: z.string(),
        immersionObjective: IfObjective,
        appellation: z.object({ romeCode: z.string(), romeLabel: z.string().nullable() }).nullable(),
        dateStart: DateField,
        dateEnd: DateField,
        renewed: z.boolean(),
      })
      .strict(),
    template: z.object({ name: z.string(), version: z.number().int() }).strict().nullable(),
    kind: GridKindSchema.nullable(),
    scale: z.array(ScaleLevelSchema),
    items: z.array(z.object({ id: z.string(), section: GridSectionSchema, label: z.string(), removed: z.boolean() }).strict()),
    evaluations: z.array(
      z
        .object({
          date: DateField,
          kind: EvaluationKindSchema,
          evaluators: z.array(z.object({ role: EvaluatorRoleSchema, name: z.string() }).strict()),
          ratings: z.array(z.object({ itemId: z.string(), label: z.string(), levelCode: z.string().nullable(), levelLabel: z.string().nullable(), comment: z.string().nullable() }).strict()),
          beneficiaryOpinion: z.string().nullable(),
          establishmentOpinion: z.string().nullable(),
        })
        .strict(),
    ),
    progression: z.object({ reached: z.array(z.string()), remaining: z.array(z.string()), notEvaluated: z.array(z.string()) }).strict(),
    nextSteps: z.array(NextStepSchema),
  })
  .strict();

const assessmentCommon = {
  beneficiaryAgreement: z.boolean().nullable(),
  beneficiaryFeedback: z.string().max(3000).nullable(),
  createdAt: z.iso.datetime(),
  'x-jalons-grid': JalonsGridExtension,
};
const job = {
  endedWithAJob: z.boolean(),
  typeOfContract: IfContractTypeSchema.optional(),
  contractStartDate: DateField.optional(),
};
const feedback = {
  establishmentFeedback: z.string().min(1).max(9200),
  establishmentAdvices: z.string().min(1).max(6000),
};

/** A completed bilan as Immersion Facilitée's assessment (status-dependent fields), with our grid. */
export const ImmersionAssessmentExport = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('COMPLETED'), ...job, ...feedback, ...assessmentCommon }).strict(),
    z
      .object({
        status: z.literal('PARTIALLY_COMPLETED'),
        lastDayOfPresence: DateField,
        numberOfMissedHours: z.number().min(0),
        ...job,
        ...feedback,
        ...assessmentCommon,
      })
      .strict(),
    z
      .object({
        status: z.literal('DID_NOT_SHOW'),
        endedWithAJob: z.literal(false),
        establishmentFeedback: z.literal(NOT_APPLICABLE),
        establishmentAdvices: z.literal(NOT_APPLICABLE),
        ...assessmentCommon,
      })
      .strict(),
  ])
  .superRefine((a, ctx) => {
    if (a.status === 'DID_NOT_SHOW') return;
    if (a.endedWithAJob && (!a.typeOfContract || !a.contractStartDate)) {
      ctx.addIssue({ code: 'custom', path: ['typeOfContract'], message: 'Une embauche précise le type et la date de début du contrat.' });
    }
    if (!a.endedWithAJob && (a.typeOfContract !== undefined || a.contractStartDate !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['typeOfContract'], message: 'Sans embauche, pas de type ni de date de contrat.' });
    }
  });
export type ImmersionAssessmentExport = z.infer<typeof ImmersionAssessmentExport>;

// ── Methods ─────────────────────────────────────────────────────────────────────

export const immersionsContract = {
  'immersions.list': method(
    z
      .object({
        phase: ImmersionPhaseSchema.default('toutes'),
        query: z.string().max(100).default(''),
        objective: ImmersionObjectiveSchema.nullable().default(null),
        referentId: Id.nullable().default(null),
        salarieId: Id.nullable().default(null),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(ImmersionListRow) }),
  ),
  'immersions.get': method(z.object({ id: Id, includeNotes: z.boolean().default(false) }).strict(), ImmersionView),
  /** Create (as a brouillon) or update the preparation fields. */
  'immersions.save': method(ImmersionInput, ImmersionView),
  /** Status change along the allowed transitions; refused ones answer VALIDATION with the reason. */
  'immersions.transition': method(z.object({ id: Id, to: ImmersionStatusSchema, reason: optionalText('Motif', 500).default(null) }).strict(), ImmersionView),
  /** A second period for the same objective (once): a new brouillon linked to this one. */
  'immersions.renew': method(ById, ImmersionView),
  /** Ticks (date) or unticks (null) a Fiche 1 step by hand. */
  'immersions.setStep': method(z.object({ id: Id, step: ImmersionStepSchema, doneDate: OptionalDate }).strict(), ImmersionView),
  /** Links (or unlinks) one of the salarié's entretiens to the immersion (entretien.link). */
  'immersions.linkEntretien': method(z.object({ id: Id, entretienId: Id, linked: z.boolean() }).strict(), ImmersionView),
  'immersions.delete': method(ById, Nothing),
  /** The immersion's grid, copied from the current version of a template (replaces one not yet used). */
  'immersions.createGrid': method(z.object({ immersionId: Id, templateId: Id }).strict(), ImmersionView),
  /** Individualisation: items added, removed, reworded, reordered. */
  'immersions.saveGrid': method(GridItemsInput, ImmersionView),
  /** Planned weekly evaluations and the final one, from the dates (existing ones are kept). */
  'immersions.planEvaluations': method(ById, ImmersionView),
  'immersions.saveEvaluation': method(EvaluationInput, ImmersionView),
  'immersions.deleteEvaluation': method(ById, ImmersionView),
  'immersions.saveBilan': method(BilanInput, ImmersionView),
  /** The bilan as JSON in Immersion Facilitée's vocabulary, grid as `x-jalons-grid`; no confidential data. */
  'immersions.exportBilan': method(ById, z.object({ fileName: z.string(), content: z.string() })),
  'grids.listTemplates': method(
    z.object({ query: z.string().max(100).default(''), kind: GridKindSchema.nullable().default(null) }).strict(),
    z.array(GridTemplateSummary),
  ),
  'grids.getTemplate': method(z.object({ id: Id, version: z.number().int().min(1).nullable().default(null) }).strict(), GridTemplateView),
  /** Create, or edit as a new version (grids already built keep their wording). */
  'grids.saveTemplate': method(GridTemplateInput, GridTemplateView),
  'grids.duplicateTemplate': method(z.object({ id: Id, name: requiredText('Nom du modèle', 150) }).strict(), GridTemplateView),
} as const;
