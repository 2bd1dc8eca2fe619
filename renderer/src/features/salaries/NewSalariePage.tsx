import { useEffect, useRef, useState } from 'react';
import { Controller, useForm, type FieldPath } from 'react-hook-form';
import type { z } from 'zod';
import { SEX_CODES, sexCodeLabels } from '../../../../shared/domain/people';
import { SalarieCreateInput } from '../../../../shared/ipc/salaries';
import { BridgeError, call } from '../../bridge';
import { Field } from '../../components/Field';
import { PageHeader } from '../../components/PageHeader';
import { CheckboxField } from '../../components/forms/CheckboxField';
import { CommuneCombobox } from '../../components/forms/CommuneCombobox';
import { DateField } from '../../components/forms/DateField';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { TextAreaField } from '../../components/forms/TextAreaField';
import { LockIcon } from '../../components/LockIcon';
import { todayIso } from '../../lib/dates';
import { useDraft } from '../../lib/useDraft';
import { zodResolver } from '../../lib/zod-resolver';
import { hrefFor, navigate } from '../../router';
import { notifySaved } from '../../state/notices';
import { referentOptions, useReferents } from '../settings/useReferents';

type FormValues = z.input<typeof SalarieCreateInput>;
type FieldName = FieldPath<FormValues>;

const DRAFT_KEY = 'salarie:new';

function emptyForm(): FormValues {
  return {
    lastName: '',
    firstName: '',
    birthName: '',
    sex: null,
    birthDate: null,
    communeInsee: null,
    qpv: false,
    zrr: false,
    phone: '',
    email: '',
    confidentialNote: '',
    entryDate: todayIso(),
    referentId: null,
  };
}

const FIELD_NAMES = new Set<string>(Object.keys(SalarieCreateInput.shape));

