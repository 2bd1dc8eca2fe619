import packageJson from '../../package.json' with { type: 'json' };
import { systemClock, randomIds, type Clock, type IdSource } from './clock';
import { createHandlers } from './handlers/index';
import { createDispatcher, type Dispatch } from './ipc/dispatch';
import { DEFAULT_WORKER_SCRIPT, JobRunner } from './jobs/runner';
import type { ServiceContext } from './services/context';
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
}

export interface Core {
  vault: Vault;
  dispatch: Dispatch;
  ctx: ServiceContext;
  close(): void;
}

export function appVersion(): string {
  return packageJson.version;
}

/** The Electron-free core: the same object behind Electron's IPC, the browser host, the CLI and the tests. */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const vault = new Vault(options.databaseFile, { clock, ...(options.kdf ? { kdf: options.kdf } : {}) });
  const actor = () => 'cip';
  const jobs = new JobRunner({
    workerScript: options.workerScript ?? DEFAULT_WORKER_SCRIPT,
    access: () => vault.workerAccess(),
    actor,
    now: () => clock.now(),
  });
  const ctx: ServiceContext = {
    db: () => vault.store().db,
    clock,
    ids: options.ids ?? randomIds,
    actor,
    jobs,
  };
  const handlers = createHandlers({ vault, ctx, host: options.host, version: appVersion() });
  const dispatch = createDispatcher(handlers, {
    isUnlocked: () => vault.isUnlocked,
    logError: options.logError ?? ((method, error) => console.error(`[jalons] ${method}:`, error)),
  });
  return { vault, dispatch, ctx, close: () => vault.lock() };
}
