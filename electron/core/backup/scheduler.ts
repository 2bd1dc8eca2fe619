/**
 * The daily automatic backup: checked shortly after each unlock (not at once: unlocking stays fast, and a
 * quick look-up-and-lock does not start a copy), then every hour while unlocked. `run` decides whether one is
 * due (at most one a day). Timers never keep the process alive.
 */
export interface BackupSchedulerOptions {
  firstDelayMs: number;
  intervalMs: number;
  run(): Promise<unknown>;
  logError(error: unknown): void;
}

export class BackupScheduler {
  readonly #options: BackupSchedulerOptions;
  #first: ReturnType<typeof setTimeout> | null = null;
  #every: ReturnType<typeof setInterval> | null = null;

  constructor(options: BackupSchedulerOptions) {
    this.#options = options;
  }

  get active(): boolean {
    return this.#first !== null || this.#every !== null;
  }

  start(): void {
    this.stop();
    this.#first = setTimeout(() => {
      this.#first = null;
      this.#tick();
    }, this.#options.firstDelayMs);
    this.#first.unref?.();
    this.#every = setInterval(() => this.#tick(), this.#options.intervalMs);
    this.#every.unref?.();
  }

  stop(): void {
    if (this.#first) clearTimeout(this.#first);
    if (this.#every) clearInterval(this.#every);
    this.#first = null;
    this.#every = null;
  }

  #tick(): void {
    this.#options.run().catch((error: unknown) => this.#options.logError(error));
  }
}
