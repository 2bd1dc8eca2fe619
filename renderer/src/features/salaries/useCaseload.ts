import { useCallback, useEffect, useRef, useState } from 'react';
import type { SalarieListQuery, SalarieListRow } from '../../../../shared/ipc/salaries';
import { call } from '../../bridge';
import { CASELOAD_PAGE_SIZE } from './caseloadPage';

export const PAGE_SIZE = CASELOAD_PAGE_SIZE;

export type CaseloadQuery = Omit<Required<SalarieListQuery>, 'offset' | 'limit'>;

interface Snapshot {
  generation: number;
  key: string;
  total: number;
  pages: ReadonlyMap<number, SalarieListRow[]>;
}

export interface Caseload {
  /** Null until the first answer for the current filters (the previous answer stays shown meanwhile). */
  total: number | null;
  /** Bumps when a new set of filters has been answered: the table returns to the top. */
  generation: number;
  /** True while the latest filters are not yet answered. */
  pending: boolean;
  error: string | null;
  rowAt(index: number): SalarieListRow | undefined;
  /** Fetches the pages covering rows `from..to` that are neither cached nor on their way. */
  ensureRange(from: number, to: number): void;
}

/**
 * The caseload, fetched in pages of PAGE_SIZE as the table scrolls. Each change of filters starts a new
 * generation; answers from an older generation are dropped, so the latest search always wins.
 */
export function useCaseload(query: CaseloadQuery): Caseload {
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const inFlight = useRef(new Set<string>());
  const key = JSON.stringify(query);

  const fetchPage = useCallback((generation: number, queryKey: string, page: number, first: boolean) => {
    const flightKey = `${generation}:${page}`;
    if (inFlight.current.has(flightKey)) return;
    inFlight.current.add(flightKey);
    const parsed = JSON.parse(queryKey) as CaseloadQuery;
    call('salaries.list', { ...parsed, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
      .then((result) => {
        if (generation !== latest.current) return;
        setError(null);
        setSnapshot((current) => {
          if (first || !current || current.generation !== generation) {
            return { generation, key: queryKey, total: result.total, pages: new Map([[page, result.rows]]) };
          }
          const pages = new Map(current.pages);
          pages.set(page, result.rows);
          return { ...current, total: result.total, pages };
        });
      })
      .catch((e: unknown) => {
        if (generation === latest.current) setError(e instanceof Error ? e.message : 'La liste n’a pas pu être chargée.');
      })
      .finally(() => inFlight.current.delete(flightKey));
  }, []);

  useEffect(() => {
    const generation = ++latest.current;
    fetchPage(generation, key, 0, true);
  }, [key, fetchPage]);

  const current = snapshot && snapshot.key === key ? snapshot : null;

  const ensureRange = useCallback(
    (from: number, to: number) => {
      if (!current) return;
      const last = Math.min(to, current.total - 1);
      for (let page = Math.floor(Math.max(0, from) / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!current.pages.has(page)) fetchPage(current.generation, current.key, page, false);
      }
    },
    [current, fetchPage],
  );

  const rowAt = useCallback(
    (index: number) => snapshot?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [snapshot],
  );

  return {
    total: snapshot?.total ?? null,
    generation: snapshot?.generation ?? 0,
    pending: snapshot?.key !== key,
    error,
    rowAt,
    ensureRange,
  };
}
