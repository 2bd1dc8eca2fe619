import departements from '@etalab/decoupage-administratif/data/departements.json';
import regions from '@etalab/decoupage-administratif/data/regions.json';
import { useEffect, useState } from 'react';
import { Controller, useFieldArray, useForm, type DefaultValues, type FieldPath } from 'react-hook-form';
import { z } from 'zod';
import { ASP_MEASURES, SIAE_KINDS, aspMeasureBySiaeKind, aspMeasureLabels, siaeKindLabels } from '../../../../shared/domain/siae';
import { checkSiret, formatSiret } from '../../../../shared/domain/siret';
import { StructureInput, type Structure } from '../../../../shared/ipc/structure';
import { BridgeError, call } from '../../bridge';
import { Field } from '../../components/Field';
import { DateField } from '../../components/forms/DateField';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { zodResolver } from '../../lib/zod-resolver';
import { notifySaved } from '../../state/notices';

/**
 * The contract's rules, with two messages made more precise for the form: which part of the SIRET is
 * wrong (length or check digit), and a plain request to choose the SIAE kind.
 */
const StructureForm = StructureInput.extend({
  siaeKind: z.enum(SIAE_KINDS, { error: 'Choisissez le type de SIAE.' }),
  siret: z
    .string()
    .nullable()
    .transform((input, ctx) => {
      const value = (input ?? '').trim();
      if (value === '') return null;
      const check = checkSiret(value);
      if (!check.ok) {
        ctx.addIssue({ code: 'custom', message: check.error });
        return z.NEVER;
      }
      return check.value;
    }),
});
type FormValues = z.input<typeof StructureForm>;

const REGION_OPTIONS = [...regions]
  .sort((a, b) => a.nom.localeCompare(b.nom, 'fr'))
  .map((r) => [r.code, `${r.nom} (${r.code})`] as const);

/** Form values; the SIAE kind stays unset until chosen (no silent default for what drives the calculations). */
function toForm(structure: Structure | null): DefaultValues<FormValues> {
  if (!structure) return { name: '', siret: '', regionCode: null, departementCode: null, annexes: [] };
  return {
    name: structure.name,
    siret: structure.siret ? formatSiret(structure.siret) : '',
    siaeKind: structure.siaeKind,
    regionCode: structure.regionCode,
    departementCode: structure.departementCode,
    annexes: structure.annexes.map((a) => ({ ...a })),
  };
}

const ROOT_FIELDS = new Set(['name', 'siret', 'siaeKind', 'regionCode', 'departementCode', 'annexes']);

