import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract } from '../../../../shared/ipc/contract';
import { passphraseStrength } from '../../../../shared/security/passphrase-strength';
import { BridgeError, call } from '../../bridge';
import { Field } from '../../components/Field';
import { zodResolver } from '../../lib/zod-resolver';
import { useSession } from '../../state/session';

const SetupForm = z
  .object({
    passphrase: contract['session.setup'].input.shape.passphrase,
    confirmation: z.string(),
  })
  .refine((v) => v.passphrase === v.confirmation, {
    path: ['confirmation'],
    error: 'Les deux saisies ne correspondent pas. Retapez la phrase de passe à l’identique.',
  });
type SetupForm = z.infer<typeof SetupForm>;

export function SetupScreen() {
  const showRecoveryCode = useSession((s) => s.showRecoveryCode);
  const [serverError, setServerError] = useState<string | null>(null);
  const { register, handleSubmit, watch, formState } = useForm<SetupForm>({
    resolver: zodResolver(SetupForm),
    defaultValues: { passphrase: '', confirmation: '' },
  });
  const strength = passphraseStrength(watch('passphrase'));

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const { recoveryCode } = await call('session.setup', { passphrase: values.passphrase });
      showRecoveryCode(recoveryCode);
    } catch (error) {
      setServerError(error instanceof BridgeError ? error.message : 'La configuration a échoué.');
    }
  });

  return (
    <main className="gate">
      <div className="gate-card">
        <h1>Bienvenue dans Jalons</h1>
        <p>
          Vos données restent sur cet ordinateur, chiffrées. Choisissez une phrase de passe : elle vous sera demandée à
          chaque ouverture. Une courte phrase de quatre mots est facile à retenir et difficile à deviner.
        </p>
        <form onSubmit={onSubmit} noValidate>
          <Field
            label="Phrase de passe"
            type="password"
            autoComplete="new-password"
            autoFocus
            error={formState.errors.passphrase?.message}
            hint={
              <span className={`strength strength-${strength.level}`} aria-live="polite">
                Solidité : <strong>{strength.label}</strong>. {strength.advice}
              </span>
            }
            {...register('passphrase')}
          />
          <Field
            label="Confirmez la phrase de passe"
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
          <button type="submit" className="primary" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Création du coffre chiffré…' : 'Créer mon espace chiffré'}
          </button>
        </form>
      </div>
    </main>
  );
}

/** Shown once, right after setup: the recovery code is the only way back if the passphrase is forgotten. */
export function RecoveryCodeScreen({ code }: { code: string }) {
  const { showRecoveryCode, refresh } = useSession();
  const [confirmed, setConfirmed] = useState(false);
  return (
    <main className="gate">
      <div className="gate-card">
        <h1>Votre code de secours</h1>
        <p>
          Si vous oubliez votre phrase de passe, ce code est le <strong>seul</strong> moyen de retrouver vos données.
          Notez-le sur papier et rangez-le hors de l’ordinateur. Il ne sera plus jamais affiché.
        </p>
        <p className="recovery-code" data-testid="recovery-code" aria-label="Code de secours">
          {code}
        </p>
        <div className="checkbox">
          <input id="recovery-confirm" type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
          <label htmlFor="recovery-confirm">J’ai noté ce code de secours en lieu sûr</label>
        </div>
        <button
          type="button"
          className="primary"
          disabled={!confirmed}
          onClick={() => {
            showRecoveryCode(null);
            void refresh();
          }}
        >
          Continuer
        </button>
      </div>
    </main>
  );
}
