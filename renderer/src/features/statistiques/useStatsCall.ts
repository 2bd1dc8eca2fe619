import { useCallback, useEffect, useRef, useState } from 'react';
import type { StatsPeriod } from '../../../../shared/indicators/period';
import type { MethodOutput } from '../../../../shared/ipc/contract';
import { call } from '../../bridge';
import { useJobProgress, type JobCount } from '../import/useJobProgress';

type StatsMethod = 'stats.local' | 'stats.preview' | 'stats.aspReport';

export interface StatsCall<M extends StatsMethod> {
  data: MethodOutput<M> | null;
  error: string | null;
  loading: boolean;
  /** Progress of the background computation (null while it reports none). */
  progress: JobCount | null;
  reload(): void;
}

/**
 * Runs a statistics computation for the period (in the core's worker thread) and follows its
 * progress; an answer for a period that is no longer selected is dropped.
 */
export function useStatsCall<M extends StatsMethod>(method: M, period: StatsPeriod): StatsCall<M> {
  const [data, setData] = useState<MethodOutput<M> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [round, setRound] = useState(0);
  const latest = useRef(0);
  const progress = useJobProgress(loading, 'stats.');

  useEffect(() => {
    const ticket = ++latest.current;
    setLoading(true);
    setError(null);
    call(method, { period } as never)
      .then((value) => {
        if (ticket !== latest.current) return;
        setData(value as MethodOutput<M>);
      })
      .catch((e: unknown) => {
        if (ticket !== latest.current) return;
        setData(null);
        setError(e instanceof Error ? e.message : 'Le calcul des statistiques a échoué.');
      })
      .finally(() => {
        if (ticket === latest.current) setLoading(false);
      });
    // The period is compared by value: a new object for the same period does not recompute.
  }, [method, period.kind, period.year, period.index, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, progress, reload };
}
