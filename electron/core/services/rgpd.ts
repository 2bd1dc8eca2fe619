import { addDays, addYears } from '../../../shared/domain/calendar';
import { isConfidentialFreinKind, type FreinKind } from '../../../shared/domain/freins';
import { AppError } from '../../../shared/ipc/errors';
import {
  DEFAULT_RETENTION,
  REVIEW_LIMIT,
  RetentionSettings,
  type RetentionAction,
  type RetentionApplyResult,
  type RetentionItem,
  type RetentionReview,
  type RgpdExport,
  type RgpdSection,
  type RgpdValue,
} from '../../../shared/ipc/rgpd';
import type { RgpdPurgeJob, RgpdPurgeResult } from '../jobs/rgpd-jobs';
import {
  auditOfSalarie,
  entretienChildren,
  entretiensOf,
  existingTables,
  freinActionsOf,
  gridItemsOf,
  immersionChildren,
  immersionsOf,
  listRetentionCandidates,
  organisationNames,
  ratingsOf,
  readSalarieRow,
  readStructureName,
  rowsOfSalarie,
  sortieEmployerName,
  type RetentionCandidate,
  type Row,
  type SalarieTableName,
} from '../repositories/rgpd';
import { checkpointTruncate } from '../repositories/rgpd-purge';
import { readAllSettings, writeSettings } from '../repositories/settings';
import { communeNames } from './communes';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, nowOf, SALARIE_NOT_FOUND, todayOf, validationError } from './parcours';
import { CODE_LABELS, columnLabel, FLAG_COLUMNS } from './rgpd-labels';

/*
 * GDPR rights (access, portability) and retention. Every export is logged with the CIP's choice
 * about confidential notes; retention writes run in the 'rgpd.purge' job (worker thread) and end
 * with a VACUUM so that removed texts leave the database file.
 */

// ── Access / portability ────────────────────────────────────────────────────────

interface SectionOptions {
  confidential?: boolean;
  /** Technical or derived columns left out (e.g. the folded search key). */
  drop?: readonly string[];
}

function toValue(column: string, value: unknown): RgpdValue {
  if (value === null || value === undefined) return null;
  if (FLAG_COLUMNS.has(column) && (value === 0 || value === 1)) return value === 1;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  return String(value);
}

/** Rows as stored, flags as booleans, and a French « (libellé) » column after each coded column. */
export function buildSection(key: string, title: string, rows: readonly Row[], options: SectionOptions = {}): RgpdSection {
  const drop = new Set(options.drop ?? []);
  const codes = CODE_LABELS[key] ?? {};
  const columns: RgpdSection['columns'] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const column of Object.keys(row)) {
      if (drop.has(column) || seen.has(column)) continue;
      seen.add(column);
      columns.push({ key: column, label: columnLabel(column) });
      if (codes[column]) columns.push({ key: `${column}_libelle`, label: `${columnLabel(column)} (libellé)` });
    }
  }
  return {
    key,
    title,
    confidential: options.confidential ?? false,
    columns,
    rows: rows.map((row) => {
      const out: Record<string, RgpdValue> = {};
      for (const [column, raw] of Object.entries(row)) {
        if (drop.has(column)) continue;
        out[column] = toValue(column, raw);
        const labeller = codes[column];
        if (labeller) out[`${column}_libelle`] = typeof raw === 'string' ? (labeller(raw) ?? raw) : null;
      }
      return out;
    }),
  };
}

const SALARIE_SECTIONS: ReadonlyArray<{ table: SalarieTableName; title: string }> = [
  { table: 'situation', title: 'Situation à l’entrée' },
  { table: 'pass_iae', title: 'PASS IAE' },
  { table: 'pass_iae_suspension', title: 'PASS IAE — suspensions' },
  { table: 'pass_iae_prolongation', title: 'PASS IAE — prolongations' },
  { table: 'contract', title: 'Contrats' },
  { table: 'projet', title: 'Projet professionnel' },
  { table: 'projet_target', title: 'Projet professionnel — métiers visés' },
  { table: 'formation', title: 'Formations' },
  { table: 'sortie', title: 'Sortie' },
  { table: 'sortie_follow_up', title: 'Suivi après la sortie' },
  { table: 'action', title: 'Actions' },
];

const OTHER_PARTICIPANT = 'Autre participant·e (masqué)';

/**
 * Everything the laptop holds about one salarié, as a JSON-ready object the renderer also prints.
 * Confidential texts (note, précisions of health / justice / séjour freins, entretien and immersion
 * notes) only with `includeConfidential`; the export and that choice are logged.
 */
