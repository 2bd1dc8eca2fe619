import type { MethodName } from './contract';

/**
 * The method list without zod, for Electron's sandboxed preload (kept small).
 * `test/shared/ipc/contract.test.ts` checks it equals the contract's keys.
 */
export const METHOD_NAMES = [
  'app.info',
  'session.status',
  'session.setup',
  'session.unlock',
  'session.lock',
  'session.changePassphrase',
  'settings.get',
  'settings.update',
  'salaries.list',
] as const satisfies readonly MethodName[];

/** IPC channel of a method on Electron's ipcMain / ipcRenderer. */
export function channelOf(method: string): string {
  return `jalons:${method}`;
}
