/**
 * The federation report of one period (CLI `jalons hub report` and the dashboard): loads the
 * current bundles, aggregates and re-suppresses them (aggregate.ts), and labels the result from
 * the indicator catalogue. One release per period and set of current bundles — national and
 * every region together, so the masks are the same whatever level is looked at; `region` only
 * filters the output. Each release is stored as a vintage (released_vintages) and the next one
 * is audited with it.
 */
import { createHash } from 'node:crypto';
import { catalogueTable } from '../../shared/indicators/catalogue';
import { periodLabel, type StatsPeriod } from '../../shared/indicators/period';
import { MARGIN, type Release, type ReleaseEntry, type ReleasedCell, type TableSpec } from '../../shared/stats/index';
import { cellsOfBundles, currentBundlesOfPeriod, tablesOfBundles, type CurrentBundleRef } from '../repositories/bundles';
import { isUniqueViolation } from '../db/dialect';
import { appendAudit } from '../repositories/audit';
import { insertVintage, latestVintage, vintageCells, type ReleasedCellRow, type VintageRow } from '../repositories/vintages';
import { DEFAULT_FEDERATION_POLICY, NATIONAL, NON_VENTILE, type AggregateFlag, type FederationPolicy, type PreviousVintage, type StructureInput } from './aggregate';
import type { AggregationResult } from './aggregator';
import { nowIso, type HubContext } from './context';
import { periodKey } from './periods';

export const REPORT_FORMAT = 'jalons-hub-report/1';

export const REGION_NAMES: Readonly<Record<string, string>> = {
  '01': 'Guadeloupe',
  '02': 'Martinique',
  '03': 'Guyane',
  '04': 'La Réunion',
  '06': 'Mayotte',
  '11': 'Île-de-France',
  '24': 'Centre-Val de Loire',
  '27': 'Bourgogne-Franche-Comté',
  '28': 'Normandie',
  '32': 'Hauts-de-France',
  '44': 'Grand Est',
  '52': 'Pays de la Loire',
  '53': 'Bretagne',
  '75': 'Nouvelle-Aquitaine',
  '76': 'Occitanie',
  '84': 'Auvergne-Rhône-Alpes',
  '93': 'Provence-Alpes-Côte d’Azur',
  '94': 'Corse',
};

export const FLAG_LABELS: Readonly<Record<AggregateFlag, string>> = {
  V: 'Valeur diffusée',
  A: 'Secret statistique : trop peu de personnes',
  B: 'Secret statistique : trop peu de structures, ou une structure prépondérante',
  D: 'Secret secondaire : masquée pour qu’une autre case ne puisse pas être recalculée',
  N: 'Non diffusé : le tableau ne peut pas être protégé',
};

export function levelLabel(level: string): string {
  return level === NATIONAL ? 'Ensemble des régions' : `${REGION_NAMES[level] ?? 'Région'} (${level})`;
}

export interface ReportCell {
  readonly coords: readonly string[];
  /** French label of each coordinate. */
  readonly labels: readonly string[];
  readonly value: number | null;
  readonly flag: AggregateFlag;
  readonly nonVentile: boolean;
}

export interface ReportDimension {
  readonly code: string;
  readonly label: string;
  readonly totalLabel: string;
  readonly categories: ReadonlyArray<{ readonly code: string; readonly label: string }>;
}

export interface ReportTable {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly population: string;
  readonly status: 'released' | 'withheld';
  readonly dimensions: readonly ReportDimension[];
  readonly contributingStructures: number;
  readonly excluded: { readonly withheld: number; readonly hiddenTotal: number; readonly otherDefinition: number; readonly absent: number };
  readonly cells: readonly ReportCell[];
}

export interface ReportLevel {
  readonly level: string;
  readonly label: string;
  readonly structures: number;
  readonly tables: readonly ReportTable[];
}

