import { useEffect, useState } from 'react';
import { entretienKindLabels, type EntretienKind } from '../../../../shared/domain/entretiens';
import type { ImmersionStep } from '../../../../shared/domain/immersions';
import type { EntretienSummary } from '../../../../shared/ipc/entretiens';
import type { ImmersionStepView, ImmersionView } from '../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../bridge';
import { Dialog } from '../../components/Dialog';
import { DateField } from '../../components/forms/DateField';
import { SelectField } from '../../components/forms/SelectField';
import { todayIso } from '../../lib/dates';
import { formatDateShort } from '../../lib/format';
import { parseTypedTime } from '../agenda/time';
import { entretienHref, organisationHref } from '../entretiens/links';
import { evaluationHref, immersionHref } from './links';

const TRIPARTITE_STEPS: readonly ImmersionStep[] = ['premier_tripartite', 'tripartite_final'];

function recordHref(view: ImmersionView, record: NonNullable<ImmersionStepView['record']>): string | null {
  switch (record.type) {
    case 'entretien':
      return entretienHref(record.id);
    case 'organisation':
      return organisationHref(record.id);
    case 'grille':
      return immersionHref(view.id, 'grille');
    case 'evaluation':
      return evaluationHref(view.id, record.id);
    case 'bilan':
      return immersionHref(view.id, 'bilan');
    case 'statut':
      return null;
  }
}

interface ChecklistProps {
  view: ImmersionView;
  onChanged(view: ImmersionView, message: string): void;
}

/**
 * Fiche 1's steps, in order. A step is done when its record exists (entretien held, grid
 * individualised, evaluation made, bilan written) or when it was ticked by hand with a date.
 */
