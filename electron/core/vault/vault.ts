import { randomBytes } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/ipc/errors';
import type { SessionStatus } from '../../../shared/ipc/session';
import type { Clock } from '../clock';
import { createKysely } from '../db/kysely';
import { closeDatabase, openDatabase, type SqliteDatabase } from '../db/open';
import type { DB } from '../db/schema';
import {
  DEFAULT_SCRYPT,
  createKeyFile,
  generateRecoveryCode,
  keyFilePathFor,
  readKeyFile,
  rewrapPassphrase,
  unwrapWithPassphrase,
  unwrapWithRecoveryCode,
  writeKeyFile,
  type KeyFile,
  type ScryptParams,
} from './keyfile';

/** Failures allowed before any delay; then the wait doubles from 2 s up to 5 minutes. */
const FREE_ATTEMPTS = 3;
const MAX_DELAY_SECONDS = 300;

export function delayAfterFailures(count: number): number {
  if (count < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (count - FREE_ATTEMPTS + 1));
}

export interface VaultOptions {
  clock: Clock;
  kdf?: ScryptParams;
}

export interface OpenStore {
  sqlite: SqliteDatabase;
  db: Kysely<DB>;
}

/**
 * Owns the encrypted store's lifecycle: first-time setup, unlock (passphrase or recovery code),
 * lock, passphrase change. Everything else reaches the database through `store()`.
 */
export class Vault {
  readonly databaseFile: string;
  readonly #keyFilePath: string;
  readonly #clock: Clock;
  readonly #kdf: ScryptParams;
  #open: OpenStore | null = null;
  #databaseKey: Buffer | null = null;
  #unlockedWithRecoveryCode = false;
  #busy: Promise<unknown> = Promise.resolve();

  constructor(databaseFile: string, options: VaultOptions) {
    this.databaseFile = databaseFile;
    this.#keyFilePath = keyFilePathFor(databaseFile);
    this.#clock = options.clock;
    this.#kdf = options.kdf ?? DEFAULT_SCRYPT;
  }

  get isUnlocked(): boolean {
    return this.#open !== null;
  }

