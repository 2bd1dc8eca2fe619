import { create } from 'zustand';

export interface Notice {
  id: number;
  message: string;
  tone: 'success' | 'error' | 'info';
  /** Optional undo (e.g. after a soft delete). */
  action?: { label: string; run: () => void | Promise<void> };
}

interface NoticeStore {
  notices: Notice[];
  notify(notice: Omit<Notice, 'id'>, timeoutMs?: number): void;
  dismiss(id: number): void;
}

let nextId = 1;

/** Discreet confirmations (« Enregistré »), announced through a live region; errors stay until dismissed. */
export const useNotices = create<NoticeStore>((set, get) => ({
  notices: [],
  notify(notice, timeoutMs = notice.tone === 'error' ? 0 : notice.action ? 10_000 : 4_000) {
    const id = nextId++;
    // At most three at once, newest kept: quick successive saves must not pile up over the buttons.
    set({ notices: [...get().notices, { ...notice, id }].slice(-3) });
    if (timeoutMs > 0) window.setTimeout(() => get().dismiss(id), timeoutMs);
  },
  dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
}));

export function notifySaved(message = 'Enregistré.'): void {
  useNotices.getState().notify({ message, tone: 'success' });
}

export function notifyError(message: string): void {
  useNotices.getState().notify({ message, tone: 'error' });
}
