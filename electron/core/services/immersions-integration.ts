import { formatFrenchDate } from '../../../shared/domain/calendar';
import { assessmentStatusLabels, evaluationKindLabels, immersionObjectiveShortLabels, immersionStatusLabels } from '../../../shared/domain/immersions';
import type { AgendaEvent } from '../../../shared/ipc/agenda';
import type { AppDb } from '../db/schema';
import { listAgendaEvaluations, listOrganisationImmersions, listTimelineImmersions } from '../repositories/immersions';

/*
 * Immersions as other features see them: evaluations in the agenda, immersions hosted in a
 * partner's history, immersions and bilans in the fiche's timeline. No service imports here, so
 * the agenda, partners and fiche services can use it without import cycles.
 */

// ── Seen from other features ───────────────────────────────────────────────────

/** Planned and carried-out evaluations of a date range, as agenda events (source 'evaluation_immersion'). */
export async function agendaEvaluationEvents(db: AppDb, filter: { from: string; to: string; referentId: string | null }): Promise<AgendaEvent[]> {
  const rows = await listAgendaEvaluations(db, filter);
  return rows.map((r) => ({
    id: r.id,
    source: 'evaluation_immersion' as const,
    date: r.date,
    startTime: r.start_time,
    durationMinutes: null,
    title: `${evaluationKindLabels[r.kind]}${r.rome_label ? ` — ${r.rome_label}` : ''}`,
    kind: null,
    status: r.status === 'realisee' ? ('tenu' as const) : ('planifie' as const),
    salarieId: r.salarie_id,
    salarieName: `${r.first_name} ${r.last_name}`,
    place: r.place ?? r.host_name,
    thirdParties: r.tutor_name && r.host_name ? [`${r.tutor_name} (${r.host_name})`] : r.host_name ? [r.host_name] : [],
    immersionId: r.immersion_id,
  }));
}

/** Partner history entries: immersions this organisation hosted (not cancelled). */
export async function partnerImmersionHistory(db: AppDb, organisationId: string) {
  const rows = await listOrganisationImmersions(db, organisationId);
  return rows.map((r) => ({
    date: r.start_date ?? r.created_at.slice(0, 10),
    kind: 'immersion' as const,
    title: `Immersion ${immersionObjectiveShortLabels[r.objective].toLowerCase()}${r.rome_label ? ` — ${r.rome_label}` : ''}${r.status === 'terminee' ? '' : ` (${immersionStatusLabels[r.status].toLowerCase()})`}`,
    salarieId: r.salarie_id,
    salarieName: `${r.first_name} ${r.last_name}`,
    refId: r.id,
  }));
}

export interface TimelineImmersionEvent {
  date: string;
  title: string;
  detail: string | null;
  id: string;
}

/** The fiche's history: each immersion at its start (or creation) date, and its bilan. */
export async function timelineImmersionEvents(db: AppDb, salarieId: string): Promise<TimelineImmersionEvent[]> {
  const rows = await listTimelineImmersions(db, salarieId);
  const out: TimelineImmersionEvent[] = [];
  for (const r of rows) {
    const trade = r.rome_label ?? 'métier à préciser';
    const kind = r.renewal_of_id ? 'Renouvellement d’immersion' : `Immersion ${immersionObjectiveShortLabels[r.objective].toLowerCase()}`;
    const status = r.status === 'en_cours' || r.status === 'terminee' ? '' : ` (${immersionStatusLabels[r.status].toLowerCase()})`;
    const dates = r.start_date && r.end_date ? `Du ${formatFrenchDate(r.start_date)} au ${formatFrenchDate(r.end_date)}` : null;
    out.push({
      date: r.start_date ?? r.created_at.slice(0, 10),
      title: `${kind} : ${trade}${status}`,
      detail: [r.host_name ? `Chez ${r.host_name}` : null, dates].filter(Boolean).join(' — ') || null,
      id: r.id,
    });
    if (r.bilan_status && r.bilan_date) {
      out.push({ date: r.bilan_date, title: `Bilan d’immersion : ${assessmentStatusLabels[r.bilan_status].toLowerCase()}`, detail: trade, id: r.id });
    }
  }
  return out;
}
