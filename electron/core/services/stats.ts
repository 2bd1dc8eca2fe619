import { createHash, randomBytes } from 'node:crypto';
import { periodKey, periodLabel, periodRange, previousPeriod, type StatsPeriod } from '../../../shared/indicators/period';
import { AppError } from '../../../shared/ipc/errors';
import type { AspReportView, StatsConfirmation, StatsLocal, StatsPreview } from '../../../shared/ipc/stats';
import { REGION_CODES, SIAE_KINDS, createUuidV7Generator, parseBundle } from '../../../shared/stats/index';
import { appendAudit } from '../repositories/audit';
import { insertBundle, insertPseudonymIfAbsent, latestBundle, readPseudonym } from '../repositories/stats';
import { readStructure } from '../repositories/structure';
import type { ServiceContext } from './context';
import type { AspReport } from '../../../shared/indicators/asp-report';
import type { BuiltBundle, BundleMeta, LocalComputation } from './stats-build';
import { localTables, previewParts, unavailableView } from './stats-views';

/*
 * Federation statistics, main-thread half: reads the structure's metadata, runs the heavy work
 * as 'stats.*' jobs in the worker thread, and stores a confirmed bundle revision. The structure
 * appears in a bundle only under a random pseudonym (never its SIRET or name), its SIAE kind and
 * its region.
 */

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function bundleIds(ctx: ServiceContext): () => string {
  return createUuidV7Generator({ now: () => ctx.clock.now().getTime(), randomBytes: (n) => new Uint8Array(randomBytes(n)) });
}

/** The structure's pseudonymous id, drawn once at random (enrolment with the hub will replace it). */
export async function structurePseudonym(ctx: ServiceContext): Promise<string> {
  const db = ctx.db();
  const existing = await readPseudonym(db);
  if (existing !== null) return existing;
  return db.transaction().execute(async (trx) => {
    const stored = await insertPseudonymIfAbsent(trx, `st_${randomBytes(16).toString('base64url')}`);
    await appendAudit(trx, { at: ctx.clock.now().toISOString(), actor: ctx.actor(), action: 'stats.pseudonym', entity: 'setting', entityId: null, detail: null });
    return stored;
  });
}

async function bundleMeta(ctx: ServiceContext): Promise<BundleMeta> {
  const structure = await readStructure(ctx.db());
  if (structure === null) {
    throw new AppError('VALIDATION', 'Renseignez d’abord votre structure (Paramètres) : son type de SIAE et sa région accompagnent les statistiques.');
  }
  const siaeKind = SIAE_KINDS.find((k) => k === structure.siae_kind);
  if (siaeKind === undefined) throw new AppError('VALIDATION', `Type de SIAE inconnu (${structure.siae_kind}) : corrigez-le dans Paramètres.`);
  const regionCode = REGION_CODES.find((r) => r === structure.region_code);
  if (regionCode === undefined) {
    throw new AppError('VALIDATION', 'Indiquez la région de votre structure dans Paramètres : elle accompagne les statistiques envoyées au siège régional.');
  }
  return { structureId: await structurePseudonym(ctx), siaeKind, regionCode };
}

export async function localStats(ctx: ServiceContext, input: { period: StatsPeriod }): Promise<StatsLocal> {
  const { current, previous } = await ctx.jobs.run<LocalComputation>('stats.local', { period: input.period });
  const ignored = Object.entries(current.ignored).map(([population, count]) => ({ population, count: count ?? 0 }));
  return {
    period: input.period,
    periodLabel: periodLabel(input.period),
    range: periodRange(input.period),
    previousPeriodLabel: periodLabel(previousPeriod(input.period)),
    catalogueVersion: current.catalogueVersion,
    tables: localTables(current, previous),
    unavailable: unavailableView(current),
    ignored,
  };
}

async function build(ctx: ServiceContext, period: StatsPeriod, bundleId: string): Promise<{ built: BuiltBundle; meta: BundleMeta }> {
  const meta = await bundleMeta(ctx);
  const built = await ctx.jobs.run<BuiltBundle>('stats.bundle', { period, meta, bundleId });
  return { built, meta };
}

