import { create } from 'zustand';
import type { StatsPeriod } from '../../../../shared/indicators/period';

/** The period chosen on the Statistiques screen, kept while moving between its views. */
interface StatsPeriodStore {
  period: StatsPeriod;
  setPeriod(period: StatsPeriod): void;
}

export const useStatsPeriod = create<StatsPeriodStore>((set) => ({
  period: { kind: 'year', year: new Date().getFullYear(), index: 1 },
  setPeriod: (period) => set({ period }),
}));
