import { create } from 'zustand';
import type { SiaeKind } from '../../../../shared/domain/siae';

export type CaseloadStatus = 'en_parcours' | 'sorti' | 'tous';
export type CaseloadSort = 'nom' | 'entree' | 'fin_pass' | 'fin_contrat';

export interface CaseloadFilters {
  query: string;
  status: CaseloadStatus;
  referentId: string | null;
  siaeKind: SiaeKind | null;
  withAlerts: boolean;
  sort: CaseloadSort;
}

export const DEFAULT_FILTERS: CaseloadFilters = {
  query: '',
  status: 'en_parcours',
  referentId: null,
  siaeKind: null,
  withAlerts: false,
  sort: 'nom',
};

export interface CaseloadView {
  /** The filters the position belongs to. */
  key: string;
  scrollTop: number;
  activeIndex: number;
}

interface CaseloadFilterStore extends CaseloadFilters {
  /** Scroll position and active row when the list was left, to come back to the same place. */
  view: CaseloadView | null;
  set(patch: Partial<CaseloadFilters>): void;
  reset(): void;
  setView(view: CaseloadView | null): void;
}

/**
 * The list's search and filters survive a trip to a fiche and back (memory only: a name typed in the
 * search box is personal data and never goes to browser storage).
 */
export const useCaseloadFilters = create<CaseloadFilterStore>((set) => ({
  ...DEFAULT_FILTERS,
  view: null,
  set(patch) {
    set(patch);
  },
  reset() {
    set(DEFAULT_FILTERS);
  },
  setView(view) {
    set({ view });
  },
}));

export function isDefaultFilters(filters: CaseloadFilters): boolean {
  return (Object.keys(DEFAULT_FILTERS) as Array<keyof CaseloadFilters>).every((key) => filters[key] === DEFAULT_FILTERS[key]);
}
