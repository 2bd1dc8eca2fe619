import { addDays } from '../../../shared/domain/calendar';
import type { AuditPage } from '../../../shared/ipc/rgpd';
import { auditActionCodes, listAudit } from '../repositories/rgpd';
import type { ServiceContext } from './context';

/*
 * The audit log viewer. Read only: no service updates or deletes the log (a trigger refuses updates,
 * and the purge keeps its rows, which hold ids and field names only).
 */

/** Start of a local calendar day as the UTC instant the log stores (`at` is an ISO timestamp). */
function startOfLocalDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const local = new Date(0);
  // setFullYear, not the constructor: years 0–99 must not become 1900–1999.
  local.setFullYear(y!, m! - 1, d!);
  local.setHours(0, 0, 0, 0);
  return local.toISOString();
}

/** Exclusive upper bound: the start of the next day (none after the last representable day). */
function endOfLocalDay(date: string): string | null {
  return date >= '9999-12-31' ? null : startOfLocalDay(addDays(date, 1));
}

export async function listAuditLog(
  ctx: ServiceContext,
  query: { action: string | null; from: string | null; to: string | null; salarieId: string | null; offset: number; limit: number },
): Promise<AuditPage> {
  const db = ctx.db();
  const { total, rows } = await listAudit(db, {
    action: query.action,
    fromAt: query.from === null ? null : startOfLocalDay(query.from),
    toAt: query.to === null ? null : endOfLocalDay(query.to),
    salarieId: query.salarieId,
    offset: query.offset,
    limit: query.limit,
  });
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      salarieId: r.salarie_id,
      salarieName: r.last_name === null ? null : `${r.last_name.toUpperCase()} ${r.first_name ?? ''}`.trim(),
      detail: r.detail,
    })),
    actions: await auditActionCodes(db),
  };
}
