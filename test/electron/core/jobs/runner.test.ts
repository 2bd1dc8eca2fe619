import { afterEach, describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../../../electron/core/jobs/runner';
import { createTestCore } from '../../../helpers/core';

describe('job runner (worker thread)', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  afterEach(() => core.cleanup());

  it('runs a job on its own connection to the encrypted store and returns its result', async () => {
    core = await createTestCore();
    const report = await core.ctx.jobs.run<{ integrity: string; schemaVersion: number }>('db.integrity', null);
    expect(report.integrity).toBe('ok');
    expect(report.schemaVersion).toBeGreaterThan(0);
    expect(core.ctx.jobs.progress()).toEqual([]);
  });

  it('reports an unknown job as an error without crashing the main process', async () => {
    core = await createTestCore();
    await expect(core.ctx.jobs.run('no.such.job', null)).rejects.toThrow(/Tâche inconnue/);
  });

  it('keeps the worker that answered for the next job, and stops it when the store is locked', async () => {
    core = await createTestCore();
    await core.ctx.jobs.run('db.integrity', null);
    expect(core.ctx.jobs.hasIdleWorker).toBe(true);
    // The kept worker runs the next job on a connection of its own, and stays available after it.
    const again = await core.ctx.jobs.run<{ integrity: string }>('db.integrity', null);
    expect(again.integrity).toBe('ok');
    expect(core.ctx.jobs.hasIdleWorker).toBe(true);
    // Many jobs on the same worker leave no listener behind (Node warns past 10 on one event).
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      for (let i = 0; i < 12; i += 1) await core.ctx.jobs.run('db.integrity', null);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    core.vault.lock();
    expect(core.ctx.jobs.hasIdleWorker).toBe(false);
  });

  it('starts a worker ahead of a job about to come (an import preview on screen), which the job then uses', async () => {
    core = await createTestCore();
    expect(core.ctx.jobs.hasIdleWorker).toBe(false);
    core.ctx.jobs.prepare();
    expect(core.ctx.jobs.hasIdleWorker).toBe(true);
    const report = await core.ctx.jobs.run<{ integrity: string }>('db.integrity', null);
    expect(report.integrity).toBe('ok');
    expect(core.ctx.jobs.hasIdleWorker).toBe(true);
    core.vault.lock();
    expect(core.ctx.jobs.hasIdleWorker).toBe(false);
  });

  it('never reuses a worker whose job failed', async () => {
    core = await createTestCore();
    await expect(core.ctx.jobs.run('no.such.job', null)).rejects.toThrow(/Tâche inconnue/);
    expect(core.ctx.jobs.hasIdleWorker).toBe(false);
    expect((await core.ctx.jobs.run<{ integrity: string }>('db.integrity', null)).integrity).toBe('ok');
  });

  it('refuses to start while locked', async () => {
    core = await createTestCore();
    core.vault.lock();
    expect(() => core.ctx.jobs.run('db.integrity', null)).toThrow(/verrouillé/);
  });
});

describe('workerExecArgv', () => {
  it('drops the tsx loader the parent was started with, in every spelling, and keeps the other options', () => {
    expect(
      workerExecArgv([
        '--require',
        '/app/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///app/node_modules/tsx/dist/loader.mjs',
        '--max-old-space-size=4096',
      ]),
    ).toEqual(['--max-old-space-size=4096']);
    expect(workerExecArgv(['--import', 'tsx', '--enable-source-maps'])).toEqual(['--enable-source-maps']);
    expect(workerExecArgv(['--import=tsx/esm', '-r', 'C:\\app\\node_modules\\tsx\\dist\\preflight.cjs'])).toEqual([]);
  });

  it('keeps loaders that are not tsx', () => {
    expect(workerExecArgv(['--import', './instrument.mjs', '--require=./trace.cjs'])).toEqual(['--import', './instrument.mjs', '--require=./trace.cjs']);
  });
});
