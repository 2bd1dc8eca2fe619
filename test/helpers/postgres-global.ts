/**
 * Global setup of the `server` vitest project: one throwaway PostgreSQL cluster for the whole
 * run (see postgres.ts). Test files read `inject('pgAdminUrl')` and create their own database;
 * when PostgreSQL is not installed they get `null` and `inject('pgSkipReason')`.
 */
import type { TestProject } from 'vitest/node';
import { findPostgres, startPostgresCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string | null;
    pgSkipReason: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const found = findPostgres();
  if (!found.available) {
    project.provide('pgAdminUrl', null);
    project.provide('pgSkipReason', found.reason);
    process.stderr.write(`\n[server] ${found.reason}\n`);
    return () => undefined;
  }
  const cluster = await startPostgresCluster(found.bin);
  project.provide('pgAdminUrl', cluster.adminUrl);
  project.provide('pgSkipReason', '');
  // A crashed run must not leave a postgres server behind.
  const onExit = (): void => cluster.stop();
  process.once('exit', onExit);
  return () => {
    process.removeListener('exit', onExit);
    cluster.stop();
  };
}
