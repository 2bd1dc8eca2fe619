import { appendAudit } from '../repositories/audit';
import { anonymiseSalarie, clearNotes, compactDatabase, enableSecureDelete, purgeSalarie } from '../repositories/rgpd-purge';
import { ANONYMISED_LAST_NAME } from '../repositories/rgpd';
import { searchKeyFor, searchTokensFor } from '../services/salarie-summary';
import { registerJob } from './registry';

/*
 * Retention writes off the main thread: one transaction for every file (with its audit entry,
 * ids only), then VACUUM, which rewrites the whole file and would freeze the UI for seconds on a
 * large store. The service has already checked that each file is due.
 */

export interface RgpdPurgeJob {
  /** Audit timestamp, from the service's clock. */
  at: string;
  purge: Array<{ salarieId: string; reason: string }>;
  anonymise: Array<{ salarieId: string; reason: string; birthDate: string | null }>;
  clearNotes: Array<{ salarieId: string }>;
}

export interface RgpdPurgeResult {
  purged: number;
  anonymised: number;
  notesCleared: number;
  compacted: boolean;
}

/** Mid-year of the birth year: age brackets stay right on average, the exact date is gone. */
export function anonymisedBirthDate(birthDate: string | null): string | null {
  return birthDate && /^\d{4}-/.test(birthDate) ? `${birthDate.slice(0, 4)}-07-01` : null;
}

registerJob('rgpd.purge', async (ctx, payload): Promise<RgpdPurgeResult> => {
  const job = payload as RgpdPurgeJob;
  const total = job.purge.length + job.anonymise.length + job.clearNotes.length;
  const { sqlite, db } = ctx.store;
  enableSecureDelete(sqlite);
  let done = 0;
  const result = { purged: 0, anonymised: 0, notesCleared: 0 };
  ctx.progress(0, total, 'Application des règles de conservation');
  await db.transaction().execute(async (trx) => {
    const log = (action: string, salarieId: string, detail: Record<string, unknown>) =>
      appendAudit(trx, { at: job.at, actor: ctx.actor, action, entity: 'salarie', entityId: salarieId, detail });
    for (const item of job.purge) {
      if (await purgeSalarie(trx, item.salarieId)) {
        await log('rgpd.purge', item.salarieId, { reason: item.reason });
        result.purged += 1;
      }
      ctx.progress(++done, total, 'Application des règles de conservation');
    }
    for (const item of job.anonymise) {
      await anonymiseSalarie(trx, item.salarieId, {
        searchKey: searchKeyFor(ANONYMISED_LAST_NAME, ''),
        tokens: searchTokensFor(ANONYMISED_LAST_NAME, '', null),
        birthDate: anonymisedBirthDate(item.birthDate),
        updatedAt: job.at,
      });
      await log('rgpd.anonymise', item.salarieId, { reason: item.reason });
      result.anonymised += 1;
      ctx.progress(++done, total, 'Application des règles de conservation');
    }
    for (const item of job.clearNotes) {
      await clearNotes(trx, item.salarieId);
      await log('rgpd.clearNotes', item.salarieId, { reason: 'notes' });
      result.notesCleared += 1;
      ctx.progress(++done, total, 'Application des règles de conservation');
    }
  });
  ctx.progress(total, total, 'Compactage du fichier de données');
  const { walCleared } = compactDatabase(sqlite);
  return { ...result, compacted: walCleared };
});
