import { useSession } from '../state/session';

const MESSAGES = {
  'disk-full': {
    title: 'Disque plein : Jalons est en consultation seule.',
    body: 'Vos données sont intactes et restent consultables, mais rien de nouveau ne peut être enregistré. Libérez de la place sur le disque, puis verrouillez et rouvrez Jalons pour reprendre la saisie.',
  },
  'read-only': {
    title: 'Fichier de données en lecture seule : Jalons est en consultation seule.',
    body: 'Vos données sont intactes et restent consultables, mais rien de nouveau ne peut être enregistré. Rendez le fichier modifiable (droits d’écriture, clé USB verrouillée…), puis verrouillez et rouvrez Jalons pour reprendre la saisie.',
  },
} as const;

/**
 * Stays on every page while the store is read-only, so a CIP knows before typing a note that it cannot be
 * saved — the refusal of each write says it too, but only after the work is done.
 */
export function StorageBanner() {
  const storage = useSession((s) => s.status?.storage);
  if (storage !== 'disk-full' && storage !== 'read-only') return null;
  const message = MESSAGES[storage];
  return (
    <div className="storage-banner" role="alert">
      <strong>{message.title}</strong> {message.body}
    </div>
  );
}
