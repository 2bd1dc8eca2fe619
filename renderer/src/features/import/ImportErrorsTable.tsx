import type { ImportRowError } from '../../../../shared/ipc/imports';
import { formatCount } from '../../lib/format';

/** Per-line problems, as a spreadsheet numbers lines (header included), so the user can fix the file. */
export function ImportErrorsTable({ errors, caption }: { errors: readonly ImportRowError[]; caption: string }) {
  if (errors.length === 0) return null;
  return (
    <div className="table-scroll import-errors">
      <table className="data-table">
        <caption>
          {caption} ({formatCount(errors.length)})
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              Ligne
            </th>
            <th scope="col">Colonne</th>
            <th scope="col">Problème</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error, index) => (
            <tr key={`${error.line}:${error.column ?? ''}:${index}`}>
              <td className="num">{error.line > 0 ? formatCount(error.line) : '—'}</td>
              <td>{error.column ?? '—'}</td>
              <td>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
