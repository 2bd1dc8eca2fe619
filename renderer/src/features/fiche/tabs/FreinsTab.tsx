import { Controller, useWatch } from 'react-hook-form';
import {
  ASP_FREIN_TYPES,
  aspFreinTypeLabels,
  aspFreinTypeOf,
  FREIN_KINDS,
  freinKinds,
  freinStatusLabels,
  freinTransitions,
  isConfidentialFreinKind,
  supportModeLabels,
  SUPPORT_MODES,
  type FreinStatus,
} from '../../../../../shared/domain/freins';
import { contract as ipc } from '../../../../../shared/ipc/contract';
import { FreinInput, type FreinView } from '../../../../../shared/ipc/parcours';
import { BridgeError, call } from '../../../bridge';
import { Field } from '../../../components/Field';
import { DateField } from '../../../components/forms/DateField';
import { SelectField } from '../../../components/forms/SelectField';
import { TextAreaField } from '../../../components/forms/TextAreaField';
import { todayIso } from '../../../lib/dates';
import { formatDateShort } from '../../../lib/format';
import { notifyError } from '../../../state/notices';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FicheDialog, useDialog } from '../components/FicheDialog';
import { FormFooter } from '../components/FormFooter';
import { GroupedSelectField } from '../components/GroupedSelectField';
import { Icon } from '../components/Icon';
import { plural } from '../labels';
import { useFiche } from '../store';
import { NO_CHOICE, useFicheForm } from '../useFicheForm';

type DialogState = { type: 'frein'; frein: FreinView | null } | { type: 'action'; frein: FreinView } | { type: 'delete'; frein: FreinView };

const statusTone: Record<FreinStatus, string> = {
  identified: 'info',
  in_progress: 'warning',
  lifted: 'ok',
  abandoned: 'muted',
};

export function FreinsTab() {
  const fiche = useFiche((s) => s.fiche)!;
  const revealed = useFiche((s) => s.revealed);
  const reveal = useFiche((s) => s.reveal);
  const hide = useFiche((s) => s.hideConfidential);
  const refresh = useFiche((s) => s.refresh);
  const dialog = useDialog<DialogState>();
  const freins = [...fiche.parcours.freins].sort((a, b) => openFirst(a, b) || b.identifiedDate.localeCompare(a.identifiedDate));
  const hasHidden = freins.some((f) => f.confidential && f.hasDetails);
  const lifted = freins.filter((f) => f.status === 'lifted').length;
  const d = dialog.value;

  return (
    <section aria-labelledby="freins-title">
      <div className="panel-heading">
        <h2 id="freins-title">Freins</h2>
        <div className="page-actions">
          {hasHidden ? (
            revealed ? (
              <button type="button" onClick={hide}>
                Masquer les informations confidentielles
              </button>
            ) : (
              <button
                type="button"
                onClick={() =>
                  void reveal().catch((error: unknown) =>
                    notifyError(error instanceof BridgeError ? error.message : 'Les informations confidentielles n’ont pas pu être affichées.'),
                  )
                }
              >
                <Icon name="lock" /> Afficher les informations confidentielles
              </button>
            )
          ) : null}
          <button type="button" className="primary" onClick={() => dialog.open({ type: 'frein', frein: null })}>
            Ajouter un frein
          </button>
        </div>
      </div>
      {freins.length === 0 ? (
        <p className="empty-hint">
          Aucun frein identifié. Notez ici ce qui freine l’accès à l’emploi (mobilité, logement, santé…) puis les actions engagées
          pour le lever.
        </p>
      ) : (
        <>
          <p className="muted">
            {plural(freins.length, 'frein')}, {lifted === 0 ? 'aucun levé' : `dont ${plural(lifted, 'levé')}`}.
          </p>
          <ul className="frein-list">
            {freins.map((frein) => (
              <FreinCard
                key={frein.id}
                frein={frein}
                revealedDetails={revealed ? revealed.freinDetails[frein.id] ?? null : undefined}
                onAddAction={() => dialog.open({ type: 'action', frein })}
                onEdit={() => dialog.open({ type: 'frein', frein })}
                onDelete={() => dialog.open({ type: 'delete', frein })}
              />
            ))}
          </ul>
        </>
      )}

      {d?.type === 'frein' ? (
        <FicheDialog title={d.frein ? 'Modifier le frein' : 'Ajouter un frein'} onClose={dialog.close}>
          <FreinForm existing={d.frein} onDone={dialog.close} />
        </FicheDialog>
      ) : null}
      {d?.type === 'action' ? (
        <FicheDialog title={`Ajouter une action — ${freinKinds[d.frein.kind].label}`} onClose={dialog.close}>
          <FreinActionForm frein={d.frein} onDone={dialog.close} />
        </FicheDialog>
      ) : null}
      {d?.type === 'delete' ? (
        <ConfirmDialog
          title="Supprimer le frein"
          message={`Supprimer le frein « ${freinKinds[d.frein.kind].label} » et ses actions ? Pour un frein résolu, préférez le statut « Levé » : il compte dans le bilan.`}
          confirmLabel="Supprimer le frein"
          onClose={dialog.close}
          onConfirm={async () => {
            await call('freins.delete', { id: d.frein.id });
            await refresh();
          }}
        />
      ) : null}
    </section>
  );
}

