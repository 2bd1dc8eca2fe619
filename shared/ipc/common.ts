import { z } from 'zod';
import { isIsoDate } from '../domain/calendar';

/** Calendar date `YYYY-MM-DD`; the renderer converts typed French dates (`23/11`, `demain`) before sending. */
export const DateField = z
  .string({ error: 'Indiquez une date.' })
  .refine(isIsoDate, { error: 'Date invalide. Saisissez-la sous la forme JJ/MM/AAAA.', abort: true })
  // A parcours date outside 1900–2100 is a typing slip; beyond it the date arithmetic (PASS end,
  // follow-ups, alerts) would also leave the calendar range and fail.
  .refine((d) => d >= '1900-01-01' && d <= '2100-12-31', { error: 'Date invalide : l’année doit être comprise entre 1900 et 2100.' });

export const OptionalDate = DateField.nullable();

export const Id = z.string().min(1).max(64);
export const ById = z.object({ id: Id }).strict();
export const BySalarie = z.object({ salarieId: Id }).strict();

export function requiredText(label: string, max = 200) {
  return z
    .string({ error: `${label} : champ obligatoire.` })
    .trim()
    .min(1, { error: `${label} : champ obligatoire.` })
    .max(max, { error: `${label} : ${max} caractères au plus.` });
}

export function optionalText(label: string, max = 2000) {
  return z
    .string()
    .trim()
    .max(max, { error: `${label} : ${max} caractères au plus.` })
    .nullable()
    .transform((v) => (v === '' ? null : v));
}

/** Result of a write that the UI can undo for a short while (soft delete). */
export const Undoable = z.object({ id: z.string(), undoUntil: z.string() });

/** `dateA <= dateB` helper for refinements with a French message. */
export function endNotBeforeStart<T extends { startDate: string; endDate: string | null }>(value: T): boolean {
  return value.endDate === null || value.endDate >= value.startDate;
}
export const END_BEFORE_START = 'La date de fin précède la date de début. Corrigez l’une des deux dates.';
