import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import {
  ASSESSMENT_STATUSES,
  IF_CONTRACT_TYPES,
  NEXT_STEPS,
  assessmentStatusHints,
  assessmentStatusLabels,
  formatHours,
  nextStepLabels,
  type AssessmentStatus,
  type IfContractType,
  type NextStep,
} from '../../../../shared/domain/immersions';
import { parseFrenchNumber } from '../../../../shared/domain/text';
import type { ImmersionView } from '../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../bridge';
import { DraftRestoredNotice } from '../../components/DraftRestoredNotice';
import { Field } from '../../components/Field';
import { CheckboxField } from '../../components/forms/CheckboxField';
import { DateField } from '../../components/forms/DateField';
import { SelectField } from '../../components/forms/SelectField';
import { TextAreaField } from '../../components/forms/TextAreaField';
import { todayIso } from '../../lib/dates';
import { useDraft } from '../../lib/useDraft';
import { notifySaved } from '../../state/notices';
import { downloadText } from '../agenda/download';
import { applyIssues } from './formModel';
import { printBilanHref } from './links';

interface BilanFormValues {
  status: AssessmentStatus | '';
  lastDayOfPresence: string | null;
  numberOfMissedHours: string;
  endedWithAJob: 'oui' | 'non';
  typeOfContract: IfContractType | '';
  contractStartDate: string | null;
  establishmentFeedback: string;
  establishmentAdvices: string;
  beneficiaryAgreement: 'oui' | 'non' | '';
  beneficiaryFeedback: string;
  nextSteps: Record<NextStep, boolean>;
  nextStepsNote: string;
  writtenOn: string | null;
}

function valuesOf(view: ImmersionView): BilanFormValues {
  const b = view.bilan;
  const final = view.evaluations.find((e) => e.kind === 'finale' && e.status === 'realisee');
  return {
    status: b?.status ?? '',
    lastDayOfPresence: b?.lastDayOfPresence ?? null,
    numberOfMissedHours: b?.numberOfMissedHours != null ? String(b.numberOfMissedHours).replace('.', ',') : '',
    endedWithAJob: b?.endedWithAJob ? 'oui' : 'non',
    typeOfContract: b?.typeOfContract ?? '',
    contractStartDate: b?.contractStartDate ?? null,
    // The host's opinion at the final evaluation is a good start for its general appreciation.
    establishmentFeedback: b?.establishmentFeedback ?? final?.hostOpinion ?? '',
    establishmentAdvices: b?.establishmentAdvices ?? '',
    beneficiaryAgreement: b?.beneficiaryAgreement == null ? '' : b.beneficiaryAgreement ? 'oui' : 'non',
    beneficiaryFeedback: b?.beneficiaryFeedback ?? final?.salarieOpinion ?? '',
    nextSteps: Object.fromEntries(NEXT_STEPS.map((s) => [s, b?.nextSteps.includes(s) ?? false])) as Record<NextStep, boolean>,
    nextStepsNote: b?.nextStepsNote ?? '',
    writtenOn: b?.writtenOn ?? todayIso(),
  };
}

/**
 * The bilan, in Immersion Facilitée's vocabulary: was it carried out, hours missed and last day
 * (partial), did it lead to a hire and with which contract, the host's appreciation and advice, the
 * salarié's agreement, and what comes next. Printable and exportable once saved.
 */
