import type { ReactNode } from 'react';

interface FormFooterProps {
  submitLabel: string;
  saving: boolean;
  formError: string | null;
  draftRestored?: boolean;
  onDiscardDraft?: () => void;
  onCancel?: () => void;
  children?: ReactNode;
}

/** Form-level error, restored-draft notice and the buttons, identical on every fiche form. */
export function FormFooter({ submitLabel, saving, formError, draftRestored, onDiscardDraft, onCancel, children }: FormFooterProps) {
  return (
    <>
      {draftRestored ? (
        <p className="draft-note">
          Brouillon non enregistré restauré.{' '}
          {onDiscardDraft ? (
            <button type="button" className="link" onClick={onDiscardDraft}>
              Abandonner le brouillon
            </button>
          ) : null}
        </p>
      ) : null}
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Enregistrement…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Annuler
          </button>
        ) : null}
        {children}
        <span className="form-hint shortcut-hint">Entrée ou Ctrl+S pour enregistrer</span>
      </div>
    </>
  );
}
