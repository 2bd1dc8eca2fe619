import { escapeHtml, formatCount } from './html';

export interface Bar {
  readonly label: string;
  readonly value: number | null;
  /** Shown instead of a bar when the value is masked, e.g. "masqué (A)". */
  readonly maskedText: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 230;
const VALUE_WIDTH = 110;
const ROW = 30;

/**
 * A horizontal bar chart as inline SVG (no script, CSP-friendly). It repeats the data table
 * next to it, so it is labelled as an image with a short summary; the table is the
 * accessible source of the figures.
 */
export function barChart(id: string, title: string, bars: readonly Bar[]): string {
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = bars.length * ROW + 10;
  const rows = bars
    .map((b, i) => {
      const y = 5 + i * ROW;
      const label = `<text x="${LABEL_WIDTH - 8}" y="${y + 19}" text-anchor="end" font-size="13" fill="#161616">${escapeHtml(truncate(b.label, 32))}</text>`;
      if (b.value === null) {
        return `${label}<text x="${LABEL_WIDTH + 4}" y="${y + 19}" font-size="13" font-style="italic" fill="#3a3a3a">${escapeHtml(b.maskedText)}</text>`;
      }
      const w = Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * plot));
      return `${label}<rect x="${LABEL_WIDTH}" y="${y + 5}" width="${w}" height="${ROW - 10}" fill="#000091"></rect><text x="${LABEL_WIDTH + w + 6}" y="${y + 19}" font-size="13" fill="#161616">${escapeHtml(formatCount(b.value))}</text>`;
    })
    .join('');
  const summary = bars.map((b) => `${b.label} : ${b.value === null ? b.maskedText : formatCount(b.value)}`).join(' ; ');
  return (
    `<svg class="chart" role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(summary)}</desc>` +
    `<line x1="${LABEL_WIDTH}" y1="0" x2="${LABEL_WIDTH}" y2="${height}" stroke="#929292"></line>${rows}</svg>`
  );
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
