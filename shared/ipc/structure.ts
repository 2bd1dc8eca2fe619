import { z } from 'zod';
import { AspMeasureSchema, SiaeKindSchema } from '../domain/siae';
import { isValidSiret } from '../domain/siret';
import { DateField, Empty, END_BEFORE_START, Id, method, requiredText } from './common-method';

export const AnnexeFinanciere = z
  .object({
    id: Id.optional(),
    number: requiredText('Numéro d’annexe financière', 40),
    measure: AspMeasureSchema,
    startDate: DateField,
    endDate: DateField,
  })
  .refine((a) => a.endDate >= a.startDate, { path: ['endDate'], error: END_BEFORE_START });
export type AnnexeFinanciere = z.infer<typeof AnnexeFinanciere>;

export const StructureInput = z
  .object({
    name: requiredText('Nom de la structure', 200),
    siret: z
      .string()
      .trim()
      .transform((s) => s.replace(/\s/g, ''))
      .refine((s) => s === '' || isValidSiret(s), {
        error: 'Ce SIRET n’est pas valide (14 chiffres, clé de contrôle incorrecte). Vérifiez-le sur l’avis de situation INSEE.',
      })
      .transform((s) => (s === '' ? null : s))
      .nullable(),
    siaeKind: SiaeKindSchema,
    regionCode: z.string().regex(/^\d{2}$/, { error: 'Code région INSEE à 2 chiffres.' }).nullable(),
    departementCode: z.string().regex(/^(\d{2}|2A|2B|97\d)$/, { error: 'Code département invalide (ex. 59, 2A, 974).' }).nullable(),
    annexes: z.array(AnnexeFinanciere).max(50),
  })
  .strict();
export type StructureInput = z.input<typeof StructureInput>;

export const Structure = z.object({
  name: z.string(),
  siret: z.string().nullable(),
  siaeKind: SiaeKindSchema,
  regionCode: z.string().nullable(),
  departementCode: z.string().nullable(),
  annexes: z.array(
    z.object({ id: z.string(), number: z.string(), measure: AspMeasureSchema, startDate: z.string(), endDate: z.string() }),
  ),
});
export type Structure = z.infer<typeof Structure>;

export const Referent = z.object({ id: z.string(), displayName: z.string(), active: z.boolean() });
export type Referent = z.infer<typeof Referent>;

export const structureContract = {
  'structure.get': method(Empty, Structure.nullable()),
  'structure.save': method(StructureInput, Structure),
  'referents.list': method(Empty, z.array(Referent)),
  'referents.save': method(
    z.object({ id: Id.optional(), displayName: requiredText('Nom du référent', 100), active: z.boolean().default(true) }).strict(),
    Referent,
  ),
} as const;

