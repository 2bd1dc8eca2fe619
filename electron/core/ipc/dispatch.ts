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
import { isSqliteCode } from '../db/open';

/** What a handler must return: the output schema's input type (zod parses it on the way out). */
export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<z.input<Contract[M]['output']>> | z.input<Contract[M]['output']>;
};

export interface DispatchOptions {
  isUnlocked(): boolean;
  /** Where technical details go; they never cross the bridge. */
  logError(method: string, error: unknown): void;
}

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

export function toErrorPayload(method: string, error: unknown, options: Pick<DispatchOptions, 'logError'>): ErrorPayload {
  if (error instanceof AppError) return error.toPayload();
  if (isSqliteCode(error, 'SQLITE_FULL')) {
    options.logError(method, error);
    return {
      code: 'DISK_FULL',
      message: 'Le disque est plein : rien n’a été enregistré. Libérez de la place puis réessayez.',
    };
  }
  if (isSqliteCode(error, 'SQLITE_READONLY') || isSqliteCode(error, 'SQLITE_CANTOPEN')) {
    options.logError(method, error);
    return {
      code: 'READ_ONLY',
      message: 'Le fichier de données est en lecture seule : rien n’a été enregistré. Vous pouvez consulter vos données.',
    };
  }
  options.logError(method, error);
  return {
    code: 'INTERNAL',
    message: 'Une erreur inattendue est survenue ; rien n’a été perdu. Réessayez, et si cela se reproduit, redémarrez Jalons.',
  };
}