export function NewSalariePage() {
  const form = useForm<FormValues, unknown, z.output<typeof SalarieCreateInput>>({
    resolver: zodResolver(SalarieCreateInput),
    defaultValues: emptyForm(),
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, control, handleSubmit, setError, formState, reset, watch } = form;
  // Read so react-hook-form tracks it from the first keystroke (the draft is saved only when dirty).
  void formState.isDirty;
  const draft = useDraft(DRAFT_KEY, form);
  const { referents } = useReferents();
  const [serverError, setServerError] = useState<string | null>(null);
  const created = useRef(false);
  // Collapsed by default (the screen may be turned towards the salarié); opened when it holds text or an error.
  const [noteOpen, setNoteOpen] = useState(false);
  const noteNeedsShowing = (watch('confidentialNote') ?? '') !== '' || formState.errors.confidentialNote !== undefined;
  useEffect(() => {
    if (noteNeedsShowing) setNoteOpen(true);
  }, [noteNeedsShowing]);

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const { id } = await call('salaries.create', values);
      created.current = true;
      await draft.clear();
      notifySaved('Fiche créée.');
      navigate('salaries', id);
    } catch (error) {
      if (!(error instanceof BridgeError)) {
        setServerError('La fiche n’a pas pu être créée. Réessayez\u202f; si le problème persiste, redémarrez Jalons.');
        return;
      }
      const issues = error.payload.issues ?? [];
      const onFields = issues.filter((issue) => FIELD_NAMES.has(issue.path));
      onFields.forEach((issue, index) => setError(issue.path as FieldName, { type: 'server', message: issue.message }, { shouldFocus: index === 0 }));
      if (onFields.length === 0 || onFields.length < issues.length) setServerError(error.message);
    }
  });

  // Ctrl+S saves, as everywhere in Jalons (the listener is installed once and calls the latest submit).
  const submitRef = useRef(onSubmit);
  submitRef.current = onSubmit;
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

  // A save timer from the draft may still be pending when the fiche is created: delete the draft
  // once more after leaving, when that timer can no longer fire.
  useEffect(
    () => () => {
      if (created.current) void call('drafts.delete', { key: DRAFT_KEY }).catch(() => undefined);
    },
    [],
  );

  const errors = formState.errors;
  return (
    <>
      <PageHeader title="Nouveau salarié" />
      <form className="entity-form" onSubmit={onSubmit} noValidate aria-labelledby="page-title">
        {draft.restored ? (
          <p className="draft-restored" role="status">
            Brouillon restauré.{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                reset(emptyForm());
                void draft.clear();
              }}
            >
              Repartir d’une fiche vide
            </button>
          </p>
        ) : null}
        <p className="form-hint">Nom, prénom et date d’entrée sont obligatoires. Le reste peut être complété plus tard.</p>

        <fieldset>
          <legend>Identité</legend>
          <Field label="Nom" autoComplete="off" autoFocus aria-required="true" error={errors.lastName?.message} {...register('lastName')} />
          <Field label="Prénom" autoComplete="off" aria-required="true" error={errors.firstName?.message} {...register('firstName')} />
          <Field
            label="Nom de naissance"
            autoComplete="off"
            hint="S’il diffère du nom d’usage."
            error={errors.birthName?.message}
            {...register('birthName')}
          />
          <Controller
            control={control}
            name="sex"
            render={({ field, fieldState }) => (
              <SelectField
                ref={field.ref}
                label="Sexe"
                emptyLabel="Non renseigné"
                options={optionsFrom(SEX_CODES, sexCodeLabels)}
                value={field.value ?? ''}
                onChange={(e) => field.onChange(e.target.value === '' ? null : e.target.value)}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
          <Controller
            control={control}
            name="birthDate"
            render={({ field, fieldState }) => (
              <DateField label="Date de naissance" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
            )}
          />
        </fieldset>

        <fieldset>
          <legend>Coordonnées</legend>
          <Controller
            control={control}
            name="communeInsee"
            render={({ field, fieldState }) => (
              <CommuneCombobox label="Commune de résidence" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
            )}
          />
          <CheckboxField label="Réside dans un quartier prioritaire de la politique de la ville (QPV)" {...register('qpv')} />
          <CheckboxField label="Réside dans une zone de revitalisation rurale (ZRR)" {...register('zrr')} />
          <Field label="Téléphone" type="tel" autoComplete="off" error={errors.phone?.message} {...register('phone')} />
          <Field label="Adresse e-mail" type="email" autoComplete="off" error={errors.email?.message} {...register('email')} />
        </fieldset>

        <fieldset>
          <legend>Parcours</legend>
          <Controller
            control={control}
            name="entryDate"
            render={({ field, fieldState }) => (
              <DateField label="Date d’entrée" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
            )}
          />
          <Controller
            control={control}
            name="referentId"
            render={({ field, fieldState }) => (
              <SelectField
                ref={field.ref}
                label="Référent"
                emptyLabel="Aucun pour l’instant"
                options={referentOptions(referents, field.value)}
                value={field.value ?? ''}
                onChange={(e) => field.onChange(e.target.value === '' ? null : e.target.value)}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
                hint={referents && referents.length === 0 ? 'Aucun référent enregistré\u00a0: vous pourrez en ajouter dans les paramètres.' : undefined}
              />
            )}
          />
        </fieldset>

        <details className="note-confidential" open={noteOpen} onToggle={(e) => setNoteOpen(e.currentTarget.open)}>
          <summary>
            <LockIcon />
            Note confidentielle (facultative)
          </summary>
          <TextAreaField label="Note confidentielle" confidential rows={3} error={errors.confidentialNote?.message} {...register('confidentialNote')} />
        </details>

        {serverError ? (
          <p className="form-error" role="alert">
            {serverError}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={formState.isSubmitting} aria-keyshortcuts="Control+S">
            {formState.isSubmitting ? 'Création…' : 'Créer la fiche'}
          </button>
          <a className="button" href={hrefFor('salaries')}>
            Retour à la liste
          </a>
          <span className="field-hint">Entrée ou Ctrl+S pour créer la fiche. Ce que vous saisissez est gardé en brouillon.</span>
        </div>
      </form>
    </>
  );
}
