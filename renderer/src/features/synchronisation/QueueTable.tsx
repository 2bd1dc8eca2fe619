import type { QueueState, SyncQueueItem } from '../../../../shared/ipc/sync';
import { queueStateLabels } from '../../../../shared/ipc/sync';
import { formatDateTimeShort } from './format';

const BADGE: Record<QueueState, { className: string; mark: string }> = {
  a_inscrire: { className: 'badge badge-info', mark: '…' },
  en_attente: { className: 'badge badge-warning', mark: '⟳' },
  envoye: { className: 'badge badge-info', mark: '→' },
  accuse: { className: 'badge badge-ok', mark: '✓' },
  refuse: { className: 'badge badge-critical', mark: '✕' },
  remplace: { className: 'badge', mark: '–' },
  maj_requise: { className: 'badge badge-warning', mark: '↑' },
};

function detail(item: SyncQueueItem, automatic: boolean): string | null {
  if (item.state === 'accuse') return `Reçu le ${formatDateTimeShort(item.ackedAt)}${item.receiptSeq !== null ? ` (n° ${item.receiptSeq})` : ''}`;
  const parts = [item.reason];
  if (automatic && item.state === 'en_attente' && item.nextAttemptAt) parts.push(`Nouvel essai vers le ${formatDateTimeShort(item.nextAttemptAt)}.`);
  return parts.filter(Boolean).join(' ') || null;
}

/** The outbox: one row per confirmed revision, in sending order. */
export function QueueTable({
  queue,
  automatic,
  onExport,
  onRetry,
}: {
  queue: readonly SyncQueueItem[];
  automatic: boolean;
  onExport(item: SyncQueueItem): void;
  /** « Renvoyer »: offered on refusals the regional office can lift (item.retryable). */
  onRetry(item: SyncQueueItem): void;
}) {
  return (
    <table className="data-table sync-queue">
      <caption className="visually-hidden">Envois au siège régional, dans l’ordre d’envoi</caption>
      <thead>
        <tr>
          <th scope="col" className="col-period">
            Période
          </th>
          <th scope="col" className="col-revision">
            Révision
          </th>
          <th scope="col" className="col-state">
            Statut
          </th>
          <th scope="col">Détail</th>
          <th scope="col" className="col-attempts">
            Essais
          </th>
          <th scope="col" className="col-action">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {queue.map((item) => {
          const badge = BADGE[item.state];
          const text = detail(item, automatic);
          return (
            <tr key={item.bundleId}>
              <td>{item.periodLabel}</td>
              <td>{item.revision}</td>
              <td>
                <span className={badge.className}>
                  <span className="badge-mark" aria-hidden="true">
                    {badge.mark}
                  </span>{' '}
                  {queueStateLabels[item.state]}
                </span>
              </td>
              <td className="reason">{text ?? '—'}</td>
              <td className="col-attempts">{item.attempts}</td>
              <td className="sync-row-actions">
                {item.retryable ? (
                  <button type="button" onClick={() => onRetry(item)} aria-label={`Renvoyer l’envoi ${item.periodLabel}, révision ${item.revision}`}>
                    Renvoyer
                  </button>
                ) : null}
                {item.exportable ? (
                  <button type="button" onClick={() => onExport(item)} aria-label={`Exporter l’envoi ${item.periodLabel}, révision ${item.revision}, dans un fichier`}>
                    Exporter
                  </button>
                ) : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
