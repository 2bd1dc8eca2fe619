import { format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';

/** `23/11/2026 à 10:00` in the user's time zone (backup files are named in UTC). */
export function formatBackupTime(iso: string): string {
  return format(parseISO(iso), "dd/MM/yyyy 'à' HH:mm", { locale: fr });
}