export async function exportSalarie(ctx: ServiceContext, input: { salarieId: string; includeConfidential: boolean }): Promise<RgpdExport> {
  const db = ctx.db();
  const id = input.salarieId;
  const withNotes = input.includeConfidential;
  const salarie = await readSalarieRow(db, id);
  if (!salarie) throw notFound(SALARIE_NOT_FOUND);

  const sections: RgpdSection[] = [];
  const notices: string[] = [
    'Ce document rassemble toutes les informations que Jalons conserve sur cet ordinateur à propos de la personne (droit d’accès, article 15 du RGPD). Le fichier JSON joint contient les mêmes données dans un format réutilisable (droit à la portabilité, article 20).',
  ];

  const commune = typeof salarie.commune_insee === 'string' ? ((await communeNames([salarie.commune_insee])).get(salarie.commune_insee) ?? null) : null;
  const identity: Row = { ...salarie, commune_name: commune };
  if (!withNotes) delete identity.confidential_note;
  sections.push(
    buildSection('identite', 'Identité et coordonnées', [identity], {
      confidential: withNotes && salarie.confidential_note !== null,
      drop: ['search_key'],
    }),
  );

  for (const { table, title } of SALARIE_SECTIONS) {
    let rows = await rowsOfSalarie(db, table, id);
    if (table === 'sortie' && rows.length > 0) {
      const employer = await sortieEmployerName(db, id);
      rows = rows.map((r) => ({ ...r, employer_name: employer }));
    }
    sections.push(buildSection(table, title, rows));
    if (table === 'contract') {
      // Freins right after the contracts, as on the fiche.
      const freins = await rowsOfSalarie(db, 'frein', id);
      const confidentialFreins = new Set(freins.filter((f) => isConfidentialFreinKind(f.kind as FreinKind)).map((f) => String(f.id)));
      const hidden = (freinId: unknown) => !withNotes && confidentialFreins.has(String(freinId));
      const shown = withNotes && confidentialFreins.size > 0;
      sections.push(buildSection('frein', 'Freins périphériques', freins.map((f) => (hidden(f.id) ? { ...f, details: null } : f)), { confidential: shown }));
      const actions = await freinActionsOf(db, id);
      sections.push(
        buildSection('frein_action', 'Freins — actions menées', actions.map((a) => (hidden(a.frein_id) ? { ...a, note: null } : a)), { confidential: shown }),
      );
    }
  }

  // Entretiens: their own and collective ones in full; another salarié's entretien only as a date.
  // Notes only of their own entretiens: those of a collective session may be about the others.
  const entretiens = await entretiensOf(db, id);
  const ownIds = entretiens.filter((e) => e.salarie_id === id || e.salarie_id === null).map((e) => String(e.id));
  const own = new Set(ownIds);
  const entretienRows = entretiens.map((e) => {
    if (!own.has(String(e.id))) {
      return { ...e, salarie_id: null, title: null, place_detail: null, decisions: null, notes: null, missed_reason: null, link_type: null, link_id: null };
    }
    return withNotes && e.salarie_id === id ? e : { ...e, notes: null };
  });
  sections.push(buildSection('entretien', 'Entretiens', entretienRows, { confidential: entretienRows.some((e) => e.notes !== null) }));
  const allIds = entretiens.map((e) => String(e.id));
  const participants = (await entretienChildren(db, 'entretien_participant', allIds))
    .filter((p) => own.has(String(p.entretien_id)) || p.salarie_id === id)
    .map((p) => (p.salarie_id !== null && p.salarie_id !== id ? { ...p, salarie_id: null, display_name: OTHER_PARTICIPANT } : p));
  sections.push(buildSection('entretien_participant', 'Entretiens — participants', participants));
  sections.push(buildSection('entretien_objective', 'Entretiens — objectifs', await entretienChildren(db, 'entretien_objective', ownIds)));
  sections.push(buildSection('entretien_document', 'Entretiens — documents', await entretienChildren(db, 'entretien_document', ownIds)));
  sections.push(buildSection('entretien_frein', 'Entretiens — freins abordés', await entretienChildren(db, 'entretien_frein', ownIds)));
  if (participants.some((p) => p.display_name === OTHER_PARTICIPANT)) {
    notices.push('Les noms des autres salariés présents aux entretiens collectifs sont masqués : ce sont leurs données, pas celles de la personne.');
  }

  const immersionTables = await existingTables(db, ['immersion', 'immersion_step', 'immersion_grid', 'immersion_grid_item', 'immersion_evaluation', 'immersion_rating', 'immersion_bilan']);
  if (immersionTables.has('immersion')) {
    const immersions = await immersionsOf(db, id);
    const hosts = await organisationNames(
      db,
      immersions.map((i) => i.host_organisation_id).filter((v): v is string => typeof v === 'string'),
    );
    sections.push(
      buildSection(
        'immersion',
        'Immersions (PMSMP)',
        immersions.map((i) => ({ ...i, host_name: typeof i.host_organisation_id === 'string' ? (hosts.get(i.host_organisation_id) ?? null) : null, ...(withNotes ? {} : { notes: null }) })),
        { confidential: withNotes && immersions.some((i) => i.notes !== null) },
      ),
    );
    const immersionIds = immersions.map((i) => String(i.id));
    if (immersionTables.has('immersion_step')) sections.push(buildSection('immersion_step', 'Immersions — étapes', await immersionChildren(db, 'immersion_step', immersionIds)));
    if (immersionTables.has('immersion_grid')) {
      const grids = await immersionChildren(db, 'immersion_grid', immersionIds);
      sections.push(buildSection('immersion_grid', 'Immersions — grilles d’évaluation', grids));
      if (immersionTables.has('immersion_grid_item')) {
        sections.push(buildSection('immersion_grid_item', 'Immersions — items des grilles', await gridItemsOf(db, grids.map((g) => String(g.id)))));
      }
    }
    if (immersionTables.has('immersion_evaluation')) {
      const evaluations = await immersionChildren(db, 'immersion_evaluation', immersionIds);
      sections.push(buildSection('immersion_evaluation', 'Immersions — évaluations', evaluations));
      if (immersionTables.has('immersion_rating')) {
        sections.push(buildSection('immersion_rating', 'Immersions — appréciations', await ratingsOf(db, evaluations.map((e) => String(e.id)))));
      }
    }
    if (immersionTables.has('immersion_bilan')) sections.push(buildSection('immersion_bilan', 'Immersions — bilans', await immersionChildren(db, 'immersion_bilan', immersionIds)));
  }

  sections.push(buildSection('journal', 'Journal des opérations sur le dossier', await auditOfSalarie(db, id)));
  notices.push(
    withNotes
      ? 'Les notes confidentielles sont incluses, à la demande de la conseillère ou du conseiller. Cette consultation est enregistrée dans le journal.'
      : 'Les notes confidentielles (note du dossier, précisions des freins de santé, de justice ou de droit au séjour, notes des entretiens et des immersions) ne sont pas incluses.',
    'Les index de recherche calculés à partir du nom ne sont pas repris : ils ne contiennent rien d’autre que le nom.',
  );

  await inTransaction(ctx, (tx) =>
    audit(tx, ctx, 'rgpd.export', 'salarie', id, { salarieId: id, includeConfidential: withNotes, sections: sections.length }),
  );

  return {
    format: 'jalons.rgpd-export',
    version: 1,
    generatedAt: nowOf(ctx),
    structureName: await readStructureName(db),
    salarie: { id, lastName: String(salarie.last_name), firstName: String(salarie.first_name) },
    includeConfidential: withNotes,
    notices,
    sections,
  };
}

