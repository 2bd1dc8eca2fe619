/**
 * The federation report of one period (CLI `jalons hub report` and the dashboard): loads the
 * current bundles, aggregates and re-suppresses them (aggregate.ts), and labels the result from
 * the indicator catalogue. One release per period — national and every region together, so
 * the masks are the same whatever level is looked at; `region` only filters the output.
 */
import { createHash } from 'node:crypto';
import { catalogueTable } from '../../shared/indicators/catalogue';
import { periodLabel, type StatsPeriod } from '../../shared/indicators/period';
import { MARGIN, type Release, type ReleaseEntry, type ReleasedCell, type TableSpec } from '../../shared/stats/index';
import { cellsOfBundles, currentBundlesOfPeriod, tablesOfBundles, type CurrentBundleRef } from '../repositories/bundles';
import { DEFAULT_FEDERATION_POLICY, NATIONAL, NON_VENTILE, type AggregateFlag, type FederationPolicy, type StructureInput } from './aggregate';
import type { AggregationResult } from './aggregator';
import type { HubContext } from './context';
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
  readonly policy: {
    readonly minCount: number;
    readonly minCountSensitive: number;
    readonly homogeneityMargin: number;
    readonly minStructures: number;
    readonly maxShare: number;
    readonly minIntervalWidth: number;
    readonly relativeIntervalWidth: number;
  };
  readonly audit: { readonly passed: boolean; readonly checks: readonly string[]; readonly withheldPopulations: readonly string[] };
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

interface CacheEntry {
  readonly fingerprint: string;
  readonly result: Promise<AggregationResult>;
}
const cache = new WeakMap<HubContext, Map<string, CacheEntry>>();

/**
 * Aggregation of a period, recomputed only when its set of current bundles (or a region)
 * changed; concurrent requests for the same state share one computation.
 */
export async function aggregatePeriod(ctx: HubContext, period: StatsPeriod, policy: Partial<FederationPolicy> = {}): Promise<AggregationResult> {
  const key = periodKey(period);
  const bundles = await currentBundlesOfPeriod(ctx.db, key);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([bundles.map((b) => [b.bundle_id, b.region_code]), policy]))
    .digest('hex');
  const byPeriod = cache.get(ctx) ?? new Map<string, CacheEntry>();
  cache.set(ctx, byPeriod);
  const hit = byPeriod.get(key);
  if (hit !== undefined && hit.fingerprint === fingerprint) return hit.result;
  const result = loadPeriodContributions(ctx, key, bundles).then((inputs) => ctx.aggregator(inputs, policy));
  byPeriod.set(key, { fingerprint, result });
  // A failed computation must not stay cached.
  result.catch(() => {
    if (byPeriod.get(key)?.result === result) byPeriod.delete(key);
  });
  return result;
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
    policy: {
      minCount: policy.minCount,
      minCountSensitive: policy.minCountSensitive,
      homogeneityMargin: policy.homogeneityMargin,
      minStructures: policy.minStructures,
      maxShare: policy.maxShare,
      minIntervalWidth: policy.audit.minIntervalWidth,
      relativeIntervalWidth: policy.audit.relativeIntervalWidth,
    },
    audit: { passed: aggregation.audit.passed, checks: aggregation.audit.checks, withheldPopulations: aggregation.audit.withheldPopulations },
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
