import { useState } from 'react';
import { immersionStatusLabels, type ImmersionStatus } from '../../../../shared/domain/immersions';
import type { ImmersionView } from '../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../bridge';
import { Dialog } from '../../components/Dialog';
import { TextAreaField } from '../../components/forms/TextAreaField';
import { immersionHref, immersionsHref } from './links';
import { StatusBadge } from './StatusBadge';

interface StatusActionsProps {
  view: ImmersionView;
  onChanged(view: ImmersionView, message: string): void;
}

/**
 * The status and the moves allowed from it, as buttons (the core refuses any other, with the
 * reason in French); renewal once the immersion has started; deletion of a brouillon.
 */
export function StatusActions({ view, onChanged }: StatusActionsProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);

  async function move(to: ImmersionStatus, why: string | null = null) {
    setError(null);
    setBusy(true);
    try {
      const next = await call('immersions.transition', { id: view.id, to, reason: why });
      setCancelling(false);
      onChanged(next, `Statut : ${immersionStatusLabels[next.status].toLowerCase()}.`);
    } catch (e) {
      const message = e instanceof BridgeError ? e.message : 'Le statut n’a pas pu être changé. Réessayez.';
      if (cancelling) throw new Error(message);
      setError(message);
    } finally {
      setBusy(false);
    }
  }

  async function renew() {
    setError(null);
    try {
      const next = await call('immersions.renew', { id: view.id });
      window.location.hash = immersionHref(next.id, 'preparation');
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'Le renouvellement n’a pas pu être créé.');
    }
  }

  const forward = view.allowedTransitions.filter((t) => t.to !== 'annulee' && t.to !== 'brouillon' && !(view.status === 'signee' && t.to === 'convention_a_signer'));
  const backward = view.allowedTransitions.filter((t) => !forward.includes(t) && t.to !== 'annulee');
  const canCancel = view.allowedTransitions.some((t) => t.to === 'annulee');

  return (
    <div className="status-actions" role="group" aria-label="Statut de l’immersion">
      <span className="status-current-label">
        Statut : <StatusBadge status={view.status} />
      </span>
      {forward.map((t) => (
        <button key={t.to} type="button" className="primary" disabled={busy} onClick={() => void move(t.to)}>
          {t.label}
        </button>
      ))}
      {backward.map((t) => (
        <button key={t.to} type="button" disabled={busy} onClick={() => void move(t.to)}>
          {t.to === 'convention_a_signer' ? 'Convention à refaire signer' : t.label}
        </button>
      ))}
      {view.renewalRefusal === null ? (
        <button type="button" onClick={() => void renew()}>
          Renouveler (même objectif)
        </button>
      ) : null}
      {canCancel ? (
        <button type="button" className="danger" onClick={() => setCancelling(true)}>
          Annuler l’immersion
        </button>
      ) : null}
      {view.status === 'brouillon' || view.status === 'annulee' ? (
        <button type="button" className="link danger-link" onClick={() => setConfirmDelete(true)}>
          Supprimer
        </button>
      ) : null}
      {error ? (
        <p className="form-error status-error" role="alert">
          {error}
        </p>
      ) : null}
      <Dialog title="Annuler l’immersion" open={cancelling} onClose={() => setCancelling(false)}>
        <CancelForm
          reason={reason}
          onReason={setReason}
          onSubmit={() => move('annulee', reason.trim() === '' ? null : reason)}
        />
      </Dialog>
      <Dialog title="Supprimer l’immersion" open={confirmDelete} onClose={() => setConfirmDelete(false)}>
        <p>L’immersion, sa grille et ses évaluations seront supprimées. Les entretiens liés restent sur la fiche du salarié.</p>
        <div className="form-actions">
          <button
            type="button"
            className="danger"
            autoFocus
            onClick={() =>
              void call('immersions.delete', { id: view.id }).then(
                () => {
                  window.location.hash = immersionsHref();
                },
                (e: unknown) => {
                  setConfirmDelete(false);
                  setError(e instanceof BridgeError ? e.message : 'L’immersion n’a pas pu être supprimée.');
                },
              )
            }
          >
            Supprimer définitivement
          </button>
          <button type="button" onClick={() => setConfirmDelete(false)}>
            Garder l’immersion
          </button>
        </div>
      </Dialog>
    </div>
  );
}

function CancelForm({ reason, onReason, onSubmit }: { reason: string; onReason(text: string): void; onSubmit(): Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        onSubmit().catch((err: unknown) => setError(err instanceof Error ? err.message : 'L’annulation a échoué.'));
      }}
    >
      <TextAreaField label="Motif de l’annulation" rows={3} value={reason} onChange={(e) => onReason(e.target.value)} error={error ?? undefined} autoFocus />
      <div className="form-actions">
        <button type="submit" className="danger">
          Annuler l’immersion
        </button>
      </div>
    </form>
  );
}
