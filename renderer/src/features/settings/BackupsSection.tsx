import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BackupInfo, BackupKind, BackupsOverview } from '../../../../shared/ipc/backups';
import { BridgeError, call } from '../../bridge';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { notifySaved } from '../../state/notices';
import { useSession } from '../../state/session';
import { useJobProgress } from '../import/useJobProgress';
import { formatBackupTime } from './backupTime';

const KIND_LABELS: Record<BackupKind, string> = {
  auto: 'Automatique',
  manuelle: 'Manuelle',
  'avant-migration': 'Avant mise à jour',
};

function formatSize(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1 ? `${mb.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo` : `${Math.max(1, Math.round(bytes / 1024))} Ko`;
}

function messageOf(error: unknown, fallback: string): string {
  if (error instanceof BridgeError) return error.payload.issues?.[0]?.message ?? error.message;
  return fallback;
}

/** Paramètres › Sauvegardes: folder, last backup, the list, « Sauvegarder maintenant », restore with confirmation. */
export function BackupsSection() {
  const setStatus = useSession((s) => s.setStatus);
  const [overview, setOverview] = useState<BackupsOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [creating, setCreating] = useState(false);
  const [folder, setFolder] = useState('');
  const [folderError, setFolderError] = useState<string | null>(null);
  const [target, setTarget] = useState<BackupInfo | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  const progress = useJobProgress(creating, 'backup.');

  const load = useCallback(async () => {
    try {
      const next = await call('backups.list', {});
      setOverview(next);
      setFolder(next.folder);
    } catch (e) {
      setError(messageOf(e, 'La liste des sauvegardes n’a pas pu être lue.'));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const backupNow = async () => {
    setCreating(true);
    setError(null);
    setMessage('');
    try {
      const created = await call('backups.create', {});
      setMessage(`Sauvegarde du ${formatBackupTime(created.createdAt)} enregistrée et vérifiée.`);
      await load();
    } catch (e) {
      setError(messageOf(e, 'La sauvegarde n’a pas pu être faite.'));
    } finally {
      setCreating(false);
    }
  };

  const changeFolder = async (event: FormEvent) => {
    event.preventDefault();
    setFolderError(null);
    try {
      const next = await call('backups.setFolder', { folder });
      setOverview(next);
      setFolder(next.folder);
      notifySaved('Nouveau dossier des sauvegardes retenu.');
    } catch (e) {
      setFolderError(messageOf(e, 'Ce dossier n’a pas pu être enregistré.'));
    }
  };

  const closeRestore = () => {
    setTarget(null);
    setPassphrase('');
    setRestoreError(null);
  };

  const restore = async (event: FormEvent) => {
    event.preventDefault();
    if (!target || restoring) return;
    setRestoring(true);
    setRestoreError(null);
    try {
      const result = await call('backups.restore', { file: target.file, passphrase });
      closeRestore();
      setStatus(result.status);
      const kept = result.previousFile ? ` Les données remplacées sont conservées dans ${result.previousFile}.` : '';
      const key = result.passphraseOfBackup ? ' Désormais, Jalons s’ouvre avec la phrase de passe en vigueur à la date de cette sauvegarde.' : '';
      setMessage(`Sauvegarde du ${formatBackupTime(result.restored.createdAt)} restaurée.${kept}${key}`);
      await load();
    } catch (e) {
      setRestoreError(messageOf(e, 'La restauration a échoué ; vos données n’ont pas été modifiées.'));
    } finally {
      setRestoring(false);
    }
  };

  return (
    <section className="card" aria-labelledby="backups-title">
      <h2 id="backups-title">Sauvegardes</h2>
      <p>
        Jalons copie vos données, toujours chiffrées, une fois par jour et avant chaque mise à jour. Il garde les 7 derniers jours, 4 semaines et
        12 mois. Chaque sauvegarde s’ouvre avec la phrase de passe (ou le code de secours) en vigueur le jour où elle a été faite. Choisissez de
        préférence un dossier sur un autre support (clé USB, disque réseau).
      </p>
      {overview ? (
        <dl className="facts">
          <dt>Dossier</dt>
          <dd>
            <code>{overview.folder}</code>
            {overview.isDefaultFolder ? ' (par défaut, à côté des données)' : ''}
          </dd>
          <dt>Dernière sauvegarde</dt>
          <dd>{overview.lastBackupAt ? formatBackupTime(overview.lastBackupAt) : 'aucune pour l’instant'}</dd>
        </dl>
      ) : null}

      <form className="inline-form" onSubmit={(e) => void changeFolder(e)} noValidate>
        <Field
          label="Dossier des sauvegardes (chemin complet)"
          value={folder}
          onChange={(e) => setFolder(e.target.value)}
          error={folderError ?? undefined}
          spellCheck={false}
        />
        <button type="submit" disabled={!overview || folder.trim() === '' || folder === overview.folder}>
          Changer de dossier
        </button>
      </form>

      <div className="form-actions">
        <button type="button" className="primary" onClick={() => void backupNow()} disabled={creating}>
          {creating ? 'Sauvegarde en cours…' : 'Sauvegarder maintenant'}
        </button>
        {creating ? (
          progress && progress.total ? (
            <>
              <progress className="import-progress" aria-label="Sauvegarde en cours" value={progress.done} max={progress.total} />
              <span aria-live="polite">{progress.label}</span>
            </>
          ) : (
            <progress className="import-progress" aria-label="Sauvegarde en cours" />
          )
        ) : null}
      </div>
      <p role="status" className="form-status">
        {message}
      </p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}

      {overview && overview.backups.length > 0 ? (
        <table className="data-table">
          <caption className="visually-hidden">Sauvegardes disponibles, la plus récente en premier</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Type</th>
              <th scope="col">Taille</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.backups.map((b) => (
              <tr key={b.file}>
                <td>{formatBackupTime(b.createdAt)}</td>
                <td>{KIND_LABELS[b.kind]}</td>
                <td>{formatSize(b.sizeBytes)}</td>
                <td>
                  <button type="button" className="link" onClick={() => setTarget(b)} disabled={!b.hasKeyFile}>
                    Restaurer…<span className="visually-hidden"> la sauvegarde du {formatBackupTime(b.createdAt)}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : overview ? (
        <p>Aucune sauvegarde dans ce dossier.</p>
      ) : null}

      <Dialog title="Restaurer une sauvegarde" open={target !== null} onClose={closeRestore}>
        {target ? (
          <form onSubmit={(e) => void restore(e)} noValidate>
            <p>
              Vos données actuelles seront remplacées par celles du <strong>{formatBackupTime(target.createdAt)}</strong>. Ce qui a été saisi depuis
              sera retiré de Jalons ; le fichier actuel est conservé à côté des données, sous le nom « …avant-restauration-… ».
            </p>
            <Field
              label="Phrase de passe (celle d’aujourd’hui ou celle du jour de la sauvegarde)"
              type="password"
              autoComplete="current-password"
              autoFocus
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              error={restoreError ?? undefined}
            />
            <div className="form-actions">
              <button type="submit" className="danger" disabled={restoring || passphrase === ''}>
                {restoring ? 'Restauration…' : 'Remplacer mes données par cette sauvegarde'}
              </button>
              <button type="button" onClick={closeRestore}>
                Annuler
              </button>
            </div>
          </form>
        ) : null}
      </Dialog>
    </section>
  );
}
