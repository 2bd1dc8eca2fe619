import { z } from 'zod';
import { method } from './common-method';

export const referentialsContract = {
  /** Offline communes (INSEE code, name, département, postcodes), searched by name or postcode. */
  'communes.search': method(
    z.object({ query: z.string().trim().min(1).max(80), limit: z.number().int().min(1).max(50).default(10) }).strict(),
    z.array(z.object({ code: z.string(), name: z.string(), departement: z.string(), postcodes: z.array(z.string()) })),
  ),
  'communes.get': method(z.object({ code: z.string().max(5) }).strict(), z.object({ code: z.string(), name: z.string(), departement: z.string() }).nullable()),
  /** ROME trades: the shipped IAE short list plus any imported official file. */
  'rome.search': method(
    z.object({ query: z.string().trim().max(80), limit: z.number().int().min(1).max(50).default(15) }).strict(),
    z.array(z.object({ code: z.string(), label: z.string() })),
  ),
} as const;
