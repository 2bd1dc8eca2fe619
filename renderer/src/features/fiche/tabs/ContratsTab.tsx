import { useState } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { isIsoDate } from '../../../../../shared/domain/calendar';
import { CONTRACT_KINDS, contractKindLabels, contractKindsBySiaeKind, type ContractKind } from '../../../../../shared/domain/contracts';
import {
  defaultPassIaeEndDate,
  formatPassIaeNumber,
  offeredProlongationReasons,
  offeredSuspensionReasons,
  PASS_IAE_RULES,
  passIaeStatusLabels,
  prolongationReasonLabels,
  suspensionReasonLabels,
} from '../../../../../shared/domain/pass-iae';
import { activityUnitBySiaeKind, SIAE_KINDS, siaeKindLabels, type SiaeKind } from '../../../../../shared/domain/siae';
import { contract as ipc, type MethodInput } from '../../../../../shared/ipc/contract';
import { ContractInput, PassIaeInput, type ContractView, type PassIaeView, type RuleWarning } from '../../../../../shared/ipc/parcours';
import { call } from '../../../bridge';
import { Field } from '../../../components/Field';
import { CheckboxField } from '../../../components/forms/CheckboxField';
import { DateField } from '../../../components/forms/DateField';
import { SelectField } from '../../../components/forms/SelectField';
import { TextAreaField } from '../../../components/forms/TextAreaField';
import { todayIso } from '../../../lib/dates';
import { formatDateShort } from '../../../lib/format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FicheDialog, useDialog } from '../components/FicheDialog';
import { FormFooter } from '../components/FormFooter';
import { Warnings } from '../components/Warnings';
import { daysText, hoursText, siaeKindOf } from '../labels';
import { useFiche } from '../store';
import { emptyToNull, NO_CHOICE, NO_DATE, numberOrNull, useFicheForm } from '../useFicheForm';

type DialogState =
  | { type: 'suspension' }
  | { type: 'prolongation' }
  | { type: 'contract'; contract: ContractView | null }
  | { type: 'delete-contract'; contract: ContractView }
  | { type: 'remove-period'; id: string; label: string };

interface SavedWarnings {
  title: string;
  warnings: RuleWarning[];
}

export function ContratsTab() {
  const fiche = useFiche((s) => s.fiche)!;
  const structure = useFiche((s) => s.structure);
  const refresh = useFiche((s) => s.refresh);
  const today = todayIso();
  const siaeKind = siaeKindOf(fiche, structure, today);
  const dialog = useDialog<DialogState>();
  const [saved, setSaved] = useState<SavedWarnings | null>(null);
  const { passIae, contracts } = fiche.parcours;
  const id = fiche.identity.id;
  const d = dialog.value;

  return (
    <div className="tab-stack">
      <div role="status" aria-live="polite" className="saved-warnings">
        {saved && saved.warnings.length > 0 ? <Warnings title={saved.title} warnings={saved.warnings} /> : null}
      </div>
      <PassSection pass={passIae} onSaved={() => setSaved(null)} />
      {passIae ? (
        <PeriodsSection
          pass={passIae}
          onAdd={(type) => dialog.open({ type })}
          onRemove={(periodId, label) => dialog.open({ type: 'remove-period', id: periodId, label })}
        />
      ) : null}
      <section className="card" aria-labelledby="contracts-title">
        <div className="panel-heading">
          <h2 id="contracts-title">Contrats</h2>
          <button type="button" className="primary" onClick={() => dialog.open({ type: 'contract', contract: null })}>
            Ajouter un contrat
          </button>
        </div>
        {contracts.length === 0 ? (
          <p className="empty-hint">Aucun contrat enregistré. Ajoutez le contrat de travail (CDDI, mise à disposition, mission…) dès sa signature.</p>
        ) : (
          <ContractsTable contracts={contracts} onEdit={(c) => dialog.open({ type: 'contract', contract: c })} onDelete={(c) => dialog.open({ type: 'delete-contract', contract: c })} />
        )}
      </section>

      {d?.type === 'suspension' || d?.type === 'prolongation' ? (
        <FicheDialog title={d.type === 'suspension' ? 'Ajouter une suspension du PASS IAE' : 'Ajouter une prolongation du PASS IAE'} onClose={dialog.close}>
          <PeriodForm
            type={d.type}
            siaeKind={siaeKind}
            pass={passIae}
            onDone={(warnings) => {
              setSaved({ title: d.type === 'suspension' ? 'Suspension enregistrée. Points d’attention :' : 'Prolongation enregistrée. Points d’attention :', warnings });
              dialog.close();
            }}
            onCancel={dialog.close}
          />
        </FicheDialog>
      ) : null}
      {d?.type === 'contract' ? (
        <FicheDialog title={d.contract ? 'Modifier le contrat' : 'Ajouter un contrat'} onClose={dialog.close}>
          <ContractForm
            existing={d.contract}
            siaeKind={siaeKind}
            onDone={(view) => {
              setSaved({ title: `Contrat enregistré. Points d’attention :`, warnings: view.warnings });
              dialog.close();
            }}
            onCancel={dialog.close}
          />
        </FicheDialog>
      ) : null}
      {d?.type === 'delete-contract' ? (
        <ConfirmDialog
          title="Supprimer le contrat"
          message={`Supprimer le contrat « ${contractKindLabels[d.contract.kind]} » du ${formatDateShort(d.contract.startDate)} ? Cette suppression est définitive.`}
          confirmLabel="Supprimer le contrat"
          onClose={dialog.close}
          onConfirm={async () => {
            await call('contracts.delete', { id: d.contract.id });
            await refresh();
          }}
        />
      ) : null}
      {d?.type === 'remove-period' ? (
        <ConfirmDialog
          title="Retirer la période"
          message={`Retirer ${d.label} ? La date de fin du PASS IAE sera recalculée.`}
          confirmLabel="Retirer"
          onClose={dialog.close}
          onConfirm={async () => {
            await call('passIae.removePeriod', { salarieId: id, id: d.id });
            await refresh();
          }}
        />
      ) : null}
    </div>
  );
}

