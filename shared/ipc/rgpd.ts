import { z } from 'zod';
import { Empty, Id, method, OptionalDate } from './common-method';

/*
 * GDPR rights and retention (domain §9.6, CNIL référentiel « accompagnement social et médico-social »):
 * access / portability export of one salarié, retention durations and their review, and the audit log viewer.
 */

// ── Access / portability ────────────────────────────────────────────────────────

/** A stored value as it is: text, number, yes/no, or empty. */
export const RgpdValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type RgpdValue = z.infer<typeof RgpdValue>;

export const RgpdSection = z.object({
  /** Stable key (the table, or table.part), for programs reading the JSON file. */
  key: z.string(),
  /** French title shown in the document. */
  title: z.string(),
  /** Holds confidential texts (only present when they were asked for). */
  confidential: z.boolean(),
  /** Column key → French label, in display order. */
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(z.record(z.string(), RgpdValue)),
});
export type RgpdSection = z.infer<typeof RgpdSection>;

export const RgpdExport = z.object({
  format: z.literal('jalons.rgpd-export'),
  version: z.literal(1),
  generatedAt: z.string(),
  structureName: z.string().nullable(),
  salarie: z.object({ id: z.string(), lastName: z.string(), firstName: z.string() }),
  includeConfidential: z.boolean(),
  /** French sentences: what the export contains and leaves out, and why. */
  notices: z.array(z.string()),
  sections: z.array(RgpdSection),
});
export type RgpdExport = z.infer<typeof RgpdExport>;

export const RgpdExportInput = z
  .object({
    salarieId: Id,
    /** The CIP decides; the choice is written to the audit log with the export. */
    includeConfidential: z.boolean({ error: 'Indiquez si les notes confidentielles sont incluses.' }),
  })
  .strict();

// ── Retention ───────────────────────────────────────────────────────────────────

const years = (label: string) =>
  z
    .number({ error: `${label} : indiquez un nombre d’années.` })
    .int({ error: `${label} : indiquez un nombre entier d’années.` })
    .min(1, { error: `${label} : 1 an au moins.` })
    .max(30, { error: `${label} : 30 ans au plus.` });

export const RetentionSettings = z.object({
  /** Identity and parcours kept this long after the exit (funders' controls), then anonymised or purged. */
  anonymiseAfterExitYears: years('Conservation du dossier après la sortie'),
  /** Confidential free texts (notes, précisions des freins) kept this long after the exit, then blanked. */
  notesAfterExitYears: years('Conservation des notes après la sortie'),
  /** A file with no exit and no activity for this long is treated like an exit at its last activity. */
  inactiveYears: years('Dossier sans activité'),
  /** Deleted files stay restorable this long, then are purged. */
  deletedPurgeDays: z
    .number({ error: 'Indiquez un nombre de jours.' })
    .int({ error: 'Indiquez un nombre entier de jours.' })
    .min(1, { error: 'Les fiches supprimées sont gardées 1 jour au moins.' })
    .max(365, { error: 'Les fiches supprimées sont gardées 365 jours au plus.' }),
});
export type RetentionSettings = z.infer<typeof RetentionSettings>;

/**
 * Defaults, TO BE CONFIRMED BY THE STRUCTURE'S DPO (see README « Conservation des données »):
 * 5 years after the exit for the parcours (ESF+ and State funding controls commonly ask for it),
 * 2 years after the exit for confidential notes (CNIL référentiel: no longer than the support needs),
 * 3 years without any activity for a file never closed, 30 days in the bin for deleted files.
 */
export const DEFAULT_RETENTION: RetentionSettings = {
  anonymiseAfterExitYears: 5,
  notesAfterExitYears: 2,
  inactiveYears: 3,
  deletedPurgeDays: 30,
};

export const RETENTION_ACTIONS = ['purge', 'anonymise', 'clearNotes'] as const;
export const RetentionActionSchema = z.enum(RETENTION_ACTIONS);
export type RetentionAction = z.infer<typeof RetentionActionSchema>;

export const RETENTION_REASONS = ['deleted', 'exit', 'inactive', 'notes'] as const;
export type RetentionReason = (typeof RETENTION_REASONS)[number];

export const RetentionItem = z.object({
  salarieId: z.string(),
  /** « NOM Prénom » as stored (already « Anonymisé » for an anonymised file). */
  name: z.string(),
  reason: z.enum(RETENTION_REASONS),
  /** Exit date, deletion date or last activity: the day the retention clock started. */
  since: z.string(),
  dueDate: z.string(),
  /** What the review proposes, and what else the user may choose for this file. */
  proposed: RetentionActionSchema,
  allowed: z.array(RetentionActionSchema),
});
export type RetentionItem = z.infer<typeof RetentionItem>;

export const RetentionReview = z.object({
  settings: RetentionSettings,
  today: z.string(),
  total: z.number().int(),
  /** At most REVIEW_LIMIT items, the oldest due first. */
  items: z.array(RetentionItem),
});
export type RetentionReview = z.infer<typeof RetentionReview>;

export const REVIEW_LIMIT = 2000;

export const RetentionApplyInput = z
  .object({
    items: z
      .array(z.object({ salarieId: Id, action: RetentionActionSchema }).strict())
      .min(1, { error: 'Choisissez au moins un dossier.' })
      .max(REVIEW_LIMIT, { error: `${REVIEW_LIMIT} dossiers au plus à la fois.` }),
  })
  .strict();
export type RetentionApplyInput = z.input<typeof RetentionApplyInput>;

export const RetentionApplyResult = z.object({
  purged: z.number().int(),
  anonymised: z.number().int(),
  notesCleared: z.number().int(),
  /** The database file was compacted: deleted texts are no longer in it. */
  compacted: z.boolean(),
});
export type RetentionApplyResult = z.infer<typeof RetentionApplyResult>;

// ── Audit log viewer ────────────────────────────────────────────────────────────

export const AuditListQuery = z
  .object({
    action: z.string().max(100).nullable().default(null),
    from: OptionalDate.default(null),
    to: OptionalDate.default(null),
    salarieId: Id.nullable().default(null),
    offset: z.number().int().min(0).max(1_000_000_000).default(0),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((q) => q.from === null || q.to === null || q.to >= q.from, { path: ['to'], error: 'La date de fin précède la date de début.' });
export type AuditListQuery = z.input<typeof AuditListQuery>;

export const AuditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  /** The salarié concerned, when the entry names one (null for structure-wide entries). */
  salarieId: z.string().nullable(),
  /** Null when the file has been purged since (the entry keeps the id only). */
  salarieName: z.string().nullable(),
  /** Ids and field names only, as JSON text. */
  detail: z.string().nullable(),
});
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditPage = z.object({
  total: z.number().int(),
  rows: z.array(AuditRow),
  /** Every action code present in the log, for the filter. */
  actions: z.array(z.string()),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const rgpdContract = {
  'rgpd.export': method(RgpdExportInput, RgpdExport),
  'rgpd.getRetention': method(Empty, RetentionSettings),
  'rgpd.saveRetention': method(RetentionSettings.partial().strict(), RetentionSettings),
  'rgpd.review': method(Empty, RetentionReview),
  /** Purge, anonymise or clear notes of files the review lists; then compacts the database file. */
  'rgpd.apply': method(RetentionApplyInput, RetentionApplyResult),
  'audit.list': method(AuditListQuery, AuditPage),
} as const;
