import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/errors';
import { keyFilePathFor, normaliseRecoveryCode, readKeyFile, unwrapWithPassphrase } from '../../../../electron/core/vault/keyfile';
import { Vault, delayAfterFailures } from '../../../../electron/core/vault/vault';
import { FixedClock, TEST_KDF, tempDir } from '../../../helpers/fixtures';

const PASSPHRASE = 'quatre mots bien choisis';

describe('Vault', () => {
  let temp: ReturnType<typeof tempDir>;
  let clock: FixedClock;
  let file: string;
  let vault: Vault;

  beforeEach(() => {
    temp = tempDir();
    clock = new FixedClock();
    file = join(temp.dir, 'jalons.db');
    vault = new Vault(file, { clock, kdf: TEST_KDF });
  });
  afterEach(() => {
    vault.lock();
    temp.cleanup();
  });

  async function expectError(promise: Promise<unknown>, code: string): Promise<AppError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }

  it('starts in setup mode, then is unlocked right after setup', async () => {
    expect(vault.status().state).toBe('setup-required');
    const { recoveryCode } = await vault.setup(PASSPHRASE);
    expect(recoveryCode).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(vault.status().state).toBe('unlocked');
    expect(existsSync(file)).toBe(true);
  });

  it('never writes the database key or the passphrase in clear in the key file', async () => {
    await vault.setup(PASSPHRASE);
    const keyFile = readFileSync(keyFilePathFor(file), 'utf8');
    expect(keyFile).not.toContain(PASSPHRASE);
    expect(JSON.parse(keyFile)).toMatchObject({ kdf: { name: 'scrypt', N: TEST_KDF.N } });
  });

  it('refuses a second setup', async () => {
    await vault.setup(PASSPHRASE);
    await expectError(vault.setup(PASSPHRASE), 'ALREADY_SET_UP');
  });

  it('locks and unlocks with the passphrase', async () => {
    await vault.setup(PASSPHRASE);
    vault.lock();
    expect(vault.status().state).toBe('locked');
    expect(() => vault.store()).toThrow(/verrouillé/);
    await vault.unlock({ passphrase: PASSPHRASE });
    expect(vault.status().state).toBe('unlocked');
  });

  it('says a wrong passphrase is wrong, in French, and counts the failure', async () => {
    await vault.setup(PASSPHRASE);
    vault.lock();
    const error = await expectError(vault.unlock({ passphrase: 'pas la bonne phrase' }), 'WRONG_PASSPHRASE');
    expect(error.message).toMatch(/Phrase de passe incorrecte/);
    expect(vault.status()).toMatchObject({ state: 'locked', failedAttempts: 1, retryInSeconds: 0 });
  });

  it('imposes a growing delay after repeated failures, and honours it', async () => {
    await vault.setup(PASSPHRASE);
    vault.lock();
    for (let i = 0; i < 3; i += 1) await expectError(vault.unlock({ passphrase: `faux ${i} essai` }), 'WRONG_PASSPHRASE');
    expect(vault.status().retryInSeconds).toBe(2);
    const limited = await expectError(vault.unlock({ passphrase: PASSPHRASE }), 'RATE_LIMITED');
    expect(limited.retryInSeconds).toBe(2);
    clock.advanceSeconds(2);
    await expectError(vault.unlock({ passphrase: 'encore faux essai' }), 'WRONG_PASSPHRASE');
    expect(vault.status().retryInSeconds).toBe(4);
    clock.advanceSeconds(4);
    await vault.unlock({ passphrase: PASSPHRASE });
    expect(vault.status()).toMatchObject({ state: 'unlocked', failedAttempts: 0 });
  });

  it('keeps the failure count across restarts (a new process cannot reset the delay)', async () => {
    await vault.setup(PASSPHRASE);
    vault.lock();
    for (let i = 0; i < 4; i += 1) {
      clock.advanceSeconds(600);
      await expectError(vault.unlock({ passphrase: `faux ${i} essai` }), 'WRONG_PASSPHRASE');
    }
    const restarted = new Vault(file, { clock, kdf: TEST_KDF });
    expect(restarted.status()).toMatchObject({ failedAttempts: 4, retryInSeconds: 4 });
  });

  it('delay grows by doubling and is capped at five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(delayAfterFailures)).toEqual([0, 0, 0, 2, 4, 8, 16]);
    expect(delayAfterFailures(40)).toBe(300);
  });

  it('unlocks with the recovery code, tolerant of case, spaces and dashes', async () => {
    const { recoveryCode } = await vault.setup(PASSPHRASE);
    vault.lock();
    const typed = recoveryCode.toLowerCase().replace(/-/g, ' ');
    await vault.unlock({ recoveryCode: typed });
    expect(vault.status()).toMatchObject({ state: 'unlocked', unlockedWithRecoveryCode: true });
  });

  it('after a recovery unlock, sets a new passphrase without the old one; the old one then fails', async () => {
    const { recoveryCode } = await vault.setup(PASSPHRASE);
    vault.lock();
    await vault.unlock({ recoveryCode });
    await vault.changePassphrase(undefined, 'une toute nouvelle phrase');
    vault.lock();
    await expectError(vault.unlock({ passphrase: PASSPHRASE }), 'WRONG_PASSPHRASE');
    await vault.unlock({ passphrase: 'une toute nouvelle phrase' });
    expect(vault.status().state).toBe('unlocked');
  });

  it('changes the passphrase without re-encrypting: data survives and the recovery code still works', async () => {
    const { recoveryCode } = await vault.setup(PASSPHRASE);
    await vault.store().db.insertInto('setting').values({ key: 'marker', value: '"gardé"' }).execute();
    const keyBefore = await unwrapWithPassphrase(readKeyFile(keyFilePathFor(file))!, PASSPHRASE);
    await expectError(vault.changePassphrase('mauvaise actuelle', 'nouvelle phrase de passe'), 'WRONG_PASSPHRASE');
    await vault.changePassphrase(PASSPHRASE, 'nouvelle phrase de passe');
    vault.lock();
    const keyAfter = await unwrapWithPassphrase(readKeyFile(keyFilePathFor(file))!, 'nouvelle phrase de passe');
    expect(keyAfter?.equals(keyBefore!)).toBe(true);
    await vault.unlock({ passphrase: 'nouvelle phrase de passe' });
    const row = await vault.store().db.selectFrom('setting').selectAll().where('key', '=', 'marker').executeTakeFirst();
    expect(row?.value).toBe('"gardé"');
    vault.lock();
    await vault.unlock({ recoveryCode });
    expect(vault.status().state).toBe('unlocked');
  });

  it('normalises recovery codes read from paper (O→0, I/L→1)', () => {
    expect(normaliseRecoveryCode('abco-il12 ')).toBe('ABC01112');
  });
});
