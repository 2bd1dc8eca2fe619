import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract } from '../../../../shared/ipc/contract';
import { passphraseStrength } from '../../../../shared/security/passphrase-strength';
import { BridgeError, call } from '../../bridge';
import { Field } from '../../components/Field';
import { zodResolver } from '../../lib/zod-resolver';

const newPassphrase = contract['session.changePassphrase'].input.shape.newPassphrase;

function schemaFor(requireCurrent: boolean) {
  return z
    .object({
      currentPassphrase: requireCurrent ? z.string().min(1, { error: 'Saisissez votre phrase de passe actuelle.' }) : z.string(),
      newPassphrase,
      confirmation: z.string(),
    })
    .refine((v) => v.newPassphrase === v.confirmation, {
      path: ['confirmation'],
      error: 'Les deux saisies ne correspondent pas.',
    });
}
type FormValues = z.infer<ReturnType<typeof schemaFor>>;

/** Rewraps the database key under a new passphrase; the data itself is not re-encrypted (instant). */
export function ChangePassphraseForm({ requireCurrent, onDone }: { requireCurrent: boolean; onDone: () => void }) {
  const [serverError, setServerError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, watch, reset, formState } = useForm<FormValues>({
    resolver: zodResolver(schemaFor(requireCurrent)),
    defaultValues: { currentPassphrase: '', newPassphrase: '', confirmation: '' },
  });
  const strength = passphraseStrength(watch('newPassphrase'));
  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    setSaved(false);
    try {
      await call('session.changePassphrase', {
        ...(requireCurrent ? { currentPassphrase: values.currentPassphrase } : {}),
        newPassphrase: values.newPassphrase,
      });
      reset();
      setSaved(true);
      onDone();
    } catch (error) {
      setServerError(error instanceof BridgeError ? error.message : 'Le changement a échoué.');
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Changer la phrase de passe">
      {requireCurrent ? (
        <Field
          label="Phrase de passe actuelle"
          type="password"
          autoComplete="current-password"
          error={formState.errors.currentPassphrase?.message}
          {...register('currentPassphrase')}
        />
      ) : null}
      <Field
        label="Nouvelle phrase de passe"
        type="password"
        autoComplete="new-password"
        error={formState.errors.newPassphrase?.message}
        hint={
          <span className={`strength strength-${strength.level}`}>
            Solidité : <strong>{strength.label}</strong>. {strength.advice}
          </span>
        }
        {...register('newPassphrase')}
      />
      <Field
        label="Confirmez la nouvelle phrase de passe"
        type="password"
        autoComplete="new-password"
        error={formState.errors.confirmation?.message}
        {...register('confirmation')}
      />
      {serverError ? (
        <p className="form-error" role="alert">
          {serverError}
        </p>
      ) : null}
      <p className="form-status" role="status">
        {saved ? 'Phrase de passe changée.' : ''}
      </p>
      <button type="submit" className="primary" disabled={formState.isSubmitting}>
        Changer la phrase de passe
      </button>
    </form>
  );
}