export function BilanForm({ view, onChanged }: { view: ImmersionView; onChanged(view: ImmersionView, message: string): void }) {
  const form = useForm<BilanFormValues>({ defaultValues: valuesOf(view) });
  const { control, register, handleSubmit, formState } = form;
  const errors = formState.errors;
  const draft = useDraft(`immersion:${view.id}:bilan`, form);
  const status = useWatch({ control, name: 'status' });
  const job = useWatch({ control, name: 'endedWithAJob' });
  const agreement = useWatch({ control, name: 'beneficiaryAgreement' });
  const [message, setMessage] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const started = view.status === 'en_cours' || view.status === 'terminee';
  const canWrite = started || view.status === 'signee';

  async function submit(values: BilanFormValues) {
    setMessage(null);
    if (values.status === '') {
      form.setError('status', { type: 'required', message: 'Indiquez si l’immersion a été effectuée.' });
      return;
    }
    const hours = values.numberOfMissedHours.trim() === '' ? null : parseFrenchNumber(values.numberOfMissedHours);
    if (values.numberOfMissedHours.trim() !== '' && hours === null) {
      form.setError('numberOfMissedHours', { type: 'format', message: 'Nombre d’heures invalide (ex. 6,5).' });
      return;
    }
    setSaving(true);
    try {
      const next = await call('immersions.saveBilan', {
        immersionId: view.id,
        status: values.status,
        lastDayOfPresence: values.lastDayOfPresence,
        numberOfMissedHours: hours,
        endedWithAJob: values.endedWithAJob === 'oui',
        typeOfContract: values.typeOfContract === '' ? null : values.typeOfContract,
        contractStartDate: values.contractStartDate,
        establishmentFeedback: values.establishmentFeedback,
        establishmentAdvices: values.establishmentAdvices,
        beneficiaryAgreement: values.beneficiaryAgreement === '' ? null : values.beneficiaryAgreement === 'oui',
        beneficiaryFeedback: values.beneficiaryFeedback,
        nextSteps: NEXT_STEPS.filter((s) => values.nextSteps[s]),
        nextStepsNote: values.nextStepsNote,
        writtenOn: values.writtenOn ?? '',
      });
      await draft.clear();
      form.reset(valuesOf(next));
      notifySaved('Bilan enregistré.');
      onChanged(next, 'Bilan enregistré.');
    } catch (e) {
      if (e instanceof BridgeError) {
        const issues = e.payload.issues ?? [];
        const left = applyIssues(form, issues, {});
        // Field messages are shown next to their fields; the status line only says there is something to fix.
        setMessage({ tone: 'error', text: issues.length > 0 && left.length === 0 ? 'Certains champs du bilan sont à corriger.' : e.message });
      } else {
        setMessage({ tone: 'error', text: 'Le bilan n’a pas pu être enregistré. Réessayez.' });
      }
    } finally {
      setSaving(false);
    }
  }

  async function exportJson() {
    setMessage(null);
    try {
      const file = await call('immersions.exportBilan', { id: view.id });
      downloadText(file.fileName, file.content, 'application/json');
      setMessage({ tone: 'ok', text: `Bilan exporté : ${file.fileName}` });
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof BridgeError ? e.message : 'L’export n’a pas pu se faire.' });
    }
  }

  if (!canWrite) {
    return (
      <p className="warnings">
        Le bilan se rédige une fois l’immersion commencée (ou, si la personne n’est pas venue, une fois la convention signée).
      </p>
    );
  }

  return (
    <form className="entretien-form bilan-form" noValidate onSubmit={(e) => void handleSubmit(submit)(e)}>
      {draft.restored ? <DraftRestoredNotice /> : null}
      <fieldset aria-describedby={errors.status ? 'bilan-status-error' : undefined}>
        <legend>L’immersion a-t-elle été effectuée ?</legend>
        {ASSESSMENT_STATUSES.filter((s) => started || s === 'DID_NOT_SHOW').map((s) => (
          <div key={s} className="radio">
            <input type="radio" id={`bilan-${s}`} value={s} aria-describedby={`bilan-${s}-hint`} {...register('status')} />
            <label htmlFor={`bilan-${s}`}>{assessmentStatusLabels[s]}</label>
            <span id={`bilan-${s}-hint`} className="field-hint">
              {assessmentStatusHints[s]}
            </span>
          </div>
        ))}
        {errors.status ? (
          <p id="bilan-status-error" className="field-error" role="alert">
            {errors.status.message}
          </p>
        ) : null}
      </fieldset>

      {status === 'PARTIALLY_COMPLETED' ? (
        <fieldset>
          <legend>Interruption, absences</legend>
          <div className="form-row">
            <Controller
              control={control}
              name="lastDayOfPresence"
              render={({ field }) => (
                <DateField label="Dernier jour de présence" name="lastDayOfPresence" value={field.value} onChange={field.onChange} required error={errors.lastDayOfPresence?.message} />
              )}
            />
            <Field
              label="Heures manquées"
              inputMode="decimal"
              hint={view.scheduledHours > 0 ? `Sur ${formatHours(view.scheduledHours)} prévues.` : 'Ex. : 6,5 pour 6 h 30.'}
              error={errors.numberOfMissedHours?.message}
              {...register('numberOfMissedHours')}
            />
          </div>
        </fieldset>
      ) : null}

      {status !== 'DID_NOT_SHOW' ? (
        <>
          <fieldset>
            <legend>L’immersion a-t-elle débouché sur une embauche ?</legend>
            <div className="radio-inline">
              <div className="radio">
                <input type="radio" id="job-non" value="non" {...register('endedWithAJob')} />
                <label htmlFor="job-non">Non</label>
              </div>
              <div className="radio">
                <input type="radio" id="job-oui" value="oui" {...register('endedWithAJob')} />
                <label htmlFor="job-oui">Oui</label>
              </div>
            </div>
            {job === 'oui' ? (
              <div className="form-row">
                <SelectField
                  label="Type de contrat"
                  emptyLabel="Choisissez"
                  options={IF_CONTRACT_TYPES.map((t) => [t, t] as const)}
                  error={errors.typeOfContract?.message}
                  {...register('typeOfContract')}
                />
                <Controller
                  control={control}
                  name="contractStartDate"
                  render={({ field }) => (
                    <DateField label="Début du contrat" name="contractStartDate" value={field.value} onChange={field.onChange} error={errors.contractStartDate?.message} />
                  )}
                />
              </div>
            ) : null}
          </fieldset>
          <fieldset>
            <legend>Avis de la structure d’accueil</legend>
            <TextAreaField label="Appréciation générale sur l’immersion" rows={3} error={errors.establishmentFeedback?.message} {...register('establishmentFeedback')} />
            <TextAreaField label="Conseils pour la suite du parcours professionnel" rows={3} error={errors.establishmentAdvices?.message} {...register('establishmentAdvices')} />
          </fieldset>
          <fieldset>
            <legend>Avis du salarié sur le bilan</legend>
            <div className="radio-inline">
              <div className="radio">
                <input type="radio" id="agree-oui" value="oui" {...register('beneficiaryAgreement')} />
                <label htmlFor="agree-oui">D’accord avec le bilan</label>
              </div>
              <div className="radio">
                <input type="radio" id="agree-non" value="non" {...register('beneficiaryAgreement')} />
                <label htmlFor="agree-non">Pas d’accord</label>
              </div>
              <div className="radio">
                <input type="radio" id="agree-na" value="" {...register('beneficiaryAgreement')} />
                <label htmlFor="agree-na">Non renseigné</label>
              </div>
            </div>
            <TextAreaField
              label="Avis du salarié"
              rows={3}
              hint={agreement === 'non' ? 'Obligatoire quand le salarié n’est pas d’accord.' : undefined}
              error={errors.beneficiaryFeedback?.message}
              {...register('beneficiaryFeedback')}
            />
          </fieldset>
        </>
      ) : null}

      <fieldset>
        <legend>Suites du parcours</legend>
        <div className="checkbox-grid">
          {NEXT_STEPS.map((s) => (
            <CheckboxField key={s} label={nextStepLabels[s]} {...register(`nextSteps.${s}`)} />
          ))}
        </div>
        <TextAreaField label="Précisions sur les suites" rows={2} {...register('nextStepsNote')} />
      </fieldset>
      <Controller
        control={control}
        name="writtenOn"
        render={({ field }) => <DateField label="Bilan rédigé le" name="writtenOn" value={field.value} onChange={field.onChange} required error={errors.writtenOn?.message} />}
      />
      <div className="form-actions sticky-actions">
        <button type="submit" className="primary" disabled={saving}>
          Enregistrer le bilan
        </button>
        {view.bilan ? (
          <>
            <a className="button" href={printBilanHref(view.id)}>
              Imprimer le bilan
            </a>
            <button type="button" onClick={() => void exportJson()}>
              Exporter le bilan (JSON)
            </button>
          </>
        ) : null}
        <span role="status" className={message?.tone === 'error' ? 'form-error' : 'form-status'}>
          {message?.text ?? ''}
        </span>
      </div>
    </form>
  );
}
