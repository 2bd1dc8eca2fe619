import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  evaluatorRoleLabels,
  formatHours,
  immersionObjectiveLabels,
  immersionObjectiveShortLabels,
  weekdayLabels,
} from '../../../../shared/domain/immersions';
import type { ImmersionView } from '../../../../shared/ipc/immersions';
import { BridgeError, call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { formatDateLong, formatDateShort } from '../../lib/format';
import { notifySaved } from '../../state/notices';
import { downloadText } from '../agenda/download';
import { formatTime } from '../agenda/time';
import { entretienHref, organisationHref, salarieHref } from '../entretiens/links';
import { BilanForm } from './BilanForm';
import { Checklist } from './Checklist';
import { EvaluationsPanel } from './EvaluationsPanel';
import { valuesFromView } from './formModel';
import { GridPanel } from './GridEditor';
import { ImmersionForm } from './ImmersionForm';
import { IMMERSION_TABS, immersionHref, immersionsHref, printBilanHref, printGridHref, type ImmersionTab } from './links';
import { StatusActions } from './StatusActions';
import { lowerFirst } from './text';

function period(view: ImmersionView): string {
  if (view.startDate && view.endDate) return `du ${formatDateLong(view.startDate)} au ${formatDateLong(view.endDate)}`;
  if (view.startDate) return `à partir du ${formatDateLong(view.startDate)}`;
  return 'dates à fixer';
}

/** `#/immersions/<id>[/<onglet>]`: header with status and moves, then one tab per part of Fiche 1. */
export function ImmersionPage({ id, tab }: { id: string; tab: ImmersionTab }) {
  const [view, setView] = useState<ImmersionView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    let cancelled = false;
    call('immersions.get', { id }).then(
      (v) => {
        if (cancelled) return;
        setView(v);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(e instanceof BridgeError ? e.message : 'L’immersion n’a pas pu être ouverte. Réessayez.'),
    );
    return () => {
      cancelled = true;
    };
  }, [id]);

  useEffect(() => {
    setView(null);
    return load();
  }, [load]);

  useEffect(() => {
    document.getElementById('page-title')?.focus();
  }, [id]);

  const changed = (next: ImmersionView, message: string) => {
    setView(next);
    notifySaved(message);
  };

  const name = view ? `${view.salarieFirstName} ${view.salarieLastName}` : null;
  return (
    <>
      <PageHeader
        title={name ? `Immersion — ${name}` : 'Immersion'}
        actions={
          view ? (
            <>
              <a className="button" href={salarieHref(view.salarieId)}>
                Fiche du salarié
              </a>
              <a className="button" href={immersionsHref()}>
                Immersions
              </a>
            </>
          ) : null
        }
      />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {!view && !error ? <p aria-busy="true">Chargement de l’immersion…</p> : null}
      {view ? (
        <>
          <div className="immersion-header">
            <p className="immersion-summary">
              <strong>{immersionObjectiveShortLabels[view.objective]}</strong>
              {view.romeLabel ? ` — ${view.romeLabel}` : ''}
              {view.host ? ` chez ${view.host.name}` : ''}, {period(view)}
              {view.renewalOf ? (
                <>
                  {' '}
                  — <a href={immersionHref(view.renewalOf.id)}>renouvellement de l’immersion précédente</a>
                </>
              ) : null}
              .
            </p>
            <StatusActions view={view} onChanged={changed} />
          </div>
          <ImmersionTabs id={view.id} active={tab} />
          <div role="tabpanel" id={`immersion-panel-${tab}`} aria-labelledby={`immersion-tab-${tab}`} className="immersion-panel">
            {tab === 'suivi' ? <FollowUp view={view} onChanged={changed} /> : null}
            {tab === 'preparation' ? (
              <ImmersionForm
                key={`${view.id}:${view.updatedAt}`}
                initial={valuesFromView(view)}
                draftKey={`immersion:${view.id}`}
                submitLabel="Enregistrer"
                onSaved={(next) => setView(next)}
                onRevealNotes={() => call('immersions.get', { id: view.id, includeNotes: true }).then((v) => v.notes)}
              />
            ) : null}
            {tab === 'grille' ? <GridPanel view={view} onChanged={changed} /> : null}
            {tab === 'evaluations' ? <EvaluationsPanel view={view} onChanged={changed} /> : null}
            {tab === 'bilan' ? <BilanForm key={view.bilan?.writtenOn ?? 'nouveau'} view={view} onChanged={(next) => setView(next)} /> : null}
          </div>
        </>
      ) : null}
      {!view && error ? (
        <EmptyState title="Immersion introuvable">
          <p>
            Revenez à la <a href={immersionsHref()}>liste des immersions</a>.
          </p>
        </EmptyState>
      ) : null}
    </>
  );
}

