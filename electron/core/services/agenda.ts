import { entretienKindLabels, placeKindLabels, type EntretienKind, type EntretienStatus, type PlaceKind } from '../../../shared/domain/entretiens';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type { AgendaEvent } from '../../../shared/ipc/agenda';
import { listAgendaEntretiens, type AgendaEntretienRow } from '../repositories/agenda';
import type { ServiceContext } from './context';
import { thirdPartiesOf } from './entretiens';
import { agendaEvaluationEvents } from './immersions-integration';
import { buildCalendar, type IcsEvent } from './ics';
import { audit, inTransaction } from './parcours';

/*
 * The CIP's agenda: planned and held entretiens of a day or a week, with the immersions' planned
 * and carried-out evaluations (`source`), and its export to the usual calendar as .ics.
 */

type RangeInput = ParsedInput<'agenda.range'>;

/** "En entreprise — 3 rue des Lilas", or whichever half is known. */
export function placeLabel(kind: string | null, detail: string | null): string | null {
  const label = kind ? (placeKindLabels[kind as PlaceKind] ?? null) : null;
  if (label && detail) return kind === 'autre' ? detail : `${label} — ${detail}`;
  return detail ?? label;
}

function kindLabel(kind: string): string {
  return entretienKindLabels[kind as EntretienKind] ?? kind;
}

/**
 * `plannedOnly` (the dashboard's appointments of the week): planned entretiens only and no third parties — for
 * a whole large group the week's held entretiens and their participants are thousands of rows nobody shows there.
 */
export async function agendaRange(ctx: ServiceContext, input: RangeInput, options: { plannedOnly?: boolean } = {}): Promise<AgendaEvent[]> {
  const db = ctx.db();
  const rows = await listAgendaEntretiens(db, { ...input, ...(options.plannedOnly ? { statuses: ['planifie'] as const } : {}) });
  const third = options.plannedOnly ? new Map<string, string[]>() : await thirdPartiesOf(db, rows.map((r) => r.id));
  const entretiens: AgendaEvent[] = rows.map((r) => ({
    id: r.id,
    source: 'entretien' as const,
    date: r.date,
    startTime: r.start_time,
    durationMinutes: r.duration_minutes,
    title: r.title ?? kindLabel(r.kind),
    kind: r.kind as EntretienKind,
    status: r.status as EntretienStatus,
    salarieId: r.salarie_id,
    salarieName: r.first_name !== null && r.last_name !== null ? `${r.first_name} ${r.last_name}` : null,
    place: placeLabel(r.place_kind, r.place_detail),
    thirdParties: third.get(r.id) ?? [],
  }));
  // Immersion evaluations (planned and carried out) join in; same order: date, then time (untimed first).
  const evaluations = await agendaEvaluationEvents(db, input);
  if (evaluations.length === 0) return entretiens;
  return [...entretiens, ...evaluations].sort(
    (a, b) => a.date.localeCompare(b.date) || (a.startTime === null ? (b.startTime === null ? 0 : -1) : b.startTime === null ? 1 : a.startTime.localeCompare(b.startTime)),
  );
}

/** First name and initial only: the calendar lives outside the encrypted store (often synced). */
export function shortName(firstName: string, lastName: string): string {
  const initial = [...lastName.trim()][0];
  return initial ? `${firstName} ${initial.toUpperCase()}.` : firstName;
}

function icsEvent(row: AgendaEntretienRow): IcsEvent {
  const who = row.first_name !== null && row.last_name !== null ? shortName(row.first_name, row.last_name) : null;
  return {
    uid: `${row.id}@jalons`,
    date: row.date,
    startTime: row.start_time,
    durationMinutes: row.duration_minutes,
    summary: who ? `${kindLabel(row.kind)} — ${who}` : kindLabel(row.kind),
    location: placeLabel(row.place_kind, row.place_detail),
    lastModified: row.updated_at,
  };
}

/** No notes, decisions, third parties or free titles: only kind, short name, place and times. */
export async function exportIcs(ctx: ServiceContext, input: RangeInput): Promise<{ fileName: string; content: string }> {
  const rows = await listAgendaEntretiens(ctx.db(), input);
  const content = buildCalendar(rows.map(icsEvent), ctx.clock.now());
  // Data leaves the app: the export is logged (dates and count only).
  await inTransaction(ctx, (db) => audit(db, ctx, 'agenda.exportIcs', 'agenda', null, { from: input.from, to: input.to, events: rows.length }));
  return { fileName: `agenda-${input.from}.ics`, content };
}
