import { LATEST_SCHEMA_VERSION } from '../../../migrations/index';
import { AppError } from '../../../shared/ipc/errors';
import { backupsHandlers } from '../backup/handlers';
import type { BackupService } from '../backup/service';
import type { Handlers } from '../ipc/dispatch';
import type { ServiceContext } from '../services/context';
import { createImportHandlers } from './imports';
import { getSettings, updateSettings } from '../services/settings';
import type { Vault } from '../vault/vault';
import { agendaHandlers } from './agenda';
import { dashboardHandlers } from './dashboard';
import { draftsHandlers } from './drafts';
import { entretiensHandlers } from './entretiens';
import { gridsHandlers } from './grids';
import { immersionsHandlers } from './immersions';
import { parcoursHandlers } from './parcours';
import { partnersHandlers } from './partners';
import { referentialsHandlers } from './referentials';
import { rgpdHandlers } from './rgpd';
import { salariesHandlers } from './salaries';
import { statsHandlers } from './stats';
import { structureHandlers } from './structure';
import { syncHandlers, withSyncHooks } from './sync';

export interface HandlerDeps {
  vault: Vault;
  ctx: ServiceContext;
  host: 'electron' | 'browser-host';
  version: string;
  backups: BackupService;
}

/** Thin: maps each contract method to a service call. No SQL and no rules here. */
export function createHandlers({ vault, ctx, host, version, backups }: HandlerDeps): Handlers {
  const sessionStatus = async () => ({
    ...vault.status(),
    autoLockMinutes: vault.isUnlocked ? (await getSettings(ctx.db())).autoLockMinutes : null,
  });
  return withSyncHooks(ctx, {
    'app.info': () => ({ version, schemaVersion: LATEST_SCHEMA_VERSION, databaseFile: vault.databaseFile, host }),
    'session.status': sessionStatus,
    'session.setup': (input) => vault.setup(input.passphrase),
    'session.unlock': async (input) => {
      // A damaged store answers CORRUPT with the backups that can replace it (see backups.restore).
      await backups.unlockOrOfferBackups(() => vault.unlock(input));
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
    ...immersionsHandlers(ctx),
    ...gridsHandlers(ctx),
    ...statsHandlers(ctx),
    ...rgpdHandlers(ctx),
    ...createImportHandlers({ vault, ctx }),
    ...backupsHandlers(backups, sessionStatus),
    ...syncHandlers(ctx, version),
  });
}
