import { useEffect, useRef, useState, type DependencyList } from 'react';
import { BridgeError } from '../bridge';

/**
 * A list that follows its filters as the user types: loads shortly after the last change, keeps showing the
 * previous answer meanwhile, ignores answers to filters that changed since, and turns a failure into `failure`
 * (or the core's own French message).
 */
export function useDebouncedLoad<T>(load: () => Promise<T>, deps: DependencyList, failure: string, delayMs = 120): { result: T | null; error: string | null } {
  const [result, setResult] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let cancelled = false;
    const timer = window.setTimeout(() => {
      loadRef.current().then(
        (found) => {
          if (cancelled) return;
          setResult(found);
          setError(null);
        },
        (e: unknown) => !cancelled && setError(e instanceof BridgeError ? e.message : failure),
      );
    }, delayMs);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
    // The caller's filters decide when to load again.
  }, deps);
  return { result, error };
}
