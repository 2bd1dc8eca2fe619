import { z } from 'zod';
import { AlertSeverityView, AlertView } from './alerts';
import { SexCodeSchema } from '../domain/people';
import { SiaeKindSchema } from '../domain/siae';
import { SituationAtEntrySchema } from '../domain/situation';
import { ById, DateField, Id, method, optionalText, OptionalDate, requiredText, Undoable } from './common-method';
import { SalarieParcours } from './parcours';

export const ParcoursStatus = z.enum(['en_parcours', 'sorti']);
export type ParcoursStatus = z.infer<typeof ParcoursStatus>;

// ── Caseload list ───────────────────────────────────────────────────────────────

export const SalarieListQuery = z
  .object({
    /** Search-as-you-type over nom, prénom and nom de naissance; accents and case are ignored. */
    query: z.string().max(100, { error: 'La recherche est limitée à 100 caractères.' }).default(''),
    status: z.enum(['en_parcours', 'sorti', 'tous']).default('en_parcours'),
    referentId: z.string().max(64).nullable().default(null),
    siaeKind: SiaeKindSchema.nullable().default(null),
    /** Only salariés with at least one alert of at least this severity. */
    withAlerts: z.boolean().default(false),
    sort: z.enum(['nom', 'entree', 'fin_pass', 'fin_contrat']).default('nom'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type SalarieListQuery = z.input<typeof SalarieListQuery>;

export const SalarieListRow = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string().nullable(),
  status: ParcoursStatus,
  entryDate: z.string().nullable(),
  referentId: z.string().nullable(),
  referentName: z.string().nullable(),
  siaeKind: SiaeKindSchema.nullable(),
  passIaeEnd: z.string().nullable(),
  contractEnd: z.string().nullable(),
  /** Highest alert severity, computed at query time (null when none). */
  alertLevel: AlertSeverityView.nullable(),
  alertCount: z.number().int(),
});
export type SalarieListRow = z.infer<typeof SalarieListRow>;

export const SalarieListResult = z.object({ total: z.number().int(), rows: z.array(SalarieListRow) });
export type SalarieListResult = z.infer<typeof SalarieListResult>;

// ── Identity ────────────────────────────────────────────────────────────────────

const Email = z
  .string()
  .trim()
  .max(200)
  .refine((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), { error: 'Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).' })
  .transform((s) => (s === '' ? null : s))
  .nullable();

const Phone = z
  .string()
  .trim()
  .max(30)
  .refine((s) => s === '' || /^\+?[\d\s.()-]{6,}$/.test(s), { error: 'Numéro de téléphone invalide (exemple : 06 12 34 56 78).' })
  .transform((s) => (s === '' ? null : s))
  .nullable();

export const SalarieIdentityInput = z
  .object({
    lastName: requiredText('Nom', 100),
    firstName: requiredText('Prénom', 100),
    birthName: optionalText('Nom de naissance', 100),
    sex: SexCodeSchema.nullable(),
    birthDate: OptionalDate,
    /** INSEE code of the commune of residence (offline referential). */
    communeInsee: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, { error: 'Commune inconnue : choisissez-la dans la liste.' }).nullable(),
    qpv: z.boolean(),
    zrr: z.boolean(),
    phone: Phone,
    email: Email,
    confidentialNote: optionalText('Note confidentielle', 10_000),
  })
  .strict();
export type SalarieIdentityInput = z.input<typeof SalarieIdentityInput>;

/** For updates the note may be omitted: kept as stored (the form only has its text after `salaries.revealConfidential`); null clears it. */
export const SalarieIdentityUpdateInput = SalarieIdentityInput.extend({
  confidentialNote: optionalText('Note confidentielle', 10_000).optional(),
}).strict();
export type SalarieIdentityUpdateInput = z.input<typeof SalarieIdentityUpdateInput>;

export const SalarieCreateInput = SalarieIdentityInput.extend({
  entryDate: DateField,
  referentId: Id.nullable(),
}).strict();
export type SalarieCreateInput = z.input<typeof SalarieCreateInput>;

export const SalarieIdentity = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  birthName: z.string().nullable(),
  sex: SexCodeSchema.nullable(),
  birthDate: z.string().nullable(),
  communeInsee: z.string().nullable(),
  communeName: z.string().nullable(),
  qpv: z.boolean(),
  zrr: z.boolean(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** Whether a confidential note exists; its text comes only from `salaries.revealConfidential` (logged). */
  hasConfidentialNote: z.boolean(),
  entryDate: z.string().nullable(),
  referentId: z.string().nullable(),
  referentName: z.string().nullable(),
  status: ParcoursStatus,
});
export type SalarieIdentity = z.infer<typeof SalarieIdentity>;

// ── Fiche (the whole parcours at a glance) ──────────────────────────────────────

export const TimelineEvent = z.object({
  date: z.string(),
  kind: z.enum(['entree', 'contrat', 'pass_iae', 'frein', 'frein_action', 'formation', 'projet', 'sortie', 'suivi', 'action', 'entretien', 'immersion']),
  title: z.string(),
  detail: z.string().nullable(),
  /** The record this event comes from, for a link. */
  ref: z.object({ type: z.string(), id: z.string() }).nullable(),
  confidential: z.boolean(),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const SalarieFiche = z.object({
  identity: SalarieIdentity,
  age: z.number().int().nullable(),
  situation: SituationAtEntrySchema.nullable(),
  parcours: SalarieParcours,
  alerts: z.array(AlertView),
  timeline: z.array(TimelineEvent),
  /** The first planned entretien from today on, for the fiche header (null when none is planned). */
  nextEntretien: z.object({ id: z.string(), date: z.string(), startTime: z.string().nullable(), kind: z.string() }).nullable(),
});
export type SalarieFiche = z.infer<typeof SalarieFiche>;

export const salariesContract = {
  'salaries.list': method(SalarieListQuery, SalarieListResult),
  'salaries.get': method(ById, SalarieFiche),
  'salaries.create': method(SalarieCreateInput, z.object({ id: z.string() })),
  'salaries.updateIdentity': method(z.object({ id: Id, identity: SalarieIdentityUpdateInput }).strict(), SalarieIdentity),
  'salaries.assignReferent': method(z.object({ id: Id, referentId: Id.nullable(), entryDate: DateField }).strict(), SalarieIdentity),
  'salaries.updateSituation': method(z.object({ id: Id, situation: SituationAtEntrySchema }).strict(), SituationAtEntrySchema),
  /** Soft delete with an undo window; the real purge goes through the retention rules. */
  'salaries.delete': method(ById, Undoable),
  'salaries.restore': method(ById, SalarieIdentity),
  /** Confidential note and confidential frein details; every call is written to the audit log. */
  'salaries.revealConfidential': method(
    ById,
    z.object({
      confidentialNote: z.string().nullable(),
      freinDetails: z.array(z.object({ freinId: z.string(), details: z.string().nullable() })),
      /** Notes of the actions on those freins (hidden in views like the details). */
      freinActionNotes: z.array(z.object({ freinId: z.string(), actionId: z.string(), note: z.string().nullable() })).optional(),
    }),
  ),
} as const;