function openFirst(a: FreinView, b: FreinView): number {
  const open = (f: FreinView) => (f.status === 'identified' || f.status === 'in_progress' ? 0 : 1);
  return open(a) - open(b);
}

function supportSummary(frein: FreinView): string {
  const internal = frein.actions.some((a) => a.mode === 'internal');
  const external = frein.actions.some((a) => a.mode === 'external');
  if (internal && external) return 'Interne et externe';
  if (internal) return 'Interne (SIAE)';
  if (external) return 'Externe (partenaire)';
  return 'Aucune action pour l’instant';
}

function FreinCard({
  frein,
  revealedDetails,
  onAddAction,
  onEdit,
  onDelete,
}: {
  frein: FreinView;
  /** undefined: confidential details not revealed. */
  revealedDetails: string | null | undefined;
  onAddAction: () => void;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const label = freinKinds[frein.kind].label;
  const headingId = `frein-${frein.id}`;
  const actions = [...frein.actions].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <li className={`frein-card${frein.confidential ? ' is-confidential' : ''}`} aria-labelledby={headingId} data-testid="frein-card">
      <div className="frein-head">
        <h3 id={headingId}>
          {frein.confidential ? <Icon name="lock" /> : null} {label}
        </h3>
        <span className={`badge badge-${statusTone[frein.status]}`} data-testid="frein-status">
          {freinStatusLabels[frein.status]}
        </span>
        {frein.confidential ? <span className="tag-confidential">Confidentiel</span> : null}
      </div>
      <dl className="facts compact">
        <dt>Catégorie ASP</dt>
        <dd>{aspFreinTypeLabels[aspFreinTypeOf(frein.kind)]}</dd>
        <dt>Identifié le</dt>
        <dd>{formatDateShort(frein.identifiedDate)}</dd>
        {frein.closedDate ? (
          <>
            <dt>{frein.status === 'abandoned' ? 'Abandonné le' : 'Levé le'}</dt>
            <dd>{formatDateShort(frein.closedDate)}</dd>
          </>
        ) : null}
        <dt>Accompagnement</dt>
        <dd>{supportSummary(frein)}</dd>
      </dl>
      {frein.confidential ? (
        frein.hasDetails ? (
          revealedDetails === undefined ? (
            <p className="confidential-collapsed">
              <Icon name="lock" /> Précisions masquées (santé, justice ou droit au séjour).
            </p>
          ) : (
            <div className="confidential-block" data-testid="frein-confidential-details">
              <p className="confidential-label">
                <Icon name="lock" /> Précisions confidentielles
              </p>
              <p>{revealedDetails ?? 'Aucune précision.'}</p>
            </div>
          )
        ) : null
      ) : frein.details ? (
        <p className="frein-details">{frein.details}</p>
      ) : null}
      {actions.length > 0 ? (
        <div className="frein-actions">
          <h4>Actions</h4>
          <ol>
            {actions.map((a) => (
              <li key={a.id}>
                <time dateTime={a.date}>{formatDateShort(a.date)}</time> — {supportModeLabels[a.mode]}
                {a.partner ? ` · ${a.partner}` : ''}
                {a.note ? <div className="fact-sub">{a.note}</div> : null}
              </li>
            ))}
          </ol>
        </div>
      ) : null}
      <div className="frein-tools">
        <StatusForm frein={frein} />
        <div className="page-actions">
          <button type="button" onClick={onAddAction}>
            Ajouter une action<span className="visually-hidden"> au frein {label}</span>
          </button>
          <button type="button" className="link" onClick={onEdit}>
            Modifier<span className="visually-hidden"> le frein {label}</span>
          </button>
          <button type="button" className="link danger-link" onClick={onDelete}>
            Supprimer<span className="visually-hidden"> le frein {label}</span>
          </button>
        </div>
      </div>
    </li>
  );
}

