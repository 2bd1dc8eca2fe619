import { format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';

/** `23/11/2026 à 14 h 30` (tables). */
export function formatDateTimeShort(iso: string | null | undefined): string {
  return iso ? format(parseISO(iso), "dd/MM/yyyy 'à' H 'h' mm", { locale: fr }) : '—';
}

/** `lundi 23 novembre 2026 à 14 h 30` (prose). */
export function formatDateTimeLong(iso: string | null | undefined): string {
  return iso ? format(parseISO(iso), "EEEE d MMMM yyyy 'à' H 'h' mm", { locale: fr }) : '—';
}
