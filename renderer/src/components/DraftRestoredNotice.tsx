/** Said when a form reopens with what was typed but not saved, with a way back to the saved version when there is one. */
export function DraftRestoredNotice({ onDiscard }: { onDiscard?: () => void }) {
  return (
    <p className="draft-restored" role="status">
      Saisie non enregistrée retrouvée.
      {onDiscard ? (
        <button type="button" className="link" onClick={onDiscard}>
          Revenir à la version enregistrée
        </button>
      ) : null}
    </p>
  );
}
