import type { z } from 'zod';
import { agendaContract } from './agenda';
import { appContract } from './app';
import { backupsContract } from './backups';
import type { MethodSpec } from './define';
import type { Envelope } from './errors';
import { dashboardContract } from './dashboard';
import { draftsContract } from './drafts';
import { entretiensContract } from './entretiens';
import { immersionsContract } from './immersions';
import { importsContract } from './imports';
import { jobsContract } from './jobs';
import { parcoursContract } from './parcours';
import { printContract } from './print';
import { partnersContract } from './partners';
import { referentialsContract } from './referentials';
import { rgpdContract } from './rgpd';
import { salariesContract } from './salaries';
import { sessionContract } from './session';
import { settingsContract } from './settings';
import { statsContract } from './stats';
import { structureContract } from './structure';
import { syncContract } from './sync';

/**
 * The single IPC contract: every method the renderer may call, with its zod input and output.
 * Electron's preload, the main-process `handle()`, the browser host and the renderer bridge are all typed from it.
 */
export const contract = {
  ...appContract,
  ...sessionContract,
  ...settingsContract,
  ...structureContract,
  ...salariesContract,
  ...parcoursContract,
  ...dashboardContract,
  ...importsContract,
  ...referentialsContract,
  ...draftsContract,
  ...jobsContract,
  ...entretiensContract,
  ...partnersContract,
  ...agendaContract,
  ...printContract,
  ...backupsContract,
  ...immersionsContract,
  ...statsContract,
  ...syncContract,
  ...rgpdContract,
} as const satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
/** What the caller sends (before zod defaults/transforms). */
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
/** What the handler receives (after parsing). */
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** The renderer-side API: one async function per method, resolving to the envelope. */
export type BridgeApi = { [M in MethodName]: (input: MethodInput<M>) => Promise<Envelope<MethodOutput<M>>> };

/** Methods that work while the store is locked; everything else answers LOCKED. */
export const UNLOCKED_NOT_REQUIRED: ReadonlySet<MethodName> = new Set<MethodName>([
  'app.info',
  'session.status',
  'session.setup',
  'session.unlock',
  'session.lock',
  // A damaged store cannot be unlocked, so restoring must work locked. Both methods still require the passphrase
  // (or recovery code) that opens the chosen backup, count wrong attempts like an unlock, and only ever read
  // backups from the backup folder by file name: being locked does not give access to any data.
  'backups.restore',
  'backups.restoreLatest',
]);

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
