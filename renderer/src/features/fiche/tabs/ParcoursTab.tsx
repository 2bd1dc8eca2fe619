import type { TimelineEvent } from '../../../../../shared/ipc/salaries';
import { EmptyState } from '../../../components/EmptyState';
import { formatDateShort } from '../../../lib/format';
import { hrefFor } from '../../../router';
import { Icon } from '../components/Icon';
import { monthTitle, timelineKindLabels } from '../labels';
import { useFiche } from '../store';

/** The parcours at a glance: newest first, grouped by month; confidential events stay folded. */
export function ParcoursTab() {
  const fiche = useFiche((s) => s.fiche)!;
  const id = fiche.identity.id;
  const events = [...fiche.timeline].sort((a, b) => b.date.localeCompare(a.date));
  const groups: Array<{ month: string; events: TimelineEvent[] }> = [];
  for (const event of events) {
    const month = event.date.slice(0, 7);
    const last = groups[groups.length - 1];
    if (last && last.month === month) last.events.push(event);
    else groups.push({ month, events: [event] });
  }

  return (
    <section aria-labelledby="parcours-title">
      <div className="panel-heading">
        <h2 id="parcours-title">Parcours</h2>
        <nav aria-label="Enregistrer rapidement" className="quick-links">
          <a href={hrefFor('salaries', id, 'actions')}>Ajouter une action</a>
          <a href={hrefFor('salaries', id, 'freins')}>Ajouter un frein</a>
          <a href={hrefFor('salaries', id, 'contrats')}>Ajouter un contrat</a>
          <a href={hrefFor('salaries', id, 'sortie')}>Enregistrer la sortie</a>
        </nav>
      </div>
      {groups.length === 0 ? (
        <EmptyState title="Aucun événement pour l’instant">
          <p>
            Le PASS IAE, les contrats, les freins, les formations et la sortie apparaîtront ici, du plus récent au plus
            ancien. Commencez par enregistrer le PASS IAE et le contrat dans l’onglet « Contrats &amp; PASS IAE ».
          </p>
        </EmptyState>
      ) : (
        <div className="timeline">
          {groups.map((group) => (
            <section key={group.month} className="timeline-month" aria-labelledby={`month-${group.month}`}>
              <h3 id={`month-${group.month}`}>{monthTitle(`${group.month}-01`)}</h3>
              <ol className="timeline-list">
                {group.events.map((event, index) => (
                  <TimelineItem key={`${event.kind}:${event.ref?.id ?? ''}:${event.date}:${index}`} event={event} />
                ))}
              </ol>
            </section>
          ))}
        </div>
      )}
    </section>
  );
}

function TimelineItem({ event }: { event: TimelineEvent }) {
  const kind = timelineKindLabels[event.kind];
  return (
    <li className={`timeline-item timeline-${event.kind}${event.confidential ? ' is-confidential' : ''}`}>
      <span className="timeline-icon">
        <Icon name={event.kind} />
      </span>
      <div className="timeline-body">
        <div className="timeline-meta">
          <time dateTime={event.date}>{formatDateShort(event.date)}</time>
          <span className="timeline-kind">{kind}</span>
        </div>
        {event.confidential ? (
          <details className="confidential-details">
            <summary>
              <Icon name="lock" /> Information confidentielle — afficher
            </summary>
            <div className="confidential-block">
              <p className="timeline-title">{event.title}</p>
              {event.detail ? <p className="timeline-detail">{event.detail}</p> : null}
            </div>
          </details>
        ) : (
          <>
            <p className="timeline-title">{event.title}</p>
            {event.detail ? <p className="timeline-detail">{event.detail}</p> : null}
          </>
        )}
      </div>
    </li>
  );
}
