import { z } from 'zod';
import { IsoDateSchema } from './calendar';

/*
 * Freins périphériques. The ASP only receives yearly counts per annexe financière
 * for 8 frein types (reference-systems §4.5, pilotage-airflow seeds
 * acc_freins_libelle.csv): concerned / accompanied internally / externally / both.
 * The app keeps a finer taxonomy per person; each kind rolls up into exactly one ASP type.
 */

// ── The 8 ASP types (codes and labels verbatim, including "Illetrisme") ────────

export const ASP_FREIN_TYPES = [
  'illetrisme',
  'demarch',
  'heberg',
  'mobilite',
  'sante',
  'justice',
  'surendet',
  'manque_dispo',
] as const;
export type AspFreinType = (typeof ASP_FREIN_TYPES)[number];
export const AspFreinTypeSchema = z.enum(ASP_FREIN_TYPES);

export const aspFreinTypeLabels: Record<AspFreinType, string> = {
  illetrisme: 'Illetrisme / analphabétisme / Français langues étrangères',
  demarch: 'Démarches administratives et accès aux droits',
  heberg: 'Hébergement / Logement',
  mobilite: 'Manque de mobilité',
  sante: 'Santé (addiction, souffrance et handicap psy, autres)',
  justice: 'Justice',
  surendet: 'Surendettement et finances',
  manque_dispo: 'Manque de disponibilité',
};

/** Health (GDPR art. 9) and justice (art. 10) data: details must never leave the CIP's view. */
export const CONFIDENTIAL_ASP_FREIN_TYPES: readonly AspFreinType[] = ['sante', 'justice'];

// ── Finer taxonomy used by the CIP ─────────────────────────────────────────────

export interface FreinKindInfo {
  label: string;
  aspType: AspFreinType;
  confidential: boolean;
}

export const FREIN_KINDS = [
  'housing',
  'emergency_housing',
  'mobility',
  'driving_licence',
  'health',
  'addiction',
  'mental_health',
  'disability',
  'justice',
  'finances',
  'over_indebtedness',
  'illiteracy',
  'french_language',
  'basic_skills',
  'administrative',
  'residence_rights',
  'digital',
  'childcare',
  'family_care',
  'availability',
] as const;
export type FreinKind = (typeof FREIN_KINDS)[number];
export const FreinKindSchema = z.enum(FREIN_KINDS);

export const freinKinds: Record<FreinKind, FreinKindInfo> = {
  housing: { label: 'Logement', aspType: 'heberg', confidential: false },
  emergency_housing: { label: "Hébergement d'urgence / sans domicile", aspType: 'heberg', confidential: false },
  mobility: { label: 'Mobilité (transport, isolement géographique)', aspType: 'mobilite', confidential: false },
  driving_licence: { label: 'Permis de conduire / véhicule', aspType: 'mobilite', confidential: false },
  health: { label: 'Santé / accès aux soins', aspType: 'sante', confidential: true },
  addiction: { label: 'Addiction', aspType: 'sante', confidential: true },
  mental_health: { label: 'Souffrance psychique', aspType: 'sante', confidential: true },
  disability: { label: 'Handicap', aspType: 'sante', confidential: true },
  justice: { label: 'Justice', aspType: 'justice', confidential: true },
  finances: { label: 'Finances / budget', aspType: 'surendet', confidential: false },
  over_indebtedness: { label: 'Surendettement', aspType: 'surendet', confidential: false },
  illiteracy: { label: 'Illettrisme / analphabétisme', aspType: 'illetrisme', confidential: false },
  french_language: { label: 'Français langue étrangère (FLE)', aspType: 'illetrisme', confidential: false },
  basic_skills: { label: 'Savoirs de base (calcul, écrit)', aspType: 'illetrisme', confidential: false },
  administrative: { label: 'Démarches administratives / accès aux droits', aspType: 'demarch', confidential: false },
  // Immigration status is "perceived as sensitive" (CNIL): hidden like health and justice.
  residence_rights: { label: 'Droit au séjour / titre de séjour', aspType: 'demarch', confidential: true },
  // Numérique has no ASP type of its own; closest is "accès aux droits" (à confirmer).
  digital: { label: 'Numérique (équipement, usages)', aspType: 'demarch', confidential: false },
  childcare: { label: "Garde d'enfants", aspType: 'manque_dispo', confidential: false },
  family_care: { label: 'Charge familiale / proche aidant', aspType: 'manque_dispo', confidential: false },
  availability: { label: 'Disponibilité (horaires, autre emploi…)', aspType: 'manque_dispo', confidential: false },
};

export function aspFreinTypeOf(kind: FreinKind): AspFreinType {
  return freinKinds[kind].aspType;
}

export function isConfidentialFreinKind(kind: FreinKind): boolean {
  return freinKinds[kind].confidential || CONFIDENTIAL_ASP_FREIN_TYPES.includes(freinKinds[kind].aspType);
}

// ── Status and transitions ───────────────────────────────────────────────────────

export const FREIN_STATUSES = ['identified', 'in_progress', 'lifted', 'abandoned'] as const;
export type FreinStatus = (typeof FREIN_STATUSES)[number];
export const FreinStatusSchema = z.enum(FREIN_STATUSES);

