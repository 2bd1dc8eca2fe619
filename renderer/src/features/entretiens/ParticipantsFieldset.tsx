import { useId, useRef } from 'react';
import { flushSync } from 'react-dom';
import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { participantRoleLabels, THIRD_PARTY_ROLES } from '../../../../shared/domain/entretiens';
import type { Referent } from '../../../../shared/ipc/structure';
import { call } from '../../bridge';
import { SelectField } from '../../components/forms/SelectField';
import { Combobox } from '../../components/forms/Combobox';
import { emptyNewContact, participantLabel, thirdPartyRow, type EntretienFormValues } from './formModel';
import { focusByName } from './rowKeys';

type ContactHit = Awaited<ReturnType<typeof searchContacts>>[number];
type ContactOption = { type: 'found'; hit: ContactHit } | { type: 'new-contact'; text: string } | { type: 'new-organisation'; text: string };

function searchContacts(query: string) {
  return call('partners.searchContacts', { query: query.slice(0, 100), limit: 8 });
}

const THIRD_PARTY_OPTIONS = THIRD_PARTY_ROLES.map((role) => [role, participantRoleLabels[role]] as const);

interface ParticipantsFieldsetProps {
  form: UseFormReturn<EntretienFormValues, unknown, unknown>;
  referents: Referent[];
  /** Planning from the agenda: the salarié and the référent are added on save, only third parties are edited. */
  thirdPartiesOnly?: boolean;
  legend?: string;
}

/**
 * Who took part: the salarié and the référent (prefilled), and third parties picked from the partners
 * directory or typed once as a new contact (the core saves it to the directory with its organisation).
 */
