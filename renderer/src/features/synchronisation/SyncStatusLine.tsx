import { useEffect } from 'react';
import { hrefFor } from '../../router';
import { useSyncStatus } from './store';
import './synchronisation.css';

const POLL_MS = 30_000;

/** The quiet line in the navigation (« Hors ligne — 2 envois en attente »); never a modal. */
export function SyncStatusLine() {
  const status = useSyncStatus((s) => s.status);
  const refresh = useSyncStatus((s) => s.refresh);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  if (!status) return null;
  const tone = status.enrolment?.reenrolRequired || status.refusedCount > 0 || status.updateRequired ? 'alert' : status.online === false || status.pendingCount > 0 ? 'waiting' : 'ok';
  return (
    <p className="sync-line" data-tone={tone} role="status">
      <a href={hrefFor('synchronisation')}>
        <span className="visually-hidden">Synchronisation : </span>
        <span className="sync-line-mark" aria-hidden="true">
          {tone === 'ok' ? '✓' : tone === 'alert' ? '!' : '⟳'}
        </span>
        <span className="sync-line-text">{status.summary}</span>
      </a>
    </p>
  );
}
