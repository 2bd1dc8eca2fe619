import { useId } from 'react';
import type { StatsLocalTable } from '../../../../shared/ipc/stats';
import { formatCount } from '../../lib/format';
import { BarChart } from './BarChart';
import { layoutMatrix, marginSeries, MARGIN } from './matrix';

type LocalCell = StatsLocalTable['cells'][number];

function evolution(value: number, previous: number | null): string {
  if (previous === null) return '—';
  const diff = value - previous;
  if (diff === 0) return '=';
  return `${diff > 0 ? '+' : '−'}${formatCount(Math.abs(diff))}`;
}

/** One indicator: chart of its main breakdown, then the full table with the previous period. */
export function LocalTable({ table, periodLabel, previousLabel }: { table: StatsLocalTable; periodLabel: string; previousLabel: string }) {
  const titleId = useId();
  const matrix = layoutMatrix(table.dimensions, table.cells);
  const chartDimension = table.dimensions.indexOf(matrix.rowDimensions[0] ?? matrix.columnDimension);
  const bars = marginSeries(table.dimensions, table.cells, chartDimension < 0 ? 0 : chartDimension).map((s) => ({
    code: s.code,
    label: s.label,
    value: s.cell?.value ?? 0,
    previous: s.cell?.previous ?? null,
  }));
  const oneDimension = table.dimensions.length === 1;
  // Rows empty in both periods say nothing: hidden (their zeros are in the margins anyway).
  const rowTotal = (cells: Array<LocalCell | undefined>) => cells[cells.length - 1];
  const rows = matrix.rows.filter((r) => {
    if (oneDimension) return true;
    const total = rowTotal(r.cells);
    return r.isTotal || (total?.value ?? 0) > 0 || (total?.previous ?? 0) > 0;
  });
  const hiddenRows = matrix.rows.length - rows.length;
  const grandTotal = table.cells.find((c) => c.coords.every((x) => x === MARGIN));

  return (
    <section className="card stats-table" aria-labelledby={titleId}>
      <header className="stats-table-head">
        <h3 id={titleId}>
          {table.title}
          {table.sensitive ? <span className="tag tag-sensitive">Sensible</span> : null}
        </h3>
        <p className="muted">{table.description}</p>
      </header>
      {grandTotal && grandTotal.value === 0 && (grandTotal.previous ?? 0) === 0 ? (
        <p className="muted">Aucun effectif sur la période ni sur la précédente.</p>
      ) : (
        <>
          <BarChart bars={bars} currentLabel={periodLabel} previousLabel={previousLabel} />
          <div className="stats-scroll">
            <table className="data-table stats-data">
              <caption className="visually-hidden">{table.title}</caption>
              {oneDimension ? (
                <>
                  <thead>
                    <tr>
                      <th scope="col">{table.dimensions[0]?.label}</th>
                      <th scope="col" className="num">
                        {periodLabel}
                      </th>
                      <th scope="col" className="num">
                        {previousLabel}
                      </th>
                      <th scope="col" className="num">
                        Évolution
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {matrix.columns.map((c, i) => {
                      const cell = matrix.rows[0]?.cells[i];
                      return (
                        <tr key={c.code} className={c.isTotal ? 'stats-total' : undefined}>
                          <th scope="row">{c.label}</th>
                          <td className="num">{formatCount(cell?.value ?? 0)}</td>
                          <td className="num">{cell?.previous === null || cell === undefined ? '—' : formatCount(cell.previous)}</td>
                          <td className="num">{evolution(cell?.value ?? 0, cell?.previous ?? null)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </>
              ) : (
                <>
                  <thead>
                    <tr>
                      {matrix.rowDimensions.map((d) => (
                        <th key={d.code} scope="col">
                          {d.label}
                        </th>
                      ))}
                      {matrix.columns.map((c) => (
                        <th key={c.code} scope="col" className="num">
                          {c.isTotal ? `${c.label} (${periodLabel})` : c.label}
                        </th>
                      ))}
                      <th scope="col" className="num">
                        {matrix.columns[matrix.columns.length - 1]?.label} ({previousLabel})
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.key} className={r.isTotal ? 'stats-total' : undefined}>
                        {r.labels.map((l, i) => (
                          <th key={i} scope="row">
                            {l}
                          </th>
                        ))}
                        {r.cells.map((c, i) => (
                          <td key={i} className="num">
                            {formatCount(c?.value ?? 0)}
                          </td>
                        ))}
                        <td className="num">{rowTotal(r.cells)?.previous === null ? '—' : formatCount(rowTotal(r.cells)?.previous ?? 0)}</td>
                      </tr>
                    ))}
                  </tbody>
                </>
              )}
            </table>
          </div>
          {hiddenRows > 0 ? (
            <p className="muted stats-note">
              {hiddenRows === 1 ? '1 ligne sans effectif sur les deux périodes n’est pas affichée.' : `${hiddenRows} lignes sans effectif sur les deux périodes ne sont pas affichées.`}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