/** Offers only the transitions the rules allow; if the core still refuses (stale screen), its message shows here. */
function StatusForm({ frein }: { frein: FreinView }) {
  const allowed = freinTransitions[frein.status];
  const label = freinKinds[frein.kind].label;
  const { form, formRef, onSubmit, formError } = useFicheForm({
    schema: ipc['freins.setStatus'].input,
    draftKey: null,
    afterSave: 'reset',
    defaultValues: { id: frein.id, status: NO_CHOICE, date: todayIso() },
    choiceMessages: { status: 'Choisissez le nouveau statut.' },
    save: (values) => call('freins.setStatus', values),
    savedMessage: 'Statut du frein enregistré.',
  });
  const { register, control, formState } = form;
  return (
    <form ref={formRef} className="status-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={`Changer le statut du frein ${label}`}>
      <SelectField
        label="Nouveau statut"
        emptyLabel="Choisissez"
        options={allowed.map((s) => [s, freinStatusLabels[s]] as const)}
        error={formState.errors.status?.message}
        {...register('status')}
      />
      <Controller
        control={control}
        name="date"
        render={({ field, fieldState }) => (
          <DateField label="À la date du" name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
        )}
      />
      <div className="status-submit">
        <button type="submit" disabled={formState.isSubmitting}>
          Changer le statut
        </button>
      </div>
      {formError ? (
        <p className="form-error status-error" role="alert">
          {formError}
        </p>
      ) : null}
    </form>
  );
}

const kindGroups = ASP_FREIN_TYPES.map((type) => ({
  label: aspFreinTypeLabels[type],
  options: FREIN_KINDS.filter((k) => freinKinds[k].aspType === type).map(
    (k) => [k, isConfidentialFreinKind(k) ? `${freinKinds[k].label} (confidentiel)` : freinKinds[k].label] as const,
  ),
}));

