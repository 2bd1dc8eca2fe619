/**
 * The anonymised statistics bundle (design note C(a)): versioned zod schema, construction from
 * a protection result, canonical serialisation (RFC 8785) and the hub-side re-audit.
 *
 * The bundle carries only published values and suppression flags — never true values of
 * suppressed cells, intervals or person-level data. Tables and cells are strict objects: an
 * unexpected field inside a table is rejected rather than silently carried.
 */
import { z } from 'zod';
import { auditRelease, type AuditFailure, type AuditOptions, type InsiderModel } from './audit';
import { canonicalJson } from './canonical-json';
import type { PrimaryPolicy } from './primary';
import type { ProtectResult } from './protect';
import { attackerView, isPublishedCell, isWithheld, type AttackerView, type ReleasedTable } from './release';
import { linkTables } from './system';
import { CODE_PATTERN, MARGIN, MAX_DIMENSIONS, allCoordinates, coordsKey, sensitiveDimensionOf, specOf, validateTableSpec } from './table';
import { UUID_V7_PATTERN } from './uuid';

export const BUNDLE_SCHEMA_VERSION = '1.0';
/** Name and version of the protection algorithm, recorded in every bundle. */
export const PROTECTION_ALGORITHM = 'jalons-gauss-1.0.0';

export const SIAE_KINDS = ['ACI', 'AI', 'EI', 'ETTI', 'EITI'] as const;
/** INSEE codes of the current regions (2016 map), overseas included. */
export const REGION_CODES = ['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'] as const;
export const INSIDER_MODELS = ['conservative', 'precise', 'by-sensitivity'] as const satisfies readonly InsiderModel[];

const code = z.string().regex(CODE_PATTERN);
const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const dimensionSchema = z.strictObject({ code, categories: z.array(code).min(1) });

const cellSchema = z.union([
  z.strictObject({ coords: z.array(z.string()), value: count }),
  z.strictObject({ coords: z.array(z.string()), suppressed: z.enum(['primary', 'secondary']) }),
]);

const releasedTableSchema = z
  .strictObject({
    id: code,
    population: code,
    dimensions: z.array(dimensionSchema).min(1).max(MAX_DIMENSIONS),
    sensitive: z.boolean(),
    sensitiveDimension: code.optional(),
    nonSensitiveCategories: z.array(code).optional(),
    cells: z.array(cellSchema),
  })
  .superRefine((t, ctx) => {
    try {
      validateTableSpec(t);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    // Every cell, margins included, exactly once: the hub audits what it cannot see too.
    const expected = new Set(allCoordinates(t.dimensions).map(coordsKey));
    const seen = new Set<string>();
    for (const cell of t.cells) {
      const k = coordsKey(cell.coords);
      if (!expected.has(k)) ctx.addIssue({ code: 'custom', message: `table ${t.id}: unknown cell ${k}` });
      else if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `table ${t.id}: duplicate cell ${k}` });
      seen.add(k);
    }
    if (seen.size !== expected.size) {
      ctx.addIssue({ code: 'custom', message: `table ${t.id}: ${expected.size} cells expected, ${seen.size} given` });
    }
  });

const withheldTableSchema = z.strictObject({
  id: code,
  withheld: z.literal(true),
  reason: z.enum(['disclosure_risk']),
});

const periodSchema = z
  .strictObject({
    kind: z.enum(['year', 'half', 'quarter']),
    year: z.number().int().min(2000).max(2100),
    index: z.number().int().min(1).max(4),
  })
  .refine((p) => p.index <= (p.kind === 'year' ? 1 : p.kind === 'half' ? 2 : 4), {
    message: 'period index out of range for its kind',
  });

const policySchema = z.strictObject({
  minCount: z.number().int().min(1),
  minCountSensitive: z.number().int().min(1),
  homogeneityMargin: z.number().int().min(0),
  minIntervalWidth: z.number().min(0),
  relativeIntervalWidth: z.number().min(0).max(1),
  requireLowerSlack: z.boolean(),
  insiderModel: z.enum(INSIDER_MODELS),
});

const auditSummarySchema = z.strictObject({
  passed: z.literal(true),
  algorithm: z.string().min(1).max(64),
  checks: z.array(z.enum(['A1', 'A2', 'A3', 'A4'])),
});

