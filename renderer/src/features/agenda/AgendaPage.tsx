import { useCallback, useEffect, useMemo, useState } from 'react';
import { addDays } from '../../../../shared/domain/calendar';
import { entretienKindLabels, entretienStatusLabels } from '../../../../shared/domain/entretiens';
import type { AgendaEvent } from '../../../../shared/ipc/agenda';
import type { EntretienView } from '../../../../shared/ipc/entretiens';
import type { Referent } from '../../../../shared/ipc/structure';
import { BridgeError, call } from '../../bridge';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/forms/SelectField';
import { todayIso } from '../../lib/dates';
import { formatDateLong } from '../../lib/format';
import { navigate } from '../../router';
import { useNotices } from '../../state/notices';
import { dayHref, printWeekHref, weekHref } from '../entretiens/links';
import { downloadText } from './download';
import { EventActions } from './EventActions';
import { PlanForm } from './PlanDialog';
import { formatDayHeading, formatDuration, formatTime, formatWeekRange, mondayOf, validDateOr, weekDays } from './time';

type View = 'semaine' | 'jour';

function byTime(a: AgendaEvent, b: AgendaEvent): number {
  // Appointments without a time come first in their day (« dans la journée »).
  return a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? '') || a.title.localeCompare(b.title, 'fr');
}

function eventTitle(event: AgendaEvent): string {
  const what = event.kind ? entretienKindLabels[event.kind] : event.title;
  return event.salarieName ? `${what} — ${event.salarieName}` : what;
}