export async function previewStats(ctx: ServiceContext, input: { period: StatsPeriod }): Promise<StatsPreview> {
  const { built, meta } = await build(ctx, input.period, bundleIds(ctx)());
  const bundle = parseBundle(JSON.parse(built.bundleJson));
  const parts = previewParts(bundle, built.report);
  const storedRevision = built.existing ? built.revision : built.revision - 1;
  return {
    period: input.period,
    periodLabel: periodLabel(input.period),
    bundleId: built.bundleId,
    revision: built.revision,
    existing: built.existing,
    storedRevision: storedRevision > 0 ? storedRevision : null,
    contentDigest: sha256Hex(built.bundleJson),
    bundleJson: built.bundleJson,
    structure: { structureId: meta.structureId, siaeKind: meta.siaeKind, regionCode: meta.regionCode },
    ...parts,
    unavailable: unavailableView(built),
    audit: { laptopPassed: built.report.passed, hubPassed: built.hubAudit.passed, problems: [...built.hubAudit.problems] },
  };
}

/**
 * Stores the previewed bundle as the next revision of its period. The bundle is rebuilt with the
 * previewed id and must give the very bytes that were shown (same digest); otherwise the data
 * changed in between and the user must look at the new preview first. Confirming content that
 * is already stored returns that revision (idempotent).
 */
export async function confirmStats(ctx: ServiceContext, input: { period: StatsPeriod; bundleId: string; contentDigest: string }): Promise<StatsConfirmation> {
  const { built } = await build(ctx, input.period, input.bundleId);
  if (sha256Hex(built.bundleJson) !== input.contentDigest) {
    throw new AppError('CONFLICT', 'Les données ont changé depuis l’aperçu : relancez l’aperçu et vérifiez-le avant de confirmer.');
  }
  if (!built.hubAudit.passed) {
    throw new AppError('INTERNAL', 'Le contrôle du siège régional refuserait ces statistiques : rien n’a été enregistré.');
  }
  const db = ctx.db();
  if (built.existing) {
    const stored = await latestBundle(db, input.period);
    return { bundleId: built.bundleId, revision: built.revision, created: false, createdAt: stored?.created_at ?? '' };
  }
  const createdAt = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const latest = await latestBundle(trx, input.period);
    if ((latest?.revision ?? 0) + 1 !== built.revision) {
      throw new AppError('CONFLICT', 'Une autre révision de cette période vient d’être enregistrée : relancez l’aperçu.');
    }
    await insertBundle(trx, {
      id: built.bundleId,
      period_kind: input.period.kind,
      period_year: input.period.year,
      period_index: input.period.index,
      revision: built.revision,
      catalogue_version: parseBundle(JSON.parse(built.bundleJson)).catalogueVersion,
      canonical_json: built.bundleJson,
      created_at: createdAt,
    });
    await appendAudit(trx, {
      at: createdAt,
      actor: ctx.actor(),
      action: 'stats.confirm',
      entity: 'stats_bundle',
      entityId: built.bundleId,
      detail: { period: periodKey(input.period), revision: built.revision },
    });
  });
  return { bundleId: built.bundleId, revision: built.revision, created: true, createdAt };
}

/** Preview then confirm in one go (command line): the stored revision and what it withheld. */
export async function buildAndStoreBundle(
  ctx: ServiceContext,
  period: StatsPeriod,
): Promise<{ preview: StatsPreview; confirmation: StatsConfirmation }> {
  const preview = await previewStats(ctx, { period });
  const confirmation = await confirmStats(ctx, { period, bundleId: preview.bundleId, contentDigest: preview.contentDigest });
  return { preview, confirmation };
}

export async function aspReport(ctx: ServiceContext, input: { period: StatsPeriod }): Promise<AspReportView> {
  const { report, csv } = await ctx.jobs.run<{ report: AspReport; csv: string }>('stats.asp', { period: input.period });
  // The CSV leaves Jalons through the user's download: logged like every export (counts only, no person).
  await appendAudit(ctx.db(), { at: ctx.clock.now().toISOString(), actor: ctx.actor(), action: 'stats.aspReport', entity: 'stats', entityId: null, detail: { period: periodKey(input.period) } });
  return {
    ...report,
    period: input.period,
    range: { ...report.range },
    profile: report.profile.map((r) => ({ ...r })),
    exitsByCategory: report.exitsByCategory.map((r) => ({ ...r })),
    exitsByMotif: report.exitsByMotif.map((r) => ({ ...r })),
    freins: report.freins.map((g) => ({ ...g, rows: g.rows.map((r) => ({ ...r })) })),
    csv,
    fileName: `rapport-asp-${periodKey(input.period)}.csv`,
  };
}
