import { useEffect, useRef, useState } from 'react';
import { Controller, useFieldArray, useForm, type FieldErrors, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import { ORGANISATION_KINDS, organisationKindLabels, type OrganisationKind } from '../../../../shared/domain/entretiens';
import { OrganisationInput, type OrganisationView } from '../../../../shared/ipc/partners';
import { BridgeError, call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { CheckboxField } from '../../components/forms/CheckboxField';
import { CommuneCombobox, TYPED_COMMUNE_PREFIX } from '../../components/forms/CommuneCombobox';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { TextAreaField } from '../../components/forms/TextAreaField';
import { formatDateShort } from '../../lib/format';
import { useDraft } from '../../lib/useDraft';
import { hrefFor } from '../../router';
import { notifySaved } from '../../state/notices';
import { entretienHref, organisationHref, salarieHref } from '../entretiens/links';
import { appendAndFocus } from '../entretiens/rowKeys';

interface ContactValue {
  id: string | null;
  name: string;
  role: string;
  phone: string;
  email: string;
  active: boolean;
  /** Not edited here, but sent back so it is kept. */
  notes: string | null;
}

interface OrganisationFormValues {
  id: string | null;
  name: string;
  kind: OrganisationKind;
  siret: string;
  nafCode: string;
  communeInsee: string | null;
  address: string;
  sizeBand: '' | '0' | '1-9' | '10-49' | '50-249' | '250+';
  notes: string;
  contacts: ContactValue[];
}

type OrganisationSubmit = z.output<typeof OrganisationInput>;

const SIZE_BANDS = [
  ['0', 'Sans salarié'],
  ['1-9', '1 à 9 salariés'],
  ['10-49', '10 à 49 salariés'],
  ['50-249', '50 à 249 salariés'],
  ['250+', '250 salariés et plus'],
] as const;

const emptyContact = (): ContactValue => ({ id: null, name: '', role: '', phone: '', email: '', active: true, notes: null });

function valuesFrom(view: OrganisationView | null): OrganisationFormValues {
  if (!view) {
    return { id: null, name: '', kind: 'entreprise', siret: '', nafCode: '', communeInsee: null, address: '', sizeBand: '', notes: '', contacts: [emptyContact()] };
  }
  return {
    id: view.id,
    name: view.name,
    kind: view.kind,
    siret: view.siret ?? '',
    nafCode: view.nafCode ?? '',
    communeInsee: view.communeInsee,
    address: view.address ?? '',
    sizeBand: (SIZE_BANDS.find(([code]) => code === view.sizeBand)?.[0] ?? '') as OrganisationFormValues['sizeBand'],
    notes: view.notes ?? '',
    contacts: view.contacts.length
      ? view.contacts.map((c) => ({ id: c.id, name: c.name, role: c.role ?? '', phone: c.phone ?? '', email: c.email ?? '', active: c.active, notes: c.notes }))
      : [emptyContact()],
  };
}

const blankContact = (c: ContactValue) => !c.id && [c.name, c.role, c.phone, c.email].every((v) => v.trim() === '');

/** Validates with the contract's schema; blank contact rows are dropped and indexes mapped back. */
const organisationResolver: Resolver<OrganisationFormValues, unknown, OrganisationSubmit> = async (values) => {
  const kept = values.contacts.map((c, formIndex) => ({ c, formIndex })).filter(({ c }) => !blankContact(c));
  const flat: Record<string, { type: string; message: string }> = {};
  let communeInsee = values.communeInsee;
  if (communeInsee?.startsWith(TYPED_COMMUNE_PREFIX)) {
    flat.communeInsee = { type: 'custom', message: 'Commune inconnue : choisissez-la dans la liste.' };
    communeInsee = null;
  }
  const input: OrganisationInput = {
    ...(values.id ? { id: values.id } : {}),
    name: values.name,
    kind: values.kind,
    siret: values.siret,
    nafCode: values.nafCode.trim().toUpperCase(),
    communeInsee,
    address: values.address,
    sizeBand: values.sizeBand === '' ? null : values.sizeBand,
    notes: values.notes,
    contacts: kept.map(({ c }) => ({
      ...(c.id ? { id: c.id } : {}),
      name: c.name,
      role: c.role,
      phone: c.phone,
      email: c.email,
      active: c.active,
      notes: c.notes,
    })),
  };
  const result = OrganisationInput.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const parts = issue.path.map(String);
      if (parts[0] === 'contacts' && parts[1] !== undefined) parts[1] = String(kept[Number(parts[1])]?.formIndex ?? parts[1]);
      flat[parts.join('.')] ??= { type: issue.code, message: issue.message };
    }
  }
  if (result.success && Object.keys(flat).length === 0) return { values: result.data, errors: {} };
  const nested: Record<string, unknown> = {};
  for (const [path, error] of Object.entries(flat)) {
    const keys = path.split('.');
    let node = nested;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) node[key] = error;
      else node = (node[key] ??= {}) as Record<string, unknown>;
    });
  }
  return { values: {}, errors: nested as FieldErrors<OrganisationFormValues> };
};

