import { useState } from 'react';
import type { BackupInfo } from '../../../../shared/ipc/backups';
import type { SessionStatus } from '../../../../shared/ipc/session';
import { BridgeError, call } from '../../bridge';
import { formatBackupTime } from '../settings/backupTime';

export interface RestoreOfferState {
  message: string;
  backups: BackupInfo[];
  /** The passphrase or recovery code just typed: it confirms the restore (and must open the backup). */
  secret: { passphrase: string } | { recoveryCode: string };
}

/**
 * Shown by the unlock screen when the store is damaged (or its file is missing): instead of a dead end, restore
 * the latest verified backup — or an older one. The damaged file is kept beside the data by the core.
 */
export function RestoreOffer({ offer, onRestored }: { offer: RestoreOfferState; onRestored: (status: SessionStatus) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const restore = async (file: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const result = file ? await call('backups.restore', { file, ...offer.secret }) : await call('backups.restoreLatest', offer.secret);
      onRestored(result.status);
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'La restauration a échoué ; rien n’a été modifié.');
    } finally {
      setBusy(false);
    }
  };

  const [latest, ...older] = offer.backups;
  return (
    <div className="restore-offer" role="alert">
      <p>{offer.message}</p>
      {latest ? (
        <>
          <button type="button" className="primary" disabled={busy} onClick={() => void restore(null)}>
            {busy ? 'Restauration…' : `Restaurer la dernière sauvegarde (${formatBackupTime(latest.createdAt)})`}
          </button>
          {older.length > 0 ? (
            <details>
              <summary>Choisir une sauvegarde plus ancienne</summary>
              <ul>
                {older.slice(0, 10).map((b) => (
                  <li key={b.file}>
                    <button type="button" className="link" disabled={busy} onClick={() => void restore(b.file)}>
                      Restaurer celle du {formatBackupTime(b.createdAt)}
                    </button>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
      {error ? <p className="form-error">{error}</p> : null}
    </div>
  );
}