export function ParticipantsFieldset({ form, referents, thirdPartiesOnly = false, legend = 'Participants' }: ParticipantsFieldsetProps) {
  const { control, register, setValue, formState } = form;
  const { fields, append, remove } = useFieldArray({ control, name: 'participants', keyName: 'key' });
  const rows = useWatch({ control, name: 'participants' });
  const list = useRef<HTMLDivElement>(null);
  const errors = formState.errors.participants;

  const set = <K extends keyof EntretienFormValues['participants'][number]>(index: number, key: K, value: EntretienFormValues['participants'][number][K]) =>
    setValue(`participants.${index}.${key}` as const, value as never, { shouldDirty: true });

  function choose(index: number, option: ContactOption) {
    if (option.type === 'found') {
      set(index, 'organisationId', option.hit.organisationId);
      set(index, 'contactId', option.hit.contactId);
      set(index, 'organisationName', option.hit.organisationName);
      set(index, 'displayName', option.hit.contactName ?? option.hit.organisationName);
      form.clearErrors(`participants.${index}.displayName`);
      return;
    }
    const contact = emptyNewContact();
    if (option.type === 'new-contact') contact.name = option.text;
    else contact.organisationName = option.text;
    // Rendered at once, so the next keystroke lands in the new fields.
    flushSync(() => {
      set(index, 'newContact', contact);
      set(index, 'mode', 'new');
      set(index, 'displayName', '');
    });
    // Continue with the field still empty.
    const next = option.type === 'new-contact' ? 'organisationName' : 'name';
    focusByName(list.current, `participants.${index}.newContact.${next}`);
  }

  function backToSearch(index: number) {
    flushSync(() => {
      set(index, 'mode', 'known');
      set(index, 'newContact', emptyNewContact());
    });
    focusByName(list.current, `participants.${index}.displayName`);
  }

  function addThirdParty() {
    const index = fields.length;
    flushSync(() => append(thirdPartyRow('employeur'), { shouldFocus: false }));
    focusByName(list.current, `participants.${index}.role`);
  }

  const referentOptions = referents.filter((r) => r.active || rows?.some((p) => p.referentId === r.id)).map((r) => [r.id, r.displayName] as const);

  return (
    <fieldset className="participants">
      <legend>{legend}</legend>
      {thirdPartiesOnly ? <p className="form-hint">Le salarié et son référent sont ajoutés automatiquement.</p> : null}
      <div ref={list} className="participant-list">
        {fields.map((field, index) => {
          const row = rows?.[index] ?? field;
          const rowErrors = errors?.[index];
          const remove_ = (
            <button type="button" className="link row-remove" onClick={() => remove(index)} aria-label={`Retirer ${participantLabel(row) || 'ce participant'}`}>
              Retirer
            </button>
          );
          if (thirdPartiesOnly && (row.role === 'salarie' || row.role === 'referent')) return null;
          if (row.role === 'salarie') {
            return (
              <div key={field.key} className="participant-row" data-row>
                <span className="participant-role">{participantRoleLabels.salarie}</span>
                <span className="participant-name">{row.displayName}</span>
                {remove_}
              </div>
            );
          }
          if (row.role === 'referent') {
            return (
              <div key={field.key} className="participant-row" data-row>
                {referentOptions.length > 0 ? (
                  <SelectField
                    label={participantRoleLabels.referent}
                    options={referentOptions}
                    emptyLabel="— Choisir —"
                    value={row.referentId ?? ''}
                    name={`participants.${index}.referentId`}
                    onChange={(e) => {
                      const chosen = referents.find((r) => r.id === e.target.value);
                      set(index, 'referentId', chosen?.id ?? null);
                      set(index, 'displayName', chosen?.displayName ?? '');
                    }}
                  />
                ) : (
                  <>
                    <span className="participant-role">{participantRoleLabels.referent}</span>
                    <span className="participant-name">{row.displayName || 'Non renseigné'}</span>
                  </>
                )}
                {remove_}
              </div>
            );
          }
          return (
            <div key={field.key} className="participant-row third-party" data-row>
              <SelectField
                label="Rôle"
                options={THIRD_PARTY_OPTIONS}
                {...register(`participants.${index}.role`)}
              />
              {row.mode === 'known' ? (
                <Combobox<ContactOption>
                  label="Contact ou organisation"
                  name={`participants.${index}.displayName`}
                  hint="Tapez un nom : choisissez dans le répertoire ou créez un nouveau contact."
                  error={rowErrors?.displayName?.message}
                  text={row.organisationId || row.contactId ? participantLabel(row) : row.displayName}
                  onTextChange={(text) => {
                    set(index, 'nameOnly', false);
                    set(index, 'displayName', text);
                    set(index, 'organisationName', '');
                    set(index, 'organisationId', null);
                    set(index, 'contactId', null);
                  }}
                  search={(q) => searchContacts(q).then((hits) => hits.map((hit) => ({ type: 'found' as const, hit })))}
                  extraOptions={(q) => [
                    { type: 'new-contact', text: q },
                    { type: 'new-organisation', text: q },
                  ]}
                  optionKey={(o) => (o.type === 'found' ? `${o.hit.organisationId}:${o.hit.contactId ?? ''}` : o.type)}
                  renderOption={(o) =>
                    o.type === 'found' ? (
                      <>
                        {o.hit.contactName ?? o.hit.organisationName}
                        <span className="combobox-secondary">
                          {o.hit.contactName ? ` — ${o.hit.organisationName}` : ' (organisation)'}
                          {o.hit.role ? `, ${o.hit.role}` : ''}
                        </span>
                      </>
                    ) : o.type === 'new-contact' ? (
                      <span className="combobox-create">Nouveau contact : « {o.text} »</span>
                    ) : (
                      <span className="combobox-create">Nouvelle organisation : « {o.text} »</span>
                    )
                  }
                  onSelect={(o) => choose(index, o)}
                  emptyMessage="Personne de ce nom dans le répertoire : choisissez « Nouveau contact »."
                />
              ) : (
                <div className="new-contact" role="group" aria-label="Nouveau contact, enregistré dans le répertoire">
                  <div className="form-row">
                    <FieldInput label="Organisation" name={`participants.${index}.newContact.organisationName`} form={form} />
                    <FieldInput
                      label="Nom du contact"
                      required
                      name={`participants.${index}.newContact.name`}
                      form={form}
                      error={rowErrors?.newContact?.name?.message}
                    />
                    <FieldInput label="Fonction" name={`participants.${index}.newContact.role`} form={form} />
                  </div>
                  <div className="form-row">
                    <FieldInput label="Téléphone" type="tel" name={`participants.${index}.newContact.phone`} form={form} />
                    <FieldInput label="E-mail" type="email" name={`participants.${index}.newContact.email`} form={form} />
                  </div>
                  <button type="button" className="link" onClick={() => backToSearch(index)}>
                    Chercher plutôt dans le répertoire
                  </button>
                </div>
              )}
              {remove_}
            </div>
          );
        })}
      </div>
      {typeof errors?.message === 'string' ? <p className="field-error">{errors.message}</p> : null}
      <button type="button" onClick={addThirdParty}>
        Ajouter un tiers
      </button>
    </fieldset>
  );
}

type FieldName = `participants.${number}.newContact.${'organisationName' | 'name' | 'role' | 'phone' | 'email'}`;

/** A registered text input with its label and error, for the new-contact fields. */
function FieldInput({
  label,
  name,
  form,
  error,
  required,
  type = 'text',
}: {
  label: string;
  name: FieldName;
  form: UseFormReturn<EntretienFormValues, unknown, unknown>;
  error?: string | undefined;
  required?: boolean;
  type?: string;
}) {
  const id = `${useId()}-${name.replace(/\./g, '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        type={type}
        autoComplete="off"
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...form.register(name)}
      />
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
