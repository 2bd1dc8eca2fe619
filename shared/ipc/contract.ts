import type { z } from 'zod';
import { agendaContract } from './agenda';
import { appContract } from './app';
import type { MethodSpec } from './define';
import type { Envelope } from './errors';
import { dashboardContract } from './dashboard';
import { draftsContract } from './drafts';
import { entretiensContract } from './entretiens';
import { importsContract } from './imports';
import { jobsContract } from './jobs';
import { parcoursContract } from './parcours';
import { printContract } from './print';
import { partnersContract } from './partners';
import { referentialsContract } from './referentials';
import { salariesContract } from './salaries';
import { sessionContract } from './session';
import { settingsContract } from './settings';
import { structureContract } from './structure';

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
]);

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
