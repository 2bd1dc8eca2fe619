import { IAE_COMMON_ROME } from '../../../shared/domain/rome';
import { foldForSearch } from '../../../shared/domain/text';
import { listRomeEntries } from '../repositories/rome';
import { findCommune, searchCommunes } from './communes';
import type { ServiceContext } from './context';

export { searchCommunes };

export async function getCommune(code: string): Promise<{ code: string; name: string; departement: string } | null> {
  const found = await findCommune(code);
  return found ? { code: found.code, name: found.name, departement: found.departement } : null;
}

function words(text: string): string[] {
  return foldForSearch(text)
    .split(/[\s'’,()/-]+/)
    .filter((w) => w.length > 0);
}

/**
 * ROME trades: the shipped IAE short list, plus (and overridden by) the imported official file.
 * A query matches a code prefix ("K22") or, word by word, prefixes of the label's words ("nett loc").
 * Empty query: the short list, for a first pick.
 */
export async function searchRome(ctx: ServiceContext, query: string, limit: number): Promise<{ code: string; label: string }[]> {
  const imported = await listRomeEntries(ctx.db());
  const shortList = new Set(IAE_COMMON_ROME.map((e) => e.code));
  const byCode = new Map<string, string>();
  for (const e of IAE_COMMON_ROME) byCode.set(e.code, e.label);
  for (const e of imported) byCode.set(e.code, e.label);
  const entries = [...byCode].map(([code, label]) => ({ code, label }));

  const q = query.trim();
  if (q === '') return entries.filter((e) => shortList.has(e.code)).slice(0, limit);
  const codePrefix = q.toUpperCase();
  const queryWords = words(q);
  const folded = foldForSearch(q);
  const scored = entries
    .map((e) => {
      const labelWords = words(e.label);
      const byCodeMatch = e.code.startsWith(codePrefix);
      const byLabel = queryWords.length > 0 && queryWords.every((w) => labelWords.some((lw) => lw.startsWith(w)));
      if (!byCodeMatch && !byLabel) return null;
      const rank = e.code === codePrefix ? 0 : foldForSearch(e.label).startsWith(folded) ? 1 : shortList.has(e.code) ? 2 : 3;
      return { e, rank };
    })
    .filter((x): x is { e: { code: string; label: string }; rank: number } => x !== null);
  return scored
    .sort((a, b) => a.rank - b.rank || a.e.label.localeCompare(b.e.label, 'fr'))
    .slice(0, limit)
    .map(({ e }) => e);
}
