import { z } from 'zod';
import { AlertView } from './alerts';
import { method } from './common-method';

export const Dashboard = z.object({
  today: z.string(),
  counts: z.object({
    enParcours: z.number().int(),
    entriesThisYear: z.number().int(),
    exitsThisYear: z.number().int(),
    passEndingWithin60Days: z.number().int(),
  }),
  /** Most urgent first; each with the salarié it concerns. */
  alerts: z.array(AlertView.extend({ salarieId: z.string(), salarieName: z.string() })),
  alertTotal: z.number().int(),
  /** This week's appointments (entretiens, immersion evaluations) once those features exist. */
  appointments: z.array(
    z.object({ id: z.string(), date: z.string(), time: z.string().nullable(), title: z.string(), salarieId: z.string().nullable(), salarieName: z.string().nullable() }),
  ),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const dashboardContract = {
  /** For the current référent's caseload when `referentId` is given, else the whole structure. */
  'dashboard.get': method(z.object({ referentId: z.string().max(64).nullable().default(null) }).strict(), Dashboard),
} as const;