export function Checklist({ view, onChanged }: ChecklistProps) {
  const [ticking, setTicking] = useState<ImmersionStep | null>(null);
  const [date, setDate] = useState<string | null>(todayIso());
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ kind: 'plan' | 'link'; step: ImmersionStep } | null>(null);
  const done = view.steps.filter((s) => s.done).length;

  async function setStep(step: ImmersionStep, doneDate: string | null) {
    setError(null);
    try {
      const next = await call('immersions.setStep', { id: view.id, step, doneDate });
      setTicking(null);
      onChanged(next, doneDate ? 'Étape cochée.' : 'Étape décochée.');
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'L’étape n’a pas pu être enregistrée.');
    }
  }

  return (
    <section className="card checklist" aria-labelledby="checklist-title">
      <div className="panel-heading">
        <h2 id="checklist-title">Étapes de l’immersion (Fiche 1)</h2>
        <span className="muted">
          {done} sur {view.steps.length} faites
        </span>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <ol className="step-list">
        {view.steps.map((s) => {
          const href = s.record ? recordHref(view, s.record) : null;
          return (
            <li key={s.step} className={`step ${s.done ? 'is-done' : ''}`}>
              <span className="step-mark" aria-hidden="true">
                {s.done ? '✓' : ''}
              </span>
              <div className="step-body">
                <p className="step-label">
                  <strong>{s.label}</strong>
                  <span className="visually-hidden">{s.done ? ' : fait' : ' : à faire'}</span>
                  {s.done && s.doneDate ? <span className="step-date"> — le {formatDateShort(s.doneDate)}</span> : null}
                  {s.source === 'manual' ? <span className="tag">cochée à la main</span> : null}
                </p>
                <p className="step-hint">{s.hint}</p>
                {s.record ? (
                  <p className="step-record">
                    {href ? <a href={href}>{s.record.label}</a> : s.record.label}
                  </p>
                ) : null}
                {ticking === s.step ? (
                  <form
                    className="inline-form step-tick"
                    onSubmit={(e) => {
                      e.preventDefault();
                      if (date && !date.startsWith('invalide:')) void setStep(s.step, date);
                    }}
                  >
                    <DateField label={`Date — ${s.label}`} value={date} onChange={setDate} autoFocus />
                    <button type="submit" className="primary">
                      Valider
                    </button>
                    <button type="button" onClick={() => setTicking(null)}>
                      Annuler
                    </button>
                  </form>
                ) : (
                  <div className="step-actions">
                    {s.source === 'manual' ? (
                      <button type="button" className="link" onClick={() => void setStep(s.step, null)}>
                        Décocher<span className="visually-hidden"> « {s.label} »</span>
                      </button>
                    ) : null}
                    {!s.done ? (
                      <button
                        type="button"
                        className="link"
                        onClick={() => {
                          setDate(todayIso());
                          setTicking(s.step);
                        }}
                      >
                        Cocher avec une date<span className="visually-hidden"> : « {s.label} »</span>
                      </button>
                    ) : null}
                    {TRIPARTITE_STEPS.includes(s.step) && !s.done ? (
                      <>
                        <button type="button" className="link" onClick={() => setDialog({ kind: 'plan', step: s.step })}>
                          Planifier l’entretien<span className="visually-hidden"> : « {s.label} »</span>
                        </button>
                        <button type="button" className="link" onClick={() => setDialog({ kind: 'link', step: s.step })}>
                          Lier un entretien existant<span className="visually-hidden"> : « {s.label} »</span>
                        </button>
                      </>
                    ) : null}
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <Dialog title={dialog?.kind === 'link' ? 'Lier un entretien à l’immersion' : 'Planifier un entretien tripartite'} open={dialog !== null} onClose={() => setDialog(null)}>
        {dialog?.kind === 'plan' ? (
          <PlanTripartite
            view={view}
            onDone={(next) => {
              setDialog(null);
              onChanged(next, 'Entretien tripartite planifié : il est dans l’agenda.');
            }}
          />
        ) : dialog?.kind === 'link' ? (
          <LinkEntretien
            view={view}
            onDone={(next) => {
              setDialog(null);
              onChanged(next, 'Entretien lié à l’immersion.');
            }}
          />
        ) : null}
      </Dialog>
    </section>
  );
}

/** A planned tripartite entretien with the salarié, the référent and the tutor, linked to the immersion. */
function PlanTripartite({ view, onDone }: { view: ImmersionView; onDone(view: ImmersionView): void }) {
  const [date, setDate] = useState<string | null>(null);
  const [time, setTime] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setError(null);
    setBusy(true);
    try {
      await call('entretiens.save', {
        salarieId: view.salarieId,
        kind: 'tripartite',
        moment: 'immersion',
        status: 'planifie',
        date: date ?? '',
        startTime: parseTypedTime(time),
        placeKind: view.host ? 'entreprise' : null,
        placeDetail: view.place ?? view.host?.name ?? null,
        title: `Immersion${view.romeLabel ? ` — ${view.romeLabel}` : ''}`,
        participants: [
          { role: 'salarie' },
          { role: 'referent' },
          ...(view.host ? [{ role: 'tuteur' as const, organisationId: view.host.organisationId, contactId: view.tutor?.contactId ?? null }] : []),
        ],
        link: { type: 'immersion', id: view.id },
      });
      onDone(await call('immersions.get', { id: view.id }));
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'L’entretien n’a pas pu être planifié.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="field-hint">Avec le salarié, son référent{view.tutor ? ` et ${view.tutor.name} (${view.host?.name ?? ''})` : ''}. L’entretien apparaîtra dans l’agenda.</p>
      <DateField label="Date" value={date} onChange={setDate} required autoFocus />
      <div className="field">
        <label htmlFor="plan-tripartite-time">Heure</label>
        <input id="plan-tripartite-time" value={time} placeholder="14:30" onChange={(e) => setTime(e.target.value)} />
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Planifier
        </button>
      </div>
    </form>
  );
}

/** Links one of the salarié's entretiens (recorded without the link) to the immersion. */
function LinkEntretien({ view, onDone }: { view: ImmersionView; onDone(view: ImmersionView): void }) {
  const [entretiens, setEntretiens] = useState<EntretienSummary[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    call('entretiens.listForSalarie', { salarieId: view.salarieId }).then(
      (list) => !cancelled && setEntretiens(list.filter((e) => !view.linkedEntretiens.some((l) => l.id === e.id) && e.status !== 'annule')),
      () => !cancelled && setEntretiens([]),
    );
    return () => {
      cancelled = true;
    };
  }, [view.salarieId, view.linkedEntretiens]);
  if (entretiens === null) return <p aria-busy="true">Chargement des entretiens…</p>;
  if (entretiens.length === 0) return <p>Aucun autre entretien sur la fiche de ce salarié. Planifiez-en un depuis la liste des étapes.</p>;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!chosen) return;
        call('immersions.linkEntretien', { id: view.id, entretienId: chosen, linked: true }).then(onDone, (err: unknown) =>
          setError(err instanceof BridgeError ? err.message : 'Le lien n’a pas pu être enregistré.'),
        );
      }}
    >
      <SelectField
        label="Entretien"
        emptyLabel="Choisissez un entretien"
        options={entretiens.map((e) => [e.id, `${entretienKindLabels[e.kind as EntretienKind]} du ${formatDateShort(e.date)}${e.thirdParties.length ? ` — ${e.thirdParties.join(', ')}` : ''}`] as const)}
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
        autoFocus
      />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={!chosen}>
          Lier à l’immersion
        </button>
      </div>
    </form>
  );
}
