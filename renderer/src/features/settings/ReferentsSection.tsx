import { useState, type FormEvent } from 'react';
import type { Referent } from '../../../../shared/ipc/structure';
import { BridgeError, call } from '../../bridge';
import { Field } from '../../components/Field';
import { notifySaved } from '../../state/notices';
import { useReferents } from './useReferents';

function errorText(error: unknown, fallback: string): string {
  if (error instanceof BridgeError) return error.payload.issues?.[0]?.message ?? error.message;
  return fallback;
}

/** One référent: rename in place, deactivate (kept for history: past parcours still name them) or reactivate. */
function ReferentRow({ referent, onChanged }: { referent: Referent; onChanged: () => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(referent.displayName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (patch: { displayName: string; active: boolean }, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await call('referents.save', { id: referent.id, ...patch });
      await onChanged();
      setEditing(false);
      notifySaved(message);
    } catch (e) {
      setError(errorText(e, 'La modification n’a pas pu être enregistrée.'));
    } finally {
      setBusy(false);
    }
  };

  const rename = (event: FormEvent) => {
    event.preventDefault();
    void save({ displayName: name, active: referent.active }, 'Référent renommé.');
  };

  return (
    <li className="referent-row">
      {editing ? (
        <form className="inline-form" onSubmit={rename} noValidate>
          <Field
            label={`Nouveau nom pour ${referent.displayName}`}
            value={name}
            autoFocus
            maxLength={100}
            error={error ?? undefined}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                setEditing(false);
                setName(referent.displayName);
                setError(null);
              }
            }}
          />
          <button type="submit" className="primary" disabled={busy}>
            Valider le nom
          </button>
          <button
            type="button"
            onClick={() => {
              setEditing(false);
              setName(referent.displayName);
              setError(null);
            }}
          >
            Annuler
          </button>
        </form>
      ) : (
        <>
          <span className="referent-name">{referent.displayName}</span>
          <span className={`tag ${referent.active ? 'tag-ok' : ''}`}>{referent.active ? 'Actif' : 'Inactif'}</span>
          <span className="referent-actions">
            <button type="button" className="link" onClick={() => setEditing(true)}>
              Renommer<span className="visually-hidden"> {referent.displayName}</span>
            </button>
            <button
              type="button"
              className="link"
              disabled={busy}
              onClick={() =>
                void save(
                  { displayName: referent.displayName, active: !referent.active },
                  referent.active ? 'Référent désactivé.' : 'Référent réactivé.',
                )
              }
            >
              {referent.active ? 'Désactiver' : 'Réactiver'}
              <span className="visually-hidden"> {referent.displayName}</span>
            </button>
          </span>
          {error ? (
            <span className="field-error" role="alert">
              {error}
            </span>
          ) : null}
        </>
      )}
    </li>
  );
}

export function ReferentsSection() {
  const { referents, error: loadError, reload } = useReferents();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('referents.save', { displayName: name, active: true });
      setName('');
      await reload();
      notifySaved('Référent ajouté.');
    } catch (e) {
      setError(errorText(e, 'Le référent n’a pas pu être ajouté.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="referents-title">
      <h2 id="referents-title">Référents</h2>
      <p className="field-hint">
        Les conseillères et conseillers qui suivent les salariés. Un référent désactivé n’est plus proposé, mais reste
        attaché aux parcours qu’il a suivis.
      </p>
      {loadError ? (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      ) : null}
      {referents && referents.length === 0 ? <p>Aucun référent pour l’instant.</p> : null}
      {referents && referents.length > 0 ? (
        <ul className="referent-list" aria-label="Référents de la structure">
          {referents.map((referent) => (
            <ReferentRow key={referent.id} referent={referent} onChanged={reload} />
          ))}
        </ul>
      ) : null}
      <form className="inline-form" onSubmit={(e) => void add(e)} noValidate>
        <Field
          label="Nom du nouveau référent"
          value={name}
          maxLength={100}
          autoComplete="off"
          error={error ?? undefined}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={busy}>
          Ajouter le référent
        </button>
      </form>
    </section>
  );
}
