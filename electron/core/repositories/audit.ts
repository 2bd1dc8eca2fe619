import type { AppDb } from '../db/schema';

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail?: Record<string, unknown> | null;
}

/** The only write path to audit_log: inserts, never updates (a trigger refuses updates too). */
export async function appendAudit(db: AppDb, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}