/** Week (Monday to Sunday) and day views of the appointments, with everything reachable by keyboard. */
export function AgendaPage({ view, date }: { view: View; date: string | undefined }) {
  const today = todayIso();
  const anchor = validDateOr(date, today);
  const monday = mondayOf(anchor);
  const from = view === 'jour' ? anchor : monday;
  const to = view === 'jour' ? anchor : addDays(monday, 6);
  const [referents, setReferents] = useState<Referent[]>([]);
  const [referentId, setReferentId] = useState<string | null>(null);
  const [events, setEvents] = useState<AgendaEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<AgendaEvent | null>(null);
  const [planDate, setPlanDate] = useState<string | null>(null);
  const notify = useNotices((s) => s.notify);

  const load = useCallback(async () => {
    try {
      const found = await call('agenda.range', { from, to, referentId });
      setEvents([...found].sort(byTime));
      setError(null);
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'L’agenda n’a pas pu être chargé. Réessayez.');
    }
  }, [from, to, referentId]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    call('referents.list', {}).then(setReferents, () => setReferents([]));
  }, []);

  // Alt+N plans a new appointment from anywhere on the agenda.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN') {
        event.preventDefault();
        setPlanDate(view === 'jour' ? anchor : today);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [view, anchor, today]);

  const byDay = useMemo(() => {
    const map = new Map<string, AgendaEvent[]>();
    for (const e of events ?? []) map.set(e.date, [...(map.get(e.date) ?? []), e]);
    return map;
  }, [events]);

  async function exportIcs() {
    try {
      const file = await call('agenda.exportIcs', { from, to, referentId });
      downloadText(file.fileName, file.content, 'text/calendar;charset=utf-8');
      notify({ message: `Fichier ${file.fileName} enregistré dans vos téléchargements.`, tone: 'success' });
    } catch (e) {
      notify({ message: e instanceof BridgeError ? e.message : 'L’export n’a pas pu être préparé. Réessayez.', tone: 'error' });
    }
  }

  function planned(saved: EntretienView) {
    setPlanDate(null);
    const message = ['Entretien planifié.', ...saved.warnings.map((w) => w.message)].join(' ');
    notify({ message, tone: saved.warnings.length ? 'info' : 'success' }, saved.warnings.length ? 10_000 : undefined);
    if (saved.date < from || saved.date > to) navigate('agenda', view, view === 'jour' ? saved.date : mondayOf(saved.date));
    else void load();
  }

  const step = view === 'jour' ? 1 : 7;
  const unit = view === 'jour' ? 'Jour' : 'Semaine';
  const heading = view === 'jour' ? formatDateLong(anchor) : `Semaine ${formatWeekRange(monday)}`;

  return (
    <>
      <PageHeader
        title="Agenda"
        actions={
          <>
            <button type="button" className="primary" onClick={() => setPlanDate(view === 'jour' ? anchor : today)} aria-keyshortcuts="Alt+N">
              Planifier un entretien
            </button>
            <button type="button" onClick={() => void exportIcs()}>
              Exporter (.ics)
            </button>
            <a className="button" href={printWeekHref(monday, referentId)}>
              Imprimer la semaine
            </a>
          </>
        }
      />
      <div className="agenda-toolbar">
        <nav aria-label="Période affichée" className="agenda-nav">
          <a className="button" href={view === 'jour' ? dayHref(addDays(anchor, -step)) : weekHref(addDays(monday, -step))}>
            <span aria-hidden="true">← </span>
            {unit} précédent{view === 'jour' ? '' : 'e'}
          </a>
          <a className="button" href={view === 'jour' ? dayHref(today) : weekHref(today)}>
            Aujourd’hui
          </a>
          <a className="button" href={view === 'jour' ? dayHref(addDays(anchor, step)) : weekHref(addDays(monday, step))}>
            {unit} suivant{view === 'jour' ? '' : 'e'}
            <span aria-hidden="true"> →</span>
          </a>
          <span className="agenda-views">
            <a className="button" href={weekHref(anchor)} aria-current={view === 'semaine' ? 'page' : undefined}>
              Semaine
            </a>
            <a className="button" href={dayHref(view === 'jour' ? anchor : monday <= today && today <= addDays(monday, 6) ? today : monday)} aria-current={view === 'jour' ? 'page' : undefined}>
              Jour
            </a>
          </span>
        </nav>
        {referents.length > 1 ? (
          <SelectField
            label="Référent"
            options={referents.map((r) => [r.id, r.displayName] as const)}
            emptyLabel="Tous les référents"
            value={referentId ?? ''}
            onChange={(e) => setReferentId(e.target.value || null)}
          />
        ) : null}
      </div>
      <h2 className="agenda-heading" aria-live="polite">
        {heading}
      </h2>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {events === null && !error ? <p aria-busy="true">Chargement de l’agenda…</p> : null}

      {events && view === 'semaine' ? (
        <div className="agenda-week">
          {weekDays(monday).map((day) => {
            const dayEvents = byDay.get(day) ?? [];
            return (
              <section key={day} className={`agenda-day${day === today ? ' is-today' : ''}`} aria-labelledby={`day-${day}`}>
                <h3 id={`day-${day}`} className="agenda-day-header">
                  <a href={dayHref(day)} aria-label={`${formatDateLong(day)}${day === today ? ' (aujourd’hui)' : ''}, ${dayEvents.length} rendez-vous`}>
                    {formatDayHeading(day)}
                  </a>
                </h3>
                {dayEvents.length > 0 ? (
                  <ol className="agenda-cards">
                    {dayEvents.map((e) => (
                      <li key={`${e.source}:${e.id}`}>
                        <EventCard event={e} onOpen={() => setSelected(e)} />
                      </li>
                    ))}
                  </ol>
                ) : null}
                <button type="button" className="agenda-add" aria-label={`Planifier un entretien le ${formatDateLong(day)}`} onClick={() => setPlanDate(day)}>
                  + Planifier
                </button>
              </section>
            );
          })}
        </div>
      ) : null}

      {events && view === 'jour' ? (
        (byDay.get(anchor) ?? []).length > 0 ? (
          <ol className="agenda-cards agenda-daylist">
            {(byDay.get(anchor) ?? []).map((e) => (
              <li key={`${e.source}:${e.id}`}>
                <EventCard event={e} onOpen={() => setSelected(e)} detailed />
              </li>
            ))}
          </ol>
        ) : null
      ) : null}

      {events && events.length === 0 && !error ? (
        <EmptyState
          title={view === 'jour' ? 'Aucun rendez-vous ce jour' : 'Aucun rendez-vous cette semaine'}
          action={
            <button type="button" className="primary" onClick={() => setPlanDate(view === 'jour' ? anchor : today)}>
              Planifier un entretien
            </button>
          }
        >
          <p>Les entretiens planifiés et les évaluations d’immersion apparaîtront ici. Planifiez un premier entretien : il sera aussi visible sur la fiche du salarié.</p>
        </EmptyState>
      ) : null}

      {/* One dialog for both uses: the shared Dialog's title id is fixed, two instances would clash. */}
      <Dialog
        title={selected ? eventTitle(selected) : 'Planifier un entretien'}
        open={selected !== null || planDate !== null}
        onClose={() => {
          setSelected(null);
          setPlanDate(null);
        }}
      >
        {selected ? (
          <EventActions
            event={selected}
            onClose={() => setSelected(null)}
            onChanged={(message) => {
              setSelected(null);
              notify({ message, tone: 'success' });
              void load();
            }}
          />
        ) : planDate ? (
          <PlanForm date={planDate} referents={referents} onPlanned={planned} onCancel={() => setPlanDate(null)} />
        ) : null}
      </Dialog>
    </>
  );
}

function EventCard({ event, onOpen, detailed = false }: { event: AgendaEvent; onOpen(): void; detailed?: boolean }) {
  const status = event.status ?? 'planifie';
  return (
    <button type="button" className={`agenda-card status-${status}${event.source === 'evaluation_immersion' ? ' is-evaluation' : ''}`} onClick={onOpen}>
      <span className="agenda-card-time">
        {event.startTime ? formatTime(event.startTime) : 'Dans la journée'}
        {detailed && event.durationMinutes ? ` · ${formatDuration(event.durationMinutes)}` : ''}
      </span>
      <span className="agenda-card-who">{event.salarieName ?? event.title}</span>
      <span className="agenda-card-what">{event.kind ? entretienKindLabels[event.kind] : event.title}</span>
      {event.thirdParties.length ? <span className="agenda-card-more">avec {event.thirdParties.join(', ')}</span> : null}
      {detailed && event.place ? <span className="agenda-card-more">{event.place}</span> : null}
      {status !== 'planifie' ? <span className={`agenda-card-status status-text-${status}`}>{entretienStatusLabels[status]}</span> : null}
    </button>
  );
}
