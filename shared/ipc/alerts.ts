import { z } from 'zod';
import { ALERT_CODES, ALERT_SEVERITIES } from '../domain/alerts';

export const AlertSeverityView = z.enum(ALERT_SEVERITIES);

/** An alert as the renderer shows it (computed by shared/domain/alerts, never stored). */
export const AlertView = z.object({
  key: z.string(),
  code: z.enum(ALERT_CODES),
  severity: AlertSeverityView,
  message: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  date: z.string().nullable(),
  confidential: z.boolean(),
});
export type AlertView = z.infer<typeof AlertView>;
