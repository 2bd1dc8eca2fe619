import { z } from 'zod';
import {
  EntretienKindSchema,
  EntretienMomentSchema,
  EntretienStatusSchema,
  LinkTypeSchema,
  ParticipantRoleSchema,
  PlaceKindSchema,
} from '../domain/entretiens';
import { ById, DateField, Id, method, Nothing, optionalText, OptionalDate, requiredText } from './common-method';

const Time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Heure invalide (ex. 14:30).' })
  .nullable();

export const ParticipantInput = z
  .object({
    role: ParticipantRoleSchema,
    /** One of these identifies who: the salarié, a référent, or a partner contact. */
    salarieId: Id.nullable().default(null),
    referentId: Id.nullable().default(null),
    organisationId: Id.nullable().default(null),
    contactId: Id.nullable().default(null),
    /** A contact typed once: saved to the partners directory with its organisation. */
    newContact: z
      .object({
        organisationId: Id.nullable(),
        organisationName: optionalText('Organisation', 200),
        name: requiredText('Nom du contact', 100),
        role: optionalText('Fonction', 100),
        phone: optionalText('Téléphone', 30),
        email: optionalText('E-mail', 200),
      })
      .nullable()
      .default(null),
    displayName: optionalText('Nom', 200).default(null),
  })
  .strict();
export type ParticipantInput = z.input<typeof ParticipantInput>;

export const ObjectiveInput = z
  .object({
    text: requiredText('Objectif', 500),
    deadline: OptionalDate,
    conditions: optionalText('Conditions de réalisation', 1000),
  })
  .strict();

export const NextStepInput = z
  .object({
    label: requiredText('Prochaine étape', 300),
    dueDate: DateField,
    owner: optionalText('Responsable', 100),
    kind: z.enum(['suivi', 'preparation_sortie']).default('suivi'),
  })
  .strict();

export const EntretienInput = z
  .object({
    id: Id.optional(),
    salarieId: Id.nullable(),
    kind: EntretienKindSchema,
    moment: EntretienMomentSchema,
    status: EntretienStatusSchema,
    date: DateField,
    startTime: Time.default(null),
    durationMinutes: z.number().int().min(5).max(600).nullable().default(null),
    placeKind: PlaceKindSchema.nullable().default(null),
    placeDetail: optionalText('Lieu', 200).default(null),
    title: optionalText('Titre', 200).default(null),
    participants: z.array(ParticipantInput).max(30).default([]),
    objectives: z.array(ObjectiveInput).max(20).default([]),
    decisions: optionalText('Décisions', 4000).default(null),
    freinIds: z.array(Id).max(30).default([]),
    documents: z.array(z.object({ label: requiredText('Document', 200), direction: z.enum(['remis', 'a_produire']) }).strict()).max(30).default([]),
    /** Omit to keep the stored notes (the form has their text only after a logged `includeNotes` read); null clears them. */
    notes: optionalText('Notes', 20_000).optional(),
    nextSteps: z.array(NextStepInput).max(20).default([]),
    /** Plans the next appointment as a new 'planifie' entretien. */
    nextAppointment: z.object({ date: DateField, startTime: Time.default(null), kind: EntretienKindSchema }).strict().nullable().default(null),
    link: z.object({ type: LinkTypeSchema, id: Id }).strict().nullable().default(null),
    missedReason: optionalText('Motif', 500).default(null),
  })
  .strict();
export type EntretienInput = z.input<typeof EntretienInput>;

export const ParticipantView = z.object({
  id: z.string(),
  role: ParticipantRoleSchema,
  salarieId: z.string().nullable(),
  referentId: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  contactId: z.string().nullable(),
  displayName: z.string(),
});

export const EntretienView = z.object({
  id: z.string(),
  salarieId: z.string().nullable(),
  salarieName: z.string().nullable(),
  kind: EntretienKindSchema,
  moment: EntretienMomentSchema,
  status: EntretienStatusSchema,
  date: z.string(),
  startTime: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  placeKind: PlaceKindSchema.nullable(),
  placeDetail: z.string().nullable(),
  title: z.string().nullable(),
  participants: z.array(ParticipantView),
  objectives: z.array(z.object({ id: z.string(), text: z.string(), deadline: z.string().nullable(), conditions: z.string().nullable() })),
  decisions: z.string().nullable(),
  freins: z.array(z.object({ id: z.string(), kind: z.string(), confidential: z.boolean() })),
  documents: z.array(z.object({ id: z.string(), label: z.string(), direction: z.enum(['remis', 'a_produire']) })),
  /** Null unless asked with `includeNotes` (confidential by default; the read is logged). */
  notes: z.string().nullable(),
  hasNotes: z.boolean(),
  nextSteps: z.array(z.object({ id: z.string(), label: z.string(), dueDate: z.string(), owner: z.string().nullable(), doneDate: z.string().nullable(), overdue: z.boolean() })),
  nextEntretienId: z.string().nullable(),
  link: z.object({ type: LinkTypeSchema, id: z.string(), label: z.string().nullable() }).nullable(),
  missedReason: z.string().nullable(),
  /** A tripartite entretien without a third party, etc. */
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type EntretienView = z.infer<typeof EntretienView>;

export const EntretienSummary = z.object({
  id: z.string(),
  salarieId: z.string().nullable(),
  salarieName: z.string().nullable(),
  kind: EntretienKindSchema,
  status: EntretienStatusSchema,
  date: z.string(),
  startTime: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  title: z.string().nullable(),
  thirdParties: z.array(z.string()),
});
export type EntretienSummary = z.infer<typeof EntretienSummary>;

export const entretiensContract = {
  'entretiens.get': method(z.object({ id: Id, includeNotes: z.boolean().default(false) }).strict(), EntretienView),
  'entretiens.listForSalarie': method(z.object({ salarieId: Id }).strict(), z.array(EntretienSummary)),
  /** Create or update; a held entretien updates the salarié's last-entretien date (alerts). */
  'entretiens.save': method(EntretienInput, EntretienView),
  /** Mark a planned appointment held: returns it pre-filled for the entretien form. */
  'entretiens.markHeld': method(ById, EntretienView),
  'entretiens.markMissed': method(z.object({ id: Id, reason: requiredText('Motif', 500) }).strict(), EntretienView),
  'entretiens.move': method(z.object({ id: Id, date: DateField, startTime: Time }).strict(), EntretienView),
  'entretiens.delete': method(ById, Nothing),
  /** Post-hiring follow-up appointments (trial end, +3, +6 months) planned in one go. */
  'entretiens.planPostHiring': method(
    z.object({ salarieId: Id, hireDate: DateField, trialEndDate: OptionalDate, organisationId: Id.nullable() }).strict(),
    z.array(EntretienSummary),
  ),
  'actions.listOpen': method(
    z.object({ referentId: Id.nullable().default(null), overdueOnly: z.boolean().default(false) }).strict(),
    z.array(z.object({ id: z.string(), salarieId: z.string(), salarieName: z.string(), label: z.string(), dueDate: z.string(), owner: z.string().nullable(), overdue: z.boolean() })),
  ),
} as const;
