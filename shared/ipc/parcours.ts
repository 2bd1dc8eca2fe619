import { z } from 'zod';
import { ContractKindSchema } from '../domain/contracts';
import { ExitCategorySchema, ExitMotifSchema } from '../domain/exits';
import { CertificationKindSchema, CertificationOutcomeSchema, FormationKindSchema } from '../domain/formations';
import { FreinKindSchema, FreinStatusSchema, SupportModeSchema } from '../domain/freins';
import { PASS_IAE_STATUSES, ProlongationReasonSchema, SuspensionReasonSchema } from '../domain/pass-iae';
import { RomeCodeSchema } from '../domain/rome';
import { SiaeKindSchema } from '../domain/siae';
import {
  ById,
  BySalarie,
  DateField,
  END_BEFORE_START,
  endNotBeforeStart,
  Id,
  method,
  Nothing,
  optionalText,
  OptionalDate,
  requiredText,
} from './common-method';

/** A rule's warning, with the rule's own wording; warnings never block a save. */
export const RuleWarning = z.object({ code: z.string(), message: z.string() });
export type RuleWarning = z.infer<typeof RuleWarning>;

// ── PASS IAE ────────────────────────────────────────────────────────────────────

const PeriodWithReason = <R extends z.ZodType>(reason: R) =>
  z
    .object({
      salarieId: Id,
      startDate: DateField,
      endDate: DateField,
      reason,
      reasonExplanation: optionalText('Explication', 1000).optional(),
    })
    .strict()
    .refine((p) => p.endDate >= p.startDate, { path: ['endDate'], error: END_BEFORE_START });

export const PassIaeInput = z
  .object({
    salarieId: Id,
    number: z
      .string()
      .trim()
      .transform((s) => s.replace(/\s/g, ''))
      .refine((s) => s === '' || /^\d{12}$|^[A-Z0-9]{12}$/.test(s), { error: 'Le numéro de PASS IAE compte 12 caractères (ex. 999991234567).' })
      .transform((s) => (s === '' ? null : s))
      .nullable(),
    startDate: DateField,
    /** End date as issued, before suspensions and prolongations (they are recorded separately). */
    baseEndDate: DateField,
  })
  .strict()
  .refine((p) => p.baseEndDate >= p.startDate, { path: ['baseEndDate'], error: END_BEFORE_START });

export const PassIaeView = z.object({
  number: z.string().nullable(),
  startDate: z.string(),
  baseEndDate: z.string(),
  /** Including suspensions and prolongations. */
  effectiveEndDate: z.string(),
  remainingDays: z.number().int(),
  status: z.enum(PASS_IAE_STATUSES),
  suspensions: z.array(z.object({ id: z.string(), startDate: z.string(), endDate: z.string(), reason: SuspensionReasonSchema, reasonExplanation: z.string().nullable() })),
  prolongations: z.array(z.object({ id: z.string(), startDate: z.string(), endDate: z.string(), reason: ProlongationReasonSchema, reasonExplanation: z.string().nullable() })),
});
export type PassIaeView = z.infer<typeof PassIaeView>;

// ── Contracts ───────────────────────────────────────────────────────────────────

export const ContractInput = z
  .object({
    salarieId: Id,
    id: Id.optional(),
    kind: ContractKindSchema,
    /** Defaults to the structure's SIAE kind (a GES may hold several conventionnements). */
    siaeKind: SiaeKindSchema.nullable(),
    annexeId: Id.nullable(),
    startDate: DateField,
    endDate: OptionalDate,
    weeklyHours: z
      .number({ error: 'Indiquez une durée hebdomadaire en heures.' })
      .min(0, { error: 'La durée hebdomadaire ne peut être négative.' })
      .max(48, { error: 'La durée hebdomadaire ne peut dépasser 48 heures.' })
      .nullable(),
    isRenewal: z.boolean().default(false),
    referentId: Id.nullable(),
    /** Hours actually worked (AI/ETTI missions), used for the exit-counting rule. */
    hoursWorked: z.number().min(0).max(100_000).nullable().default(null),
  })
  .strict()
  .refine(endNotBeforeStart, { path: ['endDate'], error: END_BEFORE_START });
