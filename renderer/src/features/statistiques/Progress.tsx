import { formatCount } from '../../lib/format';
import type { JobCount } from '../import/useJobProgress';

/** A count while the worker reports one, otherwise an indeterminate bar; announced politely. */
export function StatsProgress({ progress, label }: { progress: JobCount | null; label: string }) {
  const text = progress ? `${progress.label}${progress.total ? ` (${formatCount(progress.done)} / ${formatCount(progress.total)})` : ''}…` : `${label}…`;
  return (
    <div className="stats-progress" role="status" aria-live="polite">
      <progress
        aria-label={label}
        {...(progress?.total ? { max: progress.total, value: progress.done } : {})}
      />
      <span>{text}</span>
    </div>
  );
}
