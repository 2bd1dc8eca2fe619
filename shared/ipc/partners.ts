import { z } from 'zod';
import { OrganisationKindSchema } from '../domain/entretiens';
import { isValidSiret } from '../domain/siret';
import { ById, Id, method, Nothing, optionalText, requiredText } from './common-method';

export const ContactInput = z
  .object({
    id: Id.optional(),
    name: requiredText('Nom du contact', 100),
    role: optionalText('Fonction', 100),
    phone: optionalText('Téléphone', 30),
    email: optionalText('E-mail', 200),
    active: z.boolean().default(true),
    notes: optionalText('Notes', 2000).default(null),
  })
  .strict();

export const OrganisationInput = z
  .object({
    id: Id.optional(),
    name: requiredText('Nom', 200),
    kind: OrganisationKindSchema,
    siret: z
      .string()
      .trim()
      .transform((s) => s.replace(/\s/g, ''))
      .refine((s) => s === '' || isValidSiret(s), { error: 'Ce SIRET n’est pas valide (14 chiffres, clé de contrôle incorrecte).' })
      .transform((s) => (s === '' ? null : s))
      .nullable(),
    nafCode: z.string().trim().regex(/^$|^\d{2}\.?\d{2}[A-Z]$/, { error: 'Code NAF invalide (ex. 81.21Z).' }).nullable().transform((s) => (s ? s : null)),
    communeInsee: z.string().regex(/^(\d{5}|2[AB]\d{3})$/).nullable(),
    address: optionalText('Adresse', 300),
    sizeBand: z.enum(['0', '1-9', '10-49', '50-249', '250+']).nullable(),
    notes: optionalText('Notes', 4000),
    contacts: z.array(ContactInput).max(100).default([]),
  })
  .strict();
export type OrganisationInput = z.input<typeof OrganisationInput>;

export const ContactView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
  notes: z.string().nullable(),
});

export const OrganisationSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: OrganisationKindSchema,
  communeName: z.string().nullable(),
  contactCount: z.number().int(),
  lastContactDate: z.string().nullable(),
  immersionsHosted: z.number().int(),
  hires: z.number().int(),
  tripartiteCount: z.number().int(),
});
export type OrganisationSummary = z.infer<typeof OrganisationSummary>;

export const OrganisationView = z.object({
  id: z.string(),
  name: z.string(),
  kind: OrganisationKindSchema,
  siret: z.string().nullable(),
  nafCode: z.string().nullable(),
  communeInsee: z.string().nullable(),
  communeName: z.string().nullable(),
  address: z.string().nullable(),
  sizeBand: z.string().nullable(),
  notes: z.string().nullable(),
  contacts: z.array(ContactView),
  /** What happened with this partner, newest first: tripartite entretiens, immersions hosted, hires. */
  history: z.array(
    z.object({ date: z.string(), kind: z.enum(['entretien', 'immersion', 'embauche']), title: z.string(), salarieId: z.string().nullable(), salarieName: z.string().nullable(), refId: z.string() }),
  ),
  lastContactDate: z.string().nullable(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const partnersContract = {
  'partners.list': method(
    z
      .object({
        query: z.string().max(100).default(''),
        kind: OrganisationKindSchema.nullable().default(null),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    z.object({ total: z.number().int(), rows: z.array(OrganisationSummary) }),
  ),
  'partners.get': method(ById, OrganisationView),
  'partners.save': method(OrganisationInput, OrganisationView),
  'partners.delete': method(ById, Nothing),
  /** Quick pick for participant fields: organisations and contacts matching a typed name. */
  'partners.searchContacts': method(
    z.object({ query: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(30).default(10) }).strict(),
    z.array(z.object({ organisationId: z.string(), organisationName: z.string(), contactId: z.string().nullable(), contactName: z.string().nullable(), role: z.string().nullable() })),
  ),
} as const;