export type ContractInput = z.input<typeof ContractInput>;

export const ContractView = z.object({
  id: z.string(),
  kind: ContractKindSchema,
  siaeKind: SiaeKindSchema,
  annexeId: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  weeklyHours: z.number().nullable(),
  isRenewal: z.boolean(),
  referentId: z.string().nullable(),
  hoursWorked: z.number().nullable(),
  warnings: z.array(RuleWarning),
});
export type ContractView = z.infer<typeof ContractView>;

// ── Freins ──────────────────────────────────────────────────────────────────────

export const FreinInput = z
  .object({
    salarieId: Id,
    id: Id.optional(),
    kind: FreinKindSchema,
    identifiedDate: DateField,
    /** Confidential for health and justice kinds. Omit to keep the stored text (hidden in views); null clears it. */
    details: optionalText('Précisions', 4000).optional(),
  })
  .strict();
export type FreinInput = z.input<typeof FreinInput>;

export const FreinActionView = z.object({
  id: z.string(),
  date: z.string(),
  mode: SupportModeSchema,
  partner: z.string().nullable(),
  note: z.string().nullable(),
});

export const FreinView = z.object({
  id: z.string(),
  kind: FreinKindSchema,
  status: FreinStatusSchema,
  identifiedDate: z.string(),
  closedDate: z.string().nullable(),
  confidential: z.boolean(),
  /** Null for confidential kinds (ask `salaries.revealConfidential`); otherwise the text. */
  details: z.string().nullable(),
  hasDetails: z.boolean(),
  actions: z.array(FreinActionView),
});
export type FreinView = z.infer<typeof FreinView>;

// ── Projet professionnel ───────────────────────────────────────────────────────

export const PROJET_STATUSES = ['en_construction', 'a_confirmer', 'valide', 'abandonne'] as const;
export const ProjetStatusSchema = z.enum(PROJET_STATUSES);
export const projetStatusLabels: Record<(typeof PROJET_STATUSES)[number], string> = {
  en_construction: 'En construction',
  a_confirmer: 'À confirmer (immersion, enquête métier)',
  valide: 'Validé',
  abandonne: 'Abandonné',
};

export const ProjetInput = z
  .object({
    salarieId: Id,
    status: ProjetStatusSchema,
    targets: z
      .array(z.object({ romeCode: RomeCodeSchema, label: requiredText('Métier', 200) }))
      .max(5, { error: 'Cinq métiers cibles au plus.' }),
    note: optionalText('Note', 4000),
  })
  .strict();
export type ProjetInput = z.input<typeof ProjetInput>;

export const ProjetView = z.object({
  status: ProjetStatusSchema,
  targets: z.array(z.object({ romeCode: z.string(), label: z.string() })),
  note: z.string().nullable(),
  updatedAt: z.string(),
});

// ── Formations ─────────────────────────────────────────────────────────────────

export const FormationInput = z
  .object({
    salarieId: Id,
    id: Id.optional(),
    title: requiredText('Intitulé', 200),
    organisme: optionalText('Organisme', 200),
    kind: FormationKindSchema,
    setting: z.enum(['internal', 'external']),
    startDate: DateField,
    endDate: OptionalDate,
    hours: z.number().min(0).max(5000, { error: '5 000 heures au plus.' }).nullable(),
    certificationKind: CertificationKindSchema.nullable(),
    certificationOutcome: CertificationOutcomeSchema.nullable(),
  })
  .strict()
  .refine(endNotBeforeStart, { path: ['endDate'], error: END_BEFORE_START });
export type FormationInput = z.input<typeof FormationInput>;

export const FormationView = z.object({
  id: z.string(),
  title: z.string(),
  organisme: z.string().nullable(),
  kind: FormationKindSchema,
  setting: z.enum(['internal', 'external']),
  startDate: z.string(),
  endDate: z.string().nullable(),
  hours: z.number().nullable(),
  certificationKind: CertificationKindSchema.nullable(),
  certificationOutcome: CertificationOutcomeSchema.nullable(),
});

// ── Sortie ─────────────────────────────────────────────────────────────────────

