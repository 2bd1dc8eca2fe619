import { useState } from 'react';
import { BridgeError } from '../../../bridge';
import { FicheDialog } from './FicheDialog';

/** « Êtes-vous sûr ? » for writes that cannot be undone; the server's French refusal is shown in place. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <FicheDialog title={title} onClose={onClose}>
      <p>{message}</p>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="danger"
          disabled={busy}
          autoFocus
          onClick={() => {
            setBusy(true);
            setError(null);
            onConfirm()
              .then(onClose)
              .catch((e: unknown) => setError(e instanceof BridgeError ? e.message : 'L’opération a échoué. Réessayez.'))
              .finally(() => setBusy(false));
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" onClick={onClose}>
          Annuler
        </button>
      </div>
    </FicheDialog>
  );
}
