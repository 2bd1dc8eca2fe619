import {
  findShippedTemplate,
  GridContentSchema,
  SHIPPED_TEMPLATES,
  type GridContent,
  type GridKind,
} from '../../../shared/domain/grid-templates';
import { foldForSearch } from '../../../shared/domain/text';
import { AppError } from '../../../shared/ipc/errors';
import type { MethodOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { GridTemplateSummary, GridTemplateView } from '../../../shared/ipc/immersions';
import type { AppDb } from '../db/schema';
import {
  countGridsFromTemplate,
  currentVersionsOf,
  findTemplate,
  findTemplateVersion,
  insertTemplate,
  insertTemplateVersion,
  listStoredTemplates,
  listTemplateVersions,
  storedTemplateIds,
  updateTemplate,
  type GridTemplateRow,
  type GridTemplateVersionRow,
} from '../repositories/grids';
import type { ServiceContext } from './context';
import { audit, inTransaction, notFound, nowOf } from './parcours';

/*
 * The evaluation grid library. Shipped templates live in code (shared/domain/grid-templates.ts)
 * and are stored under their fixed id only when first edited or used for an immersion; every
 * edit adds an immutable version, so a grid built earlier keeps the wording it was built with.
 */

export const TEMPLATE_NOT_FOUND = 'Ce modèle de grille n’existe pas ou n’est plus disponible.';

interface TemplateRecord {
  id: string;
  name: string;
  kind: GridKind;
  romeCode: string | null;
  romeLabel: string | null;
  origin: 'shipped' | 'user';
  version: number;
  content: GridContent;
  updatedAt: string | null;
  duplicatedFromId: string | null;
}

export function contentOf(version: Pick<GridTemplateVersionRow, 'content'>): GridContent {
  return GridContentSchema.parse(JSON.parse(version.content));
}

function shippedRecord(id: string): TemplateRecord | null {
  const shipped = findShippedTemplate(id);
  if (!shipped) return null;
  return {
    id: shipped.id,
    name: shipped.name,
    kind: shipped.content.kind,
    romeCode: shipped.romeCode,
    romeLabel: shipped.romeLabel,
    origin: 'shipped',
    version: 1,
    content: shipped.content,
    updatedAt: null,
    duplicatedFromId: null,
  };
}

function storedRecord(row: GridTemplateRow, version: GridTemplateVersionRow): TemplateRecord {
  const content = contentOf(version);
  return {
    id: row.id,
    name: row.name,
    kind: content.kind,
    romeCode: row.rome_code,
    romeLabel: row.rome_label,
    origin: row.origin,
    version: row.current_version,
    content,
    updatedAt: row.updated_at,
    duplicatedFromId: row.duplicated_from_id,
  };
}

/** Every template of the library: stored ones, then shipped ones never stored. */
async function loadLibrary(db: AppDb): Promise<TemplateRecord[]> {
  const stored = await listStoredTemplates(db);
  const versions = new Map((await currentVersionsOf(db, stored.map((t) => t.id))).map((v) => [v.template_id, v]));
  const out: TemplateRecord[] = [];
  for (const row of stored) {
    const version = versions.get(row.id);
    if (version) out.push(storedRecord(row, version));
  }
  const storedIds = await storedTemplateIds(db);
  for (const shipped of SHIPPED_TEMPLATES) if (!storedIds.has(shipped.id)) out.push(shippedRecord(shipped.id)!);
  return out;
}

function summary(t: TemplateRecord): GridTemplateSummary {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    romeCode: t.romeCode,
    romeLabel: t.romeLabel,
    origin: t.origin,
    version: t.version,
    itemCount: t.content.items.length,
    updatedAt: t.updatedAt,
  };
}

export async function listTemplates(ctx: ServiceContext, input: ParsedInput<'grids.listTemplates'>): Promise<GridTemplateSummary[]> {
  const words = foldForSearch(input.query).split(/\s+/).filter(Boolean);
  return (await loadLibrary(ctx.db()))
    .filter((t) => input.kind === null || t.kind === input.kind)
    .filter((t) => {
      if (words.length === 0) return true;
      const text = foldForSearch(`${t.name} ${t.romeCode ?? ''} ${t.romeLabel ?? ''}`);
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'satisfaction' ? -1 : 1) || foldForSearch(a.name).localeCompare(foldForSearch(b.name)) || a.id.localeCompare(b.id))
    .map(summary);
}

