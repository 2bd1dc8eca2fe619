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
    // quick_check, not integrity_check: every page of the copy is still read, its HMAC (SQLCipher) verified with
    // the store's key and every b-tree walked, which catches what can go wrong with a copy (truncation, I/O or
    // media errors, another key, a clear file). What integrity_check adds — every index entry looked up against
    // its row — concerns the SOURCE's logic, which VACUUM INTO copies as is, and cost more than the copy itself
    // (440 MB store: copy 4.7 s of CPU, integrity_check 5.6 s, quick_check 2.6 s). `jalons check` still runs the
    // full integrity_check on demand.
    check: 'quick',
    ...(job.folder ? { folder: job.folder } : {}),
    ...(job.target ? { target: job.target } : {}),
    progress: ctx.progress,
  });
});
