import { createRequire } from 'node:module';
import { foldForSearch } from '../../../shared/domain/text';

/**
 * Offline communes from `@etalab/decoupage-administratif` (its index.js resolves data from the cwd,
 * so the JSON file is loaded directly). The 8.6 MB file is parsed once, on first use, with Node's own
 * JSON loader: bundlers and test transformers would otherwise turn it into an 8.6 MB JS module
 * (seconds instead of ~0.3 s). `__filename` exists in the CommonJS Electron bundle, `import.meta.url` elsewhere.
 */
const requireData = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
const COMMUNES_JSON = '@etalab/decoupage-administratif/data/communes.json';

export interface Commune {
  code: string;
  name: string;
  departement: string;
  postcodes: string[];
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
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

function kept(c: RawCommune): boolean {
  // Arrondissements municipaux (Paris, Lyon, Marseille) are where people actually live.
  return c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal';
}

async function load(): Promise<CommuneIndex> {
  const file = requireData.resolve(COMMUNES_JSON);
  const data = requireData(file) as RawCommune[];
  // Only the slim index below is kept: drop the raw array from Node's module cache.
  delete requireData.cache[file];
  const all: IndexedCommune[] = [];
  const byCode = new Map<string, IndexedCommune>();
  for (const raw of data) {
    if (!kept(raw)) continue;
    const commune: IndexedCommune = {
      code: raw.code,
      name: raw.nom,
      departement: raw.departement ?? raw.code.slice(0, 2),
      postcodes: raw.codesPostaux ?? [],
      key: searchKey(raw.nom),
      population: raw.population ?? 0,
    };
    all.push(commune);
    byCode.set(commune.code, commune);
  }
  return { all, byCode };
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
