import { useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import type { z } from 'zod';
import { SyncEnrolInput, type SyncStatus } from '../../../../shared/ipc/sync';
import { BridgeError, call } from '../../bridge';
import { Field } from '../../components/Field';
import { zodResolver } from '../../lib/zod-resolver';

type FormValues = z.input<typeof SyncEnrolInput>;
const FIELDS = new Set(['hubUrl', 'code', 'deviceLabel']);

/** Enrolment with the one-time code given by the regional office (also used to enrol again). */
export function EnrolForm({ hubUrl, deviceLabel, onEnrolled }: { hubUrl: string | null; deviceLabel: string | null; onEnrolled(status: SyncStatus): void }) {
  const [serverError, setServerError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<FormValues, unknown, z.output<typeof SyncEnrolInput>>({
    resolver: zodResolver(SyncEnrolInput),
    defaultValues: { hubUrl: hubUrl ?? '', code: '', deviceLabel: deviceLabel ?? '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      onEnrolled(await call('sync.enrol', values));
    } catch (error) {
      if (!(error instanceof BridgeError)) {
        setServerError('L’inscription n’a pas abouti. Réessayez.');
        return;
      }
      const issues = (error.payload.issues ?? []).filter((i) => FIELDS.has(i.path));
      issues.forEach((issue, index) => setError(issue.path as FieldPath<FormValues>, { type: 'server', message: issue.message }, { shouldFocus: index === 0 }));
      if (issues.length === 0) setServerError(error.message);
    }
  });

  const errors = formState.errors;
  return (
    <form className="sync-enrol" onSubmit={onSubmit} noValidate aria-label="Inscription auprès du siège régional">
      <Field
        label="Adresse du siège régional"
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder="https://siege.exemple.fr"
        hint="Fournie par votre fédération, avec le code."
        error={errors.hubUrl?.message}
        {...register('hubUrl')}
      />
      <Field
        label="Code d’inscription"
        autoComplete="off"
        spellCheck={false}
        hint="Code à usage unique, valable 72 heures. Les tirets et les majuscules sont facultatifs."
        error={errors.code?.message}
        {...register('code')}
      />
      <Field label="Nom de cet ordinateur" autoComplete="off" hint="Pour que le siège reconnaisse ce poste, par exemple « Portable de Camille »." error={errors.deviceLabel?.message} {...register('deviceLabel')} />
      {serverError ? (
        <p className="form-error" role="alert">
          {serverError}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? 'Inscription…' : 'Inscrire cet ordinateur'}
        </button>
      </div>
    </form>
  );
}
