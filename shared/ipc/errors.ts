import type { BackupInfo } from './backups';

/** Stable error codes that cross the bridge; the message is always French and user-facing. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_METHOD',
  'LOCKED',
  'ALREADY_SET_UP',
  'NOT_SET_UP',
  'WRONG_PASSPHRASE',
  'RATE_LIMITED',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'DISK_FULL',
  'READ_ONLY',
  'CORRUPT',
  'TOO_NEW',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `identity.birthDate`. */
  path: string;
  message: string;
}

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  /** Seconds to wait before retrying (RATE_LIMITED). */
  retryInSeconds?: number;
  /** CORRUPT at unlock: the backups that can be restored instead, newest first. */
  backups?: BackupInfo[];
}

/** A business error thrown by services; `dispatch` turns it into an `{ok: false}` envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;
  readonly retryInSeconds: number | undefined;
  readonly backups: BackupInfo[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { issues?: FieldIssue[]; retryInSeconds?: number; backups?: BackupInfo[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = extra.issues;
    this.retryInSeconds = extra.retryInSeconds;
    this.backups = extra.backups;
  }

  toPayload(): ErrorPayload {
    const payload: ErrorPayload = { code: this.code, message: this.message };
    if (this.issues) payload.issues = this.issues;
    if (this.retryInSeconds !== undefined) payload.retryInSeconds = this.retryInSeconds;
    if (this.backups) payload.backups = this.backups;
    return payload;
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };
