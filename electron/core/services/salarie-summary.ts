import { foldForSearch } from '../../../shared/domain/text';
import { effectivePassIaeEndDate, type PassIae } from '../../../shared/domain/pass-iae';
import type { SiaeKind } from '../../../shared/domain/siae';

/**
 * The salarié row's summary caches (status, current SIAE kind, PASS IAE end, end of the contract chain,
 * exit date), derived from the parcours records. Every writer — services, import, demo — uses this one
 * function so lists and alert filters agree with the fiche.
 */
export interface SummaryInput {
  pass: PassIae | null;
  contracts: ReadonlyArray<{ siaeKind: SiaeKind; startDate: string; endDate: string | null }>;
  exitDate: string | null;
}

export interface SalarieSummary {
  status: 'en_parcours' | 'sorti';
  siae_kind: SiaeKind | null;
  pass_end: string | null;
  contract_end: string | null;
  exit_date: string | null;
}

export function computeSummary(input: SummaryInput): SalarieSummary {
  const sorted = [...input.contracts].sort((a, b) => a.startDate.localeCompare(b.startDate));
  const latest = sorted[sorted.length - 1] ?? null;
  return {
    status: input.exitDate ? 'sorti' : 'en_parcours',
    siae_kind: latest?.siaeKind ?? null,
    pass_end: input.pass ? effectivePassIaeEndDate(input.pass) : null,
    // The planned end of the most recent contract; a CDI (no end) gives none.
    contract_end: latest?.endDate ?? null,
    exit_date: input.exitDate,
  };
}

/** `search_key` ("nom prénom", folded) used for sorting by name. */
export function searchKeyFor(lastName: string, firstName: string): string {
  return foldForSearch(`${lastName} ${firstName}`);
}

/** Every folded word of nom, prénom and nom de naissance (hyphens split too: "Marie-Thérèse" → marie, therese). */
export function searchTokensFor(lastName: string, firstName: string, birthName: string | null): string[] {
  const words = foldForSearch(`${lastName} ${firstName} ${birthName ?? ''}`)
    .split(/[\s'-]+/)
    .filter((w) => w.length > 0);
  return [...new Set(words)];
}
