import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/ipc/errors';
import { createKysely } from '../db/kysely';
import { closeDatabase, openDatabase } from '../db/open';
import type { JobMessage, JobStart } from './protocol';
import { jobHandler } from './registry';
import './jobs-index';

/**
 * Runs each job on its own connection to the same encrypted file (WAL lets the UI keep reading meanwhile). The
 * runner sends the next job only after the answer to the previous one (it may keep this worker for it).
 */
parentPort!.on('message', (start: JobStart) => {
  void run(start);
});

async function run(start: JobStart): Promise<void> {
  const post = (message: JobMessage) => parentPort!.postMessage(message);
  const key = Buffer.from(start.key);
  let sqlite: ReturnType<typeof openDatabase>['db'] | null = null;
  // The connection is closed BEFORE the answer is posted: the runner terminates the worker on the
  // answer, and a close still running then (PRAGMA optimize may write) would hold the write lock.
  const closeConnection = () => {
    if (sqlite) {
      try {
        closeDatabase(sqlite);
      } catch {
        // Nothing to save: the job's own transactions are already committed or rolled back.
      }
      sqlite = null;
    }
  };
  try {
    const handler = jobHandler(start.job);
    if (!handler) throw new AppError('INTERNAL', `Tâche inconnue : ${start.job}.`);
    // The main thread already migrated and checked the store; the worker never migrates nor re-reads every page.
    sqlite = openDatabase(start.databaseFile, key, { skipMigrations: true, integrityCheck: 'none' }).db;
    let lastPost = 0;
    const value = await handler(
      {
        store: { sqlite, db: createKysely(sqlite) },
        clock: { now: () => new Date(Date.now() + start.clockOffsetMs) },
        ids: { next: () => randomUUID() },
        actor: start.actor,
        progress(done, total, label) {
          // Throttle: the UI polls a few times a second at most.
          const now = Date.now();
          if (now - lastPost < 100 && done !== total) return;
          lastPost = now;
          post({ type: 'progress', done, total, label });
        },
      },
      start.payload,
    );
    closeConnection();
    post({ type: 'result', value });
  } catch (error) {
    closeConnection();
    if (error instanceof AppError) {
      post({ type: 'error', error: error.toPayload() });
    } else {
      const code = typeof error === 'object' && error !== null ? String((error as { code?: unknown }).code ?? '') : '';
      // Not 'INTERNAL': the runner would turn a contract code into an AppError and show this technical
      // message to the user; an unknown code becomes a logged error with the French INTERNAL message.
      post({ type: 'error', error: { code: code || 'WORKER_ERROR', message: error instanceof Error ? error.message : String(error) } });
    }
  } finally {
    closeConnection();
    key.fill(0);
  }
}
