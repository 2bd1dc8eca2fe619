import { alertSeverityLabels, type AlertSeverity } from '../../../shared/domain/alerts';

const badgeClass: Record<AlertSeverity, string> = { critical: 'badge-critical', warning: 'badge-warning', info: 'badge-info' };
const badgeMark: Record<AlertSeverity, string> = { critical: '!', warning: '•', info: 'i' };

/** Alert severity as a word (« Urgent », « À traiter », « Information ») with its colour, never colour alone. */
export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return (
    <span className={`badge ${badgeClass[severity]}`}>
      <span aria-hidden="true" className="badge-mark">
        {badgeMark[severity]}
      </span>{' '}
      {alertSeverityLabels[severity]}
    </span>
  );
}
