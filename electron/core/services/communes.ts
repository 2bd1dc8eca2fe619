import { foldForSearch } from '../../../shared/domain/text';
import { loadCommuneTable } from '../import/communes';

export interface Commune {
  code: string;
  name: string;
  departement: string;
  postcodes: string[];
}

interface IndexedCommune extends Commune {
  /** Folded name with hyphens and apostrophes as spaces ("Villeneuve-d'Ascq" → "villeneuve d ascq"). */
  key: string;
  population: number;
}

interface CommuneIndex {
  all: IndexedCommune[];
  byCode: Map<string, IndexedCommune>;
}

let loading: Promise<CommuneIndex> | null = null;

/** Hyphens, apostrophes and spaces are interchangeable: "saint etienne" finds Saint-Étienne. */
function searchKey(text: string): string {
  return foldForSearch(text).replace(/[\s'-]+/g, ' ').trim();
}

/**
 * The search index of the commune combobox, built from the referential the core loads once for the import and
 * the demo too (import/communes.ts: the 8.6 MB file parsed a single time per process), arrondissements included.
 */
async function load(): Promise<CommuneIndex> {
  const table = await loadCommuneTable();
  const all: IndexedCommune[] = table.all.map((c) => ({
    code: c.code,
    name: c.name,
    departement: c.departement,
    postcodes: c.postcodes,
    key: searchKey(c.name),
    population: c.population,
  }));
  return { all, byCode: new Map(all.map((c) => [c.code, c])) };
}

function communeIndex(): Promise<CommuneIndex> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

function publicCommune(c: IndexedCommune): Commune {
  return { code: c.code, name: c.name, departement: c.departement, postcodes: c.postcodes };
}


/**
 * Folded name prefix or postcode prefix. Ranked: exact name first, then by population (largest first),
 * then by name, so "lille" gives Lille before Lillebonne.
 */
export async function searchCommunes(query: string, limit: number): Promise<Commune[]> {
  const { all } = await communeIndex();
  const q = query.trim();
  if (q === '') return [];
  let matches: IndexedCommune[];
  let exact: (c: IndexedCommune) => boolean;
  if (/^\d[\dAB]*$/i.test(q)) {
    const prefix = q.toUpperCase();
    matches = all.filter((c) => c.postcodes.some((p) => p.startsWith(prefix)) || c.code.startsWith(prefix));
    exact = (c) => c.postcodes.includes(prefix) || c.code === prefix;
  } else {
    const key = searchKey(q);
    matches = all.filter((c) => c.key.startsWith(key));
    exact = (c) => c.key === key;
  }
  return matches
    .map((c) => ({ c, exact: exact(c) }))
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.c.population - a.c.population || a.c.name.localeCompare(b.c.name, 'fr'))
    .slice(0, limit)
    .map(({ c }) => publicCommune(c));
}

export async function findCommune(code: string): Promise<Commune | null> {
  const { byCode } = await communeIndex();
  const found = byCode.get(code.toUpperCase());
  return found ? publicCommune(found) : null;
}

/** Names for several codes at once (list and fiche views). */
export async function communeNames(codes: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (codes.length === 0) return out;
  const { byCode } = await communeIndex();
  for (const code of codes) {
    const found = byCode.get(code);
    if (found) out.set(code, found.name);
  }
  return out;
}