export const bundleSchema = z
  .object({
    schemaVersion: z.string().regex(/^1\.\d{1,3}$/),
    bundleId: z.string().regex(UUID_V7_PATTERN, 'bundleId must be a lowercase UUIDv7'),
    /** Pseudonymous, random per enrolment — never the SIRET. */
    structureId: z.string().regex(/^st_[0-9A-Za-z_-]{8,64}$/),
    siaeKind: z.enum(SIAE_KINDS),
    regionCode: z.enum(REGION_CODES),
    period: periodSchema,
    revision: z.number().int().min(1),
    catalogueVersion: z.string().regex(/^\d{4}\.\d{1,3}$/),
    policy: policySchema,
    audit: auditSummarySchema,
    tables: z.array(z.union([withheldTableSchema, releasedTableSchema])).min(1),
  })
  .superRefine((b, ctx) => {
    const ids = new Set<string>();
    for (const t of b.tables) {
      if (ids.has(t.id)) ctx.addIssue({ code: 'custom', message: `duplicate table ${t.id}` });
      ids.add(t.id);
    }
    try {
      linkTables(b.tables.filter((t): t is ReleasedTable & (typeof b.tables)[number] => !isWithheld(t)).map(specOf));
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : String(e) });
    }
  });

export type Bundle = z.infer<typeof bundleSchema>;
export type BundlePeriod = z.infer<typeof periodSchema>;
export type BundlePolicy = z.infer<typeof policySchema>;
export type BundleTable = Bundle['tables'][number];

export interface BundleMetadata {
  readonly bundleId: string;
  readonly structureId: string;
  readonly siaeKind: (typeof SIAE_KINDS)[number];
  readonly regionCode: (typeof REGION_CODES)[number];
  readonly period: BundlePeriod;
  readonly revision: number;
  readonly catalogueVersion: string;
}

export function bundlePolicy(primary: PrimaryPolicy, audit: AuditOptions): BundlePolicy {
  return {
    minCount: primary.minCount,
    minCountSensitive: primary.minCountSensitive,
    homogeneityMargin: primary.homogeneityMargin,
    minIntervalWidth: audit.minIntervalWidth,
    relativeIntervalWidth: audit.relativeIntervalWidth,
    requireLowerSlack: audit.requireLowerSlack,
    insiderModel: audit.insiderModel,
  };
}

/** Builds and validates a bundle. Refuses a protection result whose audit did not pass. */
export function createBundle(meta: BundleMetadata, protection: ProtectResult): Bundle {
  if (!protection.report.passed) throw new Error('createBundle: the disclosure audit did not pass; nothing may be sent');
  return bundleSchema.parse({
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    ...meta,
    policy: bundlePolicy(protection.report.policy.primary, protection.report.policy.audit),
    audit: { passed: true, algorithm: PROTECTION_ALGORITHM, checks: ['A1', 'A2', 'A3', 'A4'] },
    tables: protection.tables,
  });
}

/** Validates unknown input (e.g. a received payload) as a bundle; throws a `ZodError`. */
export function parseBundle(input: unknown): Bundle {
  return bundleSchema.parse(input);
}

/** RFC 8785 canonical JSON of the validated bundle: the bytes to hash and sign. */
export function serializeBundle(bundle: Bundle): string {
  return canonicalJson(bundleSchema.parse(bundle));
}

/** The linear system and attacker knowledge carried by a bundle (and its previous revision). */
export function bundleToAttackerView(bundle: Bundle, previous?: Bundle): AttackerView {
  return attackerView(bundle, previous);
}

export interface ReceivedCellAudit {
  readonly tableId: string;
  readonly coords: readonly string[];
  readonly exact: boolean;
  readonly min?: number;
  readonly max?: number | null;
  readonly failures: readonly AuditFailure[];
}

export interface ReceivedBundleAudit {
  readonly passed: boolean;
  /** Structural problems (incompatible previous revision, inconsistent values, …). */
  readonly problems: readonly string[];
  /** Published cells that break the primary rules themselves. */
  readonly primaryViolations: ReadonlyArray<{ readonly tableId: string; readonly coords: readonly string[]; readonly value: number }>;
  /** Every cell flagged primary, with the attacker's view of it. */
  readonly cells: readonly ReceivedCellAudit[];
}

/** Server-side floors: a bundle may be stricter than these, never weaker. */
export interface HubMinimumPolicy {
  readonly minCount: number;
  readonly minCountSensitive: number;
  readonly homogeneityMargin: number;
  readonly minIntervalWidth: number;
}

