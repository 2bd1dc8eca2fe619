import type { BackupKind } from '../../../shared/ipc/backups';
import { registerJob } from '../jobs/registry';
import { createBackup, type CreatedBackup } from './create';

export interface BackupJobPayload {
  databaseFile: string;
  kind: BackupKind;
  /** ISO time from the main thread's clock (the worker's own clock is the system's). */
  now: string;
  folder?: string;
  target?: string;
}

export type BackupJobResult = Omit<CreatedBackup, 'removed'> & { removed: string[] };

/** Copying and checking a large store takes seconds: done on the worker's own connection (WAL: the UI keeps working). */
registerJob('backup.create', async (ctx, payload): Promise<BackupJobResult> => {
  const job = payload as BackupJobPayload;
  return createBackup({
    db: ctx.store.sqlite,
    databaseFile: job.databaseFile,
    kind: job.kind,
    now: new Date(job.now),
    check: 'full',
    ...(job.folder ? { folder: job.folder } : {}),
    ...(job.target ? { target: job.target } : {}),
    progress: ctx.progress,
  });
});
