import type { RuleWarning } from '../../../../../shared/ipc/parcours';

/** Rule warnings never block a save; they are shown with the rule's own wording. */
export function Warnings({ warnings, title = 'Points d’attention' }: { warnings: readonly RuleWarning[]; title?: string }) {
  if (warnings.length === 0) return null;
  return (
    <div className="rule-warnings">
      <p className="rule-warnings-title">
        <span className="badge badge-warning">Attention</span> {title}
      </p>
      <ul>
        {warnings.map((w) => (
          <li key={w.code}>{w.message}</li>
        ))}
      </ul>
    </div>
  );
}
