import { aspReportCsv, computeAspReport, type AspReport } from '../../../shared/indicators/asp-report';
import { computeIndicators, type IndicatorResult } from '../../../shared/indicators/compute';
import { periodRange, previousPeriod, type StatsPeriod } from '../../../shared/indicators/period';
import {
  auditReceivedBundle,
  canonicalJson,
  createBundle,
  parseBundle,
  protectBundle,
  serializeBundle,
  type Bundle,
  type ProtectionReport,
  type REGION_CODES,
  type SIAE_KINDS,
} from '../../../shared/stats/index';
import { AppError } from '../../../shared/ipc/errors';
import type { AppDb } from '../db/schema';
import { latestBundle, loadStatsRecords } from '../repositories/stats';

/*
 * The heavy half of the statistics: load records, compute the catalogue, protect all tables of
 * the bundle together (with the previous revision of the period), build the bundle and re-run
 * the hub's audit on it. Runs inside the job worker ('stats.*' jobs) and in the benchmark; it
 * never writes — storing a confirmed revision is the service's job, on the main thread.
 */

export type Progress = (done: number, total: number | null, label: string) => void;
const silent: Progress = () => undefined;

export interface BundleMeta {
  readonly structureId: string;
  readonly siaeKind: (typeof SIAE_KINDS)[number];
  readonly regionCode: (typeof REGION_CODES)[number];
}

export interface HubAuditSummary {
  readonly passed: boolean;
  readonly problems: readonly string[];
  readonly primaryViolations: number;
  readonly failingCells: number;
}

export interface BuiltBundle {
  /** Canonical JSON (RFC 8785): the exact bytes that would leave the laptop. */
  readonly bundleJson: string;
  readonly bundleId: string;
  readonly revision: number;
  /** Same content as the latest stored revision: that stored bundle is returned unchanged. */
  readonly existing: boolean;
  /** Local protection report: true values inside, never sent. */
  readonly report: ProtectionReport;
  readonly hubAudit: HubAuditSummary;
  readonly unavailable: IndicatorResult['unavailable'];
  readonly ignored: IndicatorResult['ignored'];
}

/** Everything but the identity of the bundle (id, revision): what "same content" means. */
export function bundleContentKey(bundle: Bundle): string {
  return canonicalJson({ ...bundle, bundleId: '', revision: 0 });
}

/** Pure part: protection over all tables + previous revision, bundle, hub re-audit. */
export function protectAndBundle(
  indicators: IndicatorResult,
  previous: Bundle | null,
  meta: BundleMeta,
  bundleId: string,
): Omit<BuiltBundle, 'unavailable' | 'ignored'> {
  // A previous revision built with another catalogue version has other table definitions; it
  // cannot be linked cell by cell (the sync feature decides how to supersede it).
  const linkedPrevious = previous !== null && previous.catalogueVersion === indicators.catalogueVersion ? previous : null;
  const protection = protectBundle(indicators.tables, {}, linkedPrevious ?? undefined);
  if (!protection.report.passed) {
    throw new AppError('INTERNAL', 'Le contrôle de confidentialité n’a pas abouti : aucun envoi n’est possible pour cette période.');
  }
  const candidate = createBundle(
    {
      bundleId,
      ...meta,
      period: indicators.period,
      revision: (previous?.revision ?? 0) + 1,
      catalogueVersion: indicators.catalogueVersion,
    },
    protection,
  );
  // Both revisions come from this laptop: if enrolment replaced the pseudonym in between, the
  // previous one is still this structure's (the hub re-stamps on its side).
  const audit = auditReceivedBundle(candidate, linkedPrevious === null ? undefined : { ...linkedPrevious, structureId: candidate.structureId });
  const hubAudit: HubAuditSummary = {
    passed: audit.passed,
    problems: audit.problems,
    primaryViolations: audit.primaryViolations.length,
    failingCells: audit.cells.filter((c) => c.failures.length > 0).length,
  };
  const same = previous !== null && bundleContentKey(previous) === bundleContentKey(candidate);
  const bundle = same ? previous : candidate;
  return { bundleJson: serializeBundle(bundle), bundleId: bundle.bundleId, revision: bundle.revision, existing: same, report: protection.report, hubAudit };
}

export async function loadPreviousBundle(db: AppDb, period: StatsPeriod): Promise<Bundle | null> {
  const row = await latestBundle(db, period);
  return row === null ? null : parseBundle(JSON.parse(row.canonical_json));
}

export async function computeFor(db: AppDb, period: StatsPeriod): Promise<IndicatorResult> {
  return computeIndicators(await loadStatsRecords(db, periodRange(period)), period);
}

export async function buildBundle(
  db: AppDb,
  input: { period: StatsPeriod; meta: BundleMeta; bundleId: string },
  progress: Progress = silent,
): Promise<BuiltBundle> {
  progress(0, 3, 'Lecture des parcours');
  const indicators = await computeFor(db, input.period);
  progress(1, 3, 'Contrôle de confidentialité');
  const previous = await loadPreviousBundle(db, input.period);
  const built = protectAndBundle(indicators, previous, input.meta, input.bundleId);
  progress(3, 3, 'Statistiques prêtes');
  return { ...built, unavailable: indicators.unavailable, ignored: indicators.ignored };
}

export interface LocalComputation {
  readonly current: IndicatorResult;
  readonly previous: IndicatorResult;
}

export async function computeLocal(db: AppDb, period: StatsPeriod, progress: Progress = silent): Promise<LocalComputation> {
  progress(0, 2, 'Calcul des indicateurs');
  const current = await computeFor(db, period);
  progress(1, 2, 'Calcul de la période précédente');
  const previous = await computeFor(db, previousPeriod(period));
  progress(2, 2, 'Indicateurs prêts');
  return { current, previous };
}

export async function computeAsp(db: AppDb, period: StatsPeriod, progress: Progress = silent): Promise<{ report: AspReport; csv: string }> {
  progress(0, 1, 'Préparation du rapport ASP');
  const report = computeAspReport(await loadStatsRecords(db, periodRange(period)), period);
  progress(1, 1, 'Rapport ASP prêt');
  return { report, csv: aspReportCsv(report) };
}
