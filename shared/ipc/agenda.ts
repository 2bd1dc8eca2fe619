import { z } from 'zod';
import { EntretienKindSchema, EntretienStatusSchema } from '../domain/entretiens';
import { DateField, Id, method } from './common-method';

export const AgendaEvent = z.object({
  id: z.string(),
  source: z.enum(['entretien', 'evaluation_immersion']),
  date: z.string(),
  startTime: z.string().nullable(),
  durationMinutes: z.number().nullable(),
  title: z.string(),
  kind: EntretienKindSchema.nullable(),
  status: EntretienStatusSchema.nullable(),
  salarieId: z.string().nullable(),
  salarieName: z.string().nullable(),
  place: z.string().nullable(),
  thirdParties: z.array(z.string()),
  /** For 'evaluation_immersion' events: the immersion to open (#/immersions/<id>). */
  immersionId: z.string().nullable().optional(),
});
export type AgendaEvent = z.infer<typeof AgendaEvent>;

export const agendaContract = {
  /** Events between two dates inclusive (a day or a week view). */
  'agenda.range': method(
    z.object({ from: DateField, to: DateField, referentId: Id.nullable().default(null) }).strict().refine((r) => r.to >= r.from, { path: ['to'], error: 'La fin précède le début.' }),
    z.array(AgendaEvent),
  ),
  /** iCalendar (RFC 5545) text for the range, to open in the CIP's usual calendar; no confidential notes. */
  'agenda.exportIcs': method(
    z.object({ from: DateField, to: DateField, referentId: Id.nullable().default(null) }).strict(),
    z.object({ fileName: z.string(), content: z.string() }),
  ),
} as const;
