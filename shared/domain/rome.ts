import { z } from 'zod';

/*
 * ROME fiches (France Travail "Répertoire opérationnel des métiers et des emplois").
 * The offline list below covers the trades most common in IAE; the official open-data
 * file can replace it through `parseRomeCsv`.
 *
 * Codes and labels were checked against a 2024 dump of the fiche list (532 codes,
 * same code structure in ROME 4.0). ROME 4.0 reworded some titles, so labels may
 * differ slightly from the current file: codes are what we store.
 */

export const ROME_CODE_RE = /^[A-N]\d{4}$/;

export function isRomeCode(value: unknown): value is string {
  return typeof value === 'string' && ROME_CODE_RE.test(value);
}

export const RomeCodeSchema = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => ROME_CODE_RE.test(s), { message: 'Code ROME invalide (une lettre de A à N puis 4 chiffres, ex. K2204).' });

export interface RomeEntry {
  code: string;
  label: string;
  /** OGR code of the fiche or appellation, when the source gives one. */
  ogrCode?: string;
}

/** Grouping for pickers; not a ROME concept. */
export const IAE_TRADE_FAMILIES = [
  'cleaning',
  'green_spaces_agriculture',
  'building',
  'logistics_transport',
  'catering_hospitality',
  'personal_services',
  'retail',
  'recycling_environment',
  'reception_admin',
  'textile_laundry',
  'industry_maintenance',
  'security',
] as const;
export type IaeTradeFamily = (typeof IAE_TRADE_FAMILIES)[number];

export const iaeTradeFamilyLabels: Record<IaeTradeFamily, string> = {
  cleaning: 'Propreté',
  green_spaces_agriculture: 'Espaces verts, agriculture, maraîchage',
  building: 'Bâtiment, travaux publics',
  logistics_transport: 'Logistique, manutention, transport',
  catering_hospitality: 'Restauration, hôtellerie',
  personal_services: 'Services à la personne',
  retail: 'Commerce, vente',
  recycling_environment: 'Tri, recyclage, environnement urbain',
  reception_admin: 'Accueil, administratif',
  textile_laundry: 'Couture, blanchisserie, textile',
  industry_maintenance: 'Industrie, mécanique, maintenance',
  security: 'Gardiennage, sécurité',
};

export interface IaeRomeEntry extends RomeEntry {
  family: IaeTradeFamily;
}