/** `#/entreprises/<id>` (fiche) and `#/entreprises/nouvelle`. */
export function OrganisationPage({ id }: { id: string | null }) {
  const [state, setState] = useState<{ id: string | null; view: OrganisationView | null; error: string | null; loaded: boolean }>({ id: null, view: null, error: null, loaded: false });

  useEffect(() => {
    let cancelled = false;
    if (!id) {
      setState({ id, view: null, error: null, loaded: true });
      return undefined;
    }
    setState({ id, view: null, error: null, loaded: false });
    call('partners.get', { id }).then(
      (view) => !cancelled && setState({ id, view, error: null, loaded: true }),
      (e: unknown) => !cancelled && setState({ id, view: null, error: e instanceof BridgeError ? e.message : 'L’organisation n’a pas pu être ouverte.', loaded: true }),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);

  useEffect(() => {
    document.getElementById('page-title')?.focus();
  }, [id]);

  const current = state.id === id ? state : { id, view: null, error: null, loaded: false };
  const title = id ? (current.view?.name ?? 'Organisation') : 'Nouvelle organisation';

  return (
    <>
      <PageHeader
        title={title}
        actions={
          <a className="button" href={hrefFor('entreprises')}>
            Retour au répertoire
          </a>
        }
      />
      {current.error ? (
        <EmptyState title="Organisation introuvable">
          <p>
            {current.error} Revenez au <a href={hrefFor('entreprises')}>répertoire des entreprises</a>.
          </p>
        </EmptyState>
      ) : null}
      {!current.loaded ? <p aria-busy="true">Chargement…</p> : null}
      {current.loaded && !current.error ? (
        <div className="org-layout">
          <OrganisationForm key={id ?? 'nouvelle'} view={current.view} onSaved={(view) => setState({ id: view.id, view, error: null, loaded: true })} />
          {current.view ? <History view={current.view} /> : null}
        </div>
      ) : null}
    </>
  );
}

function OrganisationForm({ view, onSaved }: { view: OrganisationView | null; onSaved(view: OrganisationView): void }) {
  const form = useForm<OrganisationFormValues, unknown, OrganisationSubmit>({ resolver: organisationResolver, defaultValues: valuesFrom(view), shouldFocusError: false });
  const { register, control, formState } = form;
  void formState.isDirty;
  const draft = useDraft(`organisation:${view?.id ?? 'nouvelle'}`, form as unknown as UseFormReturn<Record<string, unknown>>);
  const { fields, append, remove } = useFieldArray({ control, name: 'contacts', keyName: 'key' });
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ref = useRef<HTMLFormElement>(null);
  const contactsList = useRef<HTMLDivElement>(null);
  const errors = formState.errors;

  const submit = form.handleSubmit(
    async (values) => {
      setSaving(true);
      setFormError(null);
      try {
        const saved = await call('partners.save', values);
        await draft.clear();
        form.reset(valuesFrom(saved));
        notifySaved();
        if (!view) window.location.replace(organisationHref(saved.id));
        else onSaved(saved);
      } catch (e) {
        if (e instanceof BridgeError && e.payload.code === 'VALIDATION' && e.payload.issues?.length) {
          for (const issue of e.payload.issues) form.setError(issue.path as 'name', { type: 'server', message: issue.message });
          setFormError(null);
        } else {
          setFormError(e instanceof BridgeError ? e.message : 'L’enregistrement a échoué. Réessayez.');
        }
      } finally {
        setSaving(false);
      }
    },
    () => window.requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()),
  );

  // Ctrl+S saves from anywhere on the page.
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

  return (
    <form
      ref={ref}
      className="org-form"
      noValidate
      aria-label="Fiche de l’organisation"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>Identité</legend>
        <OrgInput form={form} name="name" label="Nom" required error={errors.name?.message} />
        <SelectField label="Type" options={optionsFrom(ORGANISATION_KINDS, organisationKindLabels)} {...register('kind')} />
        <div className="form-row">
          <OrgInput form={form} name="siret" label="SIRET" hint="14 chiffres ; la clé de contrôle est vérifiée." error={errors.siret?.message} inputMode="numeric" />
          <OrgInput form={form} name="nafCode" label="Code NAF" hint="Ex. : 81.21Z" error={errors.nafCode?.message} />
        </div>
        <Controller
          control={control}
          name="communeInsee"
          render={({ field }) => <CommuneCombobox label="Commune" value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={errors.communeInsee?.message} />}
        />
        <OrgInput form={form} name="address" label="Adresse" error={errors.address?.message} />
        <SelectField label="Effectif" options={SIZE_BANDS} emptyLabel="— Non renseigné —" {...register('sizeBand')} />
      </fieldset>

      <fieldset className="contacts-fieldset">
        <legend>Contacts</legend>
        <div ref={contactsList}>
          {fields.map((field, index) => (
            <div key={field.key} className="contact-row" data-row role="group" aria-label={`Contact ${index + 1}`}>
              <div className="form-row">
                <OrgInput form={form} name={`contacts.${index}.name`} label={`Contact ${index + 1} : nom`} error={errors.contacts?.[index]?.name?.message} cell />
                <OrgInput form={form} name={`contacts.${index}.role`} label="Fonction" error={errors.contacts?.[index]?.role?.message} />
              </div>
              <div className="form-row">
                <OrgInput form={form} name={`contacts.${index}.phone`} label="Téléphone" type="tel" error={errors.contacts?.[index]?.phone?.message} />
                <OrgInput form={form} name={`contacts.${index}.email`} label="E-mail" type="email" error={errors.contacts?.[index]?.email?.message} />
              </div>
              <div className="contact-row-footer">
                <CheckboxField label="Contact actif" hint="Décochez quand la personne a quitté l’organisation." {...register(`contacts.${index}.active`)} />
                <button type="button" className="link" onClick={() => remove(index)} aria-label={`Retirer le contact ${index + 1}`}>
                  Retirer
                </button>
              </div>
            </div>
          ))}
        </div>
        <button
          type="button"
          onClick={() => {
            appendAndFocus(contactsList.current, fields.length, () => append(emptyContact(), { shouldFocus: false }));
          }}
        >
          Ajouter un contact
        </button>
      </fieldset>

      <TextAreaField label="Notes" rows={3} hint="Ce qui aide à travailler avec ce partenaire : métiers, besoins, modalités d’accueil." error={errors.notes?.message} {...register('notes')} />

      {draft.restored ? (
        <p className="draft-note">
          Brouillon non enregistré restauré.{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              void draft.clear();
              form.reset(valuesFrom(view));
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
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Enregistrement…' : 'Enregistrer'}
        </button>
        <span className="form-hint">Entrée ou Ctrl+S pour enregistrer</span>
      </div>
    </form>
  );
}

type OrgField = 'name' | 'siret' | 'nafCode' | 'address' | `contacts.${number}.${'name' | 'role' | 'phone' | 'email'}`;

function OrgInput({
  form,
  name,
  label,
  hint,
  error,
  required,
  type = 'text',
  inputMode,
  cell,
}: {
  form: UseFormReturn<OrganisationFormValues, unknown, OrganisationSubmit>;
  name: OrgField;
  label: string;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
  type?: string;
  inputMode?: 'numeric';
  cell?: boolean;
}) {
  const id = `org-${name.replace(/\./g, '-')}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field" data-cell={cell ? '' : undefined}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...form.register(name)}
      />
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

const HISTORY_LABELS: Record<OrganisationView['history'][number]['kind'], string> = {
  entretien: 'Entretien tripartite',
  immersion: 'Immersion accueillie',
  embauche: 'Embauche',
};

const HISTORY_OPEN: Record<OrganisationView['history'][number]['kind'], string> = {
  entretien: 'Ouvrir l’entretien',
  immersion: 'Ouvrir l’immersion',
  embauche: 'Voir la fiche du salarié',
};

function historyHref(item: OrganisationView['history'][number]): string | null {
  if (item.kind === 'entretien') return entretienHref(item.refId);
  if (item.kind === 'immersion') return hrefFor('immersions', item.refId);
  return item.salarieId ? salarieHref(item.salarieId) : null;
}

/** What happened with this partner, newest first. */
function History({ view }: { view: OrganisationView }) {
  const items = [...view.history].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <section className="org-history" aria-labelledby="org-history-title">
      <h2 id="org-history-title">Historique</h2>
      {view.lastContactDate ? <p className="form-hint">Dernier contact le {formatDateShort(view.lastContactDate)}.</p> : null}
      {items.length === 0 ? (
        <p>Aucun entretien tripartite, aucune immersion ni embauche pour l’instant. Ils apparaîtront ici dès qu’un entretien ou une immersion cite cette organisation.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Historique avec {view.name}, du plus récent au plus ancien</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Type</th>
              <th scope="col">Objet</th>
              <th scope="col">Salarié·e</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const href = historyHref(item);
              // The title often repeats the type (« Entretien tripartite »): then the link says what it opens.
              const text = item.title && item.title !== HISTORY_LABELS[item.kind] ? item.title : HISTORY_OPEN[item.kind];
              return (
                <tr key={`${item.kind}:${item.refId}`}>
                  <td>{formatDateShort(item.date)}</td>
                  <td>{HISTORY_LABELS[item.kind]}</td>
                  <td>{href ? <a href={href}>{text}</a> : text}</td>
                  <td>{item.salarieId && item.salarieName ? <a href={salarieHref(item.salarieId)}>{item.salarieName}</a> : (item.salarieName ?? '—')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