export interface HubReport {
  readonly format: typeof REPORT_FORMAT;
  readonly generatedAt: string;
  readonly period: StatsPeriod;
  readonly periodKey: string;
  readonly periodLabel: string;
  /** Released vintage of the period (1, 2, … — each new set of bundles makes one); 0 when empty. */
  readonly vintage: number;
  readonly policy: {
    readonly minCount: number;
    readonly minCountSensitive: number;
    readonly homogeneityMargin: number;
    readonly minStructures: number;
    readonly maxShare: number;
    readonly minIntervalWidth: number;
    readonly relativeIntervalWidth: number;
  };
  readonly audit: {
    readonly passed: boolean;
    readonly checks: readonly string[];
    readonly withheldPopulations: readonly string[];
    readonly insiderModel: string;
    readonly previousVintage: 'none' | 'audited' | 'incompatible';
  };
  readonly flags: Readonly<Record<AggregateFlag, string>>;
  readonly levels: readonly ReportLevel[];
  readonly droppedTables: ReadonlyArray<{ readonly id: string; readonly reason: string }>;
}

/** Current bundles of the period, rebuilt from the normalised cells (regions as registered at the hub). */
export async function loadPeriodContributions(ctx: HubContext, key: string, known?: readonly CurrentBundleRef[]): Promise<StructureInput[]> {
  const bundles = known ?? (await currentBundlesOfPeriod(ctx.db, key));
  const ids = bundles.map((b) => b.bundle_id);
  const tables = await tablesOfBundles(ctx.db, ids);
  const cells = await cellsOfBundles(ctx.db, ids);
  const cellsOf = new Map<string, ReleasedCell[]>();
  for (const c of cells) {
    const k = `${c.bundle_id}\u0000${c.table_id}`;
    const list = cellsOf.get(k) ?? [];
    const coords = JSON.parse(c.cell_key) as string[];
    list.push(c.status === 'V' ? { coords, value: c.value ?? 0 } : { coords, suppressed: c.status === 'A' ? 'primary' : 'secondary' });
    cellsOf.set(k, list);
  }
  const tablesOf = new Map<string, ReleaseEntry[]>();
  for (const t of tables) {
    const list = tablesOf.get(t.bundle_id) ?? [];
    if (t.withheld === 1 || t.spec === null) list.push({ id: t.table_id, withheld: true, reason: 'disclosure_risk' });
    else list.push({ ...(JSON.parse(t.spec) as TableSpec), cells: cellsOf.get(`${t.bundle_id}\u0000${t.table_id}`) ?? [] });
    tablesOf.set(t.bundle_id, list);
  }
  return bundles.map((b) => ({
    structureId: b.structure_id,
    regionCode: b.region_code,
    release: { tables: (tablesOf.get(b.bundle_id) ?? []).sort((x, y) => (x.id < y.id ? -1 : 1)) } satisfies Release,
  }));
}

/** A period's aggregation as released: the vintage that holds it. */
export interface ReleasedAggregation extends AggregationResult {
  /** 1, 2, …; 0 for an empty period (nothing released, nothing stored). */
  readonly vintage: number;
  readonly releasedAt: string | null;
}

interface CacheEntry {
  readonly fingerprint: string;
  readonly result: Promise<ReleasedAggregation>;
}
const cache = new WeakMap<HubContext, Map<string, CacheEntry>>();

/** A stored vintage's bundles and released cells, as the aggregation takes them (the next vintage's A4). */
export async function loadPreviousVintage(ctx: HubContext, key: string, row: VintageRow): Promise<PreviousVintage> {
  const refs = (JSON.parse(row.bundles) as [string, string, string, string][]).map(([bundle_id, structure_id, region_code, catalogue_version]) => ({
    bundle_id,
    structure_id,
    region_code,
    catalogue_version,
  }));
  const structures = await loadPeriodContributions(ctx, key, refs);
  const cells = (await vintageCells(ctx.db, key, row.vintage)).map((c) => ({
    level: c.level,
    tableId: c.table_id,
    coords: JSON.parse(c.cell_key) as string[],
    value: c.value,
    flag: c.flag,
  }));
  return { structures, cells };
}

