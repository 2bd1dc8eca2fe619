import type { StatsPeriod } from '../../../../shared/indicators/period';
import type { StatsLocal, StatsLocalTable } from '../../../../shared/ipc/stats';
import { formatCount, formatDateShort } from '../../lib/format';
import { LocalTable } from './LocalTable';
import { MARGIN } from './matrix';
import { StatsProgress } from './Progress';
import { useStatsCall } from './useStatsCall';

const SECTIONS: Array<{ population: string; title: string }> = [
  { population: 'present', title: 'Salariés en parcours' },
  { population: 'entries', title: 'Entrées en parcours' },
  { population: 'exits', title: 'Sorties' },
  { population: 'immersions', title: 'Immersions' },
  { population: 'formations', title: 'Formations' },
  { population: 'freins', title: 'Freins périphériques' },
  { population: 'entretiens', title: 'Entretiens' },
];

function total(data: StatsLocal, tableId: string): { value: number; previous: number | null } | null {
  const cell = data.tables.find((t) => t.id === tableId)?.cells.find((c) => c.coords.every((x) => x === MARGIN));
  return cell ? { value: cell.value, previous: cell.previous } : null;
}

function KeyFigure({ label, figure, previousLabel }: { label: string; figure: { value: number; previous: number | null } | null; previousLabel: string }) {
  if (!figure) return null;
  return (
    <div className="stat-card">
      <dt>{label}</dt>
      <dd>
        {formatCount(figure.value)}
        {figure.previous !== null ? (
          <span className="stats-previous">
            {previousLabel}&nbsp;: {formatCount(figure.previous)}
          </span>
        ) : null}
      </dd>
    </div>
  );
}

/** The structure's own indicators, unsuppressed: they stay on this computer. */
export function IndicatorsView({ period }: { period: StatsPeriod }) {
  const { data, error, loading, progress } = useStatsCall('stats.local', period);
  if (error) {
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  }
  if (!data) return <StatsProgress progress={progress} label="Calcul des indicateurs" />;
  const byPopulation = (population: string): StatsLocalTable[] => data.tables.filter((t) => t.population === population && t.role === 'indicator');
  return (
    <div aria-busy={loading}>
      {loading ? <StatsProgress progress={progress} label="Mise à jour des indicateurs" /> : null}
      <p className="muted stats-intro">
        {data.periodLabel}, du {formatDateShort(data.range.start)} au {formatDateShort(data.range.end)}, comparée à la période précédente ({data.previousPeriodLabel}). Ces
        chiffres complets restent sur cet ordinateur ; seul l’envoi anonymisé (voir l’aperçu de l’envoi) part au siège régional.
      </p>
      <section aria-labelledby="stats-key-title">
        <h2 id="stats-key-title" className="visually-hidden">
          Chiffres clés
        </h2>
        <dl className="stat-cards">
          <KeyFigure label="Salariés en parcours" figure={total(data, 'present.sex_age')} previousLabel={data.previousPeriodLabel} />
          <KeyFigure label="Entrées" figure={total(data, 'entries.sex_age')} previousLabel={data.previousPeriodLabel} />
          <KeyFigure label="Sorties comptabilisées" figure={total(data, 'exits.category_sex')} previousLabel={data.previousPeriodLabel} />
          <KeyFigure label="Entretiens tenus" figure={total(data, 'entretiens.kind')} previousLabel={data.previousPeriodLabel} />
        </dl>
      </section>
      {SECTIONS.map((section) => {
        const tables = byPopulation(section.population);
        const unavailable = data.unavailable.filter((u) => u.id.startsWith(`${section.population}.`));
        if (tables.length === 0 && unavailable.length === 0) return null;
        return (
          <section key={section.population} className="stats-section" aria-labelledby={`stats-${section.population}`}>
            <h2 id={`stats-${section.population}`}>{section.title}</h2>
            {tables.map((t) => (
              <LocalTable key={t.id} table={t} periodLabel={data.periodLabel} previousLabel={data.previousPeriodLabel} />
            ))}
            {unavailable.map((u) => (
              <div key={u.id} className="card stats-unavailable">
                <h3>
                  {u.title} <span className="tag">Non disponible</span>
                </h3>
                <p className="muted">{u.reason}</p>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
