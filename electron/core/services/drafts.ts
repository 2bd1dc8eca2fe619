import { deleteDraft as removeDraft, readDraft, writeDraft } from '../repositories/drafts';
import type { ServiceContext } from './context';
import { nowOf, validationError } from './parcours';

/** Drafts are a convenience, not a document store: refuse anything bigger than a long form. */
export const MAX_DRAFT_BYTES = 200 * 1024;

export async function getDraft(ctx: ServiceContext, key: string): Promise<{ value: unknown; updatedAt: string } | null> {
  const row = await readDraft(ctx.db(), key);
  if (!row) return null;
  try {
    return { value: JSON.parse(row.value) as unknown, updatedAt: row.updated_at };
  } catch {
    // A draft we cannot read is worth nothing: behave as if there were none.
    return null;
  }
}

/** Upsert; not audited (drafts are transient and hold no decision). */
export async function saveDraft(ctx: ServiceContext, key: string, value: unknown): Promise<null> {
  const text = JSON.stringify(value ?? null);
  if (Buffer.byteLength(text, 'utf8') > MAX_DRAFT_BYTES) {
    throw validationError('Ce brouillon est trop volumineux pour être conservé (200 Ko au plus).');
  }
  await writeDraft(ctx.db(), { key, value: text, updated_at: nowOf(ctx) });
  return null;
}

export async function deleteDraft(ctx: ServiceContext, key: string): Promise<null> {
  await removeDraft(ctx.db(), key);
  return null;
}
