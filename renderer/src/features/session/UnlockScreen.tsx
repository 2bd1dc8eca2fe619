import { useEffect, useState, type FormEvent } from 'react';
import { BridgeError, call } from '../../bridge';
import { Field } from '../../components/Field';
import { useSession } from '../../state/session';
import { RestoreOffer, type RestoreOfferState } from './RestoreOffer';

export function UnlockScreen() {
  const { status, setStatus, refresh } = useSession();
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useState(status?.retryInSeconds ?? 0);
  // ── Backups: a damaged store is answered with the backups that can replace it (see RestoreOffer).
  const [restoreOffer, setRestoreOffer] = useState<RestoreOfferState | null>(null);

  useEffect(() => {
    if (wait <= 0) return undefined;
    const timer = window.setTimeout(() => setWait((w) => w - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [wait]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || wait > 0) return;
    setBusy(true);
    setError(null);
    try {
      const next = await call('session.unlock', mode === 'passphrase' ? { passphrase: secret } : { recoveryCode: secret });
      setSecret('');
      setStatus(next);
    } catch (e) {
      if (e instanceof BridgeError) {
        setError(e.message);
        if (e.payload.retryInSeconds) setWait(e.payload.retryInSeconds);
        // ── Backups: offer a restore instead of a dead end (the offer shows the message itself).
        if (e.payload.backups) setError(null);
        setRestoreOffer(
          e.payload.backups
            ? { message: e.message, backups: e.payload.backups, secret: mode === 'passphrase' ? { passphrase: secret } : { recoveryCode: secret } }
            : null,
        );
      } else {
        setError('Le déverrouillage a échoué.');
      }
      await refresh().catch(() => undefined);
    } finally {
      setBusy(false);
    }
  };

  const label = mode === 'passphrase' ? 'Phrase de passe' : 'Code de secours';
  return (
    <main className="gate">
      <div className="gate-card">
        <h1>Jalons est verrouillé</h1>
        <p>{mode === 'passphrase' ? 'Saisissez votre phrase de passe pour ouvrir vos dossiers.' : 'Saisissez le code de secours reçu lors de la première ouverture.'}</p>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field
            key={mode}
            label={label}
            type={mode === 'passphrase' ? 'password' : 'text'}
            autoComplete={mode === 'passphrase' ? 'current-password' : 'off'}
            autoFocus
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            error={error ?? undefined}
            spellCheck={false}
          />
          {wait > 0 ? (
            <p className="form-hint" aria-live="polite">
              Nouvelle tentative possible dans {wait} seconde{wait > 1 ? 's' : ''}.
            </p>
          ) : null}
          <button type="submit" className="primary" disabled={busy || wait > 0 || secret.length === 0}>
            {busy ? 'Déverrouillage…' : 'Déverrouiller'}
          </button>
        </form>
        {/* ── Backups: restore offer when the store is damaged ─────────────────────── */}
        {restoreOffer ? (
          <RestoreOffer
            offer={restoreOffer}
            onRestored={(next) => {
              setRestoreOffer(null);
              setSecret('');
              setStatus(next);
            }}
          />
        ) : null}
        {/* ── end of the restore offer ──────────────────────────────────────────────── */}
        <button
          type="button"
          className="link"
          onClick={() => {
            setMode(mode === 'passphrase' ? 'recovery' : 'passphrase');
            setSecret('');
            setError(null);
          }}
        >
          {mode === 'passphrase' ? 'Phrase de passe oubliée ? Utiliser le code de secours' : 'Utiliser ma phrase de passe'}
        </button>
      </div>
    </main>
  );
}
