import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { call, callError, type TestCore } from '../../../helpers/parcours';

describe('form drafts', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(() => core.cleanup());

  it('saves, replaces, reads back and deletes a draft in the encrypted store', async () => {
    expect(await call(core, 'drafts.get', { key: 'salarie:new' })).toBeNull();
    await call(core, 'drafts.save', { key: 'salarie:new', value: { lastName: 'Mar', tags: [1, 2] } });
    core.clock.advanceSeconds(60);
    await call(core, 'drafts.save', { key: 'salarie:new', value: { lastName: 'Martin' } });
    expect(await call(core, 'drafts.get', { key: 'salarie:new' })).toEqual({ value: { lastName: 'Martin' }, updatedAt: '2026-11-23T09:01:00.000Z' });
    await call(core, 'drafts.delete', { key: 'salarie:new' });
    expect(await call(core, 'drafts.get', { key: 'salarie:new' })).toBeNull();
  });

  it('refuses a draft over 200 KB and a malformed key', async () => {
    const error = await callError(core, 'drafts.save', { key: 'big', value: 'x'.repeat(210_000) });
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('200 Ko') });
    expect(await callError(core, 'drafts.save', { key: 'a b', value: 1 })).toMatchObject({ code: 'VALIDATION' });
  });
});
