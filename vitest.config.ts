import { defineConfig } from 'vitest/config';

// Two projects: fast Node tests (shared, core, server, migrations) run in parallel;
// end-to-end tests drive Debian's Chromium against `jalons serve` and run one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          // Generous: CI runs on 2 cores and several suites start Node child processes.
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/server/**', 'node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The regional hub: one throwaway PostgreSQL cluster per run (global setup), every
        // suite on SQLite and PostgreSQL; files one at a time (concurrency tests, one cluster).
        test: {
          name: 'server',
          environment: 'node',
          include: ['test/server/**/*.test.ts'],
          globalSetup: ['test/helpers/postgres-global.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          // A loaded 2-core CI machine: key derivation and first renders can take seconds.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
