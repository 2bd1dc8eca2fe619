import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import {
  CERTIFICATION_KINDS,
  CERTIFICATION_OUTCOMES,
  certificationKindLabels,
  certificationOutcomeLabels,
  FORMATION_KINDS,
  FORMATION_SETTINGS,
  formationKinds,
  formationSettingLabels,
} from '../../../../../shared/domain/formations';
import { FormationInput, FormationView as FormationViewSchema } from '../../../../../shared/ipc/parcours';
import { call } from '../../../bridge';
import { Field } from '../../../components/Field';
import { DateField } from '../../../components/forms/DateField';
import { optionsFrom, SelectField } from '../../../components/forms/SelectField';
import { formatDateShort } from '../../../lib/format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FicheDialog, useDialog } from '../components/FicheDialog';
import { FormFooter } from '../components/FormFooter';
import { hoursText } from '../labels';
import { useFiche } from '../store';
import { emptyToNull, NO_CHOICE, NO_DATE, numberOrNull, useFicheForm } from '../useFicheForm';

type FormationView = z.infer<typeof FormationViewSchema>;
type DialogState = { type: 'edit'; formation: FormationView | null } | { type: 'delete'; formation: FormationView };

export function FormationsTab() {
  const fiche = useFiche((s) => s.fiche)!;
  const refresh = useFiche((s) => s.refresh);
  const dialog = useDialog<DialogState>();
  const formations = [...fiche.parcours.formations].sort((a, b) => b.startDate.localeCompare(a.startDate));
  const d = dialog.value;
  return (
    <section className="card" aria-labelledby="formations-title">
      <div className="panel-heading">
        <h2 id="formations-title">Formations</h2>
        <button type="button" className="primary" onClick={() => dialog.open({ type: 'edit', formation: null })}>
          Ajouter une formation
        </button>
      </div>
      {formations.length === 0 ? (
        <p className="empty-hint">Aucune formation. Ajoutez les formations suivies ou prévues : savoirs de base, CACES, formation qualifiante…</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Formations, de la plus récente à la plus ancienne</caption>
          <thead>
            <tr>
              <th scope="col">Intitulé</th>
              <th scope="col">Type</th>
              <th scope="col">Dates</th>
              <th scope="col">Heures</th>
              <th scope="col">Certification</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {formations.map((f) => (
              <tr key={f.id}>
                <td>
                  {f.title}
                  <div className="fact-sub">
                    {formationSettingLabels[f.setting]}
                    {f.organisme ? ` · ${f.organisme}` : ''}
                  </div>
                </td>
                <td>{formationKinds[f.kind].label}</td>
                <td>
                  {formatDateShort(f.startDate)} → {f.endDate ? formatDateShort(f.endDate) : 'en cours'}
                </td>
                <td>{hoursText(f.hours)}</td>
                <td>
                  {f.certificationKind ? certificationKindLabels[f.certificationKind] : '—'}
                  {f.certificationOutcome ? <div className="fact-sub">{certificationOutcomeLabels[f.certificationOutcome]}</div> : null}
                </td>
                <td className="row-actions">
                  <button type="button" className="link" onClick={() => dialog.open({ type: 'edit', formation: f })}>
                    Modifier<span className="visually-hidden"> {f.title}</span>
                  </button>
                  <button type="button" className="link danger-link" onClick={() => dialog.open({ type: 'delete', formation: f })}>
                    Supprimer<span className="visually-hidden"> {f.title}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d?.type === 'edit' ? (
        <FicheDialog title={d.formation ? 'Modifier la formation' : 'Ajouter une formation'} onClose={dialog.close}>
          <FormationForm existing={d.formation} onDone={dialog.close} />
        </FicheDialog>
      ) : null}
      {d?.type === 'delete' ? (
        <ConfirmDialog
          title="Supprimer la formation"
          message={`Supprimer la formation « ${d.formation.title} » ? Cette suppression est définitive.`}
          confirmLabel="Supprimer la formation"
          onClose={dialog.close}
          onConfirm={async () => {
            await call('formations.delete', { id: d.formation.id });
            await refresh();
          }}
        />
      ) : null}
    </section>
  );
}

function FormationForm({ existing, onDone }: { existing: FormationView | null; onDone: () => void }) {
  const fiche = useFiche((s) => s.fiche)!;
  const id = fiche.identity.id;
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: FormationInput,
    draftKey: existing ? `formation:${id}:${existing.id}` : `formation:${id}`,
    afterSave: 'reset',
    defaultValues: {
      salarieId: id,
      ...(existing ? { id: existing.id } : {}),
      title: existing?.title ?? '',
      organisme: existing?.organisme ?? '',
      kind: existing?.kind ?? NO_CHOICE,
      setting: existing?.setting ?? 'external',
      startDate: existing?.startDate ?? NO_DATE,
      endDate: existing?.endDate ?? null,
      hours: existing?.hours ?? null,
      certificationKind: existing?.certificationKind ?? null,
      certificationOutcome: existing?.certificationOutcome ?? null,
    },
    choiceMessages: { kind: 'Choisissez le type de formation.' },
    save: (values) => call('formations.save', values),
    savedMessage: existing ? 'Formation modifiée.' : 'Formation ajoutée.',
    onSaved: onDone,
  });
  const { register, control, formState } = form;
  const errors = formState.errors;
  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Formation">
      <Field label="Intitulé" autoComplete="off" autoFocus error={errors.title?.message} {...register('title')} />
      <div className="form-row">
        <SelectField label="Type de formation" emptyLabel="Choisissez" options={FORMATION_KINDS.map((k) => [k, formationKinds[k].label] as const)} error={errors.kind?.message} {...register('kind')} />
        <SelectField label="Lieu" options={optionsFrom(FORMATION_SETTINGS, formationSettingLabels)} error={errors.setting?.message} {...register('setting')} />
      </div>
      <Field label="Organisme de formation" autoComplete="off" error={errors.organisme?.message} {...register('organisme')} />
      <div className="form-row">
        {(['startDate', 'endDate'] as const).map((name) => (
          <Controller
            key={name}
            control={control}
            name={name}
            render={({ field, fieldState }) => (
              <DateField
                label={name === 'startDate' ? 'Début' : 'Fin'}
                required={name === 'startDate'}
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
        ))}
        <Field label="Durée (heures)" inputMode="decimal" autoComplete="off" error={errors.hours?.message} {...register('hours', { setValueAs: numberOrNull })} />
      </div>
      <fieldset>
        <legend>Certification</legend>
        <div className="form-row">
          <SelectField
            label="Certification visée"
            emptyLabel="Aucune"
            options={optionsFrom(CERTIFICATION_KINDS, certificationKindLabels)}
            error={errors.certificationKind?.message}
            {...register('certificationKind', { setValueAs: emptyToNull })}
          />
          <SelectField
            label="Résultat"
            emptyLabel="Non renseigné"
            options={optionsFrom(CERTIFICATION_OUTCOMES, certificationOutcomeLabels)}
            error={errors.certificationOutcome?.message}
            {...register('certificationOutcome', { setValueAs: emptyToNull })}
          />
        </div>
      </fieldset>
      <FormFooter
        submitLabel={existing ? 'Enregistrer la formation' : 'Ajouter la formation'}
        saving={formState.isSubmitting}
        formError={formError}
        draftRestored={draftRestored}
        onDiscardDraft={() => void discardDraft()}
        onCancel={onDone}
      />
    </form>
  );
}
