import { accessSync, constants, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { BackupInfo, BackupsOverview } from '../../../shared/ipc/backups';
import { AppError } from '../../../shared/ipc/errors';
import { isoDate, type Clock } from '../clock';
import type { OpenOptions } from '../db/open';
import { appendAudit } from '../repositories/audit';
import type { ServiceContext } from '../services/context';
import type { Vault } from '../vault/vault';
import { asBackupError, createBackup } from './create';
import type { BackupJobPayload, BackupJobResult } from './jobs';
import { listBackups } from './list';
import { backupLocation, saveBackupFolder, type BackupLocation } from './location';
import { pathIn } from './names';
import { restoreBackupFile, wipeKeyCache, type RestoreOutcome, type RestoreSecret } from './restore';

export interface BackupServiceDeps {
  vault: Vault;
  ctx: ServiceContext;
  logError(context: string, error: unknown): void;
}

export interface RestoreSummary {
  restored: BackupInfo;
  previousFile: string | null;
  passphraseOfBackup: boolean;
}

/**
 * Backups of the encrypted store: list, create (in the job worker), choose the folder, restore (also while
 * locked, for a damaged store), and the daily automatic backup. One backup or restore at a time.
 */
export class BackupService {
  readonly #vault: Vault;
  readonly #ctx: ServiceContext;
  readonly #logError: BackupServiceDeps['logError'];
  #queue: Promise<unknown> = Promise.resolve();

  constructor(deps: BackupServiceDeps) {
    this.#vault = deps.vault;
    this.#ctx = deps.ctx;
    this.#logError = deps.logError;
  }

  get #databaseFile(): string {
    return this.#vault.databaseFile;
  }

  location(): BackupLocation {
    return backupLocation(this.#databaseFile);
  }

  list(): BackupInfo[] {
    return listBackups(this.location().folder, this.#databaseFile);
  }

  overview(): BackupsOverview {
    const { folder, isDefault } = this.location();
    const backups = listBackups(folder, this.#databaseFile);
    return { folder, isDefaultFolder: isDefault, lastBackupAt: backups[0]?.createdAt ?? null, backups };
  }

  /** « Sauvegarder maintenant » and the daily backup: copied and verified in the job worker, then rotated. */
  create(kind: 'auto' | 'manuelle'): Promise<BackupInfo> {
    return this.#serial(async () => {
      const payload: BackupJobPayload = {
        databaseFile: this.#databaseFile,
        kind,
        now: this.#ctx.clock.now().toISOString(),
        folder: this.location().folder,
      };
      const result = await this.#ctx.jobs.run<BackupJobResult>('backup.create', payload);
      return result.info;
    });
  }

  /** `jalons backup --out FILE`: one verified copy (with its key file) at an exact place, no rotation. */
  createTo(target: string): Promise<BackupJobResult> {
    return this.#serial(() =>
      this.#ctx.jobs.run<BackupJobResult>('backup.create', {
        databaseFile: this.#databaseFile,
        kind: 'manuelle',
        now: this.#ctx.clock.now().toISOString(),
        target,
      } satisfies BackupJobPayload),
    );
  }

  /** At most one automatic backup a day (a manual one that day counts); none while locked. */
  async autoBackupIfDue(): Promise<BackupInfo | null> {
    if (!this.#vault.isUnlocked) return null;
    const today = isoDate(this.#ctx.clock.now());
    const doneToday = this.list().some((b) => b.kind !== 'avant-migration' && isoDate(new Date(b.createdAt)) === today);
    if (doneToday) return null;
    return this.create('auto');
  }

  async setFolder(folder: string): Promise<BackupsOverview> {
    if (!isAbsolute(folder)) {
      throw new AppError('VALIDATION', 'Indiquez le chemin complet du dossier (par exemple /home/moi/Sauvegardes ou D:\\Sauvegardes).', {
        issues: [{ path: 'folder', message: 'Indiquez le chemin complet du dossier.' }],
      });
    }
    const target = resolve(folder);
    try {
      mkdirSync(target, { recursive: true });
      // Prove we can write there now, rather than discover it at tonight's backup.
      const probe = join(target, `.jalons-essai-${process.pid}`);
      writeFileSync(probe, '');
      unlinkSync(probe);
      accessSync(target, constants.W_OK);
    } catch {
      throw new AppError('VALIDATION', 'Jalons ne peut pas écrire dans ce dossier : choisissez-en un autre.', {
        issues: [{ path: 'folder', message: 'Jalons ne peut pas écrire dans ce dossier : choisissez-en un autre.' }],
      });
    }
    saveBackupFolder(this.#databaseFile, target);
    await this.#auditBestEffort('backup.setFolder', null, { keys: ['backup.folder'] });
    return this.overview();
  }

  /** Restores one listed backup (by its file name in the backup folder, never a path). */
  async restore(input: { file: string } & RestoreSecret): Promise<RestoreSummary> {
    const info = this.list().find((b) => b.file === input.file);
    if (!info) throw new AppError('NOT_FOUND', 'Cette sauvegarde n’est plus dans le dossier de sauvegarde.');
    return this.#restoreFirstUsable([info], secretOf(input));
  }

  /** The newest backup that the secret opens and that passes the integrity check. */
  async restoreLatest(secret: RestoreSecret): Promise<RestoreSummary> {
    const backups = this.list();
    if (backups.length === 0) {
      throw new AppError('NOT_FOUND', `Aucune sauvegarde dans ${this.location().folder}.`);
    }
    return this.#restoreFirstUsable(backups, secret);
  }

  /**
   * Unlock, and when the store turns out damaged (or its data file is missing), answer with the backups that
   * can replace it, so the unlock screen offers a restore instead of a dead end.
   */
  async unlockOrOfferBackups(unlock: () => Promise<void>): Promise<void> {
    try {
      await unlock();
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'CORRUPT' && error.code !== 'NOT_FOUND')) throw error;
      let backups: BackupInfo[] = [];
      try {
        backups = this.list();
      } catch (listError) {
        this.#logError('backups.list', listError);
      }
      if (error.code === 'NOT_FOUND') {
        if (backups.length === 0) throw error;
        throw new AppError('NOT_FOUND', `Le fichier de données est introuvable (${this.#databaseFile}). Jalons peut restaurer la dernière sauvegarde vérifiée.`, { backups });
      }
      const offer =
        backups.length > 0
          ? 'Jalons peut la remplacer par la dernière sauvegarde vérifiée ; le fichier endommagé sera conservé à côté.'
          : `Aucune sauvegarde n’a été trouvée dans ${this.location().folder}. Si vous avez une copie ailleurs, restaurez-la avec « jalons restore ».`;
      throw new AppError('CORRUPT', `La base de données est endommagée. ${offer}`, { backups });
    }
  }

  async #restoreFirstUsable(candidates: readonly BackupInfo[], secret: RestoreSecret): Promise<RestoreSummary> {
    const { folder } = this.location();
    const cache = new Map<string, Buffer | null>();
    let done: { info: BackupInfo; outcome: RestoreOutcome };
    try {
      done = await this.#serial(() =>
        this.#vault.replaceStore(async (closeStore) => {
          let problem: AppError | null = null;
          for (const info of candidates) {
            try {
              const outcome = await restoreBackupFile({
                databaseFile: this.#databaseFile,
                backupFile: pathIn(folder, info.file),
                secret,
                now: this.#ctx.clock.now(),
                force: true,
                keyCache: cache,
                beforeReplace: closeStore,
              });
              if (outcome !== 'wrong-secret') return { info, outcome };
            } catch (error) {
              // Trying the newest first: a damaged or too-new backup is skipped for the next one.
              if (candidates.length > 1 && error instanceof AppError && (error.code === 'CORRUPT' || error.code === 'TOO_NEW')) {
                problem = error;
                continue;
              }
              throw error;
            }
          }
          if (problem) {
            throw new AppError(problem.code, `Aucune sauvegarde n’a pu être restaurée. La plus récente que cette phrase de passe ouvre : ${lowerFirst(problem.message)}`);
          }
          return null;
        }),
      );
    } finally {
      wipeKeyCache(cache);
    }
    await this.#vault.unlock(secret);
    await this.#auditBestEffort('backup.restore', null, {
      kind: done.info.kind,
      createdAt: done.info.createdAt,
      schemaVersion: done.outcome.schemaVersion,
      passphraseOfBackup: done.outcome.passphraseOfBackup,
    });
    return { restored: done.info, previousFile: done.outcome.previousFile, passphraseOfBackup: done.outcome.passphraseOfBackup };
  }

  /** Backups and restores never overlap (a restore must not swap the file under a running copy). */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** These writes are not data writes (a file setting, a restore): their audit entry must not make them fail. */
  async #auditBestEffort(action: string, entityId: string | null, detail: Record<string, unknown>): Promise<void> {
    if (!this.#vault.isUnlocked || this.#vault.storage !== 'ok') return;
    try {
      await this.#ctx
        .db()
        .transaction()
        .execute((trx) =>
          appendAudit(trx, { at: this.#ctx.clock.now().toISOString(), actor: this.#ctx.actor(), action, entity: 'backup', entityId, detail }),
        );
    } catch (error) {
      this.#logError(action, error);
    }
  }
}

function secretOf(input: RestoreSecret): RestoreSecret {
  return 'passphrase' in input ? { passphrase: input.passphrase } : { recoveryCode: input.recoveryCode };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * The open sequence's hook: an existing store about to be migrated is first copied (encrypted, verified,
 * with its key file) into the backup folder. If that fails the open fails too, with the store untouched.
 */
export function backupBeforeMigration(databaseFile: string, clock: Clock): NonNullable<OpenOptions['beforeMigrate']> {
  return (db, migration) => {
    try {
      createBackup({ db, databaseFile, kind: 'avant-migration', now: clock.now(), check: 'quick', folder: backupLocation(databaseFile).folder });
    } catch (error) {
      const failure = asBackupError(error);
      const reason = failure instanceof AppError ? ` ${failure.message}` : '';
      throw new AppError(
        failure instanceof AppError ? failure.code : 'INTERNAL',
        `Jalons doit sauvegarder vos données avant de les mettre à jour (schéma ${migration.from} → ${migration.to}), mais la sauvegarde a échoué.${reason} La mise à jour n’a pas été faite.`,
      );
    }
  };
}
