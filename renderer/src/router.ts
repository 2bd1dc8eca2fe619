import { useSyncExternalStore } from 'react';

/** The app's places. Hash routing: works identically under app:// and the browser host. */
export const ROUTES = [
  { path: 'tableau-de-bord', label: 'Tableau de bord' },
  { path: 'salaries', label: 'Salariés' },
  { path: 'agenda', label: 'Agenda' },
  { path: 'immersions', label: 'Immersions' },
  { path: 'entreprises', label: 'Entreprises' },
  { path: 'statistiques', label: 'Statistiques' },
  { path: 'synchronisation', label: 'Synchronisation' },
  { path: 'parametres', label: 'Paramètres' },
] as const;

export type RoutePath = (typeof ROUTES)[number]['path'];

export interface Location {
  path: RoutePath;
  /** Remaining segments, e.g. a salarié id. */
  params: string[];
}

function parse(hash: string): Location {
  const [first, ...params] = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const known = ROUTES.find((r) => r.path === first);
  return { path: known ? known.path : 'tableau-de-bord', params: known ? params.map(decodeURIComponent) : [] };
}

let current = parse(window.location.hash);
const listeners = new Set<() => void>();
window.addEventListener('hashchange', () => {
  current = parse(window.location.hash);
  listeners.forEach((l) => l());
});

export function useLocation(): Location {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}

export function hrefFor(path: RoutePath, ...params: string[]): string {
  return `#/${[path, ...params.map(encodeURIComponent)].join('/')}`;
}

export function navigate(path: RoutePath, ...params: string[]): void {
  window.location.hash = hrefFor(path, ...params);
}
