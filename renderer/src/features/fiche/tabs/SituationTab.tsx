import { useEffect, useState } from 'react';
import { Controller, useWatch, type Control, type UseFormSetValue } from 'react-hook-form';
import type { z } from 'zod';
import { sexCodeLabels, SEX_CODES } from '../../../../../shared/domain/people';
import {
  ALLOCATION_DURATIONS,
  allocationDurationLabels,
  EDUCATION_LEVELS,
  educationLevelLabels,
  EMPLOYER_TYPES,
  employerTypeLabels,
  PRESCRIBER_TYPES,
  prescriberTypeLabels,
  RSA_ALLOCATIONS,
  rsaAllocationLabels,
  SituationAtEntrySchema,
  validateSituationAtEntry,
  type SituationAtEntry,
} from '../../../../../shared/domain/situation';
import { SalarieIdentityUpdateInput } from '../../../../../shared/ipc/salaries';
import { BridgeError, call } from '../../../bridge';
import { Field } from '../../../components/Field';
import { CheckboxField } from '../../../components/forms/CheckboxField';
import { DateField } from '../../../components/forms/DateField';
import { optionsFrom, SelectField } from '../../../components/forms/SelectField';
import { TextAreaField } from '../../../components/forms/TextAreaField';
import { notifyError } from '../../../state/notices';
import { Combobox } from '../../../components/forms/Combobox';
import { FormFooter } from '../components/FormFooter';
import { Icon } from '../components/Icon';
import { EMPTY_SITUATION, situationFlagLabels } from '../labels';
import { useFiche } from '../store';
import { emptyToNull, useFicheForm } from '../useFicheForm';

export function SituationTab() {
  return (
    <div className="tab-columns">
      <IdentityForm />
      <SituationForm />
    </div>
  );
}

// ── Identité et coordonnées ─────────────────────────────────────────────────────

/** Typed but not chosen from the list: refused by the contract's regex with its own French message. */
const UNCHOSEN = 'saisie:';

