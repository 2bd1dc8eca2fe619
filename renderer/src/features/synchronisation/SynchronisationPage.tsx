import { useEffect, useState } from 'react';
import { SYNC_MODES, syncModeHints, syncModeLabels, type SyncMode, type SyncQueueItem, type SyncStatus } from '../../../../shared/ipc/sync';
import { BridgeError, call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { hrefFor } from '../../router';
import { notifyError, notifySaved } from '../../state/notices';
import { downloadText } from '../agenda/download';
import { ConfirmDialog } from '../fiche/components/ConfirmDialog';
import { EnrolForm } from './EnrolForm';
import { formatDateTimeLong } from './format';
import { QueueTable } from './QueueTable';
import { useSyncStatus } from './store';
import './synchronisation.css';

/** While a pass runs, the screen polls this often for its progress. */
const RUNNING_POLL_MS = 500;

export function SynchronisationPage() {
  const status = useSyncStatus((s) => s.status);
  const loadError = useSyncStatus((s) => s.error);
  const refresh = useSyncStatus((s) => s.refresh);
  const setStatus = useSyncStatus((s) => s.set);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState('');
  const [reenrolling, setReenrolling] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [confirmRotation, setConfirmRotation] = useState(false);
  const [retrying, setRetrying] = useState<SyncQueueItem | null>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Progress of « Envoyer maintenant » (or of a background pass seen while on the screen).
  const running = sending || (status?.running ?? false);
  useEffect(() => {
    if (!running) return undefined;
    const timer = window.setInterval(() => void refresh(), RUNNING_POLL_MS);
    return () => window.clearInterval(timer);
  }, [running, refresh]);

  async function sendNow() {
    setSending(true);
    setResult('');
    try {
      const pass = await call('sync.sendNow', {});
      setResult(pass.message);
    } catch (error) {
      setResult(error instanceof BridgeError ? error.message : 'L’envoi n’a pas pu être lancé. Réessayez.');
    } finally {
      setSending(false);
      await refresh();
    }
  }

  /** Errors are shown in the dialog (ConfirmDialog); the outcome sentence in the result line. */
  async function rotateKey() {
    setRotating(true);
    setResult('');
    try {
      const outcome = await call('sync.rotateKey', {});
      setResult(outcome.message);
    } finally {
      setRotating(false);
      await refresh();
    }
  }

  /** Errors are shown in the dialog (ConfirmDialog); the outcome sentence in the result line. */
  async function retryRefused(item: SyncQueueItem) {
    setResult('');
    try {
      const outcome = await call('sync.retryRefused', { bundleId: item.bundleId });
      setResult(outcome.message);
    } finally {
      await refresh();
    }
  }

  async function changeMode(mode: SyncMode) {
    try {
      setStatus(await call('sync.setMode', { mode }));
      notifySaved(`Mode d’envoi : ${syncModeLabels[mode].toLowerCase()}.`);
    } catch (error) {
      notifyError(error instanceof Error ? error.message : 'Le mode n’a pas pu être changé.');
    }
  }

  async function exportItem(item: SyncQueueItem) {
    try {
      const file = await call('sync.exportEnvelope', { bundleId: item.bundleId });
      downloadText(file.fileName, file.content, 'application/json');
      notifySaved(`Envoi exporté : ${file.fileName}`);
    } catch (error) {
      notifyError(error instanceof Error ? error.message : 'L’export a échoué.');
    }
  }

  function enrolled(next: SyncStatus) {
    setStatus(next);
    setReenrolling(false);
    notifySaved('Cet ordinateur est inscrit auprès du siège régional.');
  }

  if (!status) {
    return (
      <>
        <PageHeader title="Synchronisation" />
        {loadError ? (
          <p className="sync-error" role="alert">
            {loadError}
          </p>
        ) : (
          <p aria-busy="true">Chargement…</p>
        )}
      </>
    );
  }

  const enrolment = status.enrolment;
  const showForm = !enrolment || enrolment.reenrolRequired || reenrolling;
  const canSend = enrolment !== null && !enrolment.reenrolRequired && status.mode !== 'desactive';
  const progress = status.progress;

  return (
    <>
      <PageHeader
        title="Synchronisation"
        actions={
          enrolment ? (
            <button type="button" className="primary" onClick={() => void sendNow()} disabled={!canSend || running}>
              {running ? 'Envoi en cours…' : 'Envoyer maintenant'}
            </button>
          ) : null
        }
      />
      <p className="sync-intro">
        Seules les statistiques anonymisées que vous avez confirmées dans <a href={hrefFor('statistiques')}>Statistiques</a> partent au siège
        régional, signées par cet ordinateur. Aucune donnée personnelle ne quitte cet ordinateur.
      </p>
      {running || result ? (
        <div className="card">
          {running ? (
            <div className="sync-progress">
              {progress && progress.total > 0 ? (
                <>
                  <progress aria-label="Envoi en cours" value={progress.done} max={progress.total} />
                  <span>
                    Envoi {Math.min(progress.done + 1, progress.total)} sur {progress.total}…
                  </span>
                </>
              ) : (
                <>
                  <progress aria-label="Envoi en cours" />
                  <span>Contact du siège régional…</span>
                </>
              )}
            </div>
          ) : null}
          <p className="sync-result" role="status">
            {running ? '' : result}
          </p>
        </div>
      ) : null}
      <div className="sync-columns">
        <div>
          <section className="card" aria-labelledby="sync-hub-title">
            <h2 id="sync-hub-title">Siège régional</h2>
            {status.updateRequired ? (
              <p className="sync-warning" role="alert">
                {status.updateRequired}
              </p>
            ) : null}
            {enrolment?.keyRotationPending ? (
              <p className="sync-warning">Changement de clé en cours : il se terminera au prochain contact avec le siège, avant tout envoi.</p>
            ) : null}
            {enrolment?.reenrolRequired ? (
              <p className="sync-warning">
                Le siège régional ne reconnaît plus cet ordinateur. Les envois restent en attente : inscrivez-le de nouveau avec un code fourni par
                le siège.
              </p>
            ) : null}
            {enrolment ? (
              <dl className="facts sync-facts">
                <dt>Adresse</dt>
                <dd>{status.hubUrl}</dd>
                <dt>Structure</dt>
                <dd>
                  {enrolment.structureName} (région {enrolment.regionCode})
                </dd>
                <dt>Cet ordinateur</dt>
                <dd>
                  {enrolment.deviceLabel}, inscrit le {formatDateTimeLong(enrolment.enrolledAt)}
                </dd>
                <dt>Connexion</dt>
                <dd>
                  {status.online === false ? (
                    <strong>{status.connectionMessage ?? 'Hors ligne'}</strong>
                  ) : status.online === true ? (
                    'Siège joignable'
                  ) : (
                    'Pas encore contacté depuis l’ouverture'
                  )}
                </dd>
                <dt>Clé de cet ordinateur</dt>
                <dd>{enrolment.keyRotatedAt ? `Changée le ${formatDateTimeLong(enrolment.keyRotatedAt)}` : 'Celle de l’inscription'}</dd>
                {status.hubCatalog ? (
                  <>
                    <dt>Catalogue du siège</dt>
                    <dd>
                      {status.hubCatalog.catalogueVersions.length > 0 ? `Version ${status.hubCatalog.catalogueVersions.join(', ')}` : 'Sans version'}, vérifié le{' '}
                      {formatDateTimeLong(status.hubCatalog.checkedAt)}
                    </dd>
                  </>
                ) : null}
                <dt>Dernier envoi réussi</dt>
                <dd>{status.lastSuccessAt ? formatDateTimeLong(status.lastSuccessAt) : 'Aucun pour l’instant'}</dd>
                {status.nextAttemptAt && status.pendingCount > 0 && status.mode === 'auto' ? (
                  <>
                    <dt>Prochain essai</dt>
                    <dd>{formatDateTimeLong(status.nextAttemptAt)}</dd>
                  </>
                ) : null}
              </dl>
            ) : (
              <p>
                Cet ordinateur n’est pas encore relié au siège régional. Inscrivez-le avec l’adresse et le code à usage unique fournis par votre
                fédération.
              </p>
            )}
            {showForm ? (
              <EnrolForm hubUrl={status.hubUrl} deviceLabel={enrolment?.deviceLabel ?? null} onEnrolled={enrolled} />
            ) : (
              <div className="sync-device-actions">
                <button type="button" onClick={() => setConfirmRotation(true)} disabled={running || rotating}>
                  {rotating ? 'Changement de clé…' : 'Changer la clé de cet ordinateur'}
                </button>
                <button type="button" className="link" onClick={() => setReenrolling(true)}>
                  Inscrire de nouveau avec un autre code
                </button>
              </div>
            )}
          </section>
        </div>
        <section className="card" aria-labelledby="sync-mode-title">
          <h2 id="sync-mode-title">Mode d’envoi</h2>
          <fieldset className="sync-modes">
            <legend className="visually-hidden">Mode d’envoi</legend>
            {SYNC_MODES.map((mode) => (
              <div className="sync-mode" key={mode}>
                <input
                  type="radio"
                  id={`sync-mode-${mode}`}
                  name="sync-mode"
                  value={mode}
                  checked={status.mode === mode}
                  onChange={() => void changeMode(mode)}
                  aria-describedby={`sync-mode-${mode}-hint`}
                />
                <label htmlFor={`sync-mode-${mode}`}>{syncModeLabels[mode]}</label>
                <div id={`sync-mode-${mode}-hint`} className="field-hint">
                  {syncModeHints[mode]}
                </div>
              </div>
            ))}
          </fieldset>
        </section>
      </div>
      {confirmRotation ? (
        <ConfirmDialog
          title="Changer la clé de cet ordinateur"
          message="Une nouvelle clé de signature remplace l’actuelle auprès du siège régional, qui refusera ensuite l’ancienne (utile par exemple si une copie de la base a pu être dérobée). Les envois déjà reçus restent valables."
          confirmLabel="Changer la clé"
          onClose={() => setConfirmRotation(false)}
          onConfirm={rotateKey}
        />
      ) : null}
      {retrying ? (
        <ConfirmDialog
          title="Renvoyer cet envoi"
          message={`Le siège régional a refusé l’envoi ${retrying.periodLabel} (révision ${retrying.revision}). Renvoyez-le seulement s’il vous a confirmé avoir levé la cause du refus (période confiée à cet ordinateur, région corrigée, nouvelle inscription). Le même lot repart sans modification ; s’il est encore refusé, le motif s’affichera de nouveau.`}
          confirmLabel="Renvoyer"
          onClose={() => setRetrying(null)}
          onConfirm={() => retryRefused(retrying)}
        />
      ) : null}
      <section aria-labelledby="sync-queue-title">
        <h2 id="sync-queue-title">Envois</h2>
        {status.queue.length === 0 ? (
          <EmptyState title="Aucun envoi pour l’instant">
            <p>
              Les statistiques que vous confirmez dans <a href={hrefFor('statistiques')}>Statistiques</a> apparaîtront ici, avec leur statut :
              en attente, envoyé, accusé de réception ou refusé.
            </p>
          </EmptyState>
        ) : (
          <QueueTable queue={status.queue} automatic={status.mode === 'auto'} onExport={(item) => void exportItem(item)} onRetry={setRetrying} />
        )}
      </section>
    </>
  );
}
