import { formatCount } from '../../lib/format';

export interface Bar {
  code: string;
  label: string;
  value: number;
  previous: number | null;
}

const ROW = 30;
const LABEL_WIDTH = 210;
const BAR_AREA = 300;
const VALUE_WIDTH = 60;
const WIDTH = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;

function shorten(label: string, max = 32): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/**
 * Horizontal bars, current period over the previous one. Decorative for assistive technology:
 * the same figures are in the data table right below (`aria-hidden` avoids reading them twice).
 */
export function BarChart({ bars, currentLabel, previousLabel }: { bars: Bar[]; currentLabel: string; previousLabel: string }) {
  const shown = bars.filter((b) => b.value > 0 || (b.previous ?? 0) > 0);
  if (shown.length === 0) return null;
  const max = Math.max(1, ...shown.map((b) => Math.max(b.value, b.previous ?? 0)));
  const hasPrevious = shown.some((b) => b.previous !== null);
  const height = shown.length * ROW + 24;
  const scale = (v: number) => (v / max) * (BAR_AREA - 8);
  return (
    <figure className="stats-chart">
      <svg
        width="100%"
        viewBox={`0 0 ${WIDTH} ${height}`}
        style={{ maxWidth: WIDTH }}
        aria-hidden="true"
        focusable="false"
        data-testid="bar-chart"
      >
        {shown.map((b, i) => {
          const y = i * ROW;
          return (
            <g key={b.code} transform={`translate(0 ${y})`}>
              <text x={LABEL_WIDTH - 8} y={ROW / 2 + 4} textAnchor="end" className="stats-chart-label">
                {shorten(b.label)}
              </text>
              <rect x={LABEL_WIDTH} y={hasPrevious ? 4 : 7} width={Math.max(b.value > 0 ? 2 : 0, scale(b.value))} height={hasPrevious ? 11 : 16} className="stats-bar-current" />
              {hasPrevious ? (
                <rect x={LABEL_WIDTH} y={16} width={Math.max((b.previous ?? 0) > 0 ? 2 : 0, scale(b.previous ?? 0))} height={8} className="stats-bar-previous" />
              ) : null}
              <text x={LABEL_WIDTH + Math.max(scale(b.value), scale(b.previous ?? 0)) + 6} y={ROW / 2 + 2} className="stats-chart-value">
                {formatCount(b.value)}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${LABEL_WIDTH} ${height - 12})`} className="stats-chart-legend">
          <rect width="12" height="10" y="-9" className="stats-bar-current" />
          <text x="16">{currentLabel}</text>
          {hasPrevious ? (
            <>
              <rect x="150" width="12" height="6" y="-7" className="stats-bar-previous" />
              <text x="166">{previousLabel}</text>
            </>
          ) : null}
        </g>
      </svg>
      <figcaption className="visually-hidden">Les mêmes chiffres figurent dans le tableau ci-dessous.</figcaption>
    </figure>
  );
}
