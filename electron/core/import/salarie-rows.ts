import type { SalarieSearchTokenTable, SalarieTable } from '../db/schema';
import { computeSummary, searchKeyFor, searchTokensFor, type SummaryInput } from '../services/salarie-summary';

/** What a bulk writer knows of a salarié before the derived columns are filled in. */
export type SalarieBase = Omit<
  SalarieTable,
  'search_key' | 'status' | 'siae_kind' | 'pass_end' | 'contract_end' | 'exit_date' | 'last_entretien_date' | 'planned_exit_date' | 'deleted_at'
> &
  Partial<Pick<SalarieTable, 'last_entretien_date' | 'planned_exit_date'>>;

export interface SalarieRows {
  salarie: SalarieTable;
  tokens: SalarieSearchTokenTable[];
}

/**
 * The salarie row with its search key and summary caches, plus its search tokens — derived only
 * through services/salarie-summary.ts, as every other writer does, so lists agree with the fiche.
 */
export function salarieRowsWithCaches(base: SalarieBase, summaryInput: SummaryInput): SalarieRows {
  const summary = computeSummary(summaryInput);
  const salarie: SalarieTable = {
    ...base,
    search_key: searchKeyFor(base.last_name, base.first_name),
    status: summary.status,
    siae_kind: summary.siae_kind,
    pass_end: summary.pass_end,
    contract_end: summary.contract_end,
    exit_date: summary.exit_date,
    last_entretien_date: base.last_entretien_date ?? null,
    planned_exit_date: base.planned_exit_date ?? null,
    deleted_at: null,
  };
  const tokens = searchTokensFor(base.last_name, base.first_name, base.birth_name).map((token) => ({ token, salarie_id: base.id }));
  return { salarie, tokens };
}
