import { LATEST_SCHEMA_VERSION } from '../../../migrations/index';
import { AppError } from '../../../shared/ipc/errors';
import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { createImportHandlers } from './imports';
import { getSettings, updateSettings } from '../services/settings';
import type { Vault } from '../vault/vault';
import { agendaHandlers } from './agenda';
import { dashboardHandlers } from './dashboard';
import { draftsHandlers } from './drafts';
import { entretiensHandlers } from './entretiens';
import { parcoursHandlers } from './parcours';
import { partnersHandlers } from './partners';
import { referentialsHandlers } from './referentials';
import { salariesHandlers } from './salaries';
import { structureHandlers } from './structure';

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
    'jobs.progress': () => ctx.jobs.progress(),
    // Electron answers this one in electron/main/print.ts; the browser host prints with the browser itself.
    'print.toPdf': () => {
      throw new AppError('FORBIDDEN', 'Dans le navigateur, utilisez l’impression du navigateur (Ctrl+P) puis « Enregistrer au format PDF ».');
    },
    ...structureHandlers(ctx),
    ...salariesHandlers(ctx),
    ...parcoursHandlers(ctx),
    ...dashboardHandlers(ctx),
    ...referentialsHandlers(ctx),
    ...draftsHandlers(ctx),
    ...entretiensHandlers(ctx),
    ...partnersHandlers(ctx),
    ...agendaHandlers(ctx),
    ...createImportHandlers({ vault, ctx }),
  };
}
