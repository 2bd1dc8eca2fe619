import { useEffect, useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { GRID_SECTIONS, gridSectionLabels } from '../../../../shared/domain/grid-templates';
import {
  EVALUATION_KINDS,
  EVALUATOR_ROLES,
  evaluationKindLabels,
  evaluatorRoleLabels,
  type EvaluationKind,
  type EvaluationStatus,
  type EvaluatorRole,
} from '../../../../shared/domain/immersions';
import type { EvaluationView, ImmersionView } from '../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../bridge';
import { DraftRestoredNotice } from '../../components/DraftRestoredNotice';
import { EmptyState } from '../../components/EmptyState';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { DateField } from '../../components/forms/DateField';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { TextAreaField } from '../../components/forms/TextAreaField';
import { todayIso } from '../../lib/dates';
import { formatDateLong } from '../../lib/format';
import { useDraft } from '../../lib/useDraft';
import { notifySaved } from '../../state/notices';
import { parseTypedTime } from '../agenda/time';
import { immersionHref } from './links';
import { ScaleLegend } from './ScaleLegend';

interface EvaluationFormValues {
  kind: EvaluationKind;
  date: string | null;
  startTime: string;
  evaluators: { role: EvaluatorRole; name: string }[];
  /** Keyed by grid item id. */
  ratings: Record<string, { levelCode: string; comment: string }>;
  salarieOpinion: string;
  hostOpinion: string;
}

function initialValues(view: ImmersionView, existing: EvaluationView | null, kind: EvaluationKind): EvaluationFormValues {
  const ratings: EvaluationFormValues['ratings'] = {};
  for (const item of view.grid?.items ?? []) ratings[item.id] = { levelCode: '', comment: '' };
  for (const r of existing?.ratings ?? []) ratings[r.itemId] = { levelCode: r.levelCode ?? '', comment: r.comment ?? '' };
  const evaluators = existing?.evaluators.length
    ? existing.evaluators
    : [
        ...(view.tutor ? [{ role: 'tuteur' as const, name: view.tutor.name }] : []),
        ...(view.referentName ? [{ role: 'referent' as const, name: view.referentName }] : []),
      ];
  return {
    kind: existing?.kind ?? kind,
    date: existing?.date ?? todayIso(),
    startTime: existing?.startTime ?? '',
    evaluators: evaluators.length ? evaluators : [{ role: 'tuteur', name: '' }],
    ratings,
    salarieOpinion: existing?.salarieOpinion ?? '',
    hostOpinion: existing?.hostOpinion ?? '',
  };
}

/** `#/immersions/<id>/evaluation/<evaluationId | nouvelle>[/finale]` */
export function EvaluationPage({ immersionId, evaluationId, kind }: { immersionId: string; evaluationId: string | null; kind: EvaluationKind }) {
  const [view, setView] = useState<ImmersionView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setView(null);
    setError(null);
    call('immersions.get', { id: immersionId }).then(
      (v) => !cancelled && setView(v),
      (e: unknown) => !cancelled && setError(e instanceof BridgeError ? e.message : 'L’immersion n’a pas pu être ouverte.'),
    );
    return () => {
      cancelled = true;
    };
  }, [immersionId]);

  useEffect(() => {
    document.getElementById('page-title')?.focus();
  }, [immersionId, evaluationId]);

  const existing = view && evaluationId ? (view.evaluations.find((e) => e.id === evaluationId) ?? null) : null;
  const name = view ? `${view.salarieFirstName} ${view.salarieLastName}` : null;
  const title = existing ? `${evaluationKindLabels[existing.kind]}${name ? ` — ${name}` : ''}` : `Nouvelle évaluation${name ? ` — ${name}` : ''}`;

  return (
    <>
      <PageHeader
        title={title}
        actions={
          <a className="button" href={immersionHref(immersionId, 'evaluations')}>
            Retour à l’immersion
          </a>
        }
      />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {!view && !error ? <p aria-busy="true">Chargement de la grille…</p> : null}
      {view && evaluationId && !existing ? (
        <EmptyState title="Évaluation introuvable">
          <p>
            Cette évaluation n’existe plus. Revenez à l’<a href={immersionHref(immersionId, 'evaluations')}>immersion</a>.
          </p>
        </EmptyState>
      ) : null}
      {view && !view.grid ? (
        <EmptyState title="Pas encore de grille d’évaluation">
          <p>
            Construisez d’abord la <a href={immersionHref(immersionId, 'grille')}>grille de l’immersion</a> à partir d’un modèle.
          </p>
        </EmptyState>
      ) : null}
      {view && view.grid && (!evaluationId || existing) ? (
        <EvaluationForm key={`${immersionId}:${evaluationId ?? 'nouvelle'}`} view={view} existing={existing} kind={kind} />
      ) : null}
    </>
  );
}

/**
 * One row per item: a fieldset whose legend is the item, a radio button per level (arrow keys move
 * within the item, Tab to the next one) and an optional comment; then the two open questions.
 */
