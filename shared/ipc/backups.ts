import { z } from 'zod';
import { Empty, method } from './define';
import { SessionStatus } from './session';

/** Why a backup was made: the daily automatic one, « Sauvegarder maintenant », or just before a schema update. */
export const BackupKind = z.enum(['auto', 'manuelle', 'avant-migration']);
export type BackupKind = z.infer<typeof BackupKind>;

export const BackupInfo = z.object({
  /** File name inside the backup folder: the only way the renderer names a backup (never a path). */
  file: z.string(),
  createdAt: z.string(),
  kind: BackupKind,
  sizeBytes: z.number().int().nonnegative(),
  /** The copy of the key file made with it: restorable with the passphrase (or recovery code) of that day. */
  hasKeyFile: z.boolean(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

export const BackupsOverview = z.object({
  folder: z.string(),
  /** True when the user has not chosen a folder (`sauvegardes` beside the data file). */
  isDefaultFolder: z.boolean(),
  lastBackupAt: z.string().nullable(),
  /** Newest first. */
  backups: z.array(BackupInfo),
});
export type BackupsOverview = z.infer<typeof BackupsOverview>;

const BackupFileName = z
  .string()
  .min(1, { error: 'Choisissez une sauvegarde dans la liste.' })
  .max(255)
  .refine((s) => !/[\\/]/.test(s) && s !== '.' && s !== '..', { error: 'Choisissez une sauvegarde dans la liste.' });

const Passphrase = z.string().min(1, { error: 'Saisissez votre phrase de passe.' }).max(1024);
const RecoveryCode = z.string().min(1, { error: 'Saisissez le code de secours.' }).max(200);

/** A restore is confirmed with the passphrase (or the recovery code) that opens the backup. */
const RestoreSecret = z.union([
  z.object({ passphrase: Passphrase }).strict(),
  z.object({ recoveryCode: RecoveryCode }).strict(),
]);
const RestoreOne = z.union([
  z.object({ file: BackupFileName, passphrase: Passphrase }).strict(),
  z.object({ file: BackupFileName, recoveryCode: RecoveryCode }).strict(),
]);

export const RestoreResult = z.object({
  restored: BackupInfo,
  /** Where the replaced data file was kept (`<fichier>.avant-restauration-<date>`), if there was one. */
  previousFile: z.string().nullable(),
  /** The backup came with an older key file: from now on, the passphrase of that day opens Jalons. */
  passphraseOfBackup: z.boolean(),
  status: SessionStatus,
});
export type RestoreResult = z.infer<typeof RestoreResult>;

export const backupsContract = {
  'backups.list': method(Empty, BackupsOverview),
  /** Runs in the job worker; the renderer polls `jobs.progress` meanwhile. */
  'backups.create': method(Empty, BackupInfo),
  'backups.setFolder': method(
    z
      .object({
        folder: z
          .string()
          .trim()
          .min(1, { error: 'Indiquez un dossier.' })
          .max(1000, { error: 'Le chemin du dossier est trop long.' }),
      })
      .strict(),
    BackupsOverview,
  ),
  /** Works while locked (a damaged store cannot be unlocked): see UNLOCKED_NOT_REQUIRED. */
  'backups.restore': method(RestoreOne, RestoreResult),
  'backups.restoreLatest': method(RestoreSecret, RestoreResult),
} as const;