export const SortieInput = z
  .object({
    salarieId: Id,
    exitDate: DateField,
    motif: ExitMotifSchema,
    /** Defaults to the sum of the contracts' recorded hours (AI/ETTI). */
    hoursWorked: z.number().min(0).max(100_000).nullable().default(null),
    note: optionalText('Note', 2000),
    /** The employer who hired (partners directory); omitted keeps the recorded one. */
    employerOrganisationId: Id.nullable().optional(),
  })
  .strict();
export type SortieInput = z.input<typeof SortieInput>;

export const SortieView = z.object({
  exitDate: z.string(),
  motif: ExitMotifSchema,
  motifLabel: z.string(),
  category: ExitCategorySchema,
  categoryLabel: z.string(),
  /** The motif → category mapping is still to be confirmed against the ASP reference for this motif. */
  categoryToBeConfirmed: z.boolean(),
  counts: z.boolean(),
  countingReason: z.string(),
  hoursWorked: z.number().nullable(),
  monthsWorked: z.number().nullable(),
  note: z.string().nullable(),
  employerOrganisationId: z.string().nullable(),
  followUps: z.array(
    z.object({ id: z.string(), offsetMonths: z.number().int(), dueDate: z.string(), doneDate: z.string().nullable(), situation: z.string().nullable(), note: z.string().nullable() }),
  ),
});
export type SortieView = z.infer<typeof SortieView>;

export const FollowUpInput = z
  .object({ salarieId: Id, offsetMonths: z.number().int().min(1).max(24), doneDate: DateField, situation: requiredText('Situation', 200), note: optionalText('Note', 2000) })
  .strict();

// ── Actions (next steps) ───────────────────────────────────────────────────────

export const ActionInput = z
  .object({
    salarieId: Id,
    id: Id.optional(),
    label: requiredText('Action', 300),
    kind: z.enum(['suivi', 'preparation_sortie']),
    owner: optionalText('Responsable', 100),
    dueDate: DateField,
    doneDate: OptionalDate.default(null),
  })
  .strict();
export type ActionInput = z.input<typeof ActionInput>;

export const ActionView = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['suivi', 'preparation_sortie']),
  owner: z.string().nullable(),
  dueDate: z.string(),
  doneDate: z.string().nullable(),
  overdue: z.boolean(),
});

export const SalarieParcours = z.object({
  passIae: PassIaeView.nullable(),
  contracts: z.array(ContractView),
  freins: z.array(FreinView),
  projet: ProjetView.nullable(),
  formations: z.array(FormationView),
  sortie: SortieView.nullable(),
  actions: z.array(ActionView),
});
export type SalarieParcours = z.infer<typeof SalarieParcours>;

export const parcoursContract = {
  'passIae.save': method(PassIaeInput, PassIaeView),
  'passIae.addSuspension': method(PeriodWithReason(SuspensionReasonSchema), z.object({ pass: PassIaeView, warnings: z.array(RuleWarning) })),
  'passIae.addProlongation': method(PeriodWithReason(ProlongationReasonSchema), z.object({ pass: PassIaeView, warnings: z.array(RuleWarning) })),
  'passIae.removePeriod': method(z.object({ salarieId: Id, id: Id }).strict(), PassIaeView),
  'contracts.save': method(ContractInput, ContractView),
  'contracts.delete': method(ById, Nothing),
  'freins.save': method(FreinInput, FreinView),
  'freins.setStatus': method(z.object({ id: Id, status: FreinStatusSchema, date: DateField }).strict(), FreinView),
  'freins.addAction': method(
    z.object({ freinId: Id, date: DateField, mode: SupportModeSchema, partner: optionalText('Partenaire', 200), note: optionalText('Note', 2000) }).strict(),
    FreinView,
  ),
  'freins.delete': method(ById, Nothing),
  'projet.save': method(ProjetInput, ProjetView),
  'formations.save': method(FormationInput, FormationView),
  'formations.delete': method(ById, Nothing),
  'sortie.save': method(SortieInput, SortieView),
  'sortie.cancel': method(BySalarie, Nothing),
  'sortie.recordFollowUp': method(FollowUpInput, SortieView),
  'actions.save': method(ActionInput, ActionView),
  'actions.delete': method(ById, Nothing),
} as const;
