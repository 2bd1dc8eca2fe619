import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import {
  IMMERSION_OBJECTIVES,
  formatHours,
  immersionObjectiveLabels,
  immersionObjectiveShortLabels,
  weekdayLabels,
  weeklyHours,
} from '../../../../shared/domain/immersions';
import type { MethodOutput } from '../../../../shared/ipc/contract';
import { ImmersionInput, type ImmersionView } from '../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../bridge';
import { DraftRestoredNotice } from '../../components/DraftRestoredNotice';
import { Field } from '../../components/Field';
import { DateField } from '../../components/forms/DateField';
import { SelectField } from '../../components/forms/SelectField';
import { TextAreaField } from '../../components/forms/TextAreaField';
import { useDraft } from '../../lib/useDraft';
import { notifySaved } from '../../state/notices';
import { Combobox } from '../../components/forms/Combobox';
import { focusByName } from '../entretiens/rowKeys';
import { applyIssues, emptyNewTutor, inputFromValues, normaliseTime, type ImmersionFormValues } from './formModel';

type ContactHit = MethodOutput<'partners.searchContacts'>[number];
type HostOption = { type: 'found'; hit: ContactHit } | { type: 'new'; text: string };
type RomeHit = { code: string; label: string };

const WEEKDAY_OPTIONS = [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), weekdayLabels[d]!] as const);
/** Monday to Friday, 9 h–12 h and 13 h 30–17 h: a common full-time schedule to start from. */
const TYPICAL_WEEK = [1, 2, 3, 4, 5].flatMap((d) => [
  { weekday: String(d), start: '09:00', end: '12:00' },
  { weekday: String(d), start: '13:30', end: '17:00' },
]);

interface ImmersionFormProps {
  initial: ImmersionFormValues;
  draftKey: string;
  /** Submit button text (« Créer l’immersion », « Enregistrer »). */
  submitLabel: string;
  onSaved(view: ImmersionView): void;
  /** Edit mode: the stored notes are confidential and loaded on request (logged). */
  onRevealNotes?: () => Promise<string | null>;
}

/**
 * The preparation of an immersion: objective (one per PMSMP), target trade, host and tutor from the
 * partners directory (or typed once), prescriber, dates, weekly schedule, place and activities.
 */
