import { useEffect } from 'react';
import { useSession } from '../../state/session';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Locks after `minutes` without keyboard or pointer activity (the screen may be left open in a shared office). */
export function useAutoLock(minutes: number | null): void {
  const lock = useSession((s) => s.lock);
  useEffect(() => {
    if (!minutes) return undefined;
    let timer = window.setTimeout(() => void lock(), minutes * 60_000);
    const reset = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void lock(), minutes * 60_000);
    };
    ACTIVITY_EVENTS.forEach((e) => window.addEventListener(e, reset, { passive: true }));
    return () => {
      window.clearTimeout(timer);
      ACTIVITY_EVENTS.forEach((e) => window.removeEventListener(e, reset));
    };
  }, [minutes, lock]);
}
