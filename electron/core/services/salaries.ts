import type { SalarieListResult } from '../../../shared/ipc/salaries';
import { foldForSearch } from '../../../shared/domain/text';
import { listSalaries, type SalarieListFilter } from '../repositories/salaries';
import type { ServiceContext } from './context';

export async function listCaseload(
  ctx: ServiceContext,
  query: Omit<SalarieListFilter, 'foldedQuery'> & { query: string },
): Promise<SalarieListResult> {
  const { total, rows } = await listSalaries(ctx.db(), { ...query, foldedQuery: foldForSearch(query.query) });
  return {
    total,
    rows: rows.map((row) => ({
      id: row.id,
      lastName: row.last_name,
      firstName: row.first_name,
      birthDate: row.birth_date,
      status: row.status,
      entryDate: row.entry_date,
      referentName: row.referent_name ?? null,
      passIaeEnd: null,
    })),
  };
}
