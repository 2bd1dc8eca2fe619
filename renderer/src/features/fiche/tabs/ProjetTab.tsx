import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { IAE_COMMON_ROME } from '../../../../../shared/domain/rome';
import { matchesSearch } from '../../../../../shared/domain/text';
import { PROJET_STATUSES, ProjetInput, projetStatusLabels } from '../../../../../shared/ipc/parcours';
import { call } from '../../../bridge';
import { optionsFrom, SelectField } from '../../../components/forms/SelectField';
import { TextAreaField } from '../../../components/forms/TextAreaField';
import { formatDateLong } from '../../../lib/format';
import { Combobox } from '../../../components/forms/Combobox';
import { FormFooter } from '../components/FormFooter';
import { useFiche } from '../store';
import { useFicheForm } from '../useFicheForm';

const MAX_TARGETS = 5;

interface RomeOption {
  code: string;
  label: string;
}

/** The core searches the shipped IAE list plus any imported ROME file; the short list alone is the offline fallback. */
async function searchRome(query: string): Promise<RomeOption[]> {
  try {
    return await call('rome.search', { query, limit: 10 });
  } catch {
    return IAE_COMMON_ROME.filter((r) => matchesSearch(`${r.code} ${r.label}`, query)).slice(0, 10);
  }
}

export function ProjetTab() {
  const fiche = useFiche((s) => s.fiche)!;
  const id = fiche.identity.id;
  const projet = fiche.parcours.projet;
  const [text, setText] = useState('');
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: ProjetInput,
    draftKey: `projet:${id}`,
    defaultValues: {
      salarieId: id,
      status: projet?.status ?? 'en_construction',
      targets: projet?.targets ?? [],
      note: projet?.note ?? '',
    },
    save: (values) => call('projet.save', values),
    savedMessage: 'Projet professionnel enregistré.',
  });
  const { register, control, formState, setValue, getValues } = form;
  const targets = useWatch({ control, name: 'targets' }) ?? [];
  const full = targets.length >= MAX_TARGETS;

  function setTargets(next: RomeOption[]) {
    setValue('targets', next.map((t) => ({ romeCode: t.code, label: t.label })) as never, { shouldDirty: true });
  }

  return (
    <section className="card" aria-labelledby="projet-title">
      <h2 id="projet-title">Projet professionnel</h2>
      {projet ? <p className="muted">Mis à jour le {formatDateLong(projet.updatedAt.slice(0, 10))}.</p> : null}
      <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="projet-title">
        <SelectField label="Statut du projet" options={optionsFrom(PROJET_STATUSES, projetStatusLabels)} error={formState.errors.status?.message} {...register('status')} />
        <fieldset>
          <legend>Métiers visés (5 au plus)</legend>
          {targets.length === 0 ? (
            <p className="empty-hint">Aucun métier choisi. Cherchez un métier par son nom ou son code ROME.</p>
          ) : (
            <ul className="target-list" aria-label="Métiers visés">
              {targets.map((t, index) => (
                <li key={t.romeCode}>
                  <span className="rome-code">{t.romeCode}</span> {t.label}
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      const current = getValues('targets') ?? [];
                      setTargets(current.filter((_, i) => i !== index).map((c) => ({ code: c.romeCode, label: c.label })));
                    }}
                  >
                    Retirer<span className="visually-hidden"> {t.label}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <Combobox<RomeOption>
            label="Ajouter un métier (code ROME)"
            name="targets"
            disabled={full}
            hint={full ? 'Cinq métiers au plus : retirez-en un pour en ajouter un autre.' : 'Tapez quelques lettres (ex. « espaces verts », « K2204 »), puis choisissez.'}
            emptyMessage="Aucun métier ne correspond. Essayez un autre mot ou le code ROME."
            error={(formState.errors.targets as { message?: string } | undefined)?.message}
            text={text}
            onTextChange={setText}
            search={searchRome}
            optionKey={(r) => r.code}
            renderOption={(r) => `${r.label} (${r.code})`}
            onSelect={(r) => {
              setText('');
              const current = getValues('targets') ?? [];
              if (current.some((c) => c.romeCode === r.code)) return;
              setTargets([...current.map((c) => ({ code: c.romeCode, label: c.label })), r]);
            }}
          />
        </fieldset>
        <TextAreaField label="Note sur le projet" rows={4} hint="Étapes, enquêtes métier, immersions envisagées…" error={formState.errors.note?.message} {...register('note')} />
        <FormFooter submitLabel="Enregistrer le projet" saving={formState.isSubmitting} formError={formError} draftRestored={draftRestored} onDiscardDraft={() => void discardDraft()} />
      </form>
    </section>
  );
}