export const IAE_COMMON_ROME: readonly IaeRomeEntry[] = [
  // Propreté
  { code: 'K2204', label: 'Nettoyage de locaux', family: 'cleaning' },
  { code: 'K2202', label: 'Lavage de vitres', family: 'cleaning' },
  { code: 'K2203', label: 'Management et inspection en propreté de locaux', family: 'cleaning' },
  { code: 'J1301', label: 'Personnel polyvalent des services hospitaliers', family: 'cleaning' },
  // Espaces verts, agriculture
  { code: 'A1203', label: 'Aménagement et entretien des espaces verts', family: 'green_spaces_agriculture' },
  { code: 'A1202', label: 'Entretien des espaces naturels', family: 'green_spaces_agriculture' },
  { code: 'A1201', label: 'Bûcheronnage et élagage', family: 'green_spaces_agriculture' },
  { code: 'A1414', label: 'Horticulture et maraîchage', family: 'green_spaces_agriculture' },
  { code: 'A1402', label: 'Aide agricole de production légumière ou végétale', family: 'green_spaces_agriculture' },
  { code: 'A1401', label: 'Aide agricole de production fruitière ou viticole', family: 'green_spaces_agriculture' },
  { code: 'D1209', label: 'Vente de végétaux', family: 'green_spaces_agriculture' },
  // Bâtiment
  { code: 'F1606', label: 'Peinture en bâtiment', family: 'building' },
  { code: 'F1703', label: 'Maçonnerie', family: 'building' },
  { code: 'F1704', label: 'Préparation du gros oeuvre et des travaux publics', family: 'building' },
  { code: 'F1602', label: 'Électricité bâtiment', family: 'building' },
  { code: 'F1603', label: "Installation d'équipements sanitaires et thermiques", family: 'building' },
  { code: 'F1601', label: 'Application et décoration en plâtre, stuc et staff', family: 'building' },
  { code: 'F1608', label: 'Pose de revêtements rigides', family: 'building' },
  { code: 'F1609', label: 'Pose de revêtements souples', family: 'building' },
  { code: 'F1604', label: "Montage d'agencements", family: 'building' },
  { code: 'F1611', label: 'Réalisation et restauration de façades', family: 'building' },
  { code: 'I1203', label: 'Maintenance des bâtiments et des locaux', family: 'building' },
  { code: 'H2206', label: 'Réalisation de menuiserie bois et tonnellerie', family: 'building' },
  // Logistique, transport
  { code: 'N1103', label: 'Magasinage et préparation de commandes', family: 'logistics_transport' },
  { code: 'N1105', label: 'Manutention manuelle de charges', family: 'logistics_transport' },
  { code: 'N1101', label: "Conduite d'engins de déplacement des charges", family: 'logistics_transport' },
  { code: 'N1102', label: 'Déménagement', family: 'logistics_transport' },
  { code: 'N4105', label: 'Conduite et livraison par tournées sur courte distance', family: 'logistics_transport' },
  { code: 'N4102', label: 'Conduite de transport de particuliers', family: 'logistics_transport' },
  { code: 'M1603', label: 'Distribution de documents', family: 'logistics_transport' },
  // Restauration, hôtellerie
  { code: 'G1602', label: 'Personnel de cuisine', family: 'catering_hospitality' },
  { code: 'G1603', label: 'Personnel polyvalent en restauration', family: 'catering_hospitality' },
  { code: 'G1605', label: 'Plonge en restauration', family: 'catering_hospitality' },
  { code: 'G1803', label: 'Service en restauration', family: 'catering_hospitality' },
  { code: 'G1501', label: "Personnel d'étage", family: 'catering_hospitality' },
  { code: 'D1103', label: 'Charcuterie - traiteur', family: 'catering_hospitality' },
  // Services à la personne
  // K1304 is "services domestiques" (ménage chez les particuliers); "aide à domicile" auprès
  // de personnes âgées ou handicapées is K1302.
  { code: 'K1304', label: 'Services domestiques', family: 'personal_services' },
  { code: 'K1302', label: "Assistance auprès d'adultes", family: 'personal_services' },
  { code: 'K1303', label: "Assistance auprès d'enfants", family: 'personal_services' },
  // Commerce
  { code: 'D1106', label: 'Vente en alimentation', family: 'retail' },
  { code: 'D1507', label: 'Mise en rayon libre-service', family: 'retail' },
  { code: 'D1505', label: 'Personnel de caisse', family: 'retail' },
  { code: 'D1214', label: 'Vente en habillement et accessoires de la personne', family: 'retail' },
  { code: 'D1212', label: 'Vente en décoration et équipement du foyer', family: 'retail' },
  { code: 'D1201', label: "Achat vente d'objets d'art, anciens ou d'occasion", family: 'retail' },
  // Tri, recyclage, environnement urbain
  { code: 'K2304', label: 'Revalorisation de produits industriels', family: 'recycling_environment' },
  { code: 'K2303', label: 'Nettoyage des espaces urbains', family: 'recycling_environment' },
  { code: 'H3302', label: "Opérations manuelles d'assemblage, tri ou emballage", family: 'recycling_environment' },
  { code: 'I1402', label: 'Réparation de biens électrodomestiques et multimédia', family: 'recycling_environment' },
  // Accueil, administratif
  { code: 'M1601', label: 'Accueil et renseignements', family: 'reception_admin' },
  { code: 'M1602', label: 'Opérations administratives', family: 'reception_admin' },
  { code: 'M1606', label: 'Saisie de données', family: 'reception_admin' },
  // Couture, blanchisserie
  { code: 'K2201', label: 'Blanchisserie industrielle', family: 'textile_laundry' },
  { code: 'D1205', label: "Nettoyage d'articles textiles ou cuirs", family: 'textile_laundry' },
  { code: 'H2402', label: 'Assemblage - montage de vêtements et produits textiles', family: 'textile_laundry' },
  { code: 'B1803', label: 'Réalisation de vêtements sur mesure ou en petite série', family: 'textile_laundry' },
  { code: 'D1207', label: 'Retouches en habillement', family: 'textile_laundry' },
  // Industrie, mécanique
  { code: 'I1604', label: 'Mécanique automobile et entretien de véhicules', family: 'industry_maintenance' },
  { code: 'I1606', label: 'Réparation de carrosserie', family: 'industry_maintenance' },
  { code: 'I1607', label: 'Réparation de cycles, motocycles et motoculteurs de loisirs', family: 'industry_maintenance' },
  { code: 'H2909', label: 'Montage-assemblage mécanique', family: 'industry_maintenance' },
  { code: 'H2913', label: 'Soudage manuel', family: 'industry_maintenance' },
  { code: 'H2102', label: "Conduite d'équipement de production alimentaire", family: 'industry_maintenance' },
  // Gardiennage
  { code: 'K2501', label: 'Gardiennage de locaux', family: 'security' },
  { code: 'K2503', label: 'Sécurité et surveillance privées', family: 'security' },
];

