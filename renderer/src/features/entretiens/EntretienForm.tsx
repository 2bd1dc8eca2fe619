import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type UseFormReturn } from 'react-hook-form';
import {
  defaultMomentByKind,
  ENTRETIEN_KINDS,
  ENTRETIEN_MOMENTS,
  ENTRETIEN_STATUSES,
  entretienKindLabels,
  entretienMomentLabels,
  entretienStatusLabels,
  PLACE_KINDS,
  placeKindLabels,
  THIRD_PARTY_ROLES,
  type EntretienKind,
} from '../../../../shared/domain/entretiens';
import { freinKinds } from '../../../../shared/domain/freins';
import type { EntretienView } from '../../../../shared/ipc/entretiens';
import type { FreinView } from '../../../../shared/ipc/parcours';
import type { Referent } from '../../../../shared/ipc/structure';
import { BridgeError, call } from '../../bridge';
import { CheckboxField } from '../../components/forms/CheckboxField';
import { DateField } from '../../components/forms/DateField';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { TextAreaField } from '../../components/forms/TextAreaField';
import { formatDateShort } from '../../lib/format';
import { useDraft } from '../../lib/useDraft';
import { notifySaved } from '../../state/notices';
import {
  emptyDocument,
  emptyNextStep,
  emptyObjective,
  entretienResolver,
  serverIssuePath,
  thirdPartyRow,
  valuesFromView,
  type EntretienFormValues,
  type EntretienSubmit,
} from './formModel';
import { LockIcon } from '../../components/LockIcon';
import { ParticipantsFieldset } from './ParticipantsFieldset';
import { appendAndFocus, focusByName, focusFirstIn, onRowKeyDown } from './rowKeys';

export interface LinkOption {
  value: string;
  label: string;
}

interface EntretienFormProps {
  initial: EntretienFormValues;
  draftKey: string;
  freins: FreinView[];
  referents: Referent[];
  linkOptions: LinkOption[];
  /** Stored notes not read yet (confidential: only read on request, and the read is logged). */
  notesHidden: boolean;
  /** Opened by « Marquer tenu »: the rendez-vous is known, the cursor goes to the first objective. */
  focusObjectives: boolean;
  initialWarnings?: EntretienView['warnings'];
  onSaved(view: EntretienView, created: boolean): void;
}

type Form = UseFormReturn<EntretienFormValues, unknown, EntretienSubmit>;

/**
 * The entretien form, built for speed with the keyboard: logical tab order, typed dates, Entrée in
 * the last field of a row adds a row, Ctrl+S (or Entrée on « Enregistrer ») saves.
 */