/** A template of the library (stored or shipped), or null. */
export async function findLibraryTemplate(db: AppDb, id: string): Promise<TemplateRecord | null> {
  const row = await findTemplate(db, id);
  if (row) {
    const version = await findTemplateVersion(db, row.id, row.current_version);
    return version ? storedRecord(row, version) : null;
  }
  return shippedRecord(id);
}

export async function getTemplate(ctx: ServiceContext, input: ParsedInput<'grids.getTemplate'>): Promise<GridTemplateView> {
  const db = ctx.db();
  const current = await findLibraryTemplate(db, input.id);
  if (!current) throw notFound(TEMPLATE_NOT_FOUND);
  const stored = await findTemplate(db, input.id);
  const versions = stored ? await listTemplateVersions(db, input.id) : [];
  let shown = current;
  if (input.version !== null && input.version !== current.version) {
    const version = versions.find((v) => v.version === input.version);
    if (!version) throw notFound('Cette version du modèle n’existe pas.');
    const content = contentOf(version);
    shown = { ...current, name: version.name, romeCode: version.rome_code, romeLabel: version.rome_label, kind: content.kind, content, version: version.version };
  }
  return {
    ...summary(current),
    shownVersion: shown.version,
    name: shown.name,
    kind: shown.kind,
    romeCode: shown.romeCode,
    romeLabel: shown.romeLabel,
    description: shown.content.description,
    scale: shown.content.scale,
    items: shown.content.items,
    versions: stored ? versions.map((v) => ({ version: v.version, name: v.name, createdAt: v.created_at })) : [{ version: 1, name: current.name, createdAt: null }],
    duplicatedFromId: current.duplicatedFromId,
    usedBy: stored ? await countGridsFromTemplate(db, input.id) : 0,
  };
}

/**
 * Stores a shipped template (version 1, its shipped wording) the first time it is edited or used,
 * inside the caller's transaction. Returns the stored row.
 */
export async function materializeTemplate(db: AppDb, ctx: ServiceContext, id: string): Promise<GridTemplateRow> {
  const existing = await findTemplate(db, id);
  if (existing) return existing;
  const shipped = findShippedTemplate(id);
  if (!shipped) throw notFound(TEMPLATE_NOT_FOUND);
  const now = nowOf(ctx);
  const row: GridTemplateRow = {
    id: shipped.id,
    name: shipped.name,
    search_key: foldForSearch(shipped.name),
    kind: shipped.content.kind,
    rome_code: shipped.romeCode,
    rome_label: shipped.romeLabel,
    origin: 'shipped',
    duplicated_from_id: null,
    current_version: 1,
    archived_at: null,
    created_at: now,
    updated_at: now,
  };
  await insertTemplate(db, row);
  await insertTemplateVersion(db, {
    id: ctx.ids.next(),
    template_id: row.id,
    version: 1,
    name: shipped.name,
    rome_code: shipped.romeCode,
    rome_label: shipped.romeLabel,
    content: JSON.stringify(shipped.content),
    created_at: now,
  });
  await audit(db, ctx, 'grids.storeShippedTemplate', 'grid_template', row.id, { version: 1 });
  return row;
}

/** The current version of a template, stored if it was a shipped one (for building an immersion's grid). */
export async function currentVersionForGrid(db: AppDb, ctx: ServiceContext, templateId: string): Promise<{ template: GridTemplateRow; version: GridTemplateVersionRow; content: GridContent }> {
  const template = await materializeTemplate(db, ctx, templateId);
  const version = await findTemplateVersion(db, template.id, template.current_version);
  if (!version) throw notFound(TEMPLATE_NOT_FOUND);
  return { template, version, content: contentOf(version) };
}

type SaveInput = ParsedInput<'grids.saveTemplate'>;

