import { GRID_SECTIONS, gridSectionLabels } from '../../../../shared/domain/grid-templates';
import type { ProgressionView } from '../../../../shared/ipc/immersions';
import { formatDateShort } from '../../lib/format';

type Row = ProgressionView['rows'][number];

const outcomeLabels: Record<Row['outcome'], { competences: string; satisfaction: string }> = {
  atteint: { competences: 'Acquis', satisfaction: 'Satisfaisant' },
  en_progres: { competences: 'En progrès', satisfaction: 'En progrès' },
  non_atteint: { competences: 'À travailler', satisfaction: 'À améliorer' },
  non_evalue: { competences: 'Non évalué', satisfaction: 'Non évalué' },
};

export function evaluationShortLabel(progression: ProgressionView, index: number): string {
  const e = progression.evaluations[index];
  if (!e) return '';
  if (e.kind === 'finale') return 'Finale';
  const weekly = progression.evaluations.slice(0, index + 1).filter((x) => x.kind === 'hebdomadaire').length;
  return `Semaine ${weekly}`;
}

/** A small line of the levels over the evaluations; the table row next to it carries the same data as text. */
function Sparkline({ row, levels }: { row: Row; levels: number }) {
  const width = 96;
  const height = 26;
  const n = row.points.length;
  const x = (i: number) => (n <= 1 ? width / 2 : 6 + (i * (width - 12)) / (n - 1));
  const y = (rank: number) => (levels <= 1 ? height / 2 : height - 4 - (rank * (height - 8)) / (levels - 1));
  const rated = row.points.map((p, i) => ({ i, rank: p.rank })).filter((p): p is { i: number; rank: number } => p.rank !== null);
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" focusable="false">
      <line x1="0" x2={width} y1={y(levels - 1)} y2={y(levels - 1)} className="sparkline-target" />
      {rated.length > 1 ? <polyline points={rated.map((p) => `${x(p.i)},${y(p.rank)}`).join(' ')} className="sparkline-line" /> : null}
      {rated.map((p) => (
        <circle key={p.i} cx={x(p.i)} cy={y(p.rank)} r="3" className={p.rank === levels - 1 ? 'sparkline-dot is-top' : 'sparkline-dot'} />
      ))}
    </svg>
  );
}

/**
 * Per item, the level at each evaluation (a table: the accessible form of the chart) with a small
 * line of its evolution, and what is acquired, what remains, what was never evaluated.
 */
export function Progression({ progression, kind }: { progression: ProgressionView; kind: 'competences' | 'satisfaction' }) {
  const live = progression.rows.filter((r) => !r.removed);
  const labelOf = new Map(progression.rows.map((r) => [r.itemId, r.label]));
  const levels = progression.levels.length;
  if (progression.evaluations.length === 0) {
    return <p className="muted">La progression apparaîtra ici après la première évaluation.</p>;
  }
  const groups = [
    { title: kind === 'satisfaction' ? 'Satisfaisant' : 'Acquis', ids: progression.reached, tone: 'ok' },
    { title: 'Reste à travailler', ids: progression.remaining, tone: 'warn' },
    { title: 'Jamais évalué', ids: progression.notEvaluated, tone: 'muted' },
  ];
  return (
    <div className="progression">
      <div className="progression-summary">
        {groups.map((g) => (
          <section key={g.title} className={`progression-group tone-${g.tone}`} aria-label={`${g.title} : ${g.ids.length}`}>
            <h3>
              {g.title} <span className="progression-count">{g.ids.length}</span>
            </h3>
            {g.ids.length === 0 ? (
              <p className="muted">Aucun item.</p>
            ) : g.tone === 'muted' ? (
              // Often the longest list and the least urgent: folded.
              <details>
                <summary>Voir les items</summary>
                <ul>
                  {g.ids.map((id) => (
                    <li key={id}>{labelOf.get(id)}</li>
                  ))}
                </ul>
              </details>
            ) : (
              <ul>
                {g.ids.map((id) => (
                  <li key={id}>{labelOf.get(id)}</li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
      <div className="table-scroll">
        <table className="data-table progression-table">
          <caption>Niveau de chaque item à chaque évaluation, de la plus ancienne à la plus récente</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              {progression.evaluations.map((e, i) => (
                <th key={e.id} scope="col" className="level-col">
                  {evaluationShortLabel(progression, i)}
                  <span className="cell-sub">{formatDateShort(e.date)}</span>
                </th>
              ))}
              <th scope="col">Évolution</th>
              <th scope="col">Résultat</th>
            </tr>
          </thead>
          {GRID_SECTIONS.map((section) => {
            const rows = live.filter((r) => r.section === section);
            if (rows.length === 0) return null;
            return (
              <tbody key={section}>
                <tr className="section-row">
                  <th scope="colgroup" colSpan={progression.evaluations.length + 3}>
                    {gridSectionLabels[section]}
                  </th>
                </tr>
                {rows.map((row) => (
                  <tr key={row.itemId}>
                    <th scope="row" className="item-cell">
                      {row.label}
                    </th>
                    {row.points.map((p) => (
                      <td key={p.evaluationId} className={`level-cell${p.rank !== null ? ` rank-${Math.round((p.rank / Math.max(1, levels - 1)) * 2)}` : ''}`}>
                        {p.levelLabel ?? '—'}
                      </td>
                    ))}
                    <td>
                      <Sparkline row={row} levels={levels} />
                    </td>
                    <td className={`outcome outcome-${row.outcome}`}>{outcomeLabels[row.outcome][kind]}</td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
    </div>
  );
}
