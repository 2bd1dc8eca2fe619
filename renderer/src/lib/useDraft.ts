import { useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { call } from '../bridge';

/**
 * Keeps an unsaved form in the encrypted store (never in browser storage), so nothing typed is lost on
 * navigation, lock or a closed window. Restores it on mount; `clear()` after a successful save.
 */
export function useDraft<T extends FieldValues>(key: string | null, form: UseFormReturn<T>) {
  const [restored, setRestored] = useState(false);
  const ready = useRef(false);
  const pending = useRef<number | undefined>(undefined);

  useEffect(() => {
    ready.current = false;
    if (!key) return undefined;
    let cancelled = false;
    void call('drafts.get', { key })
      .then((draft) => {
        if (cancelled) return;
        if (draft && draft.value && typeof draft.value === 'object') {
          form.reset(draft.value as T, { keepDefaultValues: true });
          setRestored(true);
        }
      })
      .catch(() => undefined)
      .finally(() => {
        ready.current = true;
      });
    return () => {
      cancelled = true;
    };
  }, [key, form]);

  useEffect(() => {
    if (!key) return undefined;
    const subscription = form.watch(() => {
      if (!ready.current) return;
      window.clearTimeout(pending.current);
      // Dirtiness is read when the timer fires: right after a save the form is reset (no longer dirty),
      // and a save typed-then-submitted within the delay must not resurrect the draft.
      pending.current = window.setTimeout(() => {
        pending.current = undefined;
        if (form.formState.isDirty) void call('drafts.save', { key, value: form.getValues() }).catch(() => undefined);
      }, 400);
    });
    return () => {
      subscription.unsubscribe();
      // Leaving right after typing: write the draft now rather than dropping it.
      if (pending.current !== undefined) {
        window.clearTimeout(pending.current);
        pending.current = undefined;
        if (form.formState.isDirty) void call('drafts.save', { key, value: form.getValues() }).catch(() => undefined);
      }
    };
  }, [key, form]);

  return {
    restored,
    async clear() {
      window.clearTimeout(pending.current);
      pending.current = undefined;
      setRestored(false);
      if (key) await call('drafts.delete', { key }).catch(() => undefined);
    },
  };
}