/** WAI-ARIA tabs (←/→, Début/Fin), each one a URL so the back button and bookmarks work. */
function ImmersionTabs({ id, active }: { id: string; active: ImmersionTab }) {
  const refs = useRef(new Map<ImmersionTab, HTMLButtonElement>());
  function open(slug: ImmersionTab, replace: boolean) {
    refs.current.get(slug)?.focus();
    if (slug === active) return;
    if (replace) window.location.replace(immersionHref(id, slug));
    else window.location.hash = immersionHref(id, slug);
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = IMMERSION_TABS.findIndex((t) => t.slug === active);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % IMMERSION_TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + IMMERSION_TABS.length) % IMMERSION_TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = IMMERSION_TABS.length - 1;
    const target = next === null ? undefined : IMMERSION_TABS[next];
    if (!target) return;
    event.preventDefault();
    open(target.slug, true);
  }
  return (
    <div role="tablist" aria-label="Rubriques de l’immersion" className="fiche-tabs" onKeyDown={onKeyDown}>
      {IMMERSION_TABS.map((t) => (
        <button
          key={t.slug}
          ref={(el) => {
            if (el) refs.current.set(t.slug, el);
            else refs.current.delete(t.slug);
          }}
          type="button"
          role="tab"
          id={`immersion-tab-${t.slug}`}
          aria-selected={t.slug === active}
          aria-controls={`immersion-panel-${t.slug}`}
          tabIndex={t.slug === active ? 0 : -1}
          className="fiche-tab"
          onClick={() => open(t.slug, false)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** The « Suivi » tab: key facts, the rules' warnings, Fiche 1's checklist, linked entretiens, documents. */
function FollowUp({ view, onChanged }: { view: ImmersionView; onChanged(view: ImmersionView, message: string): void }) {
  const [exportStatus, setExportStatus] = useState<string | null>(null);
  const nextPlanned = view.evaluations.find((e) => e.status === 'planifiee');
  return (
    <div className="immersion-follow-up">
      <div className="immersion-columns">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">Convention</h2>
          <dl className="facts">
            <dt>Objectif</dt>
            <dd>{immersionObjectiveLabels[view.objective]}</dd>
            <dt>Métier visé</dt>
            <dd>{view.romeCode ? `${view.romeLabel ?? ''} (${view.romeCode})` : 'À préciser'}</dd>
            <dt>Structure d’accueil</dt>
            <dd>{view.host ? <a href={organisationHref(view.host.organisationId)}>{view.host.name}</a> : 'À trouver'}</dd>
            <dt>Tuteur·rice</dt>
            <dd>
              {view.tutor ? `${view.tutor.name}${view.tutor.role ? `, ${view.tutor.role}` : ''}${view.tutor.phone ? ` — ${view.tutor.phone}` : ''}` : 'À désigner'}
            </dd>
            <dt>Prescripteur</dt>
            <dd>{view.prescriber.name}</dd>
            <dt>Dates</dt>
            <dd>{view.startDate && view.endDate ? `${formatDateShort(view.startDate)} → ${formatDateShort(view.endDate)}` : 'À fixer'}</dd>
            <dt>Horaires</dt>
            <dd>
              {view.schedule.length
                ? `${formatHours(view.weeklyHours)} par semaine (${[...new Set(view.schedule.map((s) => weekdayLabels[s.weekday]?.toLowerCase()))].join(', ')})${view.scheduledHours ? `, ${formatHours(view.scheduledHours)} en tout` : ''}`
                : 'À préciser'}
            </dd>
            {view.place ? (
              <>
                <dt>Lieu</dt>
                <dd>{view.place}</dd>
              </>
            ) : null}
            {view.cancelReason ? (
              <>
                <dt>Motif d’annulation</dt>
                <dd>{view.cancelReason}</dd>
              </>
            ) : null}
          </dl>
          {nextPlanned ? (
            <p className="muted">
              Prochaine évaluation prévue le {formatDateLong(nextPlanned.date)}
              {nextPlanned.startTime ? ` à ${formatTime(nextPlanned.startTime)}` : ''} avec {nextPlanned.evaluators.map((e) => `${e.name} (${lowerFirst(evaluatorRoleLabels[e.role])})`).join(', ') || '—'}.
            </p>
          ) : null}
          <div className="form-actions wrap">
            <a className="button" href={printGridHref(view.id)}>
              Imprimer la grille vierge
            </a>
            {view.bilan ? (
              <>
                <a className="button" href={printBilanHref(view.id)}>
                  Imprimer le bilan
                </a>
                <button
                  type="button"
                  onClick={() =>
                    void call('immersions.exportBilan', { id: view.id }).then(
                      (file) => {
                        downloadText(file.fileName, file.content, 'application/json');
                        setExportStatus(`Bilan exporté : ${file.fileName}`);
                      },
                      (e: unknown) => setExportStatus(e instanceof BridgeError ? e.message : 'L’export n’a pas pu se faire.'),
                    )
                  }
                >
                  Exporter le bilan (JSON)
                </button>
              </>
            ) : null}
            <span role="status" className="form-status">
              {exportStatus ?? ''}
            </span>
          </div>
        </section>
        <section className="card" aria-labelledby="warnings-title">
          <h2 id="warnings-title">Règles de la PMSMP</h2>
          {view.warnings.length === 0 ? (
            <p className="muted">Aucune alerte : durée, renouvellement, cumul avec la même structure et fin de contrat sont respectés.</p>
          ) : (
            <ul className="rule-list">
              {view.warnings.map((w) => (
                <li key={w.code + w.message} className="rule-warnings">
                  <p className="rule-warnings-title">{w.message}</p>
                  <p className="rule-wording">Règle : {w.rule}</p>
                </li>
              ))}
            </ul>
          )}
          <p className="field-hint">Règles en vigueur au {formatDateShort(view.rulesVersion)}, à titre d’alerte : une dérogation peut exister.</p>
          {view.renewals.length ? (
            <p>
              Renouvelée :{' '}
              {view.renewals.map((r, i) => (
                <span key={r.id}>
                  {i > 0 ? ', ' : ''}
                  <a href={immersionHref(r.id)}>{r.startDate ? `période à partir du ${formatDateShort(r.startDate)}` : 'seconde période'}</a>
                </span>
              ))}
              .
            </p>
          ) : null}
        </section>
      </div>
      <Checklist view={view} onChanged={onChanged} />
      {view.linkedEntretiens.length ? (
        <section className="card" aria-labelledby="linked-title">
          <h2 id="linked-title">Entretiens liés</h2>
          <ul className="linked-list">
            {view.linkedEntretiens.map((e) => (
              <li key={e.id}>
                <a href={entretienHref(e.id)}>{e.label}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
