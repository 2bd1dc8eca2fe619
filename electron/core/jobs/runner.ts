import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../../shared/ipc/errors';
import { ERROR_CODES } from '../../../shared/ipc/errors';
import type { JobMessage, JobStart } from './protocol';

export interface JobProgress {
  id: number;
  job: string;
  done: number;
  total: number | null;
  label: string;
  startedAt: string;
}

export interface JobRunnerOptions {
  /** Worker script: the tsx bootstrap in development, dist/electron/worker.cjs when packaged. */
  workerScript: URL | string;
  access(): { databaseFile: string; key: Buffer };
  actor(): string;
  now(): Date;
}

export const DEFAULT_WORKER_SCRIPT = new URL('./worker-bootstrap.mjs', import.meta.url);

/**
 * Runs heavy jobs in a worker thread so the main process (and the UI it serves) stays responsive,
 * and keeps their latest progress for the renderer to poll.
 */
export class JobRunner {
  readonly #options: JobRunnerOptions;
  readonly #running = new Map<number, JobProgress>();
  #nextId = 1;

  constructor(options: JobRunnerOptions) {
    this.#options = options;
  }

  progress(): JobProgress[] {
    return [...this.#running.values()];
  }

  run<T>(job: string, payload: unknown): Promise<T> {
    const { databaseFile, key } = this.#options.access();
    const id = this.#nextId++;
    const entry: JobProgress = { id, job, done: 0, total: null, label: 'Démarrage…', startedAt: this.#options.now().toISOString() };
    this.#running.set(id, entry);
    const worker = new Worker(this.#options.workerScript);
    const start: JobStart = {
      type: 'start',
      job,
      payload,
      databaseFile,
      key: new Uint8Array(key),
      actor: this.#options.actor(),
      clockOffsetMs: this.#options.now().getTime() - Date.now(),
    };
    key.fill(0);
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (action: () => void) => {
        if (settled) return;
        settled = true;
        this.#running.delete(id);
        void worker.terminate();
        action();
      };
      worker.on('message', (message: JobMessage) => {
        if (message.type === 'progress') {
          Object.assign(entry, { done: message.done, total: message.total, label: message.label });
        } else if (message.type === 'result') {
          finish(() => resolve(message.value as T));
        } else {
          const code = (ERROR_CODES as readonly string[]).includes(message.error.code) ? (message.error.code as ErrorCode) : null;
          finish(() =>
            reject(
              code
                ? new AppError(code, message.error.message, message.error.issues ? { issues: message.error.issues } : {})
                : Object.assign(new Error(message.error.message), { code: message.error.code }),
            ),
          );
        }
      });
      worker.on('error', (error) => finish(() => reject(error)));
      worker.on('exit', (code) => finish(() => reject(new Error(`job worker exited with code ${code}`))));
      worker.postMessage(start);
    });
  }
}
