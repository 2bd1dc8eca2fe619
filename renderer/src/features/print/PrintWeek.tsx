import { useEffect, useMemo, useState } from 'react';
import { addDays } from '../../../../shared/domain/calendar';
import { entretienKindLabels, entretienStatusLabels } from '../../../../shared/domain/entretiens';
import type { AgendaEvent } from '../../../../shared/ipc/agenda';
import type { Referent } from '../../../../shared/ipc/structure';
import { BridgeError, call } from '../../bridge';
import { formatDateLong } from '../../lib/format';
import { capitalize, formatDuration, formatTime, formatWeekRange, mondayOf, weekDays } from '../agenda/time';
import { weekHref } from '../entretiens/links';
import { pdfFileName } from './printing';
import { PrintShell, useStructure } from './PrintShell';

/** The week's appointments, day by day, to keep on the desk or pin up. No confidential content. */
export function PrintWeek({ date, referentId }: { date: string; referentId: string | null }) {
  const monday = mondayOf(date);
  const structure = useStructure();
  const [events, setEvents] = useState<AgendaEvent[] | null>(null);
  const [referent, setReferent] = useState<Referent | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    call('agenda.range', { from: monday, to: addDays(monday, 6), referentId }).then(
      (found) => !cancelled && setEvents(found),
      (e: unknown) => !cancelled && setError(e instanceof BridgeError ? e.message : 'L’agenda n’a pas pu être chargé. Réessayez.'),
    );
    if (referentId) call('referents.list', {}).then((list) => !cancelled && setReferent(list.find((r) => r.id === referentId) ?? null), () => undefined);
    return () => {
      cancelled = true;
    };
  }, [monday, referentId]);

  const byDay = useMemo(() => {
    const map = new Map<string, AgendaEvent[]>();
    const sorted = [...(events ?? [])].sort((a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '').localeCompare(b.startTime ?? ''));
    for (const e of sorted) map.set(e.date, [...(map.get(e.date) ?? []), e]);
    return map;
  }, [events]);

  return (
    <PrintShell
      documentTitle={`Agenda de la semaine ${formatWeekRange(monday)}`}
      fileName={pdfFileName('agenda-semaine', monday)}
      backHref={weekHref(monday)}
      backLabel="Retour à l’agenda"
      structure={structure}
      ready={events !== null}
      error={error}
    >
      <h1 id="print-title">Agenda de la semaine</h1>
      <p className="doc-subtitle">
        Semaine {formatWeekRange(monday)}
        {referent ? ` — ${referent.displayName}` : ''}
      </p>
      {events && events.length === 0 ? <p className="doc-text">Aucun rendez-vous cette semaine.</p> : null}
      {weekDays(monday).map((day) => {
        const dayEvents = byDay.get(day) ?? [];
        return (
          <section key={day} className="doc-section doc-day">
            <h2>{capitalize(formatDateLong(day))}</h2>
            {dayEvents.length === 0 ? (
              <p className="doc-text doc-muted">Aucun rendez-vous.</p>
            ) : (
              <table className="doc-table">
                <thead>
                  <tr>
                    <th scope="col">Heure</th>
                    <th scope="col">Salarié·e</th>
                    <th scope="col">Entretien</th>
                    <th scope="col">Lieu</th>
                    <th scope="col">Avec</th>
                    <th scope="col">Statut</th>
                  </tr>
                </thead>
                <tbody>
                  {dayEvents.map((e) => (
                    <tr key={`${e.source}:${e.id}`}>
                      <td className="nowrap">
                        {e.startTime ? formatTime(e.startTime) : 'Dans la journée'}
                        {e.durationMinutes ? ` (${formatDuration(e.durationMinutes)})` : ''}
                      </td>
                      <td>{e.salarieName ?? '—'}</td>
                      <td>{e.kind ? entretienKindLabels[e.kind] : e.title}</td>
                      <td>{e.place ?? '—'}</td>
                      <td>{e.thirdParties.join(', ') || '—'}</td>
                      <td>{e.status ? entretienStatusLabels[e.status] : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </PrintShell>
  );
}
