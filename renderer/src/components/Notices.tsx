import { useNotices } from '../state/notices';

/** Live region for saves, undo offers and errors (polite; errors are also shown inline where they occur). */
export function Notices() {
  const { notices, dismiss } = useNotices();
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.tone}`}>
          <span>{notice.message}</span>
          {notice.action ? (
            <button
              type="button"
              className="link"
              onClick={() => {
                void notice.action!.run();
                dismiss(notice.id);
              }}
            >
              {notice.action.label}
            </button>
          ) : null}
          <button type="button" className="link" aria-label="Fermer le message" onClick={() => dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
