import { useEffect, useState } from 'react';
import { IMMERSION_OBJECTIVES, assessmentStatusLabels, immersionObjectiveShortLabels, type ImmersionObjective } from '../../../../shared/domain/immersions';
import type { ImmersionListRow, ImmersionPhase } from '../../../../shared/ipc/immersions';
import type { Referent } from '../../../../shared/ipc/structure';
import { call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { formatCount, formatDateShort } from '../../lib/format';
import { useDebouncedLoad } from '../../lib/useDebouncedLoad';
import { immersionHref, prepareHref, templatesHref } from './links';
import { StatusBadge } from './StatusBadge';

const PHASES: ReadonlyArray<readonly [ImmersionPhase, string]> = [
  ['toutes', 'Toutes'],
  ['en_cours', 'En cours'],
  ['a_venir', 'En préparation ou à venir'],
  ['terminees', 'Terminées ou annulées'],
];

function period(row: ImmersionListRow): string {
  if (row.startDate && row.endDate) return `${formatDateShort(row.startDate)} → ${formatDateShort(row.endDate)}`;
  if (row.startDate) return `À partir du ${formatDateShort(row.startDate)}`;
  return 'Dates à fixer';
}

/** Immersions in progress, in preparation and done, with filters; « Préparer une immersion » starts one. */
export function ImmersionsPage() {
  const [phase, setPhase] = useState<ImmersionPhase>('toutes');
  const [objective, setObjective] = useState<ImmersionObjective | null>(null);
  const [referentId, setReferentId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [referents, setReferents] = useState<Referent[]>([]);

  useEffect(() => {
    call('referents.list', {}).then(setReferents, () => setReferents([]));
  }, []);

  const { result, error } = useDebouncedLoad(
    () => call('immersions.list', { phase, objective, referentId, query: query.trim().slice(0, 100) }),
    [phase, objective, referentId, query],
    'La liste des immersions n’a pas pu être chargée. Réessayez.',
  );

  const filtered = phase !== 'toutes' || objective !== null || referentId !== null || query.trim() !== '';

  return (
    <>
      <PageHeader
        title="Immersions"
        actions={
          <>
            <a className="button" href={templatesHref()}>
              Modèles de grilles
            </a>
            <a className="button primary" href={prepareHref()}>
              Préparer une immersion
            </a>
          </>
        }
      />
      <div className="toolbar" role="search" aria-label="Filtrer les immersions">
        <Field label="Rechercher" type="search" value={query} autoComplete="off" placeholder="Salarié, entreprise, métier" onChange={(e) => setQuery(e.target.value)} />
        <SelectField label="Période" options={PHASES} value={phase} onChange={(e) => setPhase(e.target.value as ImmersionPhase)} />
        <SelectField
          label="Objectif"
          options={optionsFrom(IMMERSION_OBJECTIVES, immersionObjectiveShortLabels)}
          emptyLabel="Tous les objectifs"
          value={objective ?? ''}
          onChange={(e) => setObjective((e.target.value || null) as ImmersionObjective | null)}
        />
        <SelectField
          label="Référent·e"
          options={referents.filter((r) => r.active).map((r) => [r.id, r.displayName] as const)}
          emptyLabel="Tous les référents"
          value={referentId ?? ''}
          onChange={(e) => setReferentId(e.target.value || null)}
        />
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {result === null && !error ? <p aria-busy="true">Chargement des immersions…</p> : null}
      {result ? (
        <p className="count" role="status">
          {formatCount(result.total)} immersion{result.total > 1 ? 's' : ''}
          {filtered ? ' correspondant aux filtres' : ''}
        </p>
      ) : null}
      {result && result.rows.length === 0 ? (
        filtered ? (
          <EmptyState title="Aucune immersion ne correspond">
            <p>Retirez un filtre ou vérifiez l’orthographe de la recherche.</p>
          </EmptyState>
        ) : (
          <EmptyState
            title="Aucune immersion pour l’instant"
            action={
              <a className="button primary" href={prepareHref()}>
                Préparer une immersion
              </a>
            }
          >
            <p>
              Les immersions (PMSMP) et leurs grilles d’évaluation apparaîtront ici, de la préparation au bilan. Commencez par choisir le
              salarié et l’objectif : découvrir un métier, confirmer un projet professionnel ou initier une démarche de recrutement.
            </p>
          </EmptyState>
        )
      ) : null}
      {result && result.rows.length > 0 ? (
        <table className="data-table immersions-table">
          <caption className="visually-hidden">Immersions</caption>
          <thead>
            <tr>
              <th scope="col">Salarié·e</th>
              <th scope="col">Objectif</th>
              <th scope="col">Métier</th>
              <th scope="col">Structure d’accueil</th>
              <th scope="col">Dates</th>
              <th scope="col">Statut</th>
              <th scope="col">Suivi</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <a href={immersionHref(row.id)}>{row.salarieName}</a>
                  {row.referentName ? <span className="cell-sub">Suivi·e par {row.referentName}</span> : null}
                </th>
                <td>
                  {immersionObjectiveShortLabels[row.objective]}
                  {row.isRenewal ? <span className="cell-sub">Renouvellement</span> : null}
                </td>
                <td>{row.romeLabel ?? '—'}</td>
                <td>{row.hostName ?? 'À trouver'}</td>
                <td className="nowrap">{period(row)}</td>
                <td>
                  <StatusBadge status={row.status} />
                </td>
                <td>
                  {row.bilanStatus
                    ? `Bilan : ${assessmentStatusLabels[row.bilanStatus].toLowerCase()}`
                    : row.nextEvaluationDate
                      ? `Évaluation le ${formatDateShort(row.nextEvaluationDate)}`
                      : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
