import { create } from 'zustand';
import type { SyncStatus } from '../../../../shared/ipc/sync';
import { call } from '../../bridge';

interface SyncStore {
  status: SyncStatus | null;
  error: string | null;
  refresh(): Promise<SyncStatus | null>;
  set(status: SyncStatus): void;
}

/** One sync status for the whole window: the navigation line and the Synchronisation screen agree. */
export const useSyncStatus = create<SyncStore>((set) => ({
  status: null,
  error: null,
  async refresh() {
    try {
      const status = await call('sync.status', {});
      set({ status, error: null });
      return status;
    } catch (error) {
      set({ error: error instanceof Error ? error.message : 'État de la synchronisation indisponible.' });
      return null;
    }
  },
  set(status) {
    set({ status, error: null });
  },
}));
