import type { ServiceContext } from '../services/context';
import type { BackoffPolicy } from './backoff';
import { runSyncPass, type PassOptions, type PassResult, type SyncDeps } from './engine';
import type { FetchLike } from './http';

/**
 * In-memory sync state shared by the scheduler, « Envoyer maintenant » and `sync.status` for one
 * core: single-flight passes (never two at once), their progress, and whether the hub answered
 * last time. Nothing here must survive a restart — the outbox in the database is the truth.
 */
export interface SyncTransportOptions {
  fetch?: FetchLike;
  random?: () => number;
  backoff?: BackoffPolicy;
  timeoutMs?: number;
}

export class SyncRuntime {
  readonly #ctx: ServiceContext;
  #running: Promise<PassResult> | null = null;
  #runningForced = false;
  #progress: { done: number; total: number; label: string } | null = null;
  #online: boolean | null = null;
  #connectionProblem: string | null = null;
  #wakeListeners = new Set<() => void>();
  /** Passes and key rotations run one after the other: both sign with the device key. */
  #lock: Promise<unknown> = Promise.resolve();
  transport: SyncTransportOptions = {};

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  get running(): boolean {
    return this.#running !== null;
  }

  get progress(): { done: number; total: number; label: string } | null {
    return this.#progress;
  }

  get online(): boolean | null {
    return this.#online;
  }

  get connectionProblem(): string | null {
    return this.#connectionProblem;
  }

  /** Forget what the last contact said (new hub, new enrolment). */
  resetConnection(): void {
    this.#online = null;
    this.#connectionProblem = null;
  }

  noteContact(online: boolean, problem: string | null): void {
    this.#online = online;
    this.#connectionProblem = problem;
  }

  /** Deps for the engine, bound to the currently open database. */
  deps(extra: Partial<SyncDeps> = {}): SyncDeps {
    return {
      db: this.#ctx.db(),
      clock: this.#ctx.clock,
      actor: this.#ctx.actor(),
      ...this.transport,
      ...extra,
    };
  }

  /**
   * Single flight: a pass asked for while one runs joins it — except « Envoyer maintenant » during
   * a background pass, which runs right after it (the background pass respects backoff times).
   */
  runPass(options: PassOptions = {}, extra: Partial<SyncDeps> = {}): Promise<PassResult> {
    if (this.#running) {
      if (options.force && !this.#runningForced) return this.#running.catch(() => undefined).then(() => this.runPass(options, extra));
      return this.#running;
    }
    this.#runningForced = options.force ?? false;
    const pass = (async () => {
      try {
        const result = await this.exclusive(() =>
          runSyncPass(
            this.deps({
              progress: (done, total, label) => {
                this.#progress = { done, total, label };
              },
              ...extra,
            }),
            options,
          ),
        );
        if (result.online !== null) this.noteContact(result.online, result.connectionProblem);
        return result;
      } finally {
        this.#progress = null;
        this.#running = null;
      }
    })();
    this.#running = pass;
    return pass;
  }

  /** Runs `task` once the running pass or rotation is over (a FIFO lock within this process). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(task);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  /** Asks the scheduler to look again now (new confirmed bundle, new enrolment, mode change). */
  wake(): void {
    for (const listener of this.#wakeListeners) listener();
  }

  onWake(listener: () => void): () => void {
    this.#wakeListeners.add(listener);
    return () => this.#wakeListeners.delete(listener);
  }
}

const runtimes = new WeakMap<ServiceContext, SyncRuntime>();

export function syncRuntimeFor(ctx: ServiceContext): SyncRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    runtime = new SyncRuntime(ctx);
    runtimes.set(ctx, runtime);
  }
  return runtime;
}
