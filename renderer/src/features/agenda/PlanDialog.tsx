import { useRef, useState } from 'react';
import { Controller, useForm, type UseFormReturn } from 'react-hook-form';
import {
  defaultMomentByKind,
  ENTRETIEN_KINDS,
  entretienKindLabels,
  PLACE_KINDS,
  placeKindLabels,
  THIRD_PARTY_ROLES,
  type EntretienKind,
} from '../../../../shared/domain/entretiens';
import type { EntretienView } from '../../../../shared/ipc/entretiens';
import type { Referent } from '../../../../shared/ipc/structure';
import { BridgeError, call } from '../../bridge';
import { DateField } from '../../components/forms/DateField';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import {
  entretienResolver,
  referentRow,
  salarieRow,
  thirdPartyRow,
  type EntretienFormValues,
  type EntretienSubmit,
} from '../entretiens/formModel';
import { ParticipantsFieldset } from '../entretiens/ParticipantsFieldset';
import { SalariePicker, type PickedSalarie } from './SalariePicker';

function planValues(date: string): EntretienFormValues {
  return {
    id: null,
    salarieId: null,
    kind: 'suivi_individuel',
    moment: defaultMomentByKind.suivi_individuel,
    status: 'planifie',
    date,
    startTime: '',
    durationMinutes: '',
    placeKind: 'structure',
    placeDetail: '',
    title: '',
    participants: [],
    objectives: [],
    decisions: '',
    freinIds: [],
    documents: [],
    notes: '',
    nextSteps: [],
    nextAppointment: { date: null, startTime: '', kind: 'suivi_individuel' },
    link: '',
    missedReason: '',
  };
}

/**
 * « Planifier un entretien » from the agenda: who, what, when, where, and the third parties
 * (a new employer contact is typed once and saved to the directory by the core).
 */
export function PlanForm({ date, referents, onPlanned, onCancel }: { date: string; referents: Referent[]; onPlanned(view: EntretienView): void; onCancel(): void }) {
  const form = useForm<EntretienFormValues, unknown, EntretienSubmit>({ resolver: entretienResolver, defaultValues: planValues(date), shouldFocusError: false });
  const { register, control, setValue, getValues, formState } = form;
  const [salarie, setSalarie] = useState<PickedSalarie | null>(null);
  const [salarieError, setSalarieError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const errors = formState.errors;

  function pick(picked: PickedSalarie | null) {
    setSalarie(picked);
    setSalarieError(undefined);
    const thirdParties = getValues('participants').filter((p) => THIRD_PARTY_ROLES.includes(p.role));
    setValue('salarieId', picked?.id ?? null);
    setValue(
      'participants',
      picked ? [salarieRow(picked.id, picked.name), ...(picked.referentId ? [referentRow(picked.referentId, picked.referentName ?? '')] : []), ...thirdParties] : thirdParties,
    );
  }

  const submit = form.handleSubmit(
    async (values) => {
      if (!salarie) {
        setSalarieError('Choisissez le salarié concerné dans la liste.');
        return;
      }
      setSaving(true);
      setFormError(null);
      try {
        onPlanned(await call('entretiens.save', values));
      } catch (error) {
        setFormError(error instanceof BridgeError ? error.message : 'Le rendez-vous n’a pas pu être enregistré. Réessayez.');
      } finally {
        setSaving(false);
      }
    },
    () => {
      if (!salarie) setSalarieError('Choisissez le salarié concerné dans la liste.');
      window.requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    },
  );

  const kindRegistration = register('kind');
  return (
    <form
      ref={ref}
      noValidate
      className="plan-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <SalariePicker value={salarie} onChange={pick} error={salarieError} autoFocus />
      {salarie ? <p className="form-hint">Référent : {salarie.referentName ?? 'aucun référent désigné'}.</p> : null}
      <div className="form-row">
        <SelectField
          label="Type d’entretien"
          options={optionsFrom(ENTRETIEN_KINDS, entretienKindLabels)}
          {...kindRegistration}
          onChange={(event) => {
            void kindRegistration.onChange(event);
            const kind = event.target.value as EntretienKind;
            setValue('moment', defaultMomentByKind[kind]);
            const participants = getValues('participants');
            if (kind === 'tripartite' && !participants.some((p) => THIRD_PARTY_ROLES.includes(p.role))) {
              setValue('participants', [...participants, thirdPartyRow('employeur')]);
            }
          }}
        />
        <Controller
          control={control}
          name="date"
          render={({ field }) => <DateField label="Date" required name="date" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.date?.message} />}
        />
      </div>
      <div className="form-row">
        <PlainInput form={form} name="startTime" label="Heure" hint="Ex. : 14:30, 14h30, 9h." error={errors.startTime?.message} />
        <PlainInput form={form} name="durationMinutes" label="Durée (minutes)" error={errors.durationMinutes?.message} />
      </div>
      <div className="form-row">
        <SelectField label="Lieu" options={optionsFrom(PLACE_KINDS, placeKindLabels)} emptyLabel="— Non précisé —" {...register('placeKind')} />
        <PlainInput form={form} name="placeDetail" label="Précision du lieu" error={errors.placeDetail?.message} />
      </div>
      <ParticipantsFieldset form={form as unknown as UseFormReturn<EntretienFormValues, unknown, unknown>} referents={referents} thirdPartiesOnly legend="Tiers (employeur, tuteur, prescripteur…)" />
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Enregistrement…' : 'Planifier'}
        </button>
        <button type="button" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}

function PlainInput({
  form,
  name,
  label,
  hint,
  error,
}: {
  form: UseFormReturn<EntretienFormValues, unknown, EntretienSubmit>;
  name: 'startTime' | 'durationMinutes' | 'placeDetail';
  label: string;
  hint?: string;
  error?: string | undefined;
}) {
  const id = `plan-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...form.register(name)} />
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
