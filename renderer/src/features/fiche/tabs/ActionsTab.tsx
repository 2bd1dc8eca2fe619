import { useState } from 'react';
import { Controller } from 'react-hook-form';
import type { z } from 'zod';
import { ActionInput, ActionView as ActionViewSchema } from '../../../../../shared/ipc/parcours';
import { BridgeError, call } from '../../../bridge';
import { Field } from '../../../components/Field';
import { DateField } from '../../../components/forms/DateField';
import { SelectField } from '../../../components/forms/SelectField';
import { todayIso } from '../../../lib/dates';
import { formatDateShort } from '../../../lib/format';
import { notifyError, notifySaved } from '../../../state/notices';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useDialog } from '../components/FicheDialog';
import { FormFooter } from '../components/FormFooter';
import { plural } from '../labels';
import { useFiche } from '../store';
import { NO_DATE, useFicheForm } from '../useFicheForm';

type ActionView = z.infer<typeof ActionViewSchema>;

const actionKindLabels: Record<ActionView['kind'], string> = {
  suivi: 'Suivi du parcours',
  preparation_sortie: 'Préparation de la sortie',
};

export function ActionsTab() {
  const fiche = useFiche((s) => s.fiche)!;
  const refresh = useFiche((s) => s.refresh);
  const dialog = useDialog<ActionView>();
  const [busy, setBusy] = useState<string | null>(null);
  const actions = fiche.parcours.actions;
  const open = actions.filter((a) => a.doneDate === null).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const done = actions.filter((a) => a.doneDate !== null).sort((a, b) => (b.doneDate ?? '').localeCompare(a.doneDate ?? ''));
  const overdue = open.filter((a) => a.overdue).length;

  async function setDone(action: ActionView, doneDate: string | null) {
    setBusy(action.id);
    try {
      await call('actions.save', {
        salarieId: fiche.identity.id,
        id: action.id,
        label: action.label,
        kind: action.kind,
        owner: action.owner,
        dueDate: action.dueDate,
        doneDate,
      });
      notifySaved(doneDate ? 'Action marquée comme faite.' : 'Action remise à faire.');
      await refresh();
    } catch (error) {
      notifyError(error instanceof BridgeError ? error.message : 'L’action n’a pas pu être enregistrée.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="tab-columns actions-columns">
      <section className="card" aria-labelledby="new-action-title">
        <h2 id="new-action-title">Nouvelle action</h2>
        <NewActionForm />
      </section>
      <section className="card" aria-labelledby="actions-title">
        <h2 id="actions-title">Prochaines étapes</h2>
        {open.length === 0 ? (
          <p className="empty-hint">Aucune action à faire. Notez la prochaine étape convenue avec la personne, avec une échéance.</p>
        ) : (
          <>
            <p className="muted">
              {plural(open.length, 'action')} à faire{overdue > 0 ? `, dont ${plural(overdue, 'en retard', 'en retard')}` : ''}.
            </p>
            <ul className="action-list">
              {open.map((a) => (
                <li key={a.id} className={a.overdue ? 'is-overdue' : undefined} data-testid="action-item">
                  <div className="action-main">
                    <span className="action-label">{a.label}</span>
                    <span className="fact-sub">
                      {actionKindLabels[a.kind]} · échéance {formatDateShort(a.dueDate)}
                      {a.owner ? ` · ${a.owner}` : ''}
                    </span>
                  </div>
                  {a.overdue ? <span className="badge badge-critical">En retard</span> : null}
                  <div className="row-actions">
                    <button type="button" disabled={busy === a.id} onClick={() => void setDone(a, todayIso())}>
                      Marquer fait<span className="visually-hidden"> : {a.label}</span>
                    </button>
                    <button type="button" className="link danger-link" onClick={() => dialog.open(a)}>
                      Supprimer<span className="visually-hidden"> : {a.label}</span>
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
        {done.length > 0 ? (
          <details className="done-actions">
            <summary>{plural(done.length, 'action faite', 'actions faites')}</summary>
            <ul className="action-list">
              {done.map((a) => (
                <li key={a.id}>
                  <div className="action-main">
                    <span className="action-label">{a.label}</span>
                    <span className="fact-sub">
                      Faite le {formatDateShort(a.doneDate)}
                      {a.owner ? ` · ${a.owner}` : ''}
                    </span>
                  </div>
                  <span className="badge badge-ok">Faite</span>
                  <div className="row-actions">
                    <button type="button" className="link" disabled={busy === a.id} onClick={() => void setDone(a, null)}>
                      Remettre à faire<span className="visually-hidden"> : {a.label}</span>
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
      {dialog.value ? (
        <ConfirmDialog
          title="Supprimer l’action"
          message={`Supprimer l’action « ${dialog.value.label} » ?`}
          confirmLabel="Supprimer l’action"
          onClose={dialog.close}
          onConfirm={async () => {
            await call('actions.delete', { id: dialog.value!.id });
            await refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function NewActionForm() {
  const fiche = useFiche((s) => s.fiche)!;
  const referents = useFiche((s) => s.referents);
  const id = fiche.identity.id;
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: ActionInput,
    draftKey: `action:${id}`,
    afterSave: 'reset',
    defaultValues: { salarieId: id, label: '', kind: 'suivi', owner: fiche.identity.referentName ?? '', dueDate: NO_DATE, doneDate: null },
    save: (values) => call('actions.save', values),
    savedMessage: 'Action ajoutée.',
  });
  const { register, control, formState } = form;
  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="new-action-title">
      <Field label="Action" autoComplete="off" hint="Verbe d’abord : « Appeler la plateforme mobilité »." error={formState.errors.label?.message} {...register('label')} />
      <Controller
        control={control}
        name="dueDate"
        render={({ field, fieldState }) => (
          <DateField label="Échéance" required name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
        )}
      />
      <div className="form-row">
        <Field label="Responsable" list="action-owners" autoComplete="off" error={formState.errors.owner?.message} {...register('owner')} />
        <SelectField label="Type" options={Object.entries(actionKindLabels)} error={formState.errors.kind?.message} {...register('kind')} />
      </div>
      <datalist id="action-owners">
        {referents.filter((r) => r.active).map((r) => (
          <option key={r.id} value={r.displayName} />
        ))}
      </datalist>
      <FormFooter submitLabel="Ajouter l’action" saving={formState.isSubmitting} formError={formError} draftRestored={draftRestored} onDiscardDraft={() => void discardDraft()} />
    </form>
  );
}
