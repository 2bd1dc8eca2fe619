import { LATEST_SCHEMA_VERSION } from '../../../migrations/index';
import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { listCaseload } from '../services/salaries';
import { getSettings, updateSettings } from '../services/settings';
import type { Vault } from '../vault/vault';

export interface HandlerDeps {
  vault: Vault;
  ctx: ServiceContext;
  host: 'electron' | 'browser-host';
  version: string;
}

/** Thin: maps each contract method to a service call. No SQL and no rules here. */
export function createHandlers({ vault, ctx, host, version }: HandlerDeps): Handlers {
  const sessionStatus = async () => ({
    ...vault.status(),
    autoLockMinutes: vault.isUnlocked ? (await getSettings(ctx.db())).autoLockMinutes : null,
  });
  return {
    'app.info': () => ({ version, schemaVersion: LATEST_SCHEMA_VERSION, databaseFile: vault.databaseFile, host }),
    'session.status': sessionStatus,
    'session.setup': (input) => vault.setup(input.passphrase),
    'session.unlock': async (input) => {
      await vault.unlock(input);
      return sessionStatus();
    },
    'session.lock': () => {
      vault.lock();
      return null;
    },
    'session.changePassphrase': async (input) => {
      await vault.changePassphrase(input.currentPassphrase, input.newPassphrase);
      return null;
    },
    'settings.get': () => getSettings(ctx.db()),
    'settings.update': (input) => updateSettings(ctx, input),
    'salaries.list': (input) => listCaseload(ctx, input),
  };
}