function EvaluationForm({ view, existing, kind }: { view: ImmersionView; existing: EvaluationView | null; kind: EvaluationKind }) {
  const grid = view.grid!;
  const initial = initialValues(view, existing, kind);
  const form = useForm<EvaluationFormValues>({ defaultValues: initial });
  const { control, register, handleSubmit, formState } = form;
  const draft = useDraft(`immersion:${view.id}:evaluation:${existing?.id ?? `nouvelle-${kind}`}`, form);
  const evaluators = useFieldArray({ control, name: 'evaluators' });
  const [status, setStatus] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const earlierLabel = new Map(existing?.ratings.map((r) => [r.itemId, r.itemLabel]) ?? []);
  // Items shown: the live ones, and removed ones this evaluation already rated.
  const items = grid.items.filter((i) => !i.removed || earlierLabel.has(i.id));
  const isPlanned = existing?.status === 'planifiee';

  async function save(values: EvaluationFormValues, evaluationStatus: EvaluationStatus) {
    setStatus(null);
    setSaving(true);
    try {
      await call('immersions.saveEvaluation', {
        ...(existing ? { id: existing.id } : {}),
        immersionId: view.id,
        kind: values.kind,
        status: evaluationStatus,
        date: values.date ?? '',
        startTime: parseTypedTime(values.startTime),
        evaluators: values.evaluators.filter((e) => e.name.trim() !== ''),
        ratings: items.map((i) => ({ itemId: i.id, levelCode: values.ratings[i.id]?.levelCode || null, comment: values.ratings[i.id]?.comment ?? '' })),
        salarieOpinion: values.salarieOpinion,
        hostOpinion: values.hostOpinion,
      });
      await draft.clear();
      form.reset(values);
      notifySaved(evaluationStatus === 'realisee' ? 'Évaluation enregistrée.' : 'Évaluation planifiée.');
      window.location.hash = immersionHref(view.id, 'evaluations');
    } catch (e) {
      setStatus({ tone: 'error', text: e instanceof BridgeError ? e.message : 'L’évaluation n’a pas pu être enregistrée. Réessayez.' });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="evaluation-form" noValidate onSubmit={(e) => void handleSubmit((values) => save(values, 'realisee'))(e)}>
      {draft.restored ? (
        <DraftRestoredNotice
          onDiscard={() => {
            form.reset(initial);
            void draft.clear();
          }}
        />
      ) : null}
      {isPlanned ? <p className="page-subtitle">Évaluation prévue le {formatDateLong(existing.date)} : notez chaque item avec la structure d’accueil.</p> : null}
      <div className="form-row evaluation-meta">
        <SelectField label="Évaluation" options={optionsFrom(EVALUATION_KINDS, evaluationKindLabels)} {...register('kind')} />
        <Controller
          control={control}
          name="date"
          render={({ field }) => <DateField label="Date" name="date" value={field.value} onChange={field.onChange} onBlur={field.onBlur} required />}
        />
        <Field label="Heure" placeholder="14:30" {...register('startTime')} />
      </div>
      <fieldset className="evaluators">
        <legend>Évaluateurs</legend>
        <ul className="evaluator-list">
          {evaluators.fields.map((f, index) => (
            <li key={f.id} className="evaluator-row">
              <SelectField label={`Rôle de l’évaluateur ${index + 1}`} options={optionsFrom(EVALUATOR_ROLES, evaluatorRoleLabels)} {...register(`evaluators.${index}.role`)} />
              <Field label={`Nom de l’évaluateur ${index + 1}`} error={formState.errors.evaluators?.[index]?.name?.message} {...register(`evaluators.${index}.name`)} />
              <button type="button" className="link danger-link row-remove" onClick={() => evaluators.remove(index)}>
                Retirer<span className="visually-hidden"> l’évaluateur {index + 1}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => evaluators.append({ role: 'salarie', name: `${view.salarieFirstName} ${view.salarieLastName}` })}>
          Ajouter un évaluateur
        </button>
      </fieldset>

      <ScaleLegend scale={grid.scale} />
      <div className="rating-grid" role="group" aria-label="Notation des items">
        {GRID_SECTIONS.map((section) => {
          const sectionItems = items.filter((i) => i.section === section);
          if (sectionItems.length === 0) return null;
          return (
            <section key={section} className="rating-section" aria-labelledby={`section-${section}`}>
              <h2 id={`section-${section}`} className="section-title">
                {gridSectionLabels[section]}
              </h2>
              {sectionItems.map((item) => {
                const label = earlierLabel.get(item.id) ?? item.label;
                return (
                  <fieldset key={item.id} className="rating-row">
                    <legend>{label}</legend>
                    <div className="rating-levels">
                      {grid.scale.map((level) => (
                        <div key={level.code} className={`rating-level${level.evaluated ? '' : ' is-not-evaluated'}`}>
                          <input type="radio" id={`r-${item.id}-${level.code}`} value={level.code} {...register(`ratings.${item.id}.levelCode`)} />
                          <label htmlFor={`r-${item.id}-${level.code}`}>{level.label}</label>
                        </div>
                      ))}
                    </div>
                    <div className="rating-comment">
                      <label htmlFor={`c-${item.id}`} className="visually-hidden">
                        Commentaire : {label}
                      </label>
                      <input id={`c-${item.id}`} placeholder="Commentaire (facultatif)" {...register(`ratings.${item.id}.comment`)} />
                    </div>
                  </fieldset>
                );
              })}
            </section>
          );
        })}
      </div>

      <fieldset>
        <legend>Questions ouvertes</legend>
        <TextAreaField label="Avis du salarié" rows={3} {...register('salarieOpinion')} />
        <TextAreaField label="Avis de la structure d’accueil" rows={3} {...register('hostOpinion')} />
      </fieldset>

      <div className="form-actions sticky-actions">
        <button type="submit" className="primary" disabled={saving}>
          Enregistrer l’évaluation
        </button>
        {!existing || isPlanned ? (
          <button type="button" disabled={saving} onClick={() => void handleSubmit((values) => save(values, 'planifiee'))()}>
            Enregistrer comme planifiée
          </button>
        ) : null}
        <span role="status" className={status?.tone === 'error' ? 'form-error' : 'form-status'}>
          {status?.text ?? ''}
        </span>
      </div>
    </form>
  );
}
