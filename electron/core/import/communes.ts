import { createRequire } from 'node:module';
import { foldForSearch } from '../../../shared/domain/text';

/**
 * Exact commune lookups for files (by INSEE code, by name, by postcode) — the search service
 * (services/communes.ts) ranks prefixes for typing, which is not what a 10 000-line file needs.
 * Loaded once per process, on first use.
 */
export interface CommuneRecord {
  code: string;
  name: string;
  departement: string;
  region: string | null;
  postcodes: string[];
  population: number;
  /** For an arrondissement municipal (Paris, Lyon, Marseille): the whole city's code. */
  parent: string | null;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
  commune?: string;
}

export interface CommuneTable {
  all: CommuneRecord[];
  byCode: Map<string, CommuneRecord>;
  /** Folded name → communes; built on first use (the demo generator never needs it). */
  byName(): Map<string, CommuneRecord[]>;
  /** Postcode → communes, arrondissements rather than their city; built on first use. */
  byPostcode(): Map<string, CommuneRecord[]>;
}

let loading: Promise<CommuneTable> | null = null;

/** "St-Étienne", "saint etienne", "SAINT-ETIENNE" → "saint etienne". */
export function communeNameKey(text: string): string {
  return foldForSearch(text)
    .replace(/[\s'’-]+/g, ' ')
    .trim()
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/*
 * Node's own JSON loader: bundlers and test transformers would turn the 8.6 MB file into a JS module (seconds
 * instead of ~0.2 s). `__filename` exists in the CommonJS Electron bundle, `import.meta.url` elsewhere. The only
 * read of the file: services/communes.ts builds the combobox's index from this table.
 */
const requireData = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
const COMMUNES_JSON = '@etalab/decoupage-administratif/data/communes.json';

function readCommunes(): RawCommune[] {
  const file = requireData.resolve(COMMUNES_JSON);
  const data = requireData(file) as RawCommune[];
  // Only the index below is kept: the raw array leaves Node's module cache.
  delete requireData.cache[file];
  return data;
}

async function load(): Promise<CommuneTable> {
  const all: CommuneRecord[] = [];
  const byCode = new Map<string, CommuneRecord>();
  for (const raw of readCommunes()) {
    // Arrondissements municipaux (Paris, Lyon, Marseille) are where people actually live.
    if (raw.type !== 'commune-actuelle' && raw.type !== 'arrondissement-municipal') continue;
    const c: CommuneRecord = {
      code: raw.code,
      name: raw.nom,
      departement: raw.departement ?? raw.code.slice(0, 2),
      region: raw.region ?? null,
      postcodes: raw.codesPostaux ?? [],
      population: raw.population ?? 0,
      parent: raw.type === 'arrondissement-municipal' ? (raw.commune ?? null) : null,
    };
    all.push(c);
    byCode.set(c.code, c);
  }
  let byName: Map<string, CommuneRecord[]> | null = null;
  let byPostcode: Map<string, CommuneRecord[]> | null = null;
  return {
    all,
    byCode,
    byName() {
      if (!byName) {
        byName = new Map();
        for (const c of all) push(byName, communeNameKey(c.name), c);
      }
      return byName;
    },
    byPostcode() {
      if (!byPostcode) {
        byPostcode = new Map();
        for (const c of all) for (const pc of c.postcodes) push(byPostcode, pc, c);
        // 13001 is both Marseille and its 1st arrondissement: the arrondissement is the precise answer.
        for (const [pc, list] of byPostcode) {
          const parents = new Set(list.map((c) => c.parent).filter((p): p is string => p !== null));
          if (parents.size > 0) byPostcode.set(pc, list.filter((c) => !parents.has(c.code)));
        }
      }
      return byPostcode;
    },
  };
}

export function loadCommuneTable(): Promise<CommuneTable> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

export type CommuneResolution = { ok: true; code: string } | { ok: false; message: string };

const INSEE_RE = /^(\d{5}|2[AB]\d{3})$/;

/** Excel drops the leading zero of "01004": a 4-digit code gets it back. */
function normaliseCode(value: string): string {
  const v = value.trim().toUpperCase();
  return /^\d{4}$/.test(v) ? `0${v}` : v;
}

/** "59000 Lille", "Lille (59000)", "Lille 59000" → name and postcode. */
function splitNameAndPostcode(value: string): { name: string; postcode: string | null } {
  const m = /^\s*(\d{5})\s+(.+)$/.exec(value) ?? /^(.+?)\s*\(?\s*(\d{5})\s*\)?\s*$/.exec(value);
  if (!m) return { name: value, postcode: null };
  return /^\d{5}$/.test(m[1] as string) ? { name: m[2] as string, postcode: m[1] as string } : { name: m[1] as string, postcode: m[2] as string };
}

/**
 * A commune from an INSEE code column, or from a name (optionally with a postcode, in the same cell
 * or its own column), or from a postcode alone when only one commune has it.
 */
export function resolveCommune(table: CommuneTable, input: { code: string | null; name: string | null; postcode: string | null }): CommuneResolution {
  if (input.code) {
    const code = normaliseCode(input.code);
    return table.byCode.has(code) ? { ok: true, code } : { ok: false, message: `code INSEE inconnu (${input.code.trim()}).` };
  }
  const postcodeCell = input.postcode ? normaliseCode(input.postcode) : null;
  if (input.name) {
    const raw = input.name.trim();
    const asCode = normaliseCode(raw);
    if (INSEE_RE.test(asCode)) return byCodeOrPostcode(table, asCode, raw);
    const split = splitNameAndPostcode(raw);
    const postcode = split.postcode ?? postcodeCell;
    const candidates = table.byName().get(communeNameKey(split.name)) ?? [];
    if (candidates.length === 0) return { ok: false, message: `commune inconnue (${raw}). Indiquez son nom exact ou son code INSEE.` };
    const narrowed = postcode ? candidates.filter((c) => c.postcodes.includes(postcode)) : candidates;
    if (narrowed.length === 1) return { ok: true, code: (narrowed[0] as CommuneRecord).code };
    if (narrowed.length === 0) {
      return { ok: false, message: `aucune commune « ${split.name.trim()} » n’a le code postal ${postcode}.` };
    }
    return {
      ok: false,
      message: `${narrowed.length} communes s’appellent « ${split.name.trim()} » : ajoutez le code postal ou le code INSEE.`,
    };
  }
  if (postcodeCell) {
    const list = table.byPostcode().get(postcodeCell) ?? [];
    if (list.length === 1) return { ok: true, code: (list[0] as CommuneRecord).code };
    if (list.length === 0) return { ok: false, message: `code postal inconnu (${postcodeCell}).` };
    return { ok: false, message: `le code postal ${postcodeCell} couvre ${list.length} communes : indiquez le nom de la commune.` };
  }
  return { ok: false, message: 'commune manquante.' };
}

/**
 * Five digits in a « Commune » column. People write postcodes; software that exports INSEE codes
 * names its column so ("Code INSEE" → the communeCode field). Hence the postcode reading wins
 * (in the Nord, 59100 is Roubaix's postcode and Bousignies' INSEE code); the INSEE reading is used
 * when no commune has that postcode.
 */
function byCodeOrPostcode(table: CommuneTable, code: string, raw: string): CommuneResolution {
  const asInsee = table.byCode.get(code) ?? null;
  const asPostcode = table.byPostcode().get(code) ?? [];
  if (asPostcode.length === 1) return { ok: true, code: (asPostcode[0] as CommuneRecord).code };
  if (asPostcode.length > 1) {
    if (asInsee && asPostcode.includes(asInsee)) return { ok: true, code: asInsee.code };
    return { ok: false, message: `le code postal ${code} couvre ${asPostcode.length} communes : indiquez le nom de la commune ou son code INSEE.` };
  }
  if (asInsee) return { ok: true, code: asInsee.code };
  return { ok: false, message: `code postal ou code INSEE inconnu (${raw}).` };
}
