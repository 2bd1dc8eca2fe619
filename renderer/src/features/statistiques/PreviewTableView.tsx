import { useId } from 'react';
import type { PreviewCell, PreviewTable } from '../../../../shared/ipc/stats';
import { formatCount } from '../../lib/format';
import { layoutMatrix } from './matrix';

/** A hidden cell: « secret », with its one-sentence reason on hover and on keyboard focus. */
function SecretCell({ reason }: { reason: string }) {
  const tipId = useId();
  return (
    <span className="secret">
      <button type="button" className="secret-cell" aria-describedby={tipId}>
        «&nbsp;secret&nbsp;»
      </button>
      <span role="tooltip" id={tipId} className="secret-tip">
        {reason}
      </span>
    </span>
  );
}

function CellValue({ cell }: { cell: PreviewCell | undefined }) {
  if (!cell) return <>—</>;
  if (cell.value !== null) return <>{formatCount(cell.value)}</>;
  return <SecretCell reason={cell.reason ?? ''} />;
}

function isEmptyRow(cells: Array<PreviewCell | undefined>): boolean {
  return cells.every((c) => c !== undefined && c.value === 0);
}

/** One table exactly as the bundle carries it: values, « secret » cells, or « non diffusé ». */
export function PreviewTableView({ table }: { table: PreviewTable }) {
  const titleId = useId();
  const hidden = table.cells.filter((c) => c.value === null).length;
  const matrix = layoutMatrix(table.dimensions, table.cells);
  const rows = matrix.rows.filter((r) => r.isTotal || !isEmptyRow(r.cells));
  const zeroRows = matrix.rows.length - rows.length;
  return (
    <details className="card stats-preview-table" open={hidden > 0 || table.status === 'withheld'}>
      <summary>
        <h3 id={titleId}>
          {table.title}
          {table.sensitive ? <span className="tag tag-sensitive">Sensible</span> : null}
          {table.role === 'link' ? <span className="tag">Tableau de contrôle</span> : null}
          {table.status === 'withheld' ? (
            <span className="tag tag-withheld">Non diffusé</span>
          ) : hidden > 0 ? (
            <span className="tag">{hidden === 1 ? '1 case secrète' : `${hidden} cases secrètes`}</span>
          ) : null}
        </h3>
      </summary>
      <p className="muted">{table.description}</p>
      {table.status === 'withheld' ? (
        <p className="stats-withheld-reason">{table.withheldReason}</p>
      ) : (
        <>
          <div className="stats-scroll">
            <table className="data-table stats-data" aria-labelledby={titleId}>
              <thead>
                <tr>
                  {matrix.rowDimensions.length === 0 ? <th scope="col">{matrix.columnDimension.label}</th> : null}
                  {matrix.rowDimensions.map((d) => (
                    <th key={d.code} scope="col">
                      {d.label}
                    </th>
                  ))}
                  {matrix.rowDimensions.length === 0 ? (
                    <th scope="col" className="num">
                      Effectif
                    </th>
                  ) : (
                    matrix.columns.map((c) => (
                      <th key={c.code} scope="col" className="num">
                        {c.label}
                      </th>
                    ))
                  )}
                </tr>
              </thead>
              <tbody>
                {matrix.rowDimensions.length === 0
                  ? matrix.columns.map((c, i) => {
                      const cell = matrix.rows[0]?.cells[i];
                      if (!c.isTotal && cell?.value === 0) return null;
                      return (
                        <tr key={c.code} className={c.isTotal ? 'stats-total' : undefined}>
                          <th scope="row">{c.label}</th>
                          <td className="num">
                            <CellValue cell={cell} />
                          </td>
                        </tr>
                      );
                    })
                  : rows.map((r) => (
                      <tr key={r.key} className={r.isTotal ? 'stats-total' : undefined}>
                        {r.labels.map((l, i) => (
                          <th key={i} scope="row">
                            {l}
                          </th>
                        ))}
                        {r.cells.map((c, i) => (
                          <td key={i} className="num">
                            <CellValue cell={c} />
                          </td>
                        ))}
                      </tr>
                    ))}
              </tbody>
            </table>
          </div>
          {zeroRows > 0 || (matrix.rowDimensions.length === 0 && table.cells.some((c) => c.value === 0)) ? (
            <p className="muted stats-note">Les lignes à zéro ne sont pas affichées ; elles figurent à 0 dans le fichier.</p>
          ) : null}
        </>
      )}
    </details>
  );
}