/** Items of the input with a key each: kept when given (and unique), new ones get a fresh key. */
function contentFromInput(ctx: ServiceContext, input: Pick<SaveInput, 'kind' | 'description' | 'scale' | 'items'>): GridContent {
  const seen = new Set<string>();
  const items = input.items.map((item) => {
    let key = item.key;
    if (!key || seen.has(key)) key = `item_${ctx.ids.next()}`;
    seen.add(key);
    return { key, section: item.section, label: item.label };
  });
  return GridContentSchema.parse({ kind: input.kind, description: input.description, scale: input.scale, items });
}

function sameContent(a: GridContent, b: GridContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Creates a template, or adds a version to an existing one (unchanged content adds nothing). */
export async function saveTemplate(ctx: ServiceContext, input: SaveInput): Promise<GridTemplateView> {
  const id = await inTransaction(ctx, async (db) => {
    const now = nowOf(ctx);
    const content = contentFromInput(ctx, input);
    if (input.id) {
      const template = await materializeTemplate(db, ctx, input.id);
      if (input.basedOnVersion !== null && input.basedOnVersion !== template.current_version) {
        throw new AppError(
          'CONFLICT',
          `Ce modèle a été modifié entre-temps (version ${template.current_version}). Rouvrez-le pour repartir de sa dernière version.`,
        );
      }
      const current = await findTemplateVersion(db, template.id, template.current_version);
      if (
        current &&
        sameContent(contentOf(current), content) &&
        current.name === input.name &&
        current.rome_code === input.romeCode &&
        current.rome_label === input.romeLabel
      ) {
        return template.id;
      }
      const version = template.current_version + 1;
      await insertTemplateVersion(db, {
        id: ctx.ids.next(),
        template_id: template.id,
        version,
        name: input.name,
        rome_code: input.romeCode,
        rome_label: input.romeLabel,
        content: JSON.stringify(content),
        created_at: now,
      });
      await updateTemplate(db, template.id, {
        name: input.name,
        search_key: foldForSearch(input.name),
        kind: content.kind,
        rome_code: input.romeCode,
        rome_label: input.romeLabel,
        current_version: version,
        updated_at: now,
      });
      await audit(db, ctx, 'grids.saveTemplate', 'grid_template', template.id, { version, items: content.items.length });
      return template.id;
    }
    const newId = await createTemplate(db, ctx, { name: input.name, romeCode: input.romeCode, romeLabel: input.romeLabel, content, duplicatedFromId: null });
    await audit(db, ctx, 'grids.createTemplate', 'grid_template', newId, { version: 1, items: content.items.length });
    return newId;
  });
  return getTemplate(ctx, { id, version: null });
}

async function createTemplate(
  db: AppDb,
  ctx: ServiceContext,
  t: { name: string; romeCode: string | null; romeLabel: string | null; content: GridContent; duplicatedFromId: string | null },
): Promise<string> {
  const now = nowOf(ctx);
  const id = ctx.ids.next();
  await insertTemplate(db, {
    id,
    name: t.name,
    search_key: foldForSearch(t.name),
    kind: t.content.kind,
    rome_code: t.romeCode,
    rome_label: t.romeLabel,
    origin: 'user',
    duplicated_from_id: t.duplicatedFromId,
    current_version: 1,
    archived_at: null,
    created_at: now,
    updated_at: now,
  });
  await insertTemplateVersion(db, {
    id: ctx.ids.next(),
    template_id: id,
    version: 1,
    name: t.name,
    rome_code: t.romeCode,
    rome_label: t.romeLabel,
    content: JSON.stringify(t.content),
    created_at: now,
  });
  return id;
}

/** A new template (version 1) starting from the current version of another. */
export async function duplicateTemplate(ctx: ServiceContext, input: ParsedInput<'grids.duplicateTemplate'>): Promise<MethodOutput<'grids.duplicateTemplate'>> {
  const id = await inTransaction(ctx, async (db) => {
    const source = await findLibraryTemplate(db, input.id);
    if (!source) throw notFound(TEMPLATE_NOT_FOUND);
    const newId = await createTemplate(db, ctx, {
      name: input.name,
      romeCode: source.romeCode,
      romeLabel: source.romeLabel,
      content: source.content,
      duplicatedFromId: source.id,
    });
    await audit(db, ctx, 'grids.duplicateTemplate', 'grid_template', newId, { fromId: source.id, fromVersion: source.version });
    return newId;
  });
  return getTemplate(ctx, { id, version: null });
}
