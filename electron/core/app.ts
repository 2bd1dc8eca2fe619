import packageJson from '../../package.json' with { type: 'json' };
import { BackupScheduler } from './backup/scheduler';
import { BackupService, backupBeforeMigration } from './backup/service';
import { systemClock, randomIds, type Clock, type IdSource } from './clock';
import { createHandlers } from './handlers/index';
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import { DEFAULT_WORKER_SCRIPT, JobRunner } from './jobs/runner';
import type { ServiceContext } from './services/context';
import { forgetPreviewedImport } from './services/imports';
import type { ScryptParams } from './vault/keyfile';
import { Vault } from './vault/vault';

export interface CoreOptions {
  databaseFile: string;
  host: 'electron' | 'browser-host';
  clock?: Clock;
  ids?: IdSource;
  /** Lower key-derivation cost, for tests only. */
  kdf?: ScryptParams;
  logError?: (method: string, error: unknown) => void;
  /** Job worker script; defaults to the tsx bootstrap (packaged Electron passes dist/electron/worker.cjs). */
  workerScript?: URL | string;
  /** The daily automatic backup (on by default; tests and one-shot commands may turn it off or speed it up). */
  automaticBackups?: boolean | { firstDelayMs: number; intervalMs: number };
}

export interface Core {
  vault: Vault;
  dispatch: Dispatch;
  ctx: ServiceContext;
  backups: BackupService;
  close(): void;
}

export function appVersion(): string {
  return packageJson.version;
}

/** The Electron-free core: the same object behind Electron's IPC, the browser host, the CLI and the tests. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const vault = new Vault(options.databaseFile, {
    clock,
    ...(options.kdf ? { kdf: options.kdf } : {}),
    beforeMigrate: backupBeforeMigration(options.databaseFile, clock),
  });
  const actor = () => 'cip';
  const jobs = new JobRunner({
    workerScript: options.workerScript ?? DEFAULT_WORKER_SCRIPT,
    access: () => vault.workerAccess(),
    actor,
    now: () => clock.now(),
  });
  // A worker kept for the next job holds no key, but it is stopped as soon as the store is locked; the rows of a
  // previewed import (names, birth dates) are not kept in memory past the lock either.
  vault.on('locked', () => {
    jobs.releaseIdle();
    forgetPreviewedImport();
  });
  const ctx: ServiceContext = {
    db: () => vault.store().db,
    clock,
    ids: options.ids ?? randomIds,
    actor,
    jobs,
  };
  const logError = options.logError ?? ((method: string, error: unknown) => console.error(`[jalons] ${method}:`, error));
  const backups = new BackupService({ vault, ctx, logError });
  const schedule = options.automaticBackups ?? true;
  const scheduler = new BackupScheduler({
    firstDelayMs: typeof schedule === 'object' ? schedule.firstDelayMs : 30_000,
    intervalMs: typeof schedule === 'object' ? schedule.intervalMs : 60 * 60_000,
    run: () => backups.autoBackupIfDue(),
    logError: (error) => logError('backups.auto', error),
  });
  if (schedule !== false) {
    vault.on('unlocked', () => scheduler.start());
    vault.on('locked', () => scheduler.stop());
  }
  const handlers = createHandlers({ vault, ctx, host: options.host, version: appVersion(), backups });
  const dispatch = createDispatcher(handlers, {
    isUnlocked: () => vault.isUnlocked,
    logError,
    onStorageFailure: (failure) => vault.degrade(failure === 'DISK_FULL' ? 'disk-full' : 'read-only'),
    storageState: () => vault.storage,
  });
  return {
    vault,
    dispatch,
    ctx,
    backups,
    close: () => {
      scheduler.stop();
      vault.lock();
      jobs.releaseIdle();
    },
  };
}
