import type { Insertable } from 'kysely';
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
  tokens: Insertable<SalarieSearchTokenTable>[];
}

/**
 * The salarie row with its search key and summary caches, plus its search tokens — derived only
 * through services/salarie-summary.ts, as every other writer does, so lists agree with the fiche.
 * `knownSearchKey` must be `searchKeyFor(base.last_name, base.first_name)`.
 */
export function salarieRowsWithCaches(base: SalarieBase, summaryInput: SummaryInput, knownSearchKey?: string): SalarieRows {
  const summary = computeSummary(summaryInput);
  // Every column spelled out (no spread): V8 then builds one fast object shape, several times
  // cheaper to create and to read back than a spread extended with ten more properties.
  const salarie: SalarieTable = {
    id: base.id,
    last_name: base.last_name,
    first_name: base.first_name,
    birth_name: base.birth_name,
    sex: base.sex,
    birth_date: base.birth_date,
    // The import already computed it (searchKeyFor of the same names) for its duplicate check.
    search_key: knownSearchKey ?? searchKeyFor(base.last_name, base.first_name),
    status: summary.status,
    entry_date: base.entry_date,
    referent_id: base.referent_id,
    created_at: base.created_at,
    updated_at: base.updated_at,
    deleted_at: null,
    commune_insee: base.commune_insee,
    qpv: base.qpv,
    zrr: base.zrr,
    phone: base.phone,
    email: base.email,
    confidential_note: base.confidential_note,
    siae_kind: summary.siae_kind,
    pass_end: summary.pass_end,
    contract_end: summary.contract_end,
    last_entretien_date: base.last_entretien_date ?? null,
    planned_exit_date: base.planned_exit_date ?? null,
    exit_date: summary.exit_date,
  };
  // With the salarié's copies for the search page: the insert trigger then has nothing to fill (migration 0150).
  const tokens = searchTokensFor(base.last_name, base.first_name, base.birth_name).map((token) => ({
    token,
    salarie_id: base.id,
    status: salarie.status,
    search_key: salarie.search_key,
    live: 1,
  }));
  return { salarie, tokens };
}