  /** The open store, or LOCKED. */
  store(): OpenStore {
    if (!this.#open) throw new AppError('LOCKED', 'Jalons est verrouillé. Déverrouillez-le pour continuer.');
    return this.#open;
  }

  status(): Omit<SessionStatus, 'autoLockMinutes'> {
    const file = readKeyFile(this.#keyFilePath);
    if (!file) {
      return { state: 'setup-required', retryInSeconds: 0, failedAttempts: 0, unlockedWithRecoveryCode: false };
    }
    return {
      state: this.#open ? 'unlocked' : 'locked',
      retryInSeconds: this.#retryIn(file),
      failedAttempts: file.failures.count,
      unlockedWithRecoveryCode: this.#open !== null && this.#unlockedWithRecoveryCode,
    };
  }

  /** First launch: a random database key, wrapped by the passphrase and by a one-time recovery code. */
  setup(passphrase: string): Promise<{ recoveryCode: string }> {
    return this.#exclusive(async () => {
      if (readKeyFile(this.#keyFilePath)) {
        throw new AppError('ALREADY_SET_UP', 'Jalons est déjà configuré sur cet ordinateur.');
      }
      if (existsSync(this.databaseFile)) {
        throw new AppError(
          'ALREADY_SET_UP',
          'Une base de données existe déjà à cet emplacement sans son fichier de clé. Restaurez le fichier de clé ou choisissez un autre emplacement.',
        );
      }
      const databaseKey = randomBytes(32);
      const recoveryCode = generateRecoveryCode();
      const file = await createKeyFile(databaseKey, passphrase, recoveryCode, this.#kdf);
      try {
        this.#attach(databaseKey, true);
        writeKeyFile(this.#keyFilePath, file);
      } catch (error) {
        this.#detach();
        for (const path of [this.databaseFile, `${this.databaseFile}-wal`, `${this.databaseFile}-shm`]) {
          if (existsSync(path)) unlinkSync(path);
        }
        throw error;
      }
      this.#unlockedWithRecoveryCode = false;
      return { recoveryCode };
    });
  }

  unlock(secret: { passphrase: string } | { recoveryCode: string }): Promise<void> {
    return this.#exclusive(async () => {
      const file = this.#requireKeyFile();
      if (this.#open) return;
      const wait = this.#retryIn(file);
      if (wait > 0) {
        throw new AppError('RATE_LIMITED', `Trop de tentatives. Réessayez dans ${wait} seconde${wait > 1 ? 's' : ''}.`, {
          retryInSeconds: wait,
        });
      }
      const byRecovery = 'recoveryCode' in secret;
      const key = byRecovery
        ? await unwrapWithRecoveryCode(file, secret.recoveryCode)
        : await unwrapWithPassphrase(file, secret.passphrase);
      if (!key) {
        const failures = { count: file.failures.count + 1, lastAt: this.#clock.now().toISOString() };
        writeKeyFile(this.#keyFilePath, { ...file, failures });
        const next = delayAfterFailures(failures.count);
        const hint = next > 0 ? ` Prochaine tentative possible dans ${next} secondes.` : '';
        throw new AppError(
          'WRONG_PASSPHRASE',
          byRecovery
            ? `Ce code de secours n’est pas le bon. Vérifiez-le caractère par caractère.${hint}`
            : `Phrase de passe incorrecte. Vérifiez la touche Verr. Maj et réessayez.${hint}`,
          next > 0 ? { retryInSeconds: next } : {},
        );
      }
      this.#attach(key, false);
      this.#unlockedWithRecoveryCode = byRecovery;
      if (file.failures.count > 0) writeKeyFile(this.#keyFilePath, { ...file, failures: { count: 0, lastAt: null } });
    });
  }

  lock(): void {
    this.#detach();
  }

  /** What a job worker needs to open its own connection: the file and a copy of the key (the caller wipes it). */
  workerAccess(): { databaseFile: string; key: Buffer } {
    this.store();
    return { databaseFile: this.databaseFile, key: Buffer.from(this.#databaseKey!) };
  }

  /** Rewraps the database key; the database itself is not re-encrypted. */
  changePassphrase(currentPassphrase: string | undefined, newPassphrase: string): Promise<void> {
    return this.#exclusive(async () => {
      const file = this.#requireKeyFile();
      if (!this.#open || !this.#databaseKey) this.store();
      if (!this.#unlockedWithRecoveryCode) {
        const key = currentPassphrase ? await unwrapWithPassphrase(file, currentPassphrase) : null;
        if (!key) throw new AppError('WRONG_PASSPHRASE', 'La phrase de passe actuelle est incorrecte.');
      }
      writeKeyFile(this.#keyFilePath, await rewrapPassphrase(file, this.#databaseKey!, newPassphrase));
      this.#unlockedWithRecoveryCode = false;
    });
  }

  #attach(key: Buffer, create: boolean): void {
    const { db } = openDatabase(this.databaseFile, key, { create });
    this.#open = { sqlite: db, db: createKysely(db) };
    this.#databaseKey = key;
  }

  #detach(): void {
    if (this.#open) closeDatabase(this.#open.sqlite);
    this.#databaseKey?.fill(0);
    this.#open = null;
    this.#databaseKey = null;
    this.#unlockedWithRecoveryCode = false;
  }

  #requireKeyFile(): KeyFile {
    const file = readKeyFile(this.#keyFilePath);
    if (!file) throw new AppError('NOT_SET_UP', 'Jalons n’est pas encore configuré : choisissez d’abord une phrase de passe.');
    return file;
  }

  #retryIn(file: KeyFile): number {
    const delay = delayAfterFailures(file.failures.count);
    if (delay === 0 || !file.failures.lastAt) return 0;
    const elapsed = (this.#clock.now().getTime() - Date.parse(file.failures.lastAt)) / 1000;
    return Math.max(0, Math.ceil(delay - elapsed));
  }

  /** Key-file operations run one at a time (two unlock clicks must not race on the failure counter). */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#busy.then(work, work);
    this.#busy = run.catch(() => undefined);
    return run;
  }
}
