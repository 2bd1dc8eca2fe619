import type { DimensionView } from '../../../../shared/ipc/stats';

/*
 * Lays a complete count table (every cell, margins as "*") out as rows × columns for display:
 * one dimension across (the one with the fewest categories, or the last of three), the others
 * down, margins last. Pure, so it is shared by the indicators and the preview.
 */

export const MARGIN = '*';

export interface MatrixColumn {
  code: string;
  label: string;
  isTotal: boolean;
}

export interface MatrixRow<C> {
  key: string;
  /** One label per row dimension. */
  labels: string[];
  isTotal: boolean;
  cells: Array<C | undefined>;
}

export interface Matrix<C> {
  rowDimensions: DimensionView[];
  columnDimension: DimensionView;
  columns: MatrixColumn[];
  rows: Array<MatrixRow<C>>;
}

function withMargin(d: DimensionView): MatrixColumn[] {
  return [...d.categories.map((c) => ({ code: c.code, label: c.label, isTotal: false })), { code: MARGIN, label: d.totalLabel, isTotal: true }];
}

export function layoutMatrix<C extends { coords: readonly string[] }>(dimensions: readonly DimensionView[], cells: readonly C[]): Matrix<C> {
  const index = new Map(cells.map((c) => [JSON.stringify(c.coords), c]));
  let across = dimensions.length - 1;
  if (dimensions.length === 2 && (dimensions[0]?.categories.length ?? 0) < (dimensions[1]?.categories.length ?? 0)) across = 0;
  const columnDimension = dimensions[across] as DimensionView;
  const rowDims = dimensions.map((d, i) => ({ d, i })).filter(({ i }) => i !== across);
  let combos: Array<{ coords: Map<number, MatrixColumn>; labels: string[] }> = [{ coords: new Map(), labels: [] }];
  for (const { d, i } of rowDims) {
    combos = combos.flatMap((combo) => withMargin(d).map((c) => ({ coords: new Map([...combo.coords, [i, c]]), labels: [...combo.labels, c.label] })));
  }
  const columns = withMargin(columnDimension);
  const rows = combos.map((combo) => {
    const cellsOfRow = columns.map((col) => {
      const coords = dimensions.map((_, i) => (i === across ? col.code : (combo.coords.get(i)?.code ?? MARGIN)));
      return index.get(JSON.stringify(coords));
    });
    return {
      key: rowDims.map(({ i }) => combo.coords.get(i)?.code).join('|'),
      labels: combo.labels,
      isTotal: [...combo.coords.values()].every((c) => c.isTotal),
      cells: cellsOfRow,
    };
  });
  return { rowDimensions: rowDims.map(({ d }) => d), columnDimension, columns, rows };
}

/** The first-dimension margins (one bar per category), for charts. */
export function marginSeries<C extends { coords: readonly string[] }>(
  dimensions: readonly DimensionView[],
  cells: readonly C[],
  dimension = 0,
): Array<{ code: string; label: string; cell: C | undefined }> {
  const index = new Map(cells.map((c) => [JSON.stringify(c.coords), c]));
  const d = dimensions[dimension];
  if (!d) return [];
  return d.categories.map((c) => ({
    code: c.code,
    label: c.label,
    cell: index.get(JSON.stringify(dimensions.map((_, i) => (i === dimension ? c.code : MARGIN)))),
  }));
}
