import { z } from 'zod';
import { method } from './define';

export const ParcoursStatus = z.enum(['en_parcours', 'sorti']);
export type ParcoursStatus = z.infer<typeof ParcoursStatus>;

export const SalarieListQuery = z
  .object({
    /** Search-as-you-type over nom and prénom; accents and case are ignored. */
    query: z.string().max(100, { error: 'La recherche est limitée à 100 caractères.' }).default(''),
    status: z.enum(['en_parcours', 'sorti', 'tous']).default('en_parcours'),
    referentId: z.string().max(64).nullable().default(null),
    sort: z.enum(['nom', 'entree', 'fin_pass']).default('nom'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const SalarieListRow = z.object({
  id: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  birthDate: z.string().nullable(),
  status: ParcoursStatus,
  entryDate: z.string().nullable(),
  referentName: z.string().nullable(),
  passIaeEnd: z.string().nullable(),
});
export type SalarieListRow = z.infer<typeof SalarieListRow>;

export const SalarieListResult = z.object({ total: z.number().int(), rows: z.array(SalarieListRow) });
export type SalarieListResult = z.infer<typeof SalarieListResult>;

export const salariesContract = {
  'salaries.list': method(SalarieListQuery, SalarieListResult),
} as const;
