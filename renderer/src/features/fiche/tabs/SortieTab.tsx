import { useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { categoriseExit, EXIT_CATEGORIES, EXIT_MOTIFS, exitCategoryLabels, exitMotifs, type ExitMotif } from '../../../../../shared/domain/exits';
import { activityUnitBySiaeKind } from '../../../../../shared/domain/siae';
import { FollowUpInput, SortieInput, type SortieView } from '../../../../../shared/ipc/parcours';
import { call } from '../../../bridge';
import { Field } from '../../../components/Field';
import { DateField } from '../../../components/forms/DateField';
import { TextAreaField } from '../../../components/forms/TextAreaField';
import { todayIso } from '../../../lib/dates';
import { formatDateLong, formatDateShort } from '../../../lib/format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FicheDialog, useDialog } from '../components/FicheDialog';
import { FormFooter } from '../components/FormFooter';
import { GroupedSelectField } from '../components/GroupedSelectField';
import { hoursText, siaeKindOf } from '../labels';
import { useFiche } from '../store';
import { NO_CHOICE, numberOrNull, useFicheForm } from '../useFicheForm';

type FollowUp = SortieView['followUps'][number];
type DialogState = { type: 'follow-up'; followUp: FollowUp } | { type: 'cancel' };

/** Exact ASP labels, grouped by the official category they map to. */
const motifGroups = EXIT_CATEGORIES.map((category) => ({
  label: exitCategoryLabels[category],
  options: EXIT_MOTIFS.filter((m) => exitMotifs[m].category === category).map((m) => [m, exitMotifs[m].label] as const),
})).filter((g) => g.options.length > 0);

export function SortieTab() {
  const fiche = useFiche((s) => s.fiche)!;
  const refresh = useFiche((s) => s.refresh);
  const sortie = fiche.parcours.sortie;
  const [editing, setEditing] = useState(false);
  const dialog = useDialog<DialogState>();
  const d = dialog.value;

  return (
    <div className="tab-stack">
      {sortie && !editing ? (
        <SortieSummary sortie={sortie} onEdit={() => setEditing(true)} onCancelExit={() => dialog.open({ type: 'cancel' })} />
      ) : (
        <section className="card" aria-labelledby="sortie-form-title">
          <h2 id="sortie-form-title">{sortie ? 'Modifier la sortie' : 'Enregistrer la sortie'}</h2>
          {!sortie ? (
            <p className="muted">
              La catégorie officielle (emploi durable, de transition, sortie positive…) est déduite du motif ASP, et le suivi
              à 1, 3 et 6 mois est planifié automatiquement.
            </p>
          ) : null}
          <SortieForm existing={sortie} onDone={() => setEditing(false)} onCancel={sortie ? () => setEditing(false) : undefined} />
        </section>
      )}
      {sortie && !editing ? <FollowUps sortie={sortie} onRecord={(followUp) => dialog.open({ type: 'follow-up', followUp })} /> : null}

      {d?.type === 'follow-up' ? (
        <FicheDialog title={`Noter le suivi à ${d.followUp.offsetMonths} mois`} onClose={dialog.close}>
          <FollowUpForm followUp={d.followUp} onDone={dialog.close} />
        </FicheDialog>
      ) : null}
      {d?.type === 'cancel' ? (
        <ConfirmDialog
          title="Annuler la sortie"
          message="Annuler la sortie ? La personne repasse « en parcours » et le suivi après sortie est retiré."
          confirmLabel="Annuler la sortie"
          onClose={dialog.close}
          onConfirm={async () => {
            await call('sortie.cancel', { salarieId: fiche.identity.id });
            await refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function SortieSummary({ sortie, onEdit, onCancelExit }: { sortie: SortieView; onEdit: () => void; onCancelExit: () => void }) {
  return (
    <section className="card" aria-labelledby="sortie-title" data-testid="sortie-summary">
      <div className="panel-heading">
        <h2 id="sortie-title">Sortie du {formatDateLong(sortie.exitDate)}</h2>
        <div className="page-actions">
          <button type="button" onClick={onEdit}>
            Modifier la sortie
          </button>
          <button type="button" className="danger" onClick={onCancelExit}>
            Annuler la sortie
          </button>
        </div>
      </div>
      <dl className="facts">
        <dt>Motif (ASP)</dt>
        <dd>{sortie.motifLabel}</dd>
        <dt>Catégorie officielle</dt>
        <dd data-testid="sortie-category">
          <strong>{sortie.categoryLabel}</strong>
          {sortie.categoryToBeConfirmed ? (
            <span className="badge badge-warning" title="Correspondance motif → catégorie encore à vérifier dans le référentiel ASP">
              à confirmer
            </span>
          ) : null}
        </dd>
        <dt>Comptée dans les sorties</dt>
        <dd data-testid="sortie-counts">
          <span className={`badge ${sortie.counts ? 'badge-ok' : 'badge-muted'}`}>{sortie.counts ? 'Oui' : 'Non'}</span> {sortie.countingReason}
        </dd>
        {sortie.hoursWorked !== null ? (
          <>
            <dt>Heures travaillées</dt>
            <dd>{hoursText(sortie.hoursWorked)}</dd>
          </>
        ) : null}
        {sortie.monthsWorked !== null ? (
          <>
            <dt>Durée travaillée</dt>
            <dd>{new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(sortie.monthsWorked)} mois</dd>
          </>
        ) : null}
        {sortie.note ? (
          <>
            <dt>Note</dt>
            <dd>{sortie.note}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}

function SortieForm({ existing, onDone, onCancel }: { existing: SortieView | null; onDone: () => void; onCancel: (() => void) | undefined }) {
  const fiche = useFiche((s) => s.fiche)!;
  const structure = useFiche((s) => s.structure);
  const id = fiche.identity.id;
  const kind = siaeKindOf(fiche, structure, todayIso());
  const hoursBased = kind ? activityUnitBySiaeKind[kind] === 'hours' : false;
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: SortieInput,
    draftKey: `sortie:${id}`,
    defaultValues: {
      salarieId: id,
      exitDate: existing?.exitDate ?? todayIso(),
      motif: existing?.motif ?? NO_CHOICE,
      hoursWorked: existing?.hoursWorked ?? null,
      note: existing?.note ?? '',
    },
    choiceMessages: { motif: 'Choisissez le motif de sortie.' },
    save: (values) => call('sortie.save', values),
    savedMessage: 'Sortie enregistrée.',
    onSaved: onDone,
  });
  const { register, control, formState } = form;
  const motif = useWatch({ control, name: 'motif' }) as ExitMotif | '';
  const preview = motif ? categoriseExit(motif) : null;
  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="sortie-form-title">
      <Controller
        control={control}
        name="exitDate"
        render={({ field, fieldState }) => (
          <DateField label="Date de sortie" required name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
        )}
      />
      <GroupedSelectField
        label="Motif de sortie (référentiel ASP)"
        emptyLabel="Choisissez"
        groups={motifGroups}
        hint={preview ? `Catégorie officielle : ${preview.categoryLabel}${preview.toBeConfirmed ? ' (à confirmer)' : ''}.` : 'Les motifs sont regroupés par catégorie officielle.'}
        error={formState.errors.motif?.message}
        {...register('motif')}
      />
      {hoursBased ? (
        <Field
          label="Heures travaillées dans la structure"
          inputMode="decimal"
          autoComplete="off"
          hint={`En ${kind}, la sortie n’est comptée qu’à partir d’un nombre d’heures minimal. Laissez vide pour reprendre le total des contrats.`}
          error={formState.errors.hoursWorked?.message}
          {...register('hoursWorked', { setValueAs: numberOrNull })}
        />
      ) : null}
      <TextAreaField label="Note" rows={3} hint="Employeur, poste, formation… (visible sur la fiche)." error={formState.errors.note?.message} {...register('note')} />
      <FormFooter
        submitLabel="Enregistrer la sortie"
        saving={formState.isSubmitting}
        formError={formError}
        draftRestored={draftRestored}
        onDiscardDraft={() => void discardDraft()}
        onCancel={onCancel}
      />
    </form>
  );
}

function FollowUps({ sortie, onRecord }: { sortie: SortieView; onRecord: (f: FollowUp) => void }) {
  const today = todayIso();
  const followUps = [...sortie.followUps].sort((a, b) => a.offsetMonths - b.offsetMonths);
  return (
    <section className="card" aria-labelledby="followups-title">
      <h2 id="followups-title">Suivi après la sortie</h2>
      {followUps.length === 0 ? (
        <p className="empty-hint">Aucun suivi planifié.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Suivis à 1, 3 et 6 mois</caption>
          <thead>
            <tr>
              <th scope="col">Suivi</th>
              <th scope="col">Échéance</th>
              <th scope="col">Situation</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {followUps.map((f) => (
              <tr key={f.id}>
                <td>À {f.offsetMonths} mois</td>
                <td>
                  {formatDateShort(f.dueDate)}
                  {!f.doneDate && f.dueDate < today ? <span className="badge badge-critical">En retard</span> : null}
                </td>
                <td>
                  {f.doneDate ? (
                    <>
                      <span className="badge badge-ok">Fait le {formatDateShort(f.doneDate)}</span> {f.situation}
                      {f.note ? <div className="fact-sub">{f.note}</div> : null}
                    </>
                  ) : (
                    <span className="muted">À faire</span>
                  )}
                </td>
                <td className="row-actions">
                  <button type="button" className={f.doneDate ? 'link' : undefined} onClick={() => onRecord(f)}>
                    {f.doneDate ? 'Modifier' : 'Noter le suivi'}
                    <span className="visually-hidden"> à {f.offsetMonths} mois</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const SITUATION_SUGGESTIONS = [
  'En emploi, même poste',
  'En emploi, autre employeur',
  'En formation',
  'Demandeur·se d’emploi',
  'Sans nouvelles',
];

function FollowUpForm({ followUp, onDone }: { followUp: FollowUp; onDone: () => void }) {
  const fiche = useFiche((s) => s.fiche)!;
  const id = fiche.identity.id;
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: FollowUpInput,
    draftKey: `suivi:${id}:${followUp.offsetMonths}`,
    afterSave: 'reset',
    defaultValues: {
      salarieId: id,
      offsetMonths: followUp.offsetMonths,
      doneDate: followUp.doneDate ?? todayIso(),
      situation: followUp.situation ?? '',
      note: followUp.note ?? '',
    },
    save: (values) => call('sortie.recordFollowUp', values),
    savedMessage: 'Suivi enregistré.',
    onSaved: onDone,
  });
  const { register, control, formState } = form;
  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-label={`Suivi à ${followUp.offsetMonths} mois`}>
      <p className="muted">Échéance prévue : {formatDateLong(followUp.dueDate)}.</p>
      <Controller
        control={control}
        name="doneDate"
        render={({ field, fieldState }) => (
          <DateField label="Date du suivi" required name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
        )}
      />
      <Field label="Situation" list="follow-up-situations" autoComplete="off" autoFocus error={formState.errors.situation?.message} {...register('situation')} />
      <datalist id="follow-up-situations">
        {SITUATION_SUGGESTIONS.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <TextAreaField label="Note" rows={3} error={formState.errors.note?.message} {...register('note')} />
      <FormFooter submitLabel="Enregistrer le suivi" saving={formState.isSubmitting} formError={formError} draftRestored={draftRestored} onDiscardDraft={() => void discardDraft()} onCancel={onDone} />
    </form>
  );
}
