import { z } from 'zod';
import { Empty, method } from './define';

export const AppSettings = z.object({
  autoLockMinutes: z
    .number({ error: 'Indiquez un nombre de minutes.' })
    .int({ error: 'Indiquez un nombre entier de minutes.' })
    .min(1, { error: 'Le verrouillage automatique doit être d’au moins 1 minute.' })
    .max(240, { error: 'Le verrouillage automatique ne peut dépasser 240 minutes.' }),
  /** Days without an entretien before the “pas d’entretien” alert (domain default: 4 weeks). */
  noEntretienAlertDays: z.number().int().min(7).max(365),
});
export type AppSettings = z.infer<typeof AppSettings>;

export const DEFAULT_SETTINGS: AppSettings = { autoLockMinutes: 10, noEntretienAlertDays: 28 };

export const settingsContract = {
  'settings.get': method(Empty, AppSettings),
  'settings.update': method(AppSettings.partial().strict(), AppSettings),
} as const;
