import { differenceInYears, format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';

/** `23/11/2026` — tables and inputs. */
export function formatDateShort(iso: string | null | undefined): string {
  return iso ? format(parseISO(iso), 'dd/MM/yyyy', { locale: fr }) : '—';
}

/** `lundi 23 novembre 2026` — prose. */
export function formatDateLong(iso: string | null | undefined): string {
  return iso ? format(parseISO(iso), 'EEEE d MMMM yyyy', { locale: fr }) : '—';
}

export function ageAt(birthIso: string | null, today: Date = new Date()): number | null {
  return birthIso ? differenceInYears(today, parseISO(birthIso)) : null;
}

const integer = new Intl.NumberFormat('fr-FR');
/** `12 345` with the narrow no-break space French typography wants. */
export function formatCount(n: number): string {
  return integer.format(n);
}
