import { useEffect, useState } from 'react';
import { call } from '../../bridge';

export interface JobCount {
  done: number;
  total: number | null;
  label: string;
}

/**
 * While `active`, polls the core's background jobs and returns the first whose name starts with
 * `jobPrefix` (null when the work runs without reporting progress: the UI then shows an indeterminate bar).
 */
export function useJobProgress(active: boolean, jobPrefix: string): JobCount | null {
  const [progress, setProgress] = useState<JobCount | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return undefined;
    }
    let cancelled = false;
    const poll = () => {
      call('jobs.progress', {})
        .then((jobs) => {
          if (cancelled) return;
          const job = jobs.find((j) => j.job.startsWith(jobPrefix));
          setProgress(job ? { done: job.done, total: job.total, label: job.label } : null);
        })
        .catch(() => undefined);
    };
    const timer = window.setInterval(poll, 600);
    poll();
    return () => {
      cancelled = true;
      window.clearInterval(timer);
    };
  }, [active, jobPrefix]);
  return progress;
}
