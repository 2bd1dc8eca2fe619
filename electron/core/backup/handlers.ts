import type { SessionStatus } from '../../../shared/ipc/session';
import type { Handlers } from '../ipc/dispatch';
import type { BackupService } from './service';

type BackupMethods = 'backups.list' | 'backups.create' | 'backups.setFolder' | 'backups.restore' | 'backups.restoreLatest';

/** Thin: each method maps onto the backup service; a restore answers with the new session status. */
export function backupsHandlers(backups: BackupService, sessionStatus: () => Promise<SessionStatus>): Pick<Handlers, BackupMethods> {
  return {
    'backups.list': () => backups.overview(),
    'backups.create': () => backups.create('manuelle'),
    'backups.setFolder': (input) => backups.setFolder(input.folder),
    'backups.restore': async (input) => ({ ...(await backups.restore(input)), status: await sessionStatus() }),
    'backups.restoreLatest': async (input) => ({ ...(await backups.restoreLatest(input)), status: await sessionStatus() }),
  };
}
