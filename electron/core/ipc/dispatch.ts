import type { z } from 'zod';
import {
  UNLOCKED_NOT_REQUIRED,
  contract,
  isMethodName,
  type Contract,
  type MethodName,
  type ParsedInput,
} from '../../../shared/ipc/contract';
import { AppError, type Envelope, type ErrorPayload, type FieldIssue } from '../../../shared/ipc/errors';

/** What a handler must return: the output schema's input type (zod parses it on the way out). */
export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<z.input<Contract[M]['output']>> | z.input<Contract[M]['output']>;
};

export interface DispatchOptions {
  isUnlocked(): boolean;
  /** Where technical details go; they never cross the bridge. */
  logError(method: string, error: unknown): void;
  /** A write of the store failed for lack of space or permission: the vault switches to read-only. */
  onStorageFailure?(failure: StorageFailure): void;
  /** The vault's storage mode, so a write refused in read-only mode gets the message of its cause. */
  storageState?(): 'ok' | 'read-only' | 'disk-full';
}

export type StorageFailure = 'DISK_FULL' | 'READ_ONLY';

function codeOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

/**
 * SQLite's own codes only (better-sqlite3 reports extended codes such as SQLITE_READONLY_DIRECTORY): an EACCES
 * from some export file must not put the whole store in read-only mode.
 */
export function storageFailureOf(error: unknown): StorageFailure | null {
  const code = codeOf(error);
  if (code === 'SQLITE_FULL') return 'DISK_FULL';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') return 'READ_ONLY';
  return null;
}

export const DISK_FULL_MESSAGE =
  'Le disque est plein : rien n’a été enregistré. Vous pouvez continuer à consulter vos données ; libérez de la place, puis verrouillez et rouvrez Jalons pour reprendre la saisie.';
export const READ_ONLY_MESSAGE =
  'Le fichier de données est en lecture seule : rien n’a été enregistré. Vous pouvez consulter vos données ; pour reprendre la saisie, rendez le fichier modifiable, puis verrouillez et rouvrez Jalons.';

export type Dispatch = (method: string, rawInput: unknown) => Promise<Envelope<unknown>>;

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * The transport-neutral half of `handle()`: used by Electron's ipcMain and by the browser host alike.
 * Unknown method → error; input parsed with zod; LOCKED unless the method works locked;
 * the service's answer parsed against the output schema; every failure becomes a French envelope.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions): Dispatch {
  return async (method, rawInput) => {
    if (!isMethodName(method)) {
      return failure({ code: 'UNKNOWN_METHOD', message: 'Cette opération n’existe pas dans cette version de Jalons.' });
    }
    const spec = contract[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = issuesFromZod(parsed.error);
      return failure({
        code: 'VALIDATION',
        message: issues.length === 1 ? issues[0]!.message : 'Certains champs sont à corriger.',
        issues,
      });
    }
    if (!UNLOCKED_NOT_REQUIRED.has(method) && !options.isUnlocked()) {
      return failure({ code: 'LOCKED', message: 'Jalons est verrouillé. Déverrouillez-le pour continuer.' });
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const value = spec.output.parse(await handler(parsed.data));
      return { ok: true, value };
    } catch (error) {
      return failure(toErrorPayload(method, error, options));
    }
  };
}

function failure(error: ErrorPayload): Envelope<never> {
  return { ok: false, error };
}

export function toErrorPayload(
  method: string,
  error: unknown,
  options: Pick<DispatchOptions, 'logError' | 'onStorageFailure' | 'storageState'>,
): ErrorPayload {
  if (error instanceof AppError) return error.toPayload();
  const failure = storageFailureOf(error);
  if (failure) {
    options.logError(method, error);
    options.onStorageFailure?.(failure);
    // In read-only mode every write is refused as SQLITE_READONLY: answer with the mode's real cause.
    const cause = options.storageState?.() === 'disk-full' ? 'DISK_FULL' : failure;
    return cause === 'DISK_FULL' ? { code: 'DISK_FULL', message: DISK_FULL_MESSAGE } : { code: 'READ_ONLY', message: READ_ONLY_MESSAGE };
  }
  if (codeOf(error) === 'ENOSPC') {
    options.logError(method, error);
    return { code: 'DISK_FULL', message: 'Le disque est plein : l’opération n’a pas pu aboutir. Libérez de la place puis réessayez.' };
  }
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(codeOf(error))) {
    options.logError(method, error);
    return {
      code: 'CORRUPT',
      message: 'La base de données est endommagée. Verrouillez Jalons puis rouvrez-le : il vous proposera de restaurer la dernière sauvegarde.',
    };
  }
  options.logError(method, error);
  return {
    code: 'INTERNAL',
    message: 'Une erreur inattendue est survenue ; rien n’a été perdu. Réessayez, et si cela se reproduit, redémarrez Jalons.',
  };
}