function FreinForm({ existing, onDone }: { existing: FreinView | null; onDone: () => void }) {
  const fiche = useFiche((s) => s.fiche)!;
  const revealed = useFiche((s) => s.revealed);
  const remember = useFiche((s) => s.rememberFreinDetails);
  const id = fiche.identity.id;
  const detailsHidden = existing !== null && existing.confidential && existing.hasDetails && revealed === null;
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: FreinInput,
    draftKey: existing ? `frein:${id}:${existing.id}` : `frein:${id}`,
    afterSave: 'reset',
    defaultValues: {
      salarieId: id,
      ...(existing ? { id: existing.id } : {}),
      kind: existing?.kind ?? NO_CHOICE,
      identifiedDate: existing?.identifiedDate ?? todayIso(),
      ...(detailsHidden ? {} : { details: (existing?.confidential ? revealed?.freinDetails[existing.id] : existing?.details) ?? '' }),
    },
    choiceMessages: { kind: 'Choisissez le type de frein.' },
    // Hidden details are left out of the input: the core keeps them as stored.
    save: (values) => call('freins.save', values),
    savedMessage: existing ? 'Frein modifié.' : 'Frein ajouté.',
    onSaved(view, values) {
      if (view.confidential && values.details !== undefined) remember(view.id, values.details);
      onDone();
    },
  });
  const { register, control, formState } = form;
  const kind = useWatch({ control, name: 'kind' }) as string;
  const confidential = (FREIN_KINDS as readonly string[]).includes(kind) && isConfidentialFreinKind(kind as (typeof FREIN_KINDS)[number]);

  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Frein">
      <GroupedSelectField
        label="Type de frein"
        emptyLabel="Choisissez"
        groups={kindGroups}
        hint="Regroupés par catégorie ASP (bilan annuel des freins)."
        error={formState.errors.kind?.message}
        autoFocus
        {...register('kind')}
      />
      <Controller
        control={control}
        name="identifiedDate"
        render={({ field, fieldState }) => (
          <DateField label="Identifié le" required name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
        )}
      />
      {detailsHidden ? (
        <p className="confidential-collapsed">
          <Icon name="lock" /> Les précisions sont masquées : elles seront conservées telles quelles. Pour les modifier, fermez ce formulaire et affichez les informations confidentielles.
        </p>
      ) : (
        <div className={confidential ? 'confidential-zone' : undefined}>
          {confidential ? (
            <p className="confidential-label">
              <Icon name="lock" /> Confidentiel : ces précisions restent masquées sur la fiche et ne sont jamais transmises.
            </p>
          ) : null}
          <TextAreaField label="Précisions" rows={3} error={formState.errors.details?.message} {...register('details')} />
        </div>
      )}
      <FormFooter
        submitLabel={existing ? 'Enregistrer le frein' : 'Ajouter le frein'}
        saving={formState.isSubmitting}
        formError={formError}
        draftRestored={draftRestored}
        onDiscardDraft={() => void discardDraft()}
        onCancel={onDone}
      />
    </form>
  );
}

function FreinActionForm({ frein, onDone }: { frein: FreinView; onDone: () => void }) {
  const fiche = useFiche((s) => s.fiche)!;
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: ipc['freins.addAction'].input,
    draftKey: `frein-action:${fiche.identity.id}:${frein.id}`,
    afterSave: 'reset',
    defaultValues: { freinId: frein.id, date: todayIso(), mode: 'internal', partner: '', note: '' },
    save: (values) => call('freins.addAction', values),
    savedMessage: 'Action ajoutée au frein.',
    onSaved: onDone,
  });
  const { register, control, formState } = form;
  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Action sur le frein">
      <Controller
        control={control}
        name="date"
        render={({ field, fieldState }) => (
          <DateField label="Date" required autoFocus name={field.name} value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
        )}
      />
      <fieldset>
        <legend>Accompagnement</legend>
        {SUPPORT_MODES.map((mode) => (
          <div className="checkbox" key={mode}>
            <input type="radio" id={`mode-${frein.id}-${mode}`} value={mode} {...register('mode')} />
            <label htmlFor={`mode-${frein.id}-${mode}`}>{supportModeLabels[mode]}</label>
          </div>
        ))}
      </fieldset>
      <Field label="Partenaire" autoComplete="off" hint="Par exemple : plateforme mobilité, CCAS, bailleur." error={formState.errors.partner?.message} {...register('partner')} />
      <TextAreaField
        label="Note"
        rows={3}
        hint={frein.confidential ? 'Frein confidentiel : la note reste masquée avec le frein.' : undefined}
        error={formState.errors.note?.message}
        {...register('note')}
      />
      <FormFooter
        submitLabel="Ajouter l’action"
        saving={formState.isSubmitting}
        formError={formError}
        draftRestored={draftRestored}
        onDiscardDraft={() => void discardDraft()}
        onCancel={onDone}
      />
    </form>
  );
}
