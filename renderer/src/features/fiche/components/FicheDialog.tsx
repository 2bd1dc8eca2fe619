import { useCallback, useRef, useState, type ReactNode } from 'react';
import { Dialog } from '../../../components/Dialog';

/**
 * Dialog state that gives focus back to the button that opened it. Only one dialog is mounted at a
 * time (the shared Dialog uses a fixed title id).
 */
export function useDialog<T = true>() {
  const [value, setValue] = useState<T | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = useCallback((next: T) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setValue(() => next);
  }, []);
  const close = useCallback(() => {
    setValue(null);
    window.requestAnimationFrame(() => {
      const target = opener.current;
      if (target?.isConnected) target.focus();
      else document.querySelector<HTMLElement>('[role="tabpanel"]')?.focus();
    });
  }, []);
  return { value, isOpen: value !== null, open, close };
}

export function FicheDialog({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  return (
    <Dialog title={title} open onClose={onClose}>
      <div className="fiche-dialog-body">{children}</div>
    </Dialog>
  );
}
