import { z } from 'zod';
import { PERIOD_KINDS, StatsPeriodSchema } from '../indicators/period';
import { method } from './common-method';

/*
 * Federation statistics: the structure's own indicators (unsuppressed, stay on the laptop), the
 * preview of the anonymised bundle — exactly what would leave the laptop — its confirmation
 * (stores the revision; sending is the sync feature's job) and the ASP-shaped report.
 */

export const PeriodInput = z.object({ period: StatsPeriodSchema }).strict();

const Period = z.object({ kind: z.enum(PERIOD_KINDS), year: z.number().int(), index: z.number().int() });

const DimensionView = z.object({
  code: z.string(),
  label: z.string(),
  totalLabel: z.string(),
  categories: z.array(z.object({ code: z.string(), label: z.string() })),
});
export type DimensionView = z.infer<typeof DimensionView>;

const TableHead = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  population: z.string(),
  populationLabel: z.string(),
  sensitive: z.boolean(),
  sensitiveDimension: z.string().nullable(),
  /** `link`: a cross-table kept for the disclosure control (sent, not charted). */
  role: z.enum(['indicator', 'link']),
  dimensions: z.array(DimensionView),
});

const Unavailable = z.object({ id: z.string(), title: z.string(), reason: z.string() });

export const StatsLocalTable = TableHead.extend({
  cells: z.array(
    z.object({
      coords: z.array(z.string()),
      value: z.number().int(),
      /** Same cell in the previous period (same catalogue), null when unknown. */
      previous: z.number().int().nullable(),
    }),
  ),
});
export type StatsLocalTable = z.infer<typeof StatsLocalTable>;

export const StatsLocal = z.object({
  period: Period,
  periodLabel: z.string(),
  range: z.object({ start: z.string(), end: z.string() }),
  previousPeriodLabel: z.string(),
  catalogueVersion: z.string(),
  tables: z.array(StatsLocalTable),
  unavailable: z.array(Unavailable),
  /** Records left out because a code is unknown to the catalogue (per population). */
  ignored: z.array(z.object({ population: z.string(), count: z.number().int() })),
});
export type StatsLocal = z.infer<typeof StatsLocal>;

export const PreviewCell = z.object({
  coords: z.array(z.string()),
  /** Published value; null when the cell is hidden (the value never appears in the bundle). */
  value: z.number().int().nullable(),
  suppressed: z.enum(['primary', 'secondary']).nullable(),
  /** One French sentence for a hidden cell. */
  reason: z.string().nullable(),
});
export type PreviewCell = z.infer<typeof PreviewCell>;

export const PreviewTable = TableHead.extend({
  status: z.enum(['released', 'withheld']),
  withheldReason: z.string().nullable(),
  cells: z.array(PreviewCell),
});
export type PreviewTable = z.infer<typeof PreviewTable>;

export const StatsPreview = z.object({
  period: Period,
  periodLabel: z.string(),
  bundleId: z.string(),
  revision: z.number().int(),
  /** The latest stored revision already has exactly this content: confirming changes nothing. */
  existing: z.boolean(),
  /** Latest revision already stored for this period (null: none yet). */
  storedRevision: z.number().int().nullable(),
  /** SHA-256 (hex) of `bundleJson`: `stats.confirm` stores only these exact bytes. */
  contentDigest: z.string(),
  /** Canonical JSON (RFC 8785) of the bundle: exactly what would leave the laptop. */
  bundleJson: z.string(),
  structure: z.object({ structureId: z.string(), siaeKind: z.string(), regionCode: z.string() }),
  tables: z.array(PreviewTable),
  hiddenCells: z.array(z.object({ tableId: z.string(), tableTitle: z.string(), cellLabel: z.string(), suppressed: z.enum(['primary', 'secondary']), reason: z.string() })),
  withheld: z.array(z.object({ tableId: z.string(), tableTitle: z.string(), reason: z.string() })),
  unavailable: z.array(Unavailable),
  audit: z.object({ laptopPassed: z.boolean(), hubPassed: z.boolean(), problems: z.array(z.string()) }),
});
export type StatsPreview = z.infer<typeof StatsPreview>;

export const StatsConfirmInput = z
  .object({
    period: StatsPeriodSchema,
    bundleId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, { error: 'Identifiant d’envoi invalide : relancez l’aperçu.' }),
    contentDigest: z.string().regex(/^[0-9a-f]{64}$/, { error: 'Empreinte invalide : relancez l’aperçu.' }),
  })
  .strict();

export const StatsConfirmation = z.object({
  bundleId: z.string(),
  revision: z.number().int(),
  /** False when this content was already stored (nothing new recorded). */
  created: z.boolean(),
  createdAt: z.string(),
});
export type StatsConfirmation = z.infer<typeof StatsConfirmation>;

export const AspReportView = z.object({
  period: Period,
  periodLabel: z.string(),
  range: z.object({ start: z.string(), end: z.string() }),
  profile: z.array(z.object({ code: z.string(), label: z.string(), value: z.number().int() })),
  exitsByCategory: z.array(z.object({ category: z.string(), label: z.string(), count: z.number().int() })),
  exitsByMotif: z.array(z.object({ motif: z.string(), label: z.string(), category: z.string(), count: z.number().int() })),
  freins: z.array(
    z.object({
      annexeId: z.string().nullable(),
      annexeLabel: z.string(),
      rows: z.array(
        z.object({
          type: z.string(),
          label: z.string(),
          concerned: z.number().int(),
          internalOnly: z.number().int(),
          externalOnly: z.number().int(),
          internalAndExternal: z.number().int(),
        }),
      ),
    }),
  ),
  /** `;`-separated, UTF-8 with BOM (Excel). */
  csv: z.string(),
  fileName: z.string(),
});
export type AspReportView = z.infer<typeof AspReportView>;

export const statsContract = {
  'stats.local': method(PeriodInput, StatsLocal),
  'stats.preview': method(PeriodInput, StatsPreview),
  'stats.confirm': method(StatsConfirmInput, StatsConfirmation),
  'stats.aspReport': method(PeriodInput, AspReportView),
} as const;