// ── Retention settings ──────────────────────────────────────────────────────────

export const RETENTION_SETTING = 'rgpd.retention';

export async function getRetention(ctx: ServiceContext): Promise<RetentionSettings> {
  const stored = (await readAllSettings(ctx.db()))[RETENTION_SETTING];
  const merged = { ...DEFAULT_RETENTION, ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  // A stored value that no longer validates falls back to the defaults rather than breaking the review.
  const parsed = RetentionSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_RETENTION;
}

export async function saveRetention(ctx: ServiceContext, patch: Partial<RetentionSettings>): Promise<RetentionSettings> {
  const next = { ...(await getRetention(ctx)), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  await inTransaction(ctx, async (db) => {
    await writeSettings(db, { [RETENTION_SETTING]: next });
    await audit(db, ctx, 'rgpd.saveRetention', 'setting', RETENTION_SETTING, { keys: Object.keys(patch) });
  });
  return getRetention(ctx);
}

// ── Retention review ────────────────────────────────────────────────────────────

function displayName(row: Pick<RetentionCandidate, 'last_name' | 'first_name'>): string {
  return `${row.last_name.toUpperCase()} ${row.first_name}`.trim();
}

/** The rule that applies to a candidate (deletion first, then the exit, inactivity, notes). */
function itemOf(row: RetentionCandidate, settings: RetentionSettings, cutoffs: { exit: string; notes: string; inactive: string }): RetentionItem | null {
  const base = { salarieId: row.id, name: displayName(row) };
  if (row.deleted_at !== null) {
    const since = row.deleted_at.slice(0, 10);
    return { ...base, reason: 'deleted', since, dueDate: addDays(since, settings.deletedPurgeDays), proposed: 'purge', allowed: ['purge'] };
  }
  if (row.exit_date !== null && row.exit_date <= cutoffs.exit && row.anonymised === 0) {
    const since = row.exit_date;
    return { ...base, reason: 'exit', since, dueDate: addYears(since, settings.anonymiseAfterExitYears), proposed: 'anonymise', allowed: ['anonymise', 'purge'] };
  }
  if (row.exit_date === null && row.last_activity <= cutoffs.inactive && row.anonymised === 0) {
    const since = row.last_activity;
    return { ...base, reason: 'inactive', since, dueDate: addYears(since, settings.inactiveYears), proposed: 'anonymise', allowed: ['anonymise', 'purge'] };
  }
  if (row.exit_date !== null && row.exit_date <= cutoffs.notes && row.has_notes === 1) {
    const since = row.exit_date;
    return { ...base, reason: 'notes', since, dueDate: addYears(since, settings.notesAfterExitYears), proposed: 'clearNotes', allowed: ['clearNotes'] };
  }
  return null;
}

async function dueItems(ctx: ServiceContext): Promise<{ settings: RetentionSettings; today: string; items: Array<RetentionItem & { birthDate: string | null }> }> {
  const settings = await getRetention(ctx);
  const today = todayOf(ctx);
  const now = ctx.clock.now().getTime();
  const cutoffs = {
    exit: addYears(today, -settings.anonymiseAfterExitYears),
    notes: addYears(today, -settings.notesAfterExitYears),
    inactive: addYears(today, -settings.inactiveYears),
  };
  const rows = await listRetentionCandidates(ctx.db(), {
    deletedBefore: new Date(now - settings.deletedPurgeDays * 86_400_000).toISOString(),
    exitOnOrBefore: cutoffs.exit,
    notesExitOnOrBefore: cutoffs.notes,
    inactiveOnOrBefore: cutoffs.inactive,
  });
  const items = rows.flatMap((row) => {
    const item = itemOf(row, settings, cutoffs);
    return item ? [{ ...item, birthDate: row.birth_date }] : [];
  });
  return { settings, today, items };
}

export async function reviewRetention(ctx: ServiceContext): Promise<RetentionReview> {
  const { settings, today, items } = await dueItems(ctx);
  return {
    settings,
    today,
    total: items.length,
    items: items.slice(0, REVIEW_LIMIT).map(({ birthDate: _birthDate, ...item }) => item),
  };
}

/**
 * Applies the user's confirmed choices. Each file must still be due and the action one the review
 * allows for it (a stale screen cannot purge a file that was restored or reopened meanwhile).
 */
export async function applyRetention(ctx: ServiceContext, input: { items: ReadonlyArray<{ salarieId: string; action: RetentionAction }> }): Promise<RetentionApplyResult> {
  const ids = input.items.map((i) => i.salarieId);
  if (new Set(ids).size !== ids.length) throw validationError('Un même dossier est choisi deux fois : actualisez la liste puis recommencez.');
  const due = new Map((await dueItems(ctx)).items.map((item) => [item.salarieId, item]));
  const job: RgpdPurgeJob = { at: nowOf(ctx), purge: [], anonymise: [], clearNotes: [] };
  for (const choice of input.items) {
    const item = due.get(choice.salarieId);
    if (!item || !item.allowed.includes(choice.action)) {
      throw new AppError('CONFLICT', 'Certains dossiers ne sont plus à traiter ou pas de cette façon (fiche restaurée, sortie modifiée…) : actualisez la liste puis recommencez.');
    }
    if (choice.action === 'purge') job.purge.push({ salarieId: item.salarieId, reason: item.reason });
    else if (choice.action === 'anonymise') job.anonymise.push({ salarieId: item.salarieId, reason: item.reason, birthDate: item.birthDate });
    else job.clearNotes.push({ salarieId: item.salarieId });
  }
  const result = await ctx.jobs.run<RgpdPurgeResult>('rgpd.purge', job);
  // The worker's checkpoint can find this connection reading; once it is done, truncate the WAL from here too.
  const walCleared = await checkpointTruncate(ctx.db());
  return { purged: result.purged, anonymised: result.anonymised, notesCleared: result.notesCleared, compacted: result.compacted || walCleared };
}
