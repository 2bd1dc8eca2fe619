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

const LOADER_FLAG = /^(--import|--require|-r|--loader|--experimental-loader)(?:=(.*))?$/;
const TSX_MODULE = /(^tsx(\/|$))|([\\/]tsx[\\/])/;

/**
 * The parent's Node options for a worker, without a tsx loader (`tsx bench/run.ts`, `npx jalons serve`). A worker
 * inherits them by default; the tsx hooks then run every module resolution of the job on another loader thread —
 * about 120 ms of CPU per job, as much as the rest of its start — though the worker script does not need them:
 * the packaged worker is plain JavaScript and the development bootstrap registers tsx itself.
 */
export function workerExecArgv(parent: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < parent.length; i += 1) {
    const arg = parent[i] as string;
    const flag = LOADER_FLAG.exec(arg);
    if (!flag) {
      kept.push(arg);
      continue;
    }
    const inline = flag[2];
    const value = inline ?? parent[i + 1] ?? '';
    if (inline === undefined) i += 1;
    if (TSX_MODULE.test(value)) continue;
    kept.push(...(inline === undefined ? [arg, value] : [arg]));
  }
  return kept;
}

/** How long a worker that finished a job waits for the next one before it is stopped. */
export const IDLE_WORKER_MS = 60_000;

/**
 * Runs heavy jobs in a worker thread so the main process (and the UI it serves) stays responsive,
 * and keeps their latest progress for the renderer to poll.
 *
 * A worker that answered is kept for the next job (one at most, for IDLE_WORKER_MS, released when the store is
 * locked): starting a worker, loading its code and compiling the hot paths again cost a third of a statistics
 * bundle (a preview, then its confirmation, rebuild it twice). It keeps no key and no open connection between
 * jobs — each job opens its own and closes it once it has answered and copied its writes into the file. A worker
 * that failed is never reused.
 */
export class JobRunner {
  readonly #options: JobRunnerOptions;
  readonly #running = new Map<number, JobProgress>();
  #nextId = 1;
  #idle: { worker: Worker; timer: ReturnType<typeof setTimeout>; onExit: () => void } | null = null;

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
    const worker = this.#takeIdle() ?? this.#startWorker();
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
      const finish = (action: () => void, reusable: boolean) => {
        if (settled) return;
        settled = true;
        this.#running.delete(id);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (!reusable || !this.#park(worker)) void worker.terminate();
        action();
      };
      const onMessage = (message: JobMessage) => {
        if (message.type === 'progress') {
          Object.assign(entry, { done: message.done, total: message.total, label: message.label });
        } else if (message.type === 'result') {
          finish(() => resolve(message.value as T), true);
        } else {
          const code = (ERROR_CODES as readonly string[]).includes(message.error.code) ? (message.error.code as ErrorCode) : null;
          finish(
            () =>
              reject(
                code
                  ? new AppError(code, message.error.message, message.error.issues ? { issues: message.error.issues } : {})
                  : Object.assign(new Error(message.error.message), { code: message.error.code }),
              ),
            false,
          );
        }
      };
      const onError = (error: Error) => finish(() => reject(error), false);
      const onExit = (code: number) => finish(() => reject(new Error(`job worker exited with code ${code}`)), false);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(start);
    });
  }

  /**
   * Starts a worker for a job the user is about to confirm (an import preview is on screen), so that loading its
   * code does not add to the wait after the click. Nothing happens when one is already waiting.
   */
  prepare(): void {
    if (this.#idle) return;
    this.#park(this.#startWorker());
  }

  #startWorker(): Worker {
    return new Worker(this.#options.workerScript, { execArgv: workerExecArgv(process.execArgv) });
  }

  /** A worker waits for the next job. */
  get hasIdleWorker(): boolean {
    return this.#idle !== null;
  }

  /** Stops the idle worker, if any (the store is locked or the core closed). */
  releaseIdle(): void {
    const idle = this.#takeIdle();
    if (idle) void idle.terminate();
  }

  #takeIdle(): Worker | null {
    const idle = this.#idle;
    if (!idle) return null;
    this.#idle = null;
    clearTimeout(idle.timer);
    idle.worker.off('exit', idle.onExit);
    idle.worker.ref();
    return idle.worker;
  }

  /** Keeps a worker that answered for the next job; false when one is already kept. */
  #park(worker: Worker): boolean {
    if (this.#idle) return false;
    // Unreferenced, like its timer: an idle worker never keeps the process (CLI, tests) alive.
    worker.unref();
    const timer = setTimeout(() => this.releaseIdle(), IDLE_WORKER_MS);
    timer.unref();
    // A kept worker that dies (out of memory…) is forgotten; the next job starts a new one.
    const onExit = () => {
      if (this.#idle?.worker === worker) {
        clearTimeout(timer);
        this.#idle = null;
      }
    };
    worker.once('exit', onExit);
    this.#idle = { worker, timer, onExit };
    return true;
  }
}
