import { describe, expect, it } from 'vitest';
import { contract, UNLOCKED_NOT_REQUIRED } from '../../../shared/ipc/contract';
import { METHOD_NAMES, channelOf } from '../../../shared/ipc/method-names';

describe('IPC contract', () => {
  it('the preload method list is exactly the contract', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(contract).sort());
  });

  it('only session bootstrap methods work while locked (and restoring a backup over a damaged store)', () => {
    expect([...UNLOCKED_NOT_REQUIRED].sort()).toEqual(
      ['app.info', 'session.lock', 'session.setup', 'session.status', 'session.unlock', 'backups.restore', 'backups.restoreLatest'].sort(),
    );
  });

  it('gives every method its own channel', () => {
    expect(new Set(METHOD_NAMES.map(channelOf)).size).toBe(METHOD_NAMES.length);
  });

  it('rejects unknown fields instead of silently dropping them', () => {
    const parsed = contract['session.setup'].input.safeParse({ passphrase: 'une phrase assez longue', admin: true });
    expect(parsed.success).toBe(false);
  });

  it('explains a too-short passphrase in French', () => {
    const parsed = contract['session.setup'].input.safeParse({ passphrase: 'court' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/au moins 10 caractères/);
  });
});
