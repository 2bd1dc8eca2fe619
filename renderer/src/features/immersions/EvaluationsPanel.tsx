import { useState } from 'react';
import { evaluationKindLabels, evaluationStatusLabels, evaluatorRoleLabels } from '../../../../shared/domain/immersions';
import type { ImmersionView } from '../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../bridge';
import { formatDateShort } from '../../lib/format';
import { evaluationHref, immersionHref } from './links';
import { Progression } from './Progression';
import { lowerFirst } from './text';

/** The evaluations (planned, then carried out) and the progression they draw. */
export function EvaluationsPanel({ view, onChanged }: { view: ImmersionView; onChanged(view: ImmersionView, message: string): void }) {
  const [error, setError] = useState<string | null>(null);
  const hasFinal = view.evaluations.some((e) => e.kind === 'finale');
  const cancelled = view.status === 'annulee';

  async function run(work: () => Promise<ImmersionView>, message: string) {
    setError(null);
    try {
      onChanged(await work(), message);
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'L’opération n’a pas pu se faire. Réessayez.');
    }
  }

  return (
    <>
      <section className="card" aria-labelledby="evaluations-title">
        <div className="panel-heading">
          <h2 id="evaluations-title">Évaluations</h2>
          {!cancelled ? (
            <div className="page-actions">
              {view.startDate && view.endDate ? (
                <button type="button" onClick={() => void run(() => call('immersions.planEvaluations', { id: view.id }), 'Évaluations planifiées : elles sont dans l’agenda.')}>
                  Planifier les évaluations
                </button>
              ) : null}
              <a className="button" href={evaluationHref(view.id, 'nouvelle')}>
                Nouvelle évaluation hebdomadaire
              </a>
              {!hasFinal ? (
                <a className="button" href={`${evaluationHref(view.id, 'nouvelle')}/finale`}>
                  Évaluation finale
                </a>
              ) : null}
            </div>
          ) : null}
        </div>
        {!view.grid ? (
          <p className="warnings">
            Construisez d’abord la <a href={immersionHref(view.id, 'grille')}>grille d’évaluation</a> : les évaluations s’y reportent.
          </p>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        {view.evaluations.length === 0 ? (
          <p className="muted">
            Aucune évaluation pour l’instant. Pour une immersion de validation des compétences, une évaluation intermédiaire chaque semaine, puis
            l’évaluation finale avec la structure d’accueil.
          </p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Évaluations de l’immersion</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Évaluation</th>
                <th scope="col">Statut</th>
                <th scope="col">Évaluateurs</th>
                <th scope="col" className="num">
                  Items notés
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.evaluations.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{formatDateShort(e.date)}</td>
                  <th scope="row">
                    <a href={evaluationHref(view.id, e.id)}>{evaluationKindLabels[e.kind]}</a>
                  </th>
                  <td>{evaluationStatusLabels[e.status]}</td>
                  <td>{e.evaluators.map((x) => `${x.name} (${lowerFirst(evaluatorRoleLabels[x.role])})`).join(', ') || '—'}</td>
                  <td className="num">{e.ratings.filter((r) => r.levelCode !== null).length}</td>
                  <td className="row-actions">
                    <a href={evaluationHref(view.id, e.id)}>
                      {e.status === 'planifiee' ? 'Saisir' : 'Modifier'}
                      <span className="visually-hidden"> l’évaluation du {formatDateShort(e.date)}</span>
                    </a>
                    {!cancelled ? (
                      <button
                        type="button"
                        className="link danger-link"
                        onClick={() => void run(() => call('immersions.deleteEvaluation', { id: e.id }), 'Évaluation supprimée.')}
                      >
                        Supprimer<span className="visually-hidden"> l’évaluation du {formatDateShort(e.date)}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="progression-title">
        <h2 id="progression-title">Progression</h2>
        {view.progression && view.grid ? <Progression progression={view.progression} kind={view.grid.kind} /> : <p className="muted">La progression apparaîtra après la première évaluation.</p>}
      </section>
    </>
  );
}
