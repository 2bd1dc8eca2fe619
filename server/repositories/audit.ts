import type { Kysely, Selectable } from 'kysely';
import type { HubDB } from '../db/schema';

export interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly entityId: string;
  /** Identifiers and codes only — never figures or personal data. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

export type AuditRow = Selectable<HubDB['audit_log']>;

export async function appendAudit(db: Kysely<HubDB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

export async function listAudit(db: Kysely<HubDB>, filter: { action?: string; entityId?: string } = {}): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.entityId !== undefined) q = q.where('entity_id', '=', filter.entityId);
  return q.orderBy('id').execute();
}
