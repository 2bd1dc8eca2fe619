import { useCallback, useEffect, useState } from 'react';
import type { Referent } from '../../../../shared/ipc/structure';
import { call } from '../../bridge';

/** The structure's référents (active and inactive), for filters and pickers; `reload` after a change. */
export function useReferents(): { referents: Referent[] | null; error: string | null; reload: () => Promise<void> } {
  const [referents, setReferents] = useState<Referent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      const list = await call('referents.list', {});
      setReferents([...list].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr')));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'La liste des référents n’a pas pu être chargée.');
      setReferents((current) => current ?? []);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { referents, error, reload };
}

/**
 * Options for a référent <select>: active ones, plus the currently chosen one even if deactivated
 * (and every inactive one with `includeInactive`, for filters over past caseloads).
 */
export function referentOptions(
  referents: readonly Referent[] | null,
  selected?: string | null,
  { includeInactive = false }: { includeInactive?: boolean } = {},
): Array<readonly [string, string]> {
  return (referents ?? [])
    .filter((r) => includeInactive || r.active || r.id === selected)
    .map((r) => [r.id, r.active ? r.displayName : `${r.displayName} (inactif)`] as const);
}