/** The structure itself: identity, SIAE kind, territory and the annexes financières (conventionnement). */
export function StructureSection() {
  const [loaded, setLoaded] = useState(false);
  const [exists, setExists] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const form = useForm<FormValues, unknown, z.output<typeof StructureForm>>({
    resolver: zodResolver(StructureForm),
    defaultValues: toForm(null),
    // Not 'onTouched': that mode validates a freshly added annexe at once and greets it with errors.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, control, handleSubmit, reset, setError, setValue, watch, trigger, getValues, formState } = form;
  const annexes = useFieldArray({ control, name: 'annexes', keyName: 'key' });
  const regionCode = watch('regionCode');
  const siaeKind = watch('siaeKind');

  useEffect(() => {
    let cancelled = false;
    call('structure.get', {})
      .then((structure) => {
        if (cancelled) return;
        reset(toForm(structure));
        setExists(structure !== null);
        setLoaded(true);
      })
      .catch((e: unknown) => {
        if (!cancelled) setServerError(e instanceof Error ? e.message : 'La structure n’a pas pu être chargée.');
      });
    return () => {
      cancelled = true;
    };
  }, [reset]);

  const departementOptions = departements
    .filter((d) => !regionCode || d.region === regionCode)
    .map((d) => [d.code, `${d.nom} (${d.code})`] as const);

  const onSubmit = handleSubmit(async (values) => {
    setServerError(null);
    try {
      const saved = await call('structure.save', values);
      reset(toForm(saved));
      setExists(true);
      notifySaved('Structure enregistrée.');
    } catch (error) {
      if (!(error instanceof BridgeError)) {
        setServerError('La structure n’a pas pu être enregistrée. Réessayez.');
        return;
      }
      const issues = (error.payload.issues ?? []).filter((i) => ROOT_FIELDS.has(i.path.split('.')[0] ?? ''));
      issues.forEach((issue, index) =>
        setError(issue.path as FieldPath<FormValues>, { type: 'server', message: issue.message }, { shouldFocus: index === 0 }),
      );
      if (issues.length === 0 || issues.length < (error.payload.issues?.length ?? 0)) setServerError(error.message);
    }
  });

  const errors = formState.errors;
  return (
    <section className="card" aria-labelledby="structure-title">
      <h2 id="structure-title">Structure</h2>
      {!loaded && !serverError ? <p aria-busy="true">Chargement…</p> : null}
      {!exists && loaded ? (
        <p className="field-hint">Renseignez votre structure&nbsp;: son nom figure sur les documents imprimés, son type règle les calculs (heures ou mois de travail).</p>
      ) : null}
      <form onSubmit={onSubmit} noValidate aria-labelledby="structure-title" hidden={!loaded}>
        <Field label="Nom de la structure" autoComplete="organization" error={errors.name?.message} {...register('name')} />
        <Field
          label="SIRET"
          inputMode="numeric"
          autoComplete="off"
          hint="14 chiffres, espaces permis (ex. 123 456 789 00012)."
          error={errors.siret?.message}
          // The check digit is verified as soon as the field is left, then again at each keystroke while wrong.
          {...register('siret', {
            onBlur: () => void ((getValues('siret') ?? '').trim() !== '' && trigger('siret')),
            onChange: () => void (formState.errors.siret && trigger('siret')),
          })}
        />
        <Controller
          control={control}
          name="siaeKind"
          render={({ field, fieldState }) => (
            <SelectField
              ref={field.ref}
              label="Type de SIAE"
              emptyLabel="Choisissez…"
              options={optionsFrom(SIAE_KINDS, siaeKindLabels).map(([code, label]) => [code, `${code} — ${label}`] as const)}
              value={field.value ?? ''}
              onChange={(e) => field.onChange(e.target.value === '' ? undefined : e.target.value)}
              onBlur={field.onBlur}
              error={fieldState.error?.message}
            />
          )}
        />
        <div className="form-row">
          <Controller
            control={control}
            name="regionCode"
            render={({ field, fieldState }) => (
              <SelectField
                ref={field.ref}
                label="Région"
                emptyLabel="Non renseignée"
                options={REGION_OPTIONS}
                value={field.value ?? ''}
                onChange={(e) => {
                  const next = e.target.value === '' ? null : e.target.value;
                  field.onChange(next);
                  const dep = getValues('departementCode');
                  if (next && dep && !departements.some((d) => d.code === dep && d.region === next)) setValue('departementCode', null);
                }}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
          <Controller
            control={control}
            name="departementCode"
            render={({ field, fieldState }) => (
              <SelectField
                ref={field.ref}
                label="Département"
                emptyLabel="Non renseigné"
                options={departementOptions}
                value={field.value ?? ''}
                onChange={(e) => field.onChange(e.target.value === '' ? null : e.target.value)}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
        </div>

        <fieldset className="annexes">
          <legend>Annexes financières</legend>
          {annexes.fields.length === 0 ? (
            <p className="field-hint">Aucune annexe financière. Ajoutez celle de l’année en cours (numéro, mesure et période figurent sur l’annexe signée).</p>
          ) : null}
          {annexes.fields.map((annexe, index) => {
            const annexeErrors = errors.annexes?.[index];
            return (
              <fieldset key={annexe.key} className="annexe">
                <legend>Annexe financière {index + 1}</legend>
                <div className="form-row">
                  <Field label="Numéro" autoComplete="off" error={annexeErrors?.number?.message} {...register(`annexes.${index}.number`)} />
                  <Controller
                    control={control}
                    name={`annexes.${index}.measure`}
                    render={({ field, fieldState }) => (
                      <SelectField
                        ref={field.ref}
                        label="Mesure"
                        options={optionsFrom(ASP_MEASURES, aspMeasureLabels).map(([code, label]) => [code, `${code} — ${label}`] as const)}
                        value={field.value}
                        onChange={(e) => field.onChange(e.target.value)}
                        onBlur={field.onBlur}
                        error={fieldState.error?.message}
                      />
                    )}
                  />
                </div>
                <div className="form-row">
                  <Controller
                    control={control}
                    name={`annexes.${index}.startDate`}
                    render={({ field, fieldState }) => (
                      <DateField label="Début" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
                    )}
                  />
                  <Controller
                    control={control}
                    name={`annexes.${index}.endDate`}
                    render={({ field, fieldState }) => (
                      <DateField label="Fin" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
                    )}
                  />
                </div>
                <button type="button" className="link" onClick={() => annexes.remove(index)}>
                  Retirer l’annexe {index + 1}
                </button>
              </fieldset>
            );
          })}
          <button
            type="button"
            onClick={() => {
              const year = new Date().getFullYear();
              annexes.append(
                {
                  number: '',
                  measure: siaeKind ? aspMeasureBySiaeKind[siaeKind] : 'ACI_DC',
                  startDate: `${year}-01-01`,
                  endDate: `${year}-12-31`,
                },
                { focusName: `annexes.${annexes.fields.length}.number` },
              );
            }}
          >
            Ajouter une annexe financière
          </button>
        </fieldset>

        {serverError ? (
          <p className="form-error" role="alert">
            {serverError}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={formState.isSubmitting}>
            Valider la structure
          </button>
        </div>
      </form>
    </section>
  );
}