export const DEFAULT_HUB_MINIMUM: HubMinimumPolicy = Object.freeze({
  minCount: 5,
  minCountSensitive: 11,
  homogeneityMargin: 5,
  minIntervalWidth: 2,
});

/**
 * The hub re-runs the audit on what it received — exactly the attacker's view: published
 * values and flags of this bundle plus the previous revision's published values. It checks
 * A1, A2 with the absolute width, A3 for respondents alone in a published cell (exact test)
 * and the primary rules on published cells. Value-dependent checks need true values and can
 * only run on the laptop.
 */
export function auditReceivedBundle(
  bundle: Bundle,
  previous?: Bundle,
  minimum: HubMinimumPolicy = DEFAULT_HUB_MINIMUM,
): ReceivedBundleAudit {
  const problems: string[] = [];
  if (previous !== undefined) {
    if (previous.structureId !== bundle.structureId) problems.push('previous revision belongs to another structure');
    if (JSON.stringify(previous.period) !== JSON.stringify(bundle.period)) problems.push('previous revision is for another period');
    if (previous.revision >= bundle.revision) problems.push('previous revision is not older than this one');
  }
  const policy = {
    minCount: Math.max(bundle.policy.minCount, minimum.minCount),
    minCountSensitive: Math.max(bundle.policy.minCountSensitive, minimum.minCountSensitive),
    homogeneityMargin: Math.max(bundle.policy.homogeneityMargin, minimum.homogeneityMargin),
  };
  const options: Partial<AuditOptions> = {
    minIntervalWidth: Math.max(bundle.policy.minIntervalWidth, minimum.minIntervalWidth),
    insiderModel: bundle.policy.insiderModel,
  };

  let view: AttackerView;
  try {
    view = attackerView(bundle, previous);
  } catch (e) {
    return { passed: false, problems: [...problems, e instanceof Error ? e.message : String(e)], primaryViolations: [], cells: [] };
  }
  problems.push(...view.problems);

  const primaryViolations = publishedPrimaryViolations(bundle, policy);
  const audit = auditRelease({
    system: view.system,
    published: view.published,
    previousAll: view.previousAll,
    targets: [...view.primary],
    sensitive: view.sensitive,
    options,
  });
  if (audit.inconsistent) problems.push('published values contradict the margin equations or non-negativity');

  const cells: ReceivedCellAudit[] = [];
  for (const [v, verdict] of audit.verdicts) {
    const occurrence = view.system.variables[v]?.occurrences.find((o) => bundle.tables.some((t) => t.id === o.tableId));
    if (occurrence === undefined) continue;
    cells.push({
      tableId: occurrence.tableId,
      coords: occurrence.coords,
      exact: verdict.exact,
      ...(verdict.min === undefined ? {} : { min: verdict.min }),
      ...(verdict.max === undefined ? {} : { max: verdict.max }),
      failures: verdict.failures,
    });
  }
  const passed = problems.length === 0 && primaryViolations.length === 0 && audit.passed;
  return { passed, problems, primaryViolations, cells };
}

/** Published cells that the primary rules alone forbid (checkable without true values). */
function publishedPrimaryViolations(
  bundle: Bundle,
  policy: Pick<PrimaryPolicy, 'minCount' | 'minCountSensitive' | 'homogeneityMargin'>,
): { tableId: string; coords: readonly string[]; value: number }[] {
  const out: { tableId: string; coords: readonly string[]; value: number }[] = [];
  for (const t of bundle.tables) {
    if (isWithheld(t)) continue;
    const values = new Map<string, number>();
    for (const c of t.cells) if (isPublishedCell(c)) values.set(coordsKey(c.coords), c.value);
    const attribute = sensitiveDimensionOf(t);
    const d = attribute === undefined ? -1 : t.dimensions.findIndex((x) => x.code === attribute);
    const exempt = new Set(t.nonSensitiveCategories ?? []);
    for (const c of t.cells) {
      if (!isPublishedCell(c) || c.value === 0) continue;
      let bad = c.value < policy.minCount;
      const category = d >= 0 ? c.coords[d] : undefined;
      if (category !== undefined && category !== MARGIN && !exempt.has(category)) {
        if (c.value < policy.minCountSensitive) bad = true;
        const group = [...c.coords];
        group[d] = MARGIN;
        const total = values.get(coordsKey(group));
        if (total !== undefined && total - c.value < policy.homogeneityMargin) bad = true;
      }
      if (bad) out.push({ tableId: t.id, coords: c.coords, value: c.value });
    }
  }
  return out;
}