export function findIaeRome(code: string): IaeRomeEntry | undefined {
  const c = code.trim().toUpperCase();
  return IAE_COMMON_ROME.find((e) => e.code === c);
}

// ── Open-data CSV parser ─────────────────────────────────────────────────────────

export interface RomeCsvError {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  message: string;
}

export interface RomeCsvResult {
  entries: RomeEntry[];
  errors: RomeCsvError[];
}

const CODE_COLUMNS = ['code_rome', 'code'];
const LABEL_COLUMNS = ['libelle_rome', 'libelle', 'libelle_appellation_long', 'libelle_appellation_court', 'intitule'];
const OGR_COLUMNS = ['code_ogr'];

interface CsvRecord {
  line: number;
  fields: string[];
}

/** RFC 4180-style split: quoted fields may hold separators, doubled quotes and line breaks. */
function splitCsv(text: string, separator: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let sawAnything = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      sawAnything = true;
    } else if (ch === separator) {
      fields.push(field);
      field = '';
      sawAnything = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      fields.push(field);
      if (sawAnything || fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      sawAnything = false;
      line += 1;
      recordLine = line;
    } else {
      field += ch;
      sawAnything = true;
    }
  }
  if (sawAnything || field !== '' || fields.length > 0) {
    fields.push(field);
    if (fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
  }
  return records;
}

function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s-]+/g, '_');
}

/**
 * Parses the ROME open-data CSV (e.g. `unix_referentiel_code_rome_v460_utf8.csv`, or the
 * appellations file). Needs a header with a code column (`code_rome`) and a label column
 * (`libelle_rome`, `libelle`, `libelle_appellation_long`…); `code_ogr` is kept when present.
 * Semicolon or comma separated (detected on the header). Bad lines are reported, not fatal.
 */
export function parseRomeCsv(text: string): RomeCsvResult {
  const errors: RomeCsvError[] = [];
  const entries: RomeEntry[] = [];
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const semicolons = firstLine.split(';').length - 1;
  const commas = firstLine.split(',').length - 1;
  const separator = semicolons > commas ? ';' : ',';
  const records = splitCsv(clean, separator);
  const header = records[0];
  if (!header) {
    return { entries, errors: [{ line: 1, message: "Fichier vide : une ligne d'en-tête est attendue (code_rome ; libelle)." }] };
  }
  const names = header.fields.map(normaliseHeader);
  const codeIdx = names.findIndex((n) => CODE_COLUMNS.includes(n));
  const labelIdx = LABEL_COLUMNS.map((c) => names.indexOf(c)).find((i) => i >= 0) ?? -1;
  const ogrIdx = names.findIndex((n) => OGR_COLUMNS.includes(n));
  if (codeIdx < 0 || labelIdx < 0) {
    const missing = [codeIdx < 0 ? '« code_rome »' : null, labelIdx < 0 ? '« libelle »' : null].filter(Boolean).join(' et ');
    return {
      entries,
      errors: [{ line: header.line, message: `En-tête incomplet : colonne ${missing} introuvable.` }],
    };
  }
  const seen = new Set<string>();
  for (const rec of records.slice(1)) {
    if (rec.fields.length < names.length) {
      errors.push({
        line: rec.line,
        message: `Ligne ${rec.line} : ${rec.fields.length} colonne${rec.fields.length > 1 ? 's' : ''} au lieu de ${names.length}.`,
      });
      continue;
    }
    const code = (rec.fields[codeIdx] ?? '').trim().toUpperCase();
    const label = (rec.fields[labelIdx] ?? '').trim();
    const ogr = ogrIdx >= 0 ? (rec.fields[ogrIdx] ?? '').trim() : '';
    if (!ROME_CODE_RE.test(code)) {
      errors.push({ line: rec.line, message: `Ligne ${rec.line} : code ROME invalide « ${code} ».` });
      continue;
    }
    if (label === '') {
      errors.push({ line: rec.line, message: `Ligne ${rec.line} : libellé manquant pour le code ${code}.` });
      continue;
    }
    const key = `${code}\u0000${ogr}\u0000${label}`;
    if (seen.has(key)) {
      errors.push({ line: rec.line, message: `Ligne ${rec.line} : doublon ignoré (${code} ${label}).` });
      continue;
    }
    seen.add(key);
    entries.push(ogr !== '' ? { code, label, ogrCode: ogr } : { code, label });
  }
  return { entries, errors };
}
