import { afterEach, describe, expect, it } from 'vitest';
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

  it('refuses to start while locked', async () => {
    core = await createTestCore();
    core.vault.lock();
    expect(() => core.ctx.jobs.run('db.integrity', null)).toThrow(/verrouillé/);
  });
});