export function ImmersionForm({ initial, draftKey, submitLabel, onSaved, onRevealNotes }: ImmersionFormProps) {
  const form = useForm<ImmersionFormValues>({ defaultValues: initial });
  const { control, register, handleSubmit, setValue, formState } = form;
  const errors = formState.errors;
  const draft = useDraft(draftKey, form);
  const schedule = useFieldArray({ control, name: 'schedule' });
  const slots = useWatch({ control, name: 'schedule' });
  const hostMode = useWatch({ control, name: 'hostMode' });
  const prescriberMode = useWatch({ control, name: 'prescriberMode' });
  const notes = useWatch({ control, name: 'notes' });
  const [status, setStatus] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const root = useRef<HTMLFormElement>(null);

  const hours = weeklyHours(
    (slots ?? []).map((s) => ({ weekday: Number(s.weekday), start: normaliseTime(s.start), end: normaliseTime(s.end) })).filter((s) => /^\d{2}:\d{2}$/.test(s.start) && /^\d{2}:\d{2}$/.test(s.end)),
  );

  async function submit(values: ImmersionFormValues) {
    setStatus(null);
    const input = inputFromValues(values);
    const parsed = ImmersionInput.safeParse(input);
    if (!parsed.success) {
      applyIssues(form, parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
      setStatus({ tone: 'error', text: 'Certains champs sont à corriger.' });
      return;
    }
    setSaving(true);
    try {
      const view = await call('immersions.save', input);
      await draft.clear();
      form.reset(values);
      notifySaved(values.id ? 'Immersion enregistrée.' : 'Immersion créée.');
      onSaved(view);
    } catch (e) {
      if (e instanceof BridgeError) {
        const issues = e.payload.issues ?? [];
        const left = applyIssues(form, issues);
        // Field messages are shown next to their fields; the status line only says there is something to fix.
        setStatus({ tone: 'error', text: issues.length > 0 && left.length === 0 ? 'Certains champs sont à corriger.' : e.message });
      } else {
        setStatus({ tone: 'error', text: 'L’immersion n’a pas pu être enregistrée. Réessayez.' });
      }
    } finally {
      setSaving(false);
    }
  }

  function chooseHost(option: HostOption) {
    if (option.type === 'found') {
      setValue('hostOrganisationId', option.hit.organisationId, { shouldDirty: true });
      setValue('tutorContactId', option.hit.contactId, { shouldDirty: true });
      setValue('hostText', option.hit.contactName ? `${option.hit.contactName} (${option.hit.organisationName})` : option.hit.organisationName, { shouldDirty: true });
      form.clearErrors('hostText');
      return;
    }
    flushSync(() => {
      setValue('hostMode', 'new', { shouldDirty: true });
      setValue('newTutor', { ...emptyNewTutor(), organisationName: option.text }, { shouldDirty: true });
    });
    focusByName(root.current, 'newTutor.name');
  }

  return (
    <form ref={root} className="entretien-form immersion-form" noValidate onSubmit={(e) => void handleSubmit(submit)(e)}>
      {draft.restored ? (
        <DraftRestoredNotice
          onDiscard={() => {
            form.reset(initial);
            void draft.clear();
          }}
        />
      ) : null}

      <fieldset>
        <legend>Objectif de l’immersion (un seul par PMSMP)</legend>
        {IMMERSION_OBJECTIVES.map((objective) => (
          <div key={objective} className="radio">
            <input type="radio" id={`objective-${objective}`} value={objective} {...register('objective')} />
            <label htmlFor={`objective-${objective}`}>
              {immersionObjectiveLabels[objective]} <span className="muted">({immersionObjectiveShortLabels[objective].toLowerCase()})</span>
            </label>
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>Métier et structure d’accueil</legend>
        <Controller
          control={control}
          name="romeText"
          render={({ field }) => (
            <Combobox<RomeHit>
              label="Métier visé (fiche ROME)"
              name="romeText"
              hint="Tapez un métier ou un code ROME, puis choisissez dans la liste."
              error={errors.romeText?.message}
              text={field.value}
              onTextChange={(text) => {
                field.onChange(text);
                setValue('rome', null, { shouldDirty: true });
              }}
              search={(query) => call('rome.search', { query: query.slice(0, 80), limit: 12 })}
              optionKey={(r) => r.code}
              renderOption={(r) => (
                <>
                  <span className="rome-code">{r.code}</span> {r.label}
                </>
              )}
              onSelect={(r) => {
                setValue('rome', r, { shouldDirty: true });
                field.onChange(`${r.code} — ${r.label}`);
                form.clearErrors('romeText');
              }}
              emptyMessage="Aucun métier ne correspond."
            />
          )}
        />
        {hostMode === 'known' ? (
          <Controller
            control={control}
            name="hostText"
            render={({ field }) => (
              <Combobox<HostOption>
                label="Structure d’accueil et tuteur·rice"
                name="hostText"
                hint="Cherchez dans le répertoire des entreprises (nom de l’entreprise ou du tuteur), ou saisissez un nouveau tuteur."
                error={errors.hostText?.message}
                text={field.value}
                onTextChange={(text) => {
                  field.onChange(text);
                  setValue('hostOrganisationId', null, { shouldDirty: true });
                  setValue('tutorContactId', null, { shouldDirty: true });
                }}
                search={(query) => call('partners.searchContacts', { query: query.slice(0, 100), limit: 8 }).then((hits) => hits.map((hit) => ({ type: 'found' as const, hit })))}
                extraOptions={(query) => [{ type: 'new', text: query }]}
                optionKey={(o) => (o.type === 'found' ? `${o.hit.organisationId}:${o.hit.contactId ?? ''}` : `new:${o.text}`)}
                renderOption={(o) =>
                  o.type === 'found' ? (
                    o.hit.contactName ? (
                      <>
                        {o.hit.contactName}
                        <span className="combobox-secondary">
                          {' '}
                          — {o.hit.organisationName}
                          {o.hit.role ? `, ${o.hit.role}` : ''}
                        </span>
                      </>
                    ) : (
                      <>{o.hit.organisationName}</>
                    )
                  ) : (
                    <span className="combobox-create">Nouvelle structure d’accueil : « {o.text} »</span>
                  )
                }
                onSelect={chooseHost}
                emptyMessage="Aucune structure ni aucun contact ne correspond."
              />
            )}
          />
        ) : (
          <div className="new-contact" role="group" aria-labelledby="new-tutor-title">
            <p id="new-tutor-title" className="field-hint">
              Nouvelle structure d’accueil et son tuteur ou sa tutrice : ils seront ajoutés au répertoire des entreprises.
            </p>
            <div className="form-row">
              <Field label="Structure d’accueil" error={errors.newTutor?.organisationName?.message} {...register('newTutor.organisationName')} />
              <Field label="Tuteur ou tutrice" error={errors.newTutor?.name?.message} {...register('newTutor.name')} />
              <Field label="Fonction du tuteur" {...register('newTutor.role')} />
            </div>
            <div className="form-row">
              <Field label="Téléphone du tuteur" type="tel" error={errors.newTutor?.phone?.message} {...register('newTutor.phone')} />
              <Field label="E-mail du tuteur" type="email" error={errors.newTutor?.email?.message} {...register('newTutor.email')} />
            </div>
            <button
              type="button"
              className="link"
              onClick={() => {
                flushSync(() => setValue('hostMode', 'known', { shouldDirty: true }));
                focusByName(root.current, 'hostText');
              }}
            >
              Chercher plutôt dans le répertoire
            </button>
          </div>
        )}
        <fieldset className="radio-row">
          <legend>Prescripteur de la PMSMP</legend>
          <div className="radio">
            <input type="radio" id="prescriber-structure" value="structure" {...register('prescriberMode')} />
            <label htmlFor="prescriber-structure">Notre structure (SIAE employeuse)</label>
          </div>
          <div className="radio">
            <input type="radio" id="prescriber-organisation" value="organisation" {...register('prescriberMode')} />
            <label htmlFor="prescriber-organisation">Un autre prescripteur</label>
          </div>
        </fieldset>
        {prescriberMode === 'organisation' ? (
          <Controller
            control={control}
            name="prescriberText"
            render={({ field }) => (
              <Combobox<ContactHit>
                label="Prescripteur (France Travail, mission locale, Cap emploi…)"
                name="prescriberText"
                error={errors.prescriberText?.message}
                text={field.value}
                onTextChange={(text) => {
                  field.onChange(text);
                  setValue('prescriberOrganisationId', null, { shouldDirty: true });
                }}
                search={(query) => call('partners.searchContacts', { query: query.slice(0, 100), limit: 8 }).then((hits) => hits.filter((h) => h.contactId === null))}
                optionKey={(h) => h.organisationId}
                renderOption={(h) => <>{h.organisationName}</>}
                onSelect={(h) => {
                  setValue('prescriberOrganisationId', h.organisationId, { shouldDirty: true });
                  field.onChange(h.organisationName);
                }}
                emptyMessage="Aucune organisation ne correspond : ajoutez-la d’abord au répertoire des entreprises."
              />
            )}
          />
        ) : null}
      </fieldset>

      <fieldset>
        <legend>Dates et horaires</legend>
        <div className="form-row">
          <Controller
            control={control}
            name="startDate"
            render={({ field }) => <DateField label="Premier jour" name="startDate" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.startDate?.message} />}
          />
          <Controller
            control={control}
            name="endDate"
            render={({ field }) => <DateField label="Dernier jour" name="endDate" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.endDate?.message} />}
          />
        </div>
        <div className="schedule">
          <p className="schedule-title" id="schedule-title">
            Horaires de la semaine type <span className="muted">— {hours > 0 ? `${formatHours(hours)} par semaine` : 'aucun créneau'}</span>
          </p>
          {schedule.fields.length > 0 ? (
            <ul className="schedule-list" aria-labelledby="schedule-title">
              {schedule.fields.map((slot, index) => (
                <li key={slot.id} className="schedule-row">
                  <SelectField label={`Jour du créneau ${index + 1}`} options={WEEKDAY_OPTIONS} {...register(`schedule.${index}.weekday`)} />
                  <Field label="De" inputMode="numeric" placeholder="09:00" error={errors.schedule?.[index]?.start?.message} {...register(`schedule.${index}.start`)} />
                  <Field label="À" inputMode="numeric" placeholder="12:00" error={errors.schedule?.[index]?.end?.message} {...register(`schedule.${index}.end`)} />
                  <button type="button" className="link danger-link row-remove" onClick={() => schedule.remove(index)}>
                    Retirer<span className="visually-hidden"> le créneau {index + 1}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="form-actions">
            <button
              type="button"
              onClick={() => {
                const last = slots?.[slots.length - 1];
                schedule.append({ weekday: last ? String(Math.min(7, Number(last.weekday) + 1)) : '1', start: last?.start ?? '09:00', end: last?.end ?? '12:00' });
              }}
            >
              Ajouter un créneau
            </button>
            {schedule.fields.length === 0 ? (
              <button type="button" onClick={() => schedule.replace(TYPICAL_WEEK)}>
                Semaine type (lundi–vendredi, 9 h–12 h et 13 h 30–17 h)
              </button>
            ) : null}
          </div>
          <Field label="Précisions sur les horaires" hint="Ex. : une semaine sur deux le samedi matin." {...register('scheduleNote')} />
        </div>
      </fieldset>

      <fieldset>
        <legend>Lieu et activités</legend>
        <Field label="Lieu de l’immersion" hint="Adresse où se déroule l’immersion, si elle diffère de celle de la structure." error={errors.place?.message} {...register('place')} />
        <TextAreaField label="Activités confiées" rows={3} hint="Ce que la personne fera pendant l’immersion (convention : activités)." error={errors.activities?.message} {...register('activities')} />
      </fieldset>

      <section className="confidential-section" aria-labelledby="immersion-notes-title">
        <h3 id="immersion-notes-title" className="section-title">
          Notes confidentielles
        </h3>
        {notes === undefined && onRevealNotes ? (
          <button
            type="button"
            onClick={() =>
              void onRevealNotes().then((text) => setValue('notes', text ?? '', { shouldDirty: false }), () => setStatus({ tone: 'error', text: 'Les notes n’ont pas pu être affichées.' }))
            }
          >
            Afficher les notes confidentielles
          </button>
        ) : (
          <TextAreaField label="Notes" rows={3} confidential error={errors.notes?.message} {...register('notes')} />
        )}
      </section>

      <div className="form-actions sticky-actions">
        <button type="submit" className="primary" disabled={saving}>
          {submitLabel}
        </button>
        <span role="status" className={status?.tone === 'error' ? 'form-error' : 'form-status'}>
          {status?.text ?? ''}
        </span>
      </div>
    </form>
  );
}
