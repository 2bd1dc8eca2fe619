import { randomUUID } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/ipc/errors';
import { createKysely } from '../db/kysely';
import { checkpointPassive, openDatabase, optimizeDatabase } from '../db/open';
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
  // A plain close: PRAGMA optimize (which may write) runs before the answer is posted, see below.
  const closeConnection = () => {
    if (sqlite) {
      try {
        if (sqlite.open) sqlite.close();
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
    // A job's commit never copies the WAL back into the file while the user waits for the answer (an import of
    // 10 000 salariés: ≈ 230 ms of its 1.2 s): the worker does it right after answering.
    sqlite = openDatabase(start.databaseFile, key, { skipMigrations: true, integrityCheck: 'none', autoCheckpoint: false }).db;
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
    // PRAGMA optimize may write: still running after the answer, it held the write lock just when the main thread
    // wrote what the answer said (« database is locked » on a loaded machine). So it runs before answering.
    if (sqlite.open) optimizeDatabase(sqlite);
    post({ type: 'result', value });
    // Left to the main connection, the copy would land in the CIP's next save instead.
    if (sqlite.open) checkpointPassive(sqlite);
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