export function EntretienForm(props: EntretienFormProps) {
  const { initial, draftKey, freins, referents, linkOptions, focusObjectives } = props;
  const form: Form = useForm<EntretienFormValues, unknown, EntretienSubmit>({
    resolver: entretienResolver,
    defaultValues: initial,
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const { register, control, formState, setValue } = form;
  // Reading isDirty during render subscribes to it: the draft hook relies on it.
  void formState.isDirty;
  const draft = useDraft(draftKey, form as unknown as UseFormReturn<Record<string, unknown>>);
  const formRef = useRef<HTMLFormElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<EntretienView['warnings']>(props.initialWarnings ?? []);
  const [notesHidden, setNotesHidden] = useState(props.notesHidden);
  const [notesOpen, setNotesOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const errors = formState.errors;

  const kind = useWatch({ control, name: 'kind' });
  const status = useWatch({ control, name: 'status' });

  useEffect(() => {
    // After the layout's own focus move (parents' effects run after children's).
    if (focusObjectives) window.requestAnimationFrame(() => focusByName(formRef.current, 'objectives.0.text'));
    // Only on arrival.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const submit = form.handleSubmit(
    async (values) => {
      setFormError(null);
      setSaving(true);
      try {
        // Notes the user did not open are left out: the core then keeps them as stored (no logged read).
        const { notes, ...rest } = values;
        const view = await call('entretiens.save', notesHidden && values.id ? rest : { ...rest, notes });
        await draft.clear();
        const next = valuesFromView(view);
        if (view.notes === null) next.notes = form.getValues('notes');
        form.reset(next);
        setWarnings(view.warnings);
        notifySaved(view.warnings.length ? 'Enregistré, avec des points d’attention.' : 'Enregistré.');
        props.onSaved(view, !values.id);
      } catch (error) {
        setFormError(applyServerError(error, form, formRef.current));
      } finally {
        setSaving(false);
      }
    },
    () => {
      // Errors render first; then the first invalid field gets the focus.
      window.requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    },
  );

  // Ctrl+S saves from anywhere on the page while the form is shown.
  const submitRef = useRef(submit);
  submitRef.current = submit;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        void submitRef.current();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  async function revealNotes() {
    const id = form.getValues('id');
    if (!id) return;
    try {
      const stored = await call('entretiens.get', { id, includeNotes: true });
      setValue('notes', stored.notes ?? '', { shouldDirty: false });
      setNotesHidden(false);
      setNotesOpen(true);
      window.requestAnimationFrame(() => focusByName(formRef.current, 'notes'));
    } catch (error) {
      setFormError(error instanceof BridgeError ? error.message : 'Les notes n’ont pas pu être lues. Réessayez.');
    }
  }

  const kindRegistration = register('kind');

  return (
    <form
      ref={formRef}
      className="entretien-form"
      noValidate
      aria-label="Entretien"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>Rendez-vous</legend>
        <div className="form-row">
          <SelectField
            label="Type d’entretien"
            options={optionsFrom(ENTRETIEN_KINDS, entretienKindLabels)}
            {...kindRegistration}
            onChange={(event) => {
              void kindRegistration.onChange(event);
              const next = event.target.value as EntretienKind;
              setValue('moment', defaultMomentByKind[next], { shouldDirty: true });
              setValue('nextAppointment.kind', next, { shouldDirty: true });
              const participants = form.getValues('participants');
              if (next === 'tripartite' && !participants.some((p) => THIRD_PARTY_ROLES.includes(p.role))) {
                setValue('participants', [...participants, thirdPartyRow('employeur')], { shouldDirty: true });
              }
            }}
          />
          <SelectField label="Moment du parcours" options={optionsFrom(ENTRETIEN_MOMENTS, entretienMomentLabels)} {...register('moment')} />
          <SelectField label="Statut" options={optionsFrom(ENTRETIEN_STATUSES, entretienStatusLabels)} {...register('status')} />
        </div>
        <div className="form-row when-row">
          <Controller
            control={control}
            name="date"
            render={({ field }) => (
              <DateField label="Date" required name="date" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.date?.message} />
            )}
          />
          <TextInput form={form} name="startTime" label="Heure" hint="Ex. : 14:30, 14h30, 9h." error={errors.startTime?.message} className="narrow" />
          <TextInput form={form} name="durationMinutes" label="Durée (minutes)" inputMode="numeric" error={errors.durationMinutes?.message} className="narrow" />
        </div>
        <div className="form-row">
          <SelectField label="Lieu" options={optionsFrom(PLACE_KINDS, placeKindLabels)} emptyLabel="— Non précisé —" {...register('placeKind')} />
          <TextInput form={form} name="placeDetail" label="Précision du lieu" hint="Adresse, salle, lien de visio…" error={errors.placeDetail?.message} />
          <TextInput form={form} name="title" label="Intitulé (facultatif)" error={errors.title?.message} />
        </div>
        {status === 'manque' ? <TextInput form={form} name="missedReason" label="Motif de l’absence" error={errors.missedReason?.message} /> : null}
      </fieldset>

      <ParticipantsFieldset form={form as unknown as UseFormReturn<EntretienFormValues, unknown, unknown>} referents={referents} />

      <ObjectivesFieldset form={form} onLeave={() => focusByName(formRef.current, 'decisions')} />

      <TextAreaField label="Décisions" rows={3} hint="Ce qui a été convenu : type d’immersion retenu, projet validé, recrutement…" error={errors.decisions?.message} {...register('decisions')} />

      <FreinsFieldset form={form} freins={freins} />

      <DocumentsFieldset form={form} onLeave={() => focusByName(formRef.current, 'nextSteps.0.label')} />

      <NextStepsFieldset form={form} onLeave={() => focusByName(formRef.current, 'nextAppointment.date')} />

      <fieldset>
        <legend>Prochain rendez-vous</legend>
        <p className="form-hint">Facultatif : un rendez-vous planifié est créé dans l’agenda.</p>
        <div className="form-row when-row">
          <Controller
            control={control}
            name="nextAppointment.date"
            render={({ field }) => (
              <DateField label="Date du prochain rendez-vous" name="nextAppointment.date" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.nextAppointment?.date?.message} />
            )}
          />
          <TextInput form={form} name="nextAppointment.startTime" label="Heure" error={errors.nextAppointment?.startTime?.message} className="narrow" />
          <SelectField label="Type" options={optionsFrom(ENTRETIEN_KINDS, entretienKindLabels)} {...register('nextAppointment.kind')} />
        </div>
      </fieldset>

      {linkOptions.length > 0 ? (
        <SelectField
          label="Lié à"
          options={linkOptions.map((o) => [o.value, o.label] as const)}
          emptyLabel="— Aucun lien —"
          hint="L’immersion, la formation ou le contrat dont il a été question."
          error={errors.link?.message}
          {...register('link')}
        />
      ) : null}

      <section className="confidential-section" aria-labelledby="entretien-notes-heading">
        <h2 id="entretien-notes-heading" className="section-title">
          <LockIcon /> Notes confidentielles
        </h2>
        {notesHidden ? (
          <p>
            Des notes existent.{' '}
            <button type="button" className="link" onClick={() => void revealNotes()}>
              Afficher les notes
            </button>{' '}
            <span className="form-hint">(cette consultation est enregistrée dans le journal)</span>
          </p>
        ) : notesOpen ? (
          <>
            <TextAreaField label="Notes" confidential rows={5} error={errors.notes?.message} {...register('notes')} />
            <button type="button" className="link" aria-expanded="true" onClick={() => setNotesOpen(false)}>
              Masquer les notes
            </button>
          </>
        ) : (
          <button type="button" className="link" aria-expanded="false" onClick={() => {
            setNotesOpen(true);
            window.requestAnimationFrame(() => focusByName(formRef.current, 'notes'));
          }}>
            {form.getValues('notes') ? 'Afficher les notes' : 'Ajouter des notes'}
          </button>
        )}
      </section>

      {warnings.length > 0 ? (
        <div className="warnings" role="status">
          <h2 className="section-title">Points d’attention</h2>
          <ul>
            {warnings.map((w) => (
              <li key={w.code}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {draft.restored ? (
        <p className="draft-note">
          Brouillon non enregistré restauré.{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              void draft.clear();
              form.reset(initial);
            }}
          >
            Abandonner le brouillon
          </button>
        </p>
      ) : null}
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="form-actions sticky-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Enregistrement…' : 'Enregistrer'}
        </button>
        <span className="form-hint">Entrée sur ce bouton ou Ctrl+S pour enregistrer</span>
      </div>
    </form>
  );
}

type TextName = 'startTime' | 'durationMinutes' | 'placeDetail' | 'title' | 'missedReason' | 'nextAppointment.startTime';

function TextInput({
  form,
  name,
  label,
  hint,
  error,
  className,
  inputMode,
}: {
  form: Form;
  name: TextName;
  label: string;
  hint?: string;
  error?: string | undefined;
  className?: string;
  inputMode?: 'numeric' | 'text';
}) {
  const id = `entretien-${name.replace(/\./g, '-')}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="text" autoComplete="off" inputMode={inputMode} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...form.register(name)} />
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

/** A plain registered input inside a repeated row. */
function CellInput({ form, name, label, error, required }: { form: Form; name: string; label: string; error?: string | undefined; required?: boolean }) {
  const id = `entretien-${name.replace(/\./g, '-')}`;
  return (
    <div className="field" data-cell>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...form.register(name as 'title')}
      />
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

function RowsFieldset({ legend, hint, children, addLabel, onAdd, listRef }: { legend: string; hint?: string; children: ReactNode; addLabel: string; onAdd(): void; listRef: React.RefObject<HTMLDivElement | null> }) {
  return (
    <fieldset className="rows-fieldset">
      <legend>{legend}</legend>
      {hint ? <p className="form-hint">{hint}</p> : null}
      <div ref={listRef} className="rows">
        {children}
      </div>
      <button type="button" onClick={onAdd}>
        {addLabel}
      </button>
    </fieldset>
  );
}

const ROW_HINT = 'Entrée passe au champ suivant ; dans le dernier champ, elle ajoute une ligne ; dans une ligne vide, elle passe à la suite.';

function ObjectivesFieldset({ form, onLeave }: { form: Form; onLeave(): void }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'objectives' });
  const rows = useWatch({ control: form.control, name: 'objectives' });
  const list = useRef<HTMLDivElement>(null);
  const errors = form.formState.errors.objectives;
  const add = () => {
    appendAndFocus(list.current, fields.length, () => append(emptyObjective(), { shouldFocus: false }));
  };
  return (
    <RowsFieldset legend="Objectifs" hint={`Avec leur échéance et leurs conditions de réalisation. ${ROW_HINT}`} addLabel="Ajouter un objectif" onAdd={add} listRef={list}>
      {fields.map((field, index) => {
        const row = rows?.[index];
        return (
          <div
            key={field.id}
            className="repeat-row objective-row"
            data-row
            role="group"
            aria-label={`Objectif ${index + 1}`}
            onKeyDown={(event) =>
              onRowKeyDown(event, {
                rowIndex: index,
                rowCount: fields.length,
                isBlank: () => !row || (row.text.trim() === '' && !row.deadline && row.conditions.trim() === ''),
                add,
                remove: () => remove(index),
                leave: onLeave,
              })
            }
          >
            <CellInput form={form} name={`objectives.${index}.text`} label={`Objectif ${index + 1}`} error={errors?.[index]?.text?.message} />
            <div data-cell className="cell-date">
              <Controller
                control={form.control}
                name={`objectives.${index}.deadline`}
                render={({ field: f }) => (
                  <DateField label="Échéance" name={`objectives.${index}.deadline`} value={f.value} onChange={f.onChange} onBlur={f.onBlur} error={errors?.[index]?.deadline?.message} />
                )}
              />
            </div>
            <CellInput form={form} name={`objectives.${index}.conditions`} label="Conditions de réalisation" error={errors?.[index]?.conditions?.message} />
            <RemoveRow label={`Retirer l’objectif ${index + 1}`} onRemove={() => remove(index)} />
          </div>
        );
      })}
    </RowsFieldset>
  );
}

function DocumentsFieldset({ form, onLeave }: { form: Form; onLeave(): void }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'documents' });
  const rows = useWatch({ control: form.control, name: 'documents' });
  const list = useRef<HTMLDivElement>(null);
  const errors = form.formState.errors.documents;
  const add = () => {
    appendAndFocus(list.current, fields.length, () => append(emptyDocument(), { shouldFocus: false }));
  };
  return (
    <RowsFieldset legend="Documents" hint="Remis pendant l’entretien ou à produire (CV, convention, attestation…)." addLabel="Ajouter un document" onAdd={add} listRef={list}>
      {fields.map((field, index) => (
        <div
          key={field.id}
          className="repeat-row document-row"
          data-row
          role="group"
          aria-label={`Document ${index + 1}`}
          onKeyDown={(event) =>
            onRowKeyDown(event, {
              rowIndex: index,
              rowCount: fields.length,
              isBlank: () => (rows?.[index]?.label ?? '').trim() === '',
              add,
              remove: () => remove(index),
              leave: onLeave,
            })
          }
        >
          <CellInput form={form} name={`documents.${index}.label`} label={`Document ${index + 1}`} error={errors?.[index]?.label?.message} />
          <div data-cell>
            <SelectField
              label="Remis ou à produire"
              options={[
                ['remis', 'Remis'],
                ['a_produire', 'À produire'],
              ]}
              {...form.register(`documents.${index}.direction`)}
            />
          </div>
          <RemoveRow label={`Retirer le document ${index + 1}`} onRemove={() => remove(index)} />
        </div>
      ))}
    </RowsFieldset>
  );
}

function NextStepsFieldset({ form, onLeave }: { form: Form; onLeave(): void }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'nextSteps' });
  const rows = useWatch({ control: form.control, name: 'nextSteps' });
  const list = useRef<HTMLDivElement>(null);
  const errors = form.formState.errors.nextSteps;
  const add = () => {
    appendAndFocus(list.current, fields.length, () => append(emptyNextStep(), { shouldFocus: false }));
  };
  return (
    <RowsFieldset legend="Prochaines étapes" hint="Chaque étape devient une action à suivre, avec son échéance." addLabel="Ajouter une étape" onAdd={add} listRef={list}>
      {fields.map((field, index) => {
        const row = rows?.[index];
        return (
          <div
            key={field.id}
            className="repeat-row step-row"
            data-row
            role="group"
            aria-label={`Étape ${index + 1}`}
            onKeyDown={(event) =>
              onRowKeyDown(event, {
                rowIndex: index,
                rowCount: fields.length,
                isBlank: () => !row || (row.label.trim() === '' && !row.dueDate && row.owner.trim() === ''),
                add,
                remove: () => remove(index),
                leave: onLeave,
              })
            }
          >
            <CellInput form={form} name={`nextSteps.${index}.label`} label={`Étape ${index + 1}`} error={errors?.[index]?.label?.message} />
            <div data-cell className="cell-date">
              <Controller
                control={form.control}
                name={`nextSteps.${index}.dueDate`}
                render={({ field: f }) => (
                  <DateField label="Échéance" name={`nextSteps.${index}.dueDate`} value={f.value} onChange={f.onChange} onBlur={f.onBlur} error={errors?.[index]?.dueDate?.message} />
                )}
              />
            </div>
            <CellInput form={form} name={`nextSteps.${index}.owner`} label="Responsable" error={errors?.[index]?.owner?.message} />
            <RemoveRow label={`Retirer l’étape ${index + 1}`} onRemove={() => remove(index)} />
          </div>
        );
      })}
    </RowsFieldset>
  );
}

function RemoveRow({ label, onRemove }: { label: string; onRemove(): void }) {
  return (
    <button type="button" className="link row-remove" aria-label={label} onClick={onRemove}>
      Retirer
    </button>
  );
}

/** Freins of the salarié; confidential ones (health, justice, right of residence) show no kind until asked. */
function FreinsFieldset({ form, freins }: { form: Form; freins: FreinView[] }) {
  const selected = useWatch({ control: form.control, name: 'freinIds' });
  const [showKinds, setShowKinds] = useState(false);
  const shown = freins.filter((f) => f.status === 'identified' || f.status === 'in_progress' || selected.includes(f.id));
  const hasConfidential = shown.some((f) => f.confidential);
  if (shown.length === 0) {
    return (
      <fieldset>
        <legend>Freins abordés</legend>
        <p className="form-hint">Aucun frein en cours pour ce salarié.</p>
      </fieldset>
    );
  }
  return (
    <fieldset className="freins-fieldset">
      <legend>Freins abordés</legend>
      <div className="checkbox-grid">
        {shown.map((frein) => {
          const label = frein.confidential
            ? `Frein confidentiel${showKinds ? ` : ${freinKinds[frein.kind].label}` : ''} (identifié le ${formatDateShort(frein.identifiedDate)})`
            : freinKinds[frein.kind].label;
          return (
            <div key={frein.id} className={frein.confidential ? 'confidential-check' : undefined}>
              {frein.confidential ? <LockIcon /> : null}
              <CheckboxField label={label} value={frein.id} {...form.register('freinIds')} />
            </div>
          );
        })}
      </div>
      {hasConfidential ? (
        <button type="button" className="link" aria-pressed={showKinds} onClick={() => setShowKinds((v) => !v)}>
          {showKinds ? 'Masquer le type des freins confidentiels' : 'Afficher le type des freins confidentiels'}
        </button>
      ) : null}
    </fieldset>
  );
}

/** VALIDATION issues from the core go onto their fields; anything else is shown at the form level. */
function applyServerError(error: unknown, form: Form, element: HTMLFormElement | null): string | null {
  if (!(error instanceof BridgeError)) return 'L’enregistrement a échoué. Réessayez ; si le problème persiste, relancez Jalons.';
  const issues = error.payload.issues ?? [];
  if (error.payload.code !== 'VALIDATION' || issues.length === 0) return error.message;
  const values = form.getValues();
  const unplaced: string[] = [];
  let focused = false;
  for (const issue of issues) {
    const path = serverIssuePath(values, issue.path);
    const field = element?.querySelector<HTMLElement>(`[name="${CSS.escape(path)}"]`);
    if (field) {
      form.setError(path as 'title', { type: 'server', message: issue.message });
      if (!focused) focused = focusFirstIn(field);
    } else {
      unplaced.push(issue.message);
    }
  }
  return unplaced.length ? unplaced.join(' ') : null;
}
