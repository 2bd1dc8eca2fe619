import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../../../electron/core/ipc/dispatch';
import { AppError } from '../../../../shared/ipc/errors';
import { createTestCore } from '../../../helpers/core';

describe('dispatch (the transport-neutral handle())', () => {
  let core: Awaited<ReturnType<typeof createTestCore>>;
  afterEach(() => core.cleanup());

  it('answers a valid call with {ok: true, value}', async () => {
    core = await createTestCore();
    const envelope = await core.dispatch('settings.get', {});
    expect(envelope).toEqual({ ok: true, value: { autoLockMinutes: 10, noEntretienAlertDays: 28 } });
  });

  it('refuses an unknown method with a French message', async () => {
    core = await createTestCore();
    const envelope = await core.dispatch('salaries.dropAll', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('validates input with zod and reports each field in French', async () => {
    core = await createTestCore();
    const envelope = await core.dispatch('settings.update', { autoLockMinutes: 0 });
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'Le verrouillage automatique doit être d’au moins 1 minute.',
        issues: [{ path: 'autoLockMinutes', message: 'Le verrouillage automatique doit être d’au moins 1 minute.' }],
      },
    });
    expect(await core.dispatch('settings.get', {})).toMatchObject({ ok: true, value: { autoLockMinutes: 10 } });
  });

  it('answers LOCKED for data methods while locked, but session methods still work', async () => {
    core = await createTestCore();
    await core.dispatch('session.lock', {});
    expect(await core.dispatch('settings.get', {})).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await core.dispatch('session.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
  });

  it('persists settings and records the change in the audit log', async () => {
    core = await createTestCore();
    expect(await core.dispatch('settings.update', { autoLockMinutes: 25 })).toMatchObject({
      ok: true,
      value: { autoLockMinutes: 25 },
    });
    await core.dispatch('session.lock', {});
    await core.dispatch('session.unlock', { passphrase: 'phrase de passe de test' });
    expect(await core.dispatch('session.status', {})).toMatchObject({ ok: true, value: { autoLockMinutes: 25 } });
    const audit = await core.ctx.db().selectFrom('audit_log').selectAll().execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'settings.update', at: '2026-11-23T09:00:00.000Z' })]);
  });

  it('never lets a stack trace or internal message cross the bridge', async () => {
    core = await createTestCore();
    const logged: unknown[] = [];
    const handlers = { 'settings.get': () => { throw new Error('SELECT * FROM secret at line 42'); } } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, { isUnlocked: () => true, logError: (_m, e) => logged.push(e) });
    const envelope = await dispatch('settings.get', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(envelope)).not.toMatch(/SELECT|line 42|Error/);
    expect(logged).toHaveLength(1);
  });

  it('turns a full disk into a clear French message', async () => {
    core = await createTestCore();
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const handlers = { 'settings.get': () => { throw full; } } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, { isUnlocked: () => true, logError: () => undefined });
    expect(await dispatch('settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'DISK_FULL', message: expect.stringMatching(/disque est plein/) },
    });
  });

  it('passes business errors through with their code', async () => {
    core = await createTestCore();
    const handlers = { 'settings.get': () => { throw new AppError('NOT_FOUND', 'Introuvable.'); } } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, { isUnlocked: () => true, logError: () => undefined });
    expect(await dispatch('settings.get', {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Introuvable.' } });
  });
});