function IdentityForm() {
  const fiche = useFiche((s) => s.fiche)!;
  const revealed = useFiche((s) => s.revealed);
  const reveal = useFiche((s) => s.reveal);
  const focusRequest = useFiche((s) => s.focusRequest);
  const requestFocus = useFiche((s) => s.requestFocus);
  const { identity } = fiche;
  const noteHidden = identity.hasConfidentialNote && revealed === null;

  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: SalarieIdentityUpdateInput,
    draftKey: `identite:${identity.id}`,
    issuePrefix: 'identity.',
    defaultValues: {
      lastName: identity.lastName,
      firstName: identity.firstName,
      birthName: identity.birthName ?? '',
      sex: identity.sex,
      birthDate: identity.birthDate,
      communeInsee: identity.communeInsee,
      qpv: identity.qpv,
      zrr: identity.zrr,
      phone: identity.phone ?? '',
      email: identity.email ?? '',
      ...(noteHidden ? {} : { confidentialNote: revealed?.confidentialNote ?? '' }),
    },
    // A hidden note is left out of the input: the core keeps it as stored.
    save: (values) => call('salaries.updateIdentity', { id: identity.id, identity: values }),
    savedMessage: 'Identité enregistrée.',
  });
  const { register, control, formState } = form;
  const errors = formState.errors;

  // Revealed while other fields were being edited: the note field appears with the stored text, never empty
  // (an empty field would clear the note on save).
  useEffect(() => {
    if (revealed && form.getValues('confidentialNote') === undefined) form.setValue('confidentialNote', revealed.confidentialNote ?? '');
  }, [revealed, form]);

  useEffect(() => {
    if (focusRequest === 'identity') {
      requestFocus(null);
      formRef.current?.querySelector<HTMLInputElement>('input[name="lastName"]')?.focus();
    }
  }, [focusRequest, requestFocus, formRef]);

  return (
    <section className="card" aria-labelledby="identity-title">
      <h2 id="identity-title">Identité et coordonnées</h2>
      <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="identity-title">
        <fieldset>
          <legend>Identité</legend>
          <div className="form-row">
            <Field label="Nom" autoComplete="off" error={errors.lastName?.message} {...register('lastName')} />
            <Field label="Prénom" autoComplete="off" error={errors.firstName?.message} {...register('firstName')} />
          </div>
          <div className="form-row">
            <Field label="Nom de naissance" autoComplete="off" error={errors.birthName?.message} {...register('birthName')} />
            <SelectField
              label="Sexe"
              emptyLabel="Non renseigné"
              options={optionsFrom(SEX_CODES, sexCodeLabels)}
              error={errors.sex?.message}
              {...register('sex', { setValueAs: emptyToNull })}
            />
          </div>
          <Controller
            control={control}
            name="birthDate"
            render={({ field, fieldState }) => (
              <DateField
                label="Date de naissance"
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
        </fieldset>
        <fieldset>
          <legend>Coordonnées</legend>
          <CommuneField control={control} setValue={form.setValue} initialName={identity.communeName} error={errors.communeInsee?.message} />
          <div className="form-row checkbox-row">
            <CheckboxField label="Réside en QPV (quartier prioritaire)" {...register('qpv')} />
            <CheckboxField label="Réside en ZRR (zone de revitalisation rurale)" {...register('zrr')} />
          </div>
          <div className="form-row">
            <Field label="Téléphone" type="tel" autoComplete="off" error={errors.phone?.message} {...register('phone')} />
            <Field label="E-mail" type="email" autoComplete="off" error={errors.email?.message} {...register('email')} />
          </div>
        </fieldset>
        <fieldset className="confidential-fieldset">
          <legend>
            <Icon name="lock" /> Note confidentielle
          </legend>
          {noteHidden ? (
            <div className="confidential-collapsed">
              <p>Une note confidentielle existe. Elle est masquée pour que l’écran puisse être tourné vers la personne.</p>
              <button
                type="button"
                onClick={() =>
                  void reveal().catch((error: unknown) =>
                    notifyError(error instanceof BridgeError ? error.message : 'Les informations confidentielles n’ont pas pu être affichées.'),
                  )
                }
              >
                Afficher les informations confidentielles
              </button>
            </div>
          ) : (
            <TextAreaField
              label="Note confidentielle"
              rows={3}
              hint="Jamais imprimée pour un employeur ni transmise dans les statistiques. Chaque consultation est enregistrée."
              className="confidential-input"
              error={errors.confidentialNote?.message}
              {...register('confidentialNote')}
            />
          )}
        </fieldset>
        <FormFooter
          submitLabel="Enregistrer l’identité"
          saving={formState.isSubmitting}
          formError={formError}
          draftRestored={draftRestored}
          onDiscardDraft={() => void discardDraft()}
        />
      </form>
    </section>
  );
}

type IdentityValues = z.input<typeof SalarieIdentityUpdateInput>;

function CommuneField({
  control,
  setValue,
  initialName,
  error,
}: {
  control: Control<IdentityValues>;
  setValue: UseFormSetValue<IdentityValues>;
  initialName: string | null;
  error: string | undefined;
}) {
  const code = useWatch({ control, name: 'communeInsee' });
  const [text, setText] = useState(initialName ?? '');
  const [labelFor, setLabelFor] = useState<string | null>(code ?? null);

  // A restored draft may carry another commune: fetch its name so the field shows what will be saved.
  useEffect(() => {
    if (!code) return;
    if (code.startsWith(UNCHOSEN)) {
      setText(code.slice(UNCHOSEN.length));
      return;
    }
    if (code === labelFor) return;
    let current = true;
    void call('communes.get', { code })
      .then((commune) => {
        if (current && commune) {
          setText(`${commune.name} (${commune.departement})`);
          setLabelFor(code);
        }
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [code, labelFor]);

  return (
    <Combobox
      label="Commune de résidence"
      name="communeInsee"
      hint="Tapez le nom ou le code postal, puis choisissez dans la liste."
      emptyMessage="Aucune commune ne correspond. Vérifiez l’orthographe ou tapez le code postal."
      error={error}
      text={text}
      onTextChange={(next) => {
        setText(next);
        setLabelFor(null);
        setValue('communeInsee', next.trim() === '' ? null : `${UNCHOSEN}${next}`, { shouldDirty: true });
      }}
      search={(query) => call('communes.search', { query, limit: 10 })}
      optionKey={(c) => c.code}
      renderOption={(c) => `${c.name} (${c.departement})${c.postcodes[0] ? ` — ${c.postcodes[0]}` : ''}`}
      onSelect={(c) => {
        setText(`${c.name} (${c.departement})`);
        setLabelFor(c.code);
        setValue('communeInsee', c.code, { shouldDirty: true, shouldValidate: error !== undefined });
      }}
    />
  );
}

// ── Situation à l’entrée (codes ASP) ───────────────────────────────────────────

/** The contract schema plus the ASP coherence rules the core applies, so both refuse the same thing. */
const SituationForm_ = SituationAtEntrySchema.superRefine((value, ctx) => {
  for (const issue of validateSituationAtEntry(value)) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
});

const durationOptions = optionsFrom(ALLOCATION_DURATIONS, allocationDurationLabels);
const SENSITIVE_FIELDS = ['aah', 'aahSince', 'rqth', 'oeth', 'refugee', 'detentionExitOrPpsmj'] as const;

function SituationForm() {
  const fiche = useFiche((s) => s.fiche)!;
  const id = fiche.identity.id;
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: SituationForm_,
    draftKey: `situation:${id}`,
    issuePrefix: 'situation.',
    defaultValues: fiche.situation ?? EMPTY_SITUATION,
    save: (situation) => call('salaries.updateSituation', { id, situation }),
    savedMessage: 'Situation à l’entrée enregistrée.',
  });
  const { register, control, formState, setValue } = form;
  const errors = formState.errors;
  const [isEmployed, ftRegistered, rsa, ass, aah] = useWatch({
    control,
    name: ['isEmployed', 'franceTravailRegistered', 'rsa', 'ass', 'aah'],
  });
  const [sensitiveOpen, setSensitiveOpen] = useState(false);
  const sensitiveError = SENSITIVE_FIELDS.some((f) => errors[f]);
  useEffect(() => {
    if (sensitiveError) setSensitiveOpen(true);
  }, [sensitiveError]);

  // The ASP wants a duration only when its yes/no is on: clear it as soon as the answer goes to no.
  useEffect(() => {
    if (isEmployed) setValue('unemployedSince', null);
    else setValue('employerType', null);
  }, [isEmployed, setValue]);
  useEffect(() => {
    if (!ftRegistered) setValue('franceTravailSince', null);
  }, [ftRegistered, setValue]);
  useEffect(() => {
    if (rsa === 'NON') setValue('rsaSince', null);
  }, [rsa, setValue]);
  useEffect(() => {
    if (!ass) setValue('assSince', null);
  }, [ass, setValue]);
  useEffect(() => {
    if (!aah) setValue('aahSince', null);
  }, [aah, setValue]);

  const check = (name: keyof SituationAtEntry) => (
    <CheckboxField key={name} label={situationFlagLabels[name] ?? name} {...register(name as 'rqth')} />
  );

  return (
    <section className="card" aria-labelledby="situation-title">
      <h2 id="situation-title">Situation à l’entrée</h2>
      <p className="form-hint">Codes de la fiche salarié ASP : une saisie cohérente évite un rejet lors de la transmission.</p>
      {fiche.situation === null ? <p className="form-hint">La situation à l’entrée n’a pas encore été renseignée.</p> : null}
      <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="situation-title">
        <fieldset>
          <legend>Formation et orientation</legend>
          <SelectField
            label="Niveau de formation"
            emptyLabel="Non renseigné"
            options={optionsFrom(EDUCATION_LEVELS, educationLevelLabels)}
            error={errors.educationLevel?.message}
            {...register('educationLevel', { setValueAs: emptyToNull })}
          />
          <SelectField
            label="Prescripteur ou orienteur"
            emptyLabel="Non renseigné"
            options={optionsFrom(PRESCRIBER_TYPES, prescriberTypeLabels)}
            error={errors.prescriberType?.message}
            {...register('prescriberType', { setValueAs: emptyToNull })}
          />
        </fieldset>
        <fieldset>
          <legend>Emploi et France Travail</legend>
          {check('isEmployed')}
          {isEmployed ? (
            <SelectField
              label="Type d’employeur"
              emptyLabel="Choisissez"
              options={optionsFrom(EMPLOYER_TYPES, employerTypeLabels)}
              error={errors.employerType?.message}
              {...register('employerType', { setValueAs: emptyToNull })}
            />
          ) : (
            <SelectField
              label="Sans emploi depuis"
              emptyLabel="Choisissez"
              options={durationOptions}
              error={errors.unemployedSince?.message}
              {...register('unemployedSince', { setValueAs: emptyToNull })}
            />
          )}
          {check('franceTravailRegistered')}
          {ftRegistered ? (
            <SelectField
              label="Inscrit·e à France Travail depuis"
              emptyLabel="Choisissez"
              options={durationOptions}
              error={errors.franceTravailSince?.message}
              {...register('franceTravailSince', { setValueAs: emptyToNull })}
            />
          ) : null}
          {check('resourceless')}
          {errors.resourceless ? (
            <p className="field-error" role="alert">
              {errors.resourceless.message}
            </p>
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Minima sociaux</legend>
          <div className="form-row">
            <SelectField
              label="RSA"
              options={optionsFrom(RSA_ALLOCATIONS, rsaAllocationLabels)}
              error={errors.rsa?.message}
              {...register('rsa')}
            />
            {rsa !== 'NON' ? (
              <SelectField
                label="Perçoit le RSA depuis"
                emptyLabel="Choisissez"
                options={durationOptions}
                error={errors.rsaSince?.message}
                {...register('rsaSince', { setValueAs: emptyToNull })}
              />
            ) : null}
          </div>
          {check('ass')}
          {ass ? (
            <SelectField
              label="Perçoit l’ASS depuis"
              emptyLabel="Choisissez"
              options={durationOptions}
              error={errors.assSince?.message}
              {...register('assSince', { setValueAs: emptyToNull })}
            />
          ) : null}
        </fieldset>
        <fieldset>
          <legend>Autres critères</legend>
          {check('aseExit')}
          {check('isolatedParent')}
          {check('housingIssue')}
          {check('lowLevelInFrench')}
          {check('mobilityIssue')}
        </fieldset>
        <details className="confidential-details sensitive-situation" open={sensitiveOpen} onToggle={(e) => setSensitiveOpen(e.currentTarget.open)}>
          <summary>
            <Icon name="lock" /> Informations sensibles (santé, justice, droit d’asile)
          </summary>
          <div className="confidential-block">
            {check('aah')}
            {aah ? (
              <SelectField
                label="Perçoit l’AAH depuis"
                emptyLabel="Choisissez"
                options={durationOptions}
                error={errors.aahSince?.message}
                {...register('aahSince', { setValueAs: emptyToNull })}
              />
            ) : null}
            {check('rqth')}
            {check('oeth')}
            {check('refugee')}
            {check('detentionExitOrPpsmj')}
          </div>
        </details>
        <FormFooter
          submitLabel="Enregistrer la situation"
          saving={formState.isSubmitting}
          formError={formError}
          draftRestored={draftRestored}
          onDiscardDraft={() => void discardDraft()}
        />
      </form>
    </section>
  );
}

