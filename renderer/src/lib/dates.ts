import { parseFrenchDate } from '../../../shared/domain/text';
import { formatDateLong, formatDateShort } from './format';

/** Today in the user's time zone, as `YYYY-MM-DD`. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Typed text → ISO date. Accepts `23/11/2026`, `23/11`, `2026-11-23`, `demain`, `lundi`…
 * Unparseable text is returned marked, so the contract's zod schema reports it in French.
 */
export function typedDateToValue(text: string, today = todayIso()): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return parseFrenchDate(trimmed, today) ?? `invalide:${trimmed}`;
}

export function valueToTypedDate(value: string | null | undefined): string {
  if (!value) return '';
  if (value.startsWith('invalide:')) return value.slice('invalide:'.length);
  return formatDateShort(value);
}

export function describeDate(value: string | null | undefined): string | null {
  if (!value || value.startsWith('invalide:')) return null;
  return formatDateLong(value);
}
