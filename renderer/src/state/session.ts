import { create } from 'zustand';
import type { SessionStatus } from '../../../shared/ipc/session';
import { call, onLocked, onStorageFailure } from '../bridge';

interface SessionStore {
  status: SessionStatus | null;
  /** Shown once after setup; cleared when the user confirms they saved it. */
  recoveryCode: string | null;
  refresh(): Promise<void>;
  setStatus(status: SessionStatus): void;
  showRecoveryCode(code: string | null): void;
  lock(): Promise<void>;
  /** « Mon portefeuille »: the référent whose caseload the dashboard shows (null = the whole structure). Memory only. */
  myReferentId: string | null;
  setMyReferentId(id: string | null): void;
}

export const useSession = create<SessionStore>((set) => ({
  status: null,
  recoveryCode: null,
  async refresh() {
    set({ status: await call('session.status', {}) });
  },
  setStatus(status) {
    set({ status });
  },
  showRecoveryCode(code) {
    set({ recoveryCode: code });
  },
  async lock() {
    await call('session.lock', {});
    set({ status: await call('session.status', {}) });
  },
  myReferentId: null,
  setMyReferentId(id) {
    set({ myReferentId: id });
  },
}));

onLocked(() => {
  void useSession.getState().refresh();
});

// A write refused for a full disk or a read-only file: the status says which, and the layout keeps saying it.
onStorageFailure(() => {
  void useSession.getState().refresh();
});
