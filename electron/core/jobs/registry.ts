import type { Clock, IdSource } from '../clock';
import type { OpenStore } from '../vault/vault';

export interface JobContext {
  store: OpenStore;
  clock: Clock;
  ids: IdSource;
  actor: string;
  progress(done: number, total: number | null, label: string): void;
}

export type JobHandler = (ctx: JobContext, payload: unknown) => Promise<unknown>;

/**
 * Heavy jobs (import, statistics, backup) by name. Each feature registers its job from its own module;
 * the worker imports `./jobs-index` which pulls them all in.
 */
const handlers = new Map<string, JobHandler>();

export function registerJob(name: string, handler: JobHandler): void {
  if (handlers.has(name)) throw new Error(`job ${name} registered twice`);
  handlers.set(name, handler);
}

export function jobHandler(name: string): JobHandler | undefined {
  return handlers.get(name);
}
