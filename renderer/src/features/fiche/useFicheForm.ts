import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { BridgeError } from '../../bridge';
import { useDraft } from '../../lib/useDraft';
import { zodResolver } from '../../lib/zod-resolver';
import { notifySaved } from '../../state/notices';
import { useFiche } from './store';

type FormSchema = z.ZodType<FieldValues, FieldValues>;

export interface FicheFormOptions<S extends FormSchema, R> {
  /** The contract's input schema: the browser validates exactly like the core. */
  schema: S;
  defaultValues: z.input<S>;
  /** `<form>:<salarieId>` — kept in the encrypted store until saved; null for one-click forms. */
  draftKey: string | null;
  save(values: z.output<S>): Promise<R>;
  /** Server issue paths start with this (e.g. `identity.` for `salaries.updateIdentity`). */
  issuePrefix?: string;
  /** After a save: back to the defaults (add forms) or keep what was typed as the new baseline (edit forms). */
  afterSave?: 'reset' | 'keep';
  savedMessage?: string;
  onSaved?(result: R, values: z.output<S>): void;
  /** « Choisissez … » instead of zod's generic enum message when a required select is left empty. */
  choiceMessages?: Partial<Record<string, string>>;
}

export interface FicheForm<S extends FormSchema> {
  form: UseFormReturn<z.input<S>, unknown, z.output<S>>;
  formRef: RefObject<HTMLFormElement | null>;
  onSubmit(event?: FormEvent): Promise<void>;
  /** Errors that belong to no visible field (or non-validation refusals such as a forbidden transition). */
  formError: string | null;
  draftRestored: boolean;
  discardDraft(): Promise<void>;
}

/**
 * The one way fiche forms behave: contract-schema validation inline, server issues mapped back onto
 * the fields, a draft kept until the save succeeds, then « Enregistré » and a fresh fiche.
 */
export function useFicheForm<S extends FormSchema, R>(options: FicheFormOptions<S, R>): FicheForm<S> {
  const { schema, defaultValues, draftKey, issuePrefix = '', afterSave = 'keep', savedMessage } = options;
  const baseResolver = zodResolver(schema);
  const choiceMessages = options.choiceMessages;
  const resolver: Resolver<z.input<S>, unknown, z.output<S>> = async (values, context, opts) => {
    const result = await baseResolver(values, context, opts);
    const errors = result.errors as Record<string, { type: string; message?: string } | undefined>;
    for (const [field, message] of Object.entries(choiceMessages ?? {})) {
      const value: unknown = (values as Record<string, unknown>)[field];
      const error = errors[field];
      if (error && message && (value === '' || value === null || value === undefined)) errors[field] = { ...error, message };
    }
    return result;
  };
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver,
    defaultValues: defaultValues as DefaultValues<z.input<S>>,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  // Reading isDirty during render subscribes to it (react-hook-form proxies formState); the draft hook relies on it.
  const isDirty = form.formState.isDirty;
  const draft = useDraft(draftKey, form as unknown as UseFormReturn<FieldValues>);
  const formRef = useRef<HTMLFormElement | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const refresh = useFiche((s) => s.refresh);
  const latest = useRef(options);
  latest.current = options;

  // Fresh server data replaces the baseline, unless the user is typing (or a draft was restored).
  const defaultsKey = JSON.stringify(defaultValues);
  useEffect(() => {
    if (!isDirty) form.reset(JSON.parse(defaultsKey) as z.input<S>);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [defaultsKey]);

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      const result = await latest.current.save(values);
      await draft.clear();
      form.reset(afterSave === 'reset' ? (JSON.parse(defaultsKey) as z.input<S>) : form.getValues());
      notifySaved(savedMessage ?? 'Enregistré.');
      latest.current.onSaved?.(result, values);
      await refresh();
    } catch (error) {
      setFormError(applyServerError(error, form, formRef.current, issuePrefix));
    }
  });

  return {
    form,
    formRef,
    async onSubmit(event?: FormEvent) {
      await submit(event);
    },
    formError,
    draftRestored: draft.restored,
    async discardDraft() {
      await draft.clear();
      form.reset(JSON.parse(defaultsKey) as z.input<S>);
    },
  };
}

/** Puts VALIDATION issues on their fields; returns what must be shown at the form level. */
function applyServerError<T extends FieldValues>(
  error: unknown,
  form: UseFormReturn<T, unknown, FieldValues>,
  element: HTMLFormElement | null,
  prefix: string,
): string | null {
  if (!(error instanceof BridgeError)) return 'L’enregistrement a échoué. Réessayez ; si le problème persiste, relancez Jalons.';
  const issues = error.payload.issues ?? [];
  if (error.payload.code !== 'VALIDATION' || issues.length === 0) return error.message;
  const unplaced: string[] = [];
  let focused = false;
  for (const issue of issues) {
    const path = prefix && issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path;
    const field = element?.querySelector<HTMLElement>(`[name="${CSS.escape(path)}"]`);
    if (field) {
      form.setError(path as Path<T>, { type: 'server', message: issue.message });
      if (!focused) {
        field.focus();
        focused = true;
      }
    } else {
      unplaced.push(issue.message);
    }
  }
  if (unplaced.length === 0) return null;
  return unplaced.join(' ');
}

/** Text inputs for numbers: `35`, `17,5` → number; empty → null; anything else stays NaN so zod explains. */
export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? Number.NaN : value;
  const text = String(value).trim().replace(/\s/g, '').replace(',', '.');
  if (text === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

/** Selects whose empty option means “not set”. */
export function emptyToNull(value: unknown): string | null {
  return value === '' || value === undefined || value === null ? null : String(value);
}

/**
 * An empty date field before the user types: DateField hands `null` to the form and the contract's
 * DateField answers « Indiquez une date. ». Typed as a string because that is what the schema accepts.
 */
export const NO_DATE = null as unknown as string;

/** A required select left on its empty option (see `choiceMessages`). */
export const NO_CHOICE = '' as never;