// ── PASS IAE ───────────────────────────────────────────────────────────────────

function PassSection({ pass, onSaved }: { pass: PassIaeView | null; onSaved: () => void }) {
  const fiche = useFiche((s) => s.fiche)!;
  const id = fiche.identity.id;
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: PassIaeInput,
    draftKey: `pass:${id}`,
    defaultValues: {
      salarieId: id,
      number: pass?.number ? formatPassIaeNumber(pass.number) : '',
      startDate: pass?.startDate ?? NO_DATE,
      baseEndDate: pass?.baseEndDate ?? NO_DATE,
    },
    save: (values) => call('passIae.save', values),
    savedMessage: 'PASS IAE enregistré.',
    onSaved,
  });
  const { register, control, formState, getValues, setValue } = form;

  return (
    <section className="card" aria-labelledby="pass-title">
      <h2 id="pass-title">PASS IAE</h2>
      <div className="split">
        <div>
          {pass ? (
            <dl className="facts pass-facts" data-testid="pass-facts">
              <dt>Numéro</dt>
              <dd>{pass.number ? formatPassIaeNumber(pass.number) : 'Non renseigné'}</dd>
              <dt>Statut</dt>
              <dd>{passIaeStatusLabels[pass.status]}</dd>
              <dt>Début</dt>
              <dd>{formatDateShort(pass.startDate)}</dd>
              <dt>Fin à la délivrance</dt>
              <dd>{formatDateShort(pass.baseEndDate)}</dd>
              <dt>Fin effective</dt>
              <dd>
                {formatDateShort(pass.effectiveEndDate)}
                {pass.effectiveEndDate !== pass.baseEndDate ? <span className="fact-sub"> (suspensions et prolongations comprises)</span> : null}
              </dd>
              <dt>Jours restants</dt>
              <dd>
                <strong>{pass.remainingDays > 0 ? daysText(pass.remainingDays) : 'Aucun (PASS expiré)'}</strong>
              </dd>
            </dl>
          ) : (
            <p className="empty-hint">Aucun PASS IAE enregistré. Saisissez le numéro et les dates figurant sur l’agrément.</p>
          )}
        </div>
        <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-label="PASS IAE">
          <Field label="Numéro de PASS IAE" autoComplete="off" hint="12 caractères, espaces facultatifs (ex. 99999 21 12345)." error={formState.errors.number?.message} {...register('number')} />
          <div className="form-row">
            <Controller
              control={control}
              name="startDate"
              render={({ field, fieldState }) => (
                <DateField
                  label="Date de début"
                  required
                  name={field.name}
                  value={field.value}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                  onChange={(value) => {
                    field.onChange(value);
                    // The usual validity (2 years) pre-fills the end date; it stays editable.
                    if (value && isIsoDate(value) && !getValues('baseEndDate')) setValue('baseEndDate', defaultPassIaeEndDate(value), { shouldDirty: true });
                  }}
                />
              )}
            />
            <Controller
              control={control}
              name="baseEndDate"
              render={({ field, fieldState }) => (
                <DateField
                  label="Date de fin à la délivrance"
                  required
                  name={field.name}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  error={fieldState.error?.message}
                />
              )}
            />
          </div>
          <p className="form-hint">Saisissez la fin telle que délivrée : les suspensions et prolongations s’ajoutent ci-dessous.</p>
          <FormFooter submitLabel="Enregistrer le PASS IAE" saving={formState.isSubmitting} formError={formError} draftRestored={draftRestored} onDiscardDraft={() => void discardDraft()} />
        </form>
      </div>
    </section>
  );
}

