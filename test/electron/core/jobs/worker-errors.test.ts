import { afterEach, describe, expect, it } from 'vitest';
import { toErrorPayload } from '../../../../electron/core/ipc/dispatch';
import { AppError } from '../../../../shared/ipc/errors';
import { createTestCore } from '../../../helpers/core';
import { technicalTextIn } from '../../../helpers/hostile';

describe('errors thrown inside a job worker', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  afterEach(() => core.cleanup());

  it('reach the user as the French INTERNAL message, never as the technical text of the worker', async () => {
    core = await createTestCore();
    // A malformed payload makes the job fail with a plain TypeError inside the worker.
    const error = await core.ctx.jobs.run('rgpd.purge', { at: '2026-11-23T09:00:00.000Z', purge: null, anonymise: [], clearNotes: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(AppError);
    const logged: unknown[] = [];
    const payload = toErrorPayload('rgpd.apply', error, { logError: (_m, e) => logged.push(e) });
    expect(payload.code).toBe('INTERNAL');
    expect(technicalTextIn(payload.message)).toBeNull();
    expect(logged).toHaveLength(1);
  });
});
