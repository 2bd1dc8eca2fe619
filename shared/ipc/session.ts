import { z } from 'zod';
import { Empty, Nothing, method } from './define';

export const PASSPHRASE_MIN_LENGTH = 10;

const Passphrase = z
  .string()
  .min(PASSPHRASE_MIN_LENGTH, { error: `La phrase de passe doit contenir au moins ${PASSPHRASE_MIN_LENGTH} caractères.` })
  .max(1024, { error: 'La phrase de passe est trop longue (1024 caractères au plus).' });

/** Recovery codes are shown grouped (`ABCD-EFGH-…`); spaces, dashes and case are forgiven on input. */
const RecoveryCode = z
  .string()
  .min(1, { error: 'Saisissez le code de secours.' })
  .max(200, { error: 'Le code de secours est trop long.' });

export const SessionState = z.enum(['setup-required', 'locked', 'unlocked']);
export type SessionState = z.infer<typeof SessionState>;

export const SessionStatus = z.object({
  state: SessionState,
  /** Seconds before another unlock attempt is accepted (growing delay after failures). */
  retryInSeconds: z.number().int().nonnegative(),
  failedAttempts: z.number().int().nonnegative(),
  /** True when the current session was opened with the recovery code: the UI asks for a new passphrase. */
  unlockedWithRecoveryCode: z.boolean(),
  autoLockMinutes: z.number().int().positive().nullable(),
  /**
   * While unlocked: 'ok', or the read-only mode Jalons falls back to after a write failed because the disk is
   * full or the data file cannot be written (reads keep working; writes answer DISK_FULL / READ_ONLY).
   */
  storage: z.enum(['ok', 'read-only', 'disk-full']).optional(),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const sessionContract = {
  'session.status': method(Empty, SessionStatus),
  'session.setup': method(
    z.object({ passphrase: Passphrase }).strict(),
    z.object({ recoveryCode: z.string() }),
  ),
  'session.unlock': method(
    z.union([
      z.object({ passphrase: z.string().min(1, { error: 'Saisissez votre phrase de passe.' }).max(1024) }).strict(),
      z.object({ recoveryCode: RecoveryCode }).strict(),
    ]),
    SessionStatus,
  ),
  'session.lock': method(Empty, Nothing),
  'session.changePassphrase': method(
    z
      .object({
        /** Not required right after a recovery-code unlock. */
        currentPassphrase: z.string().max(1024).optional(),
        newPassphrase: Passphrase,
      })
      .strict(),
    Nothing,
  ),
} as const;