function released(row: VintageRow): ReleasedAggregation {
  return { ...(JSON.parse(row.result) as AggregationResult), vintage: row.vintage, releasedAt: row.released_at };
}

/**
 * The released aggregation of a period. Same current bundles (and regions, and policy) as the
 * latest vintage → that vintage, as released. Otherwise a new vintage: aggregated and audited
 * together with the previous one (A4, mask stability), then stored with its cells before
 * anyone sees it. Concurrent requests for the same state share one computation.
 */
export async function aggregatePeriod(ctx: HubContext, period: StatsPeriod, policy: Partial<FederationPolicy> = {}): Promise<ReleasedAggregation> {
  const key = periodKey(period);
  const bundles = await currentBundlesOfPeriod(ctx.db, key);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([bundles.map((b) => [b.bundle_id, b.region_code]), policy]))
    .digest('hex');
  const byPeriod = cache.get(ctx) ?? new Map<string, CacheEntry>();
  cache.set(ctx, byPeriod);
  const hit = byPeriod.get(key);
  if (hit !== undefined && hit.fingerprint === fingerprint) return hit.result;
  const result = releaseVintage(ctx, key, bundles, fingerprint, policy);
  byPeriod.set(key, { fingerprint, result });
  // A failed computation must not stay cached.
  result.catch(() => {
    if (byPeriod.get(key)?.result === result) byPeriod.delete(key);
  });
  return result;
}

