import { AppSettings, DEFAULT_SETTINGS } from '../../../shared/ipc/settings';
import type { AppDb } from '../db/schema';
import { readAllSettings, writeSettings } from '../repositories/settings';
import { appendAudit } from '../repositories/audit';
import type { ServiceContext } from './context';

export async function getSettings(db: AppDb): Promise<AppSettings> {
  const stored = await readAllSettings(db);
  // Unknown or invalid stored values fall back to defaults rather than breaking the app.
  const merged = { ...DEFAULT_SETTINGS, ...stored };
  const parsed = AppSettings.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function updateSettings(ctx: ServiceContext, patch: Partial<AppSettings>): Promise<AppSettings> {
  const db = ctx.db();
  await db.transaction().execute(async (trx) => {
    await writeSettings(trx, patch);
    await appendAudit(trx, {
      at: ctx.clock.now().toISOString(),
      actor: ctx.actor(),
      action: 'settings.update',
      entity: 'setting',
      entityId: null,
      detail: { keys: Object.keys(patch) },
    });
  });
  return getSettings(db);
}