function PeriodsSection({ pass, onAdd, onRemove }: { pass: PassIaeView; onAdd: (type: 'suspension' | 'prolongation') => void; onRemove: (id: string, label: string) => void }) {
  return (
    <section className="card" aria-labelledby="periods-title">
      <div className="panel-heading">
        <h2 id="periods-title">Suspensions et prolongations</h2>
        <div className="page-actions">
          <button type="button" onClick={() => onAdd('suspension')}>
            Ajouter une suspension
          </button>
          <button type="button" onClick={() => onAdd('prolongation')}>
            Ajouter une prolongation
          </button>
        </div>
      </div>
      {pass.suspensions.length === 0 && pass.prolongations.length === 0 ? (
        <p className="empty-hint">Aucune suspension ni prolongation. Elles repoussent la date de fin du PASS IAE.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Suspensions et prolongations du PASS IAE</caption>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Du</th>
              <th scope="col">Au</th>
              <th scope="col">Motif</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pass.suspensions.map((s) => (
              <tr key={s.id}>
                <td>Suspension</td>
                <td>{formatDateShort(s.startDate)}</td>
                <td>{formatDateShort(s.endDate)}</td>
                <td>
                  {suspensionReasonLabels[s.reason]}
                  {s.reasonExplanation ? <div className="fact-sub">{s.reasonExplanation}</div> : null}
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onRemove(s.id, `la suspension du ${formatDateShort(s.startDate)} au ${formatDateShort(s.endDate)}`)}>
                    Retirer<span className="visually-hidden"> la suspension du {formatDateShort(s.startDate)}</span>
                  </button>
                </td>
              </tr>
            ))}
            {pass.prolongations.map((p) => (
              <tr key={p.id}>
                <td>Prolongation</td>
                <td>{formatDateShort(p.startDate)}</td>
                <td>{formatDateShort(p.endDate)}</td>
                <td>
                  {prolongationReasonLabels[p.reason]}
                  {p.reasonExplanation ? <div className="fact-sub">{p.reasonExplanation}</div> : null}
                </td>
                <td>
                  <button type="button" className="link" onClick={() => onRemove(p.id, `la prolongation du ${formatDateShort(p.startDate)} au ${formatDateShort(p.endDate)}`)}>
                    Retirer<span className="visually-hidden"> la prolongation du {formatDateShort(p.startDate)}</span>
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

function PeriodForm({
  type,
  siaeKind,
  pass,
  onDone,
  onCancel,
}: {
  type: 'suspension' | 'prolongation';
  siaeKind: SiaeKind | null;
  pass: PassIaeView | null;
  onDone: (warnings: RuleWarning[]) => void;
  onCancel: () => void;
}) {
  const fiche = useFiche((s) => s.fiche)!;
  const id = fiche.identity.id;
  const today = todayIso();
  // Only the reasons this SIAE may use today (historical ones stay readable in the list).
  const reasons: Array<readonly [string, string]> =
    type === 'suspension'
      ? offeredSuspensionReasons(siaeKind ?? 'ACI').map((r) => [r, suspensionReasonLabels[r]] as const)
      : offeredProlongationReasons(siaeKind ?? 'ACI', today).map((r) => [r, prolongationReasonLabels[r]] as const);
  const schema = type === 'suspension' ? ipc['passIae.addSuspension'].input : ipc['passIae.addProlongation'].input;
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema,
    draftKey: `${type}:${id}`,
    afterSave: 'reset',
    defaultValues: {
      salarieId: id,
      startDate: type === 'prolongation' && pass ? pass.effectiveEndDate : NO_DATE,
      endDate: NO_DATE,
      reason: NO_CHOICE,
      reasonExplanation: '',
    },
    choiceMessages: { reason: 'Choisissez un motif.' },
    save: async (values) =>
      type === 'suspension'
        ? call('passIae.addSuspension', values as MethodInput<'passIae.addSuspension'>)
        : call('passIae.addProlongation', values as MethodInput<'passIae.addProlongation'>),
    savedMessage: type === 'suspension' ? 'Suspension enregistrée.' : 'Prolongation enregistrée.',
    onSaved: (result) => onDone(result.warnings),
  });
  const { register, control, formState } = form;
  const reason = useWatch({ control, name: 'reason' }) as string;
  const explanationRequired = type === 'suspension' && reason !== '' && PASS_IAE_RULES.suspensionReasons[reason as keyof typeof PASS_IAE_RULES.suspensionReasons]?.explanationRequired;
  const prolongationRule = type === 'prolongation' && reason !== '' ? PASS_IAE_RULES.prolongationReasons[reason as keyof typeof PASS_IAE_RULES.prolongationReasons] : undefined;

  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-label={type === 'suspension' ? 'Suspension' : 'Prolongation'}>
      <SelectField
        label="Motif"
        emptyLabel="Choisissez un motif"
        options={reasons}
        hint={siaeKind ? `Motifs ouverts aux structures ${siaeKind} à ce jour.` : undefined}
        error={formState.errors.reason?.message}
        {...register('reason')}
      />
      {prolongationRule ? (
        <p className="form-hint">
          {prolongationRule.maxDaysPerRequest} jours au plus par demande
          {prolongationRule.needsPrescriberOpinion ? ', avis du prescripteur requis' : ''}
          {prolongationRule.reportFile ? ', bilan à joindre' : ''}.
        </p>
      ) : null}
      <div className="form-row">
        {(['startDate', 'endDate'] as const).map((name) => (
          <Controller
            key={name}
            control={control}
            name={name}
            render={({ field, fieldState }) => (
              <DateField
                label={name === 'startDate' ? (type === 'prolongation' ? 'Fin du PASS à la demande' : 'Début de la suspension') : type === 'prolongation' ? 'Nouvelle date de fin' : 'Fin de la suspension'}
                required
                autoFocus={name === 'startDate' && type === 'suspension'}
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
        ))}
      </div>
      <TextAreaField
        label={explanationRequired ? 'Explication (obligatoire pour ce motif)' : 'Explication'}
        rows={2}
        error={formState.errors.reasonExplanation?.message}
        {...register('reasonExplanation')}
      />
      <FormFooter
        submitLabel={type === 'suspension' ? 'Enregistrer la suspension' : 'Enregistrer la prolongation'}
        saving={formState.isSubmitting}
        formError={formError}
        draftRestored={draftRestored}
        onDiscardDraft={() => void discardDraft()}
        onCancel={onCancel}
      />
    </form>
  );
}

// ── Contrats ───────────────────────────────────────────────────────────────────

function ContractsTable({ contracts, onEdit, onDelete }: { contracts: ContractView[]; onEdit: (c: ContractView) => void; onDelete: (c: ContractView) => void }) {
  const sorted = [...contracts].sort((a, b) => b.startDate.localeCompare(a.startDate));
  return (
    <table className="data-table contracts-table">
      <caption className="visually-hidden">Contrats, du plus récent au plus ancien</caption>
      <thead>
        <tr>
          <th scope="col">Contrat</th>
          <th scope="col">Structure</th>
          <th scope="col">Début</th>
          <th scope="col">Fin</th>
          <th scope="col">Heures / semaine</th>
          <th scope="col">Points d’attention</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((c) => (
          <tr key={c.id}>
            <td>
              {contractKindLabels[c.kind]}
              {c.isRenewal ? <div className="fact-sub">Renouvellement</div> : null}
            </td>
            <td>{c.siaeKind}</td>
            <td>{formatDateShort(c.startDate)}</td>
            <td>{c.endDate ? formatDateShort(c.endDate) : 'Sans date de fin'}</td>
            <td>{hoursText(c.weeklyHours)}</td>
            <td>
              {c.warnings.length === 0 ? (
                <span className="muted">Aucun</span>
              ) : (
                <ul className="inline-warnings">
                  {c.warnings.map((w) => (
                    <li key={w.code}>
                      <span className="badge badge-warning">Attention</span> {w.message}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td className="row-actions">
              <button type="button" className="link" onClick={() => onEdit(c)}>
                Modifier<span className="visually-hidden"> le contrat du {formatDateShort(c.startDate)}</span>
              </button>
              <button type="button" className="link danger-link" onClick={() => onDelete(c)}>
                Supprimer<span className="visually-hidden"> le contrat du {formatDateShort(c.startDate)}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ContractForm({ existing, siaeKind, onDone, onCancel }: { existing: ContractView | null; siaeKind: SiaeKind | null; onDone: (view: ContractView) => void; onCancel: () => void }) {
  const fiche = useFiche((s) => s.fiche)!;
  const structure = useFiche((s) => s.structure);
  const referents = useFiche((s) => s.referents);
  const id = fiche.identity.id;
  const { form, formRef, onSubmit, formError, draftRestored, discardDraft } = useFicheForm({
    schema: ContractInput,
    draftKey: existing ? `contrat:${id}:${existing.id}` : `contrat:${id}`,
    afterSave: 'reset',
    defaultValues: {
      salarieId: id,
      ...(existing ? { id: existing.id } : {}),
      kind: existing?.kind ?? NO_CHOICE,
      siaeKind: existing && existing.siaeKind !== structure?.siaeKind ? existing.siaeKind : null,
      annexeId: existing?.annexeId ?? null,
      startDate: existing?.startDate ?? NO_DATE,
      endDate: existing?.endDate ?? null,
      weeklyHours: existing?.weeklyHours ?? null,
      isRenewal: existing?.isRenewal ?? false,
      referentId: existing ? existing.referentId : fiche.identity.referentId,
      hoursWorked: existing?.hoursWorked ?? null,
    },
    choiceMessages: { kind: 'Choisissez le type de contrat.' },
    save: (values) => call('contracts.save', values),
    savedMessage: existing ? 'Contrat modifié.' : 'Contrat ajouté.',
    onSaved: (view) => onDone(view),
  });
  const { register, control, formState } = form;
  const errors = formState.errors;
  const chosenKind = useWatch({ control, name: 'siaeKind' }) ?? structure?.siaeKind ?? siaeKind;
  const allowed: readonly ContractKind[] = chosenKind ? contractKindsBySiaeKind[chosenKind] : CONTRACT_KINDS;
  const kinds = existing && !allowed.includes(existing.kind) ? [...allowed, existing.kind] : allowed;
  const hoursBased = chosenKind ? activityUnitBySiaeKind[chosenKind] === 'hours' : false;

  return (
    <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Contrat">
      <div className="form-row">
        <SelectField
          label="Type de contrat"
          emptyLabel="Choisissez"
          options={kinds.map((k) => [k, contractKindLabels[k]] as const)}
          hint={chosenKind ? `Types possibles en ${chosenKind}.` : undefined}
          error={errors.kind?.message}
          autoFocus
          {...register('kind')}
        />
        <SelectField
          label="Structure (conventionnement)"
          emptyLabel={structure ? `Celle de la structure (${structure.siaeKind})` : 'Celle de la structure'}
          options={SIAE_KINDS.map((k) => [k, `${k} — ${siaeKindLabels[k]}`] as const)}
          error={errors.siaeKind?.message}
          {...register('siaeKind', { setValueAs: emptyToNull })}
        />
      </div>
      <div className="form-row">
        {(['startDate', 'endDate'] as const).map((name) => (
          <Controller
            key={name}
            control={control}
            name={name}
            render={({ field, fieldState }) => (
              <DateField
                label={name === 'startDate' ? 'Date de début' : 'Date de fin prévue'}
                required={name === 'startDate'}
                name={field.name}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
        ))}
      </div>
      <div className="form-row">
        <Field label="Durée hebdomadaire (heures)" inputMode="decimal" autoComplete="off" error={errors.weeklyHours?.message} {...register('weeklyHours', { setValueAs: numberOrNull })} />
        {hoursBased ? (
          <Field label="Heures travaillées (missions)" inputMode="decimal" autoComplete="off" hint="Sert à savoir si la sortie sera comptée." error={errors.hoursWorked?.message} {...register('hoursWorked', { setValueAs: numberOrNull })} />
        ) : null}
      </div>
      <div className="form-row">
        {structure && structure.annexes.length > 0 ? (
          <SelectField
            label="Annexe financière"
            emptyLabel="Non précisée"
            options={structure.annexes.map((a) => [a.id, `${a.number} (${formatDateShort(a.startDate)} – ${formatDateShort(a.endDate)})`] as const)}
            error={errors.annexeId?.message}
            {...register('annexeId', { setValueAs: emptyToNull })}
          />
        ) : null}
        <SelectField
          label="Référent"
          emptyLabel="Aucun"
          options={referents.filter((r) => r.active || r.id === existing?.referentId).map((r) => [r.id, r.displayName] as const)}
          error={errors.referentId?.message}
          {...register('referentId', { setValueAs: emptyToNull })}
        />
      </div>
      <CheckboxField label="Renouvellement (avenant) d’un contrat précédent" {...register('isRenewal')} />
      <FormFooter
        submitLabel={existing ? 'Enregistrer le contrat' : 'Ajouter le contrat'}
        saving={formState.isSubmitting}
        formError={formError}
        draftRestored={draftRestored}
        onDiscardDraft={() => void discardDraft()}
        onCancel={onCancel}
      />
    </form>
  );
}
