import { useEffect, useState } from 'react';
import { BridgeError, call } from '../../bridge';
import { PageHeader } from '../../components/PageHeader';
import { SalariePicker, type PickedSalarie } from '../agenda/SalariePicker';
import { salarieHref } from '../entretiens/links';
import { newImmersionValues } from './formModel';
import { ImmersionForm } from './ImmersionForm';
import { immersionHref, immersionsHref, prepareHref } from './links';

/** « Préparer une immersion »: choose the salarié, then the preparation form (saved as a brouillon). */
export function PrepareImmersionPage({ salarieId }: { salarieId: string | null }) {
  const [picked, setPicked] = useState<PickedSalarie | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!salarieId) return undefined;
    let cancelled = false;
    setName(null);
    setError(null);
    call('salaries.get', { id: salarieId }).then(
      (fiche) => !cancelled && setName(`${fiche.identity.firstName} ${fiche.identity.lastName}`),
      (e: unknown) => !cancelled && setError(e instanceof BridgeError ? e.message : 'La fiche du salarié n’a pas pu être ouverte.'),
    );
    return () => {
      cancelled = true;
    };
  }, [salarieId]);

  return (
    <>
      <PageHeader
        title={name ? `Préparer une immersion — ${name}` : 'Préparer une immersion'}
        actions={
          <>
            {salarieId ? (
              <a className="button" href={salarieHref(salarieId)}>
                Fiche du salarié
              </a>
            ) : null}
            <a className="button" href={immersionsHref()}>
              Immersions
            </a>
          </>
        }
      />
      {!salarieId ? (
        <form
          className="entity-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (picked) window.location.hash = prepareHref(picked.id);
          }}
        >
          <p className="page-subtitle">Pour qui ? L’immersion sera rattachée à son parcours et visible sur sa fiche.</p>
          <SalariePicker value={picked} onChange={setPicked} autoFocus />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={!picked}>
              Continuer
            </button>
          </div>
        </form>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {salarieId && !name && !error ? <p aria-busy="true">Chargement…</p> : null}
      {salarieId && name ? (
        <>
          <p className="page-subtitle">
            L’immersion est créée en brouillon : la convention se prépare ensuite, avec la grille d’évaluation.
          </p>
          <ImmersionForm
            initial={newImmersionValues(salarieId)}
            draftKey={`immersion:nouvelle:${salarieId}`}
            submitLabel="Créer l’immersion"
            onSaved={(view) => {
              window.location.hash = immersionHref(view.id);
            }}
          />
        </>
      ) : null}
    </>
  );
}