async function releaseVintage(
  ctx: HubContext,
  key: string,
  bundles: readonly CurrentBundleRef[],
  fingerprint: string,
  policy: Partial<FederationPolicy>,
): Promise<ReleasedAggregation> {
  const latest = await latestVintage(ctx.db, key);
  if (latest !== undefined && latest.fingerprint === fingerprint) return released(latest);
  const inputs = await loadPeriodContributions(ctx, key, bundles);
  if (bundles.length === 0 && latest === undefined) return { ...(await ctx.aggregator(inputs, policy)), vintage: 0, releasedAt: null };
  const previous = latest === undefined ? undefined : await loadPreviousVintage(ctx, key, latest);
  const result = await ctx.aggregator(inputs, policy, previous);
  const row: VintageRow = {
    period_key: key,
    vintage: (latest?.vintage ?? 0) + 1,
    released_at: nowIso(ctx),
    fingerprint,
    bundles: JSON.stringify(bundles.map((b) => [b.bundle_id, b.structure_id, b.region_code, b.catalogue_version])),
    result: JSON.stringify(result),
  };
  const cells: ReleasedCellRow[] = [];
  const seen = new Set<string>();
  for (const level of result.levels) {
    for (const t of level.tables) {
      for (const c of t.cells) {
        const k = JSON.stringify([level.level, t.id, c.coords]);
        if (seen.has(k)) continue;
        seen.add(k);
        cells.push({ period_key: key, vintage: row.vintage, level: level.level, table_id: t.id, cell_key: JSON.stringify(c.coords), value: c.flag === 'V' ? c.value : null, flag: c.flag });
      }
    }
  }
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertVintage(trx, row, cells);
      await appendAudit(trx, {
        at: row.released_at,
        actor: 'hub',
        action: 'report.vintage',
        entity: 'period',
        entityId: key,
        detail: { vintage: row.vintage, bundles: bundles.length, checks: result.audit.checks, previousVintage: result.audit.previousVintage },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another hub process released this period meanwhile: show its vintage if it is the same state.
    const winner = await latestVintage(ctx.db, key);
    if (winner !== undefined && winner.fingerprint === fingerprint) return released(winner);
    throw new Error('Une autre publication de cette période est en cours : réessayez dans un instant.');
  }
  return { ...result, vintage: row.vintage, releasedAt: row.released_at };
}

export async function buildReport(
  ctx: HubContext,
  request: { period: StatsPeriod; region?: string | undefined; policy?: Partial<FederationPolicy> },
): Promise<HubReport> {
  const policy: FederationPolicy = { ...DEFAULT_FEDERATION_POLICY, ...request.policy };
  const aggregation = await aggregatePeriod(ctx, request.period, request.policy ?? {});
  const levels = aggregation.levels.filter((l) => (request.region === undefined ? true : l.level === request.region));
  return {
    format: REPORT_FORMAT,
    generatedAt: ctx.clock.now().toISOString(),
    period: request.period,
    periodKey: periodKey(request.period),
    periodLabel: periodLabel(request.period),
    vintage: aggregation.vintage,
    policy: {
      minCount: policy.minCount,
      minCountSensitive: policy.minCountSensitive,
      homogeneityMargin: policy.homogeneityMargin,
      minStructures: policy.minStructures,
      maxShare: policy.maxShare,
      minIntervalWidth: policy.audit.minIntervalWidth,
      relativeIntervalWidth: policy.audit.relativeIntervalWidth,
    },
    audit: {
      passed: aggregation.audit.passed,
      checks: aggregation.audit.checks,
      withheldPopulations: aggregation.audit.withheldPopulations,
      insiderModel: aggregation.audit.insiderModel,
      previousVintage: aggregation.audit.previousVintage,
    },
    flags: FLAG_LABELS,
    levels: levels.map((l) => ({
      level: l.level,
      label: levelLabel(l.level),
      structures: l.structures,
      tables: l.tables.map((t) => {
        const def = catalogueTable(t.id);
        const dimensions: ReportDimension[] = t.spec.dimensions.map((d) => {
          const known = def?.dimensions.find((x) => x.code === d.code);
          return {
            code: d.code,
            label: known?.label ?? d.code,
            totalLabel: known?.totalLabel ?? 'Ensemble',
            categories: d.categories.map((c) => ({ code: c, label: known?.categories.find((x) => x.code === c)?.label ?? c })),
          };
        });
        return {
          id: t.id,
          title: def?.title ?? t.id,
          description: def?.description ?? null,
          population: t.spec.population,
          status: t.status,
          dimensions,
          contributingStructures: t.contributingStructures,
          excluded: t.excluded,
          cells: t.cells.map((c) => ({
            coords: c.coords,
            labels: c.coords.map((code, d) => coordinateLabel(dimensions[d], code)),
            value: c.value,
            flag: c.flag,
            nonVentile: c.nonVentile,
          })),
        };
      }),
    })),
    droppedTables: aggregation.droppedTables,
  };
}

function coordinateLabel(dim: ReportDimension | undefined, code: string): string {
  if (code === MARGIN) return dim?.totalLabel ?? 'Ensemble';
  if (code === NON_VENTILE) return 'Non ventilé';
  return dim?.categories.find((c) => c.code === code)?.label ?? code;
}

function csvField(s: string): string {
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Semicolon-separated, UTF-8 with BOM (opens as is in a French spreadsheet); masked values are empty. */
export function reportCsv(report: HubReport): string {
  const header = ['Période', 'Niveau', 'Code niveau', 'Tableau', 'Code tableau', 'Cellule', 'Codes cellule', 'Valeur', 'Indicateur', 'Signification'];
  const lines = [header.join(';')];
  for (const level of report.levels) {
    for (const t of level.tables) {
      if (t.status === 'withheld') {
        lines.push([report.periodKey, level.label, level.level, t.title, t.id, '', '', '', 'N', FLAG_LABELS.N].map(csvField).join(';'));
        continue;
      }
      for (const c of t.cells) {
        const cell = c.labels.map((l, d) => `${t.dimensions[d]?.label ?? ''} : ${l}`).join(' / ');
        lines.push(
          [report.periodKey, level.label, level.level, t.title, t.id, cell, c.coords.join(' / '), c.value === null ? '' : String(c.value), c.flag, FLAG_LABELS[c.flag]]
            .map(csvField)
            .join(';'),
        );
      }
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
