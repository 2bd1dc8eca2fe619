import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, unlinkSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { AppError } from '../../../shared/ipc/errors';
import type { SessionStatus } from '../../../shared/ipc/session';
import type { Clock } from '../clock';
import { createKysely } from '../db/kysely';
import { closeDatabase, openDatabase, setQueryOnly, type OpenOptions, type SqliteDatabase } from '../db/open';
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
  /** Runs before pending migrations touch an existing store (the pre-migration backup). */
  beforeMigrate?: OpenOptions['beforeMigrate'];
}

/** 'ok', or the read-only mode entered after a write failed (see `degrade`). */
export type StorageState = 'ok' | 'read-only' | 'disk-full';

const CORRUPT_MESSAGE = 'La base de données est endommagée. Restaurez la dernière sauvegarde.';

/**
 * Why a store whose key unwrapped correctly could not be opened, in French. A file SQLite cannot read is then
 * damaged (not opened with a wrong key); a full disk or a read-only folder stop the open (WAL files, migrations).
 */
function openFailure(error: unknown): unknown {
  if (error instanceof AppError) return error.code === 'WRONG_PASSPHRASE' ? new AppError('CORRUPT', CORRUPT_MESSAGE) : error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return error;
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return new AppError('CORRUPT', CORRUPT_MESSAGE);
  if (code === 'SQLITE_FULL') {
    return new AppError('DISK_FULL', 'Le disque est plein : Jalons ne peut pas ouvrir vos données. Libérez de la place, puis réessayez.');
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN') {
    return new AppError(
      'READ_ONLY',
      'Jalons ne peut pas ouvrir vos données : leur dossier est en lecture seule. Rétablissez le droit d’écriture sur ce dossier (ou copiez-le ailleurs), puis réessayez.',
    );
  }
  return error;
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
  readonly #beforeMigrate: VaultOptions['beforeMigrate'];
  #storage: StorageState = 'ok';
  readonly #listeners = { unlocked: new Set<() => void>(), locked: new Set<() => void>() };

  constructor(databaseFile: string, options: VaultOptions) {
    this.databaseFile = databaseFile;
    this.#keyFilePath = keyFilePathFor(databaseFile);
    this.#clock = options.clock;
    this.#kdf = options.kdf ?? DEFAULT_SCRYPT;
    this.#beforeMigrate = options.beforeMigrate;
  }

  /** The daily backup timer starts and stops with the session. Returns an unsubscribe function. */
  on(event: 'unlocked' | 'locked', listener: () => void): () => void {
    this.#listeners[event].add(listener);
    return () => this.#listeners[event].delete(listener);
  }

  get storage(): StorageState {
    return this.#storage;
  }

  /**
   * A write failed because the disk is full or the file cannot be written: stay open for reading, refuse every
   * further write (SQLite's query_only) until the next unlock. The first cause is kept.
   */
  degrade(state: Exclude<StorageState, 'ok'>): void {
    if (!this.#open || this.#storage !== 'ok') return;
    this.#storage = state;
    setQueryOnly(this.#open.sqlite, true);
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
      ...(this.#open ? { storage: this.#storage } : {}),
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
        throw this.#failedAttempt(
          file,
          byRecovery
            ? 'Ce code de secours n’est pas le bon. Vérifiez-le caractère par caractère.'
            : 'Phrase de passe incorrecte. Vérifiez la touche Verr. Maj et réessayez.',
        );
      }
      try {
        this.#attach(key, false);
      } catch (error) {
        key.fill(0);
        throw openFailure(error);
      }
      this.#unlockedWithRecoveryCode = byRecovery;
      if (file.failures.count > 0) writeKeyFile(this.#keyFilePath, { ...file, failures: { count: 0, lastAt: null } });
    });
  }

  lock(): void {
    this.#detach();
  }

  /**
   * Replaces the data file (restore from a backup), one operation at a time with unlocks; `work` calls
   * `closeStore` right before swapping the files, so no connection is open on the file being replaced.
   * `work` returns null when the secret opens none of the backups tried: counted like a failed unlock, with
   * the same growing delay, so restoring is no shortcut for guessing a passphrase.
   */
  replaceStore<T>(work: (closeStore: () => void) => Promise<T | null>): Promise<T> {
    return this.#exclusive(async () => {
      let file: KeyFile | null = null;
      try {
        file = readKeyFile(this.#keyFilePath);
      } catch {
        file = null; // a damaged key file must not prevent restoring one from a backup
      }
      const wait = file ? this.#retryIn(file) : 0;
      if (wait > 0) {
        throw new AppError('RATE_LIMITED', `Trop de tentatives. Réessayez dans ${wait} seconde${wait > 1 ? 's' : ''}.`, {
          retryInSeconds: wait,
        });
      }
      // Closed only once the backup is verified and about to replace the file: a refused restore keeps the session.
      const result = await work(() => this.#detach());
      if (result !== null) this.#detach();
      const message = 'Cette phrase de passe (ou ce code de secours) n’ouvre pas cette sauvegarde. Saisissez celle qui était en vigueur le jour de la sauvegarde.';
      if (result === null) throw file ? this.#failedAttempt(file, message) : new AppError('WRONG_PASSPHRASE', message);
      return result;
    });
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
    const { db } = openDatabase(this.databaseFile, key, { create, ...(this.#beforeMigrate ? { beforeMigrate: this.#beforeMigrate } : {}) });
    this.#open = { sqlite: db, db: createKysely(db) };
    this.#databaseKey = key;
    this.#storage = 'ok';
    // A file the user may only read (copied from a read-only medium, permissions): open it for consultation.
    if (!isWritable(this.databaseFile)) this.degrade('read-only');
    for (const listener of this.#listeners.unlocked) listener();
  }

  #detach(): void {
    const wasOpen = this.#open !== null;
    if (this.#open) closeDatabase(this.#open.sqlite);
    this.#databaseKey?.fill(0);
    this.#open = null;
    this.#databaseKey = null;
    this.#unlockedWithRecoveryCode = false;
    this.#storage = 'ok';
    if (wasOpen) for (const listener of this.#listeners.locked) listener();
  }

  /** Records a failed attempt in the key file (it survives restarts) and returns the French error to throw. */
  #failedAttempt(file: KeyFile, message: string): AppError {
    const failures = { count: file.failures.count + 1, lastAt: this.#clock.now().toISOString() };
    writeKeyFile(this.#keyFilePath, { ...file, failures });
    const next = delayAfterFailures(failures.count);
    const hint = next > 0 ? ` Prochaine tentative possible dans ${next} secondes.` : '';
    return new AppError('WRONG_PASSPHRASE', `${message}${hint}`, next > 0 ? { retryInSeconds: next } : {});
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

function isWritable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