export const freinStatusLabels: Record<FreinStatus, string> = {
  identified: 'Identifié',
  in_progress: 'En cours',
  lifted: 'Levé',
  abandoned: 'Abandonné',
};

/** A lifted or abandoned frein can come back (rechute, reprise): it is reopened as "en cours". */
export const freinTransitions: Record<FreinStatus, readonly FreinStatus[]> = {
  identified: ['in_progress', 'lifted', 'abandoned'],
  in_progress: ['lifted', 'abandoned'],
  lifted: ['in_progress'],
  abandoned: ['in_progress'],
};

export function canTransitionFrein(from: FreinStatus, to: FreinStatus): boolean {
  return freinTransitions[from].includes(to);
}

export type FreinTransitionResult = { ok: true; status: FreinStatus } | { ok: false; message: string };

export function transitionFrein(from: FreinStatus, to: FreinStatus): FreinTransitionResult {
  if (canTransitionFrein(from, to)) return { ok: true, status: to };
  if (from === to) return { ok: false, message: `Le frein est déjà « ${freinStatusLabels[from]} ».` };
  return {
    ok: false,
    message: `Un frein « ${freinStatusLabels[from]} » ne peut pas passer à « ${freinStatusLabels[to]} ».`,
  };
}

export function isFreinOpen(status: FreinStatus): boolean {
  return status === 'identified' || status === 'in_progress';
}

// ── Support (actions) ────────────────────────────────────────────────────────────

export const SUPPORT_MODES = ['internal', 'external'] as const;
export type SupportMode = (typeof SUPPORT_MODES)[number];
export const SupportModeSchema = z.enum(SUPPORT_MODES);
export const supportModeLabels: Record<SupportMode, string> = {
  internal: 'Accompagnement interne (SIAE)',
  external: 'Accompagnement externe (partenaire)',
};

export const FreinActionSchema = z.object({
  id: z.string().optional(),
  date: IsoDateSchema,
  mode: SupportModeSchema,
  /** Free text: hidden with the frein when the frein is confidential. */
  note: z.string().optional(),
});
export type FreinAction = z.infer<typeof FreinActionSchema>;

export const FreinSchema = z.object({
  id: z.string(),
  personId: z.string(),
  kind: FreinKindSchema,
  status: FreinStatusSchema,
  identifiedDate: IsoDateSchema,
  details: z.string().nullable(),
  actions: z.array(FreinActionSchema),
});
export type Frein = z.infer<typeof FreinSchema>;

/** What other layers may show of a frein: confidential ones lose details and notes. */
export interface FreinView extends Omit<Frein, 'details' | 'actions'> {
  details: string | null;
  actions: FreinAction[];
  confidential: boolean;
  redacted: boolean;
}

export function freinView(frein: Frein, canSeeConfidential: boolean): FreinView {
  const confidential = isConfidentialFreinKind(frein.kind);
  if (!confidential || canSeeConfidential) return { ...frein, confidential, redacted: false };
  return {
    ...frein,
    details: null,
    actions: frein.actions.map(({ note: _note, ...rest }) => rest),
    confidential,
    redacted: true,
  };
}

export function lastFreinActionDate(frein: Pick<Frein, 'actions'>): string | null {
  let last: string | null = null;
  for (const a of frein.actions) if (last === null || a.date > last) last = a.date;
  return last;
}

// ── Roll-up into the ASP yearly counts ───────────────────────────────────────────

export interface AspFreinCounts {
  concerned: number;
  internalOnly: number;
  externalOnly: number;
  internalAndExternal: number;
}

/**
 * Persons per ASP type: a person counts once per type even with several finer freins.
 * Internal / external / both are exclusive here (whether the ASP's "int" and "ext"
 * columns include "int_ext" is not documented: à confirmer).
 */
export function rollUpFreinsForAsp(
  freins: readonly Pick<Frein, 'personId' | 'kind' | 'actions'>[],
  period?: { from: string; to: string },
): Record<AspFreinType, AspFreinCounts> {
  const byType = new Map<AspFreinType, Map<string, { internal: boolean; external: boolean }>>();
  for (const f of freins) {
    const type = aspFreinTypeOf(f.kind);
    const persons = byType.get(type) ?? new Map<string, { internal: boolean; external: boolean }>();
    byType.set(type, persons);
    const acc = persons.get(f.personId) ?? { internal: false, external: false };
    for (const a of f.actions) {
      if (period && (a.date < period.from || a.date > period.to)) continue;
      if (a.mode === 'internal') acc.internal = true;
      else acc.external = true;
    }
    persons.set(f.personId, acc);
  }
  const out = {} as Record<AspFreinType, AspFreinCounts>;
  for (const type of ASP_FREIN_TYPES) {
    const persons = byType.get(type);
    const counts: AspFreinCounts = { concerned: 0, internalOnly: 0, externalOnly: 0, internalAndExternal: 0 };
    for (const acc of persons?.values() ?? []) {
      counts.concerned += 1;
      if (acc.internal && acc.external) counts.internalAndExternal += 1;
      else if (acc.internal) counts.internalOnly += 1;
      else if (acc.external) counts.externalOnly += 1;
    }
    out[type] = counts;
  }
  return out;
}
