import type { Clock, IdSource } from '../clock';
import type { AppDb } from '../db/schema';
import type { JobRunner } from '../jobs/runner';

/** What every service needs: the open database, the clock, id source, and who is acting. */
export interface ServiceContext {
  db(): AppDb;
  clock: Clock;
  ids: IdSource;
  actor(): string;
  /** Heavy work (import, statistics, backup) goes to a worker thread through this runner. */
  jobs: JobRunner;
}
