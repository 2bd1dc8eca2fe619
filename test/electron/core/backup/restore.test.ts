import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../../migrations/index';
import { createBackup } from '../../../../electron/core/backup/create';
import { openDatabase } from '../../../../electron/core/db/open';
import { keyFilePathFor, readKeyFile, unwrapWithPassphrase } from '../../../../electron/core/vault/keyfile';
import { TEST_PASSPHRASE, createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function names(core: TestCore): Promise<string[]> {
  const list = await call(core, 'salaries.list', { status: 'tous' });
  return list.rows.map((r) => r.lastName).sort();
}

/** A backup made in-process by the job's own code (a worker start per test would add seconds). */
function backupNow(core: TestCore, kind: 'auto' | 'manuelle' = 'manuelle'): string {
  const folder = join(core.dir, 'sauvegardes');
  return createBackup({ db: core.vault.store().sqlite, databaseFile: core.vault.databaseFile, kind, now: core.clock.now(), check: 'full', folder }).info.file;
}

/** Overwrites bytes in the middle of the file: the key still opens page 1, the integrity check fails. */
function damage(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
  closeSync(fd);
}

describe('restore from a backup', () => {
  let core: TestCore;
  afterEach(() => core.cleanup());

  it('round trip: backup → changes → restore → the data of the backup is back, the replaced file kept aside', async () => {
    core = await createTestCore();
    await newSalarie(core, { lastName: 'Avant', firstName: 'Alice' });
    const file = backupNow(core);
    core.clock.advanceSeconds(3600);
    await newSalarie(core, { lastName: 'Après', firstName: 'Bob' });
    expect(await names(core)).toEqual(['Après', 'Avant']);

    const result = await call(core, 'backups.restore', { file, passphrase: TEST_PASSPHRASE });
    expect(result).toMatchObject({
      restored: { file, kind: 'manuelle' },
      previousFile: `${core.vault.databaseFile}.avant-restauration-2026-11-23T10-00-00-000Z`,
      passphraseOfBackup: false,
      status: { state: 'unlocked', storage: 'ok' },
    });
    expect(await names(core)).toEqual(['Avant']);
    expect(await auditActions(core)).toContain('backup.restore');

    // The replaced store is whole (its WAL was checkpointed by closing) and opens with the same key.
    const key = (await unwrapWithPassphrase(readKeyFile(keyFilePathFor(core.vault.databaseFile))!, TEST_PASSPHRASE))!;
    const { db } = openDatabase(result.previousFile!, key, { readonly: true });
    expect(db.prepare('SELECT last_name FROM salarie ORDER BY last_name').all()).toEqual([{ last_name: 'Après' }, { last_name: 'Avant' }]);
    db.close();
    expect(existsSync(keyFilePathFor(result.previousFile!))).toBe(true);
  });

  it('refuses a wrong passphrase: nothing changed, the session stays open, the attempt counts', async () => {
    core = await createTestCore();
    await newSalarie(core, { lastName: 'Avant', firstName: 'Alice' });
    const file = backupNow(core);
    await newSalarie(core, { lastName: 'Après', firstName: 'Bob' });
    core.vault.lock(); // checkpoint, so the file's bytes are the whole store
    await call(core, 'session.unlock', { passphrase: TEST_PASSPHRASE });
    const before = sha(core.vault.databaseFile);

    const error = await callError(core, 'backups.restore', { file, passphrase: 'pas la bonne phrase' });
    expect(error).toMatchObject({ code: 'WRONG_PASSPHRASE', message: expect.stringMatching(/n’ouvre pas cette sauvegarde/) });
    expect(sha(core.vault.databaseFile)).toBe(before);
    expect(await names(core)).toEqual(['Après', 'Avant']);
    expect((await call(core, 'session.status', {})).failedAttempts).toBe(1);
    expect(readdirSync(core.dir).filter((f) => f.includes('avant-restauration'))).toEqual([]);
  });

  it('on a damaged store, unlock answers CORRUPT with the backups, and restoreLatest works while locked', async () => {
    core = await createTestCore();
    for (let i = 0; i < 30; i += 1) await newSalarie(core, { lastName: `Salarié${i}`, firstName: 'Test' });
    backupNow(core, 'auto');
    core.clock.advanceSeconds(24 * 3600);
    const newest = backupNow(core, 'auto');
    core.vault.lock();
    damage(core.vault.databaseFile);

    const corrupt = await callError(core, 'session.unlock', { passphrase: TEST_PASSPHRASE });
    expect(corrupt.code).toBe('CORRUPT');
    expect(corrupt.message).toMatch(/endommagée.*dernière sauvegarde vérifiée/);
    expect(corrupt.backups?.map((b) => b.file)).toEqual([newest, expect.stringContaining('-auto.db')]);
    expect((await call(core, 'session.status', {})).state).toBe('locked');

    expect(await callError(core, 'backups.restoreLatest', { passphrase: 'pas la bonne phrase' })).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    const restored = await call(core, 'backups.restoreLatest', { passphrase: TEST_PASSPHRASE });
    expect(restored.restored.file).toBe(newest);
    expect(restored.status.state).toBe('unlocked');
    expect((await call(core, 'salaries.list', { status: 'tous' })).total).toBe(30);
  });

  it('a damaged store without any backup says where it looked, and how to restore a copy from elsewhere', async () => {
    core = await createTestCore();
    for (let i = 0; i < 30; i += 1) await newSalarie(core, { lastName: `Salarié${i}`, firstName: 'Test' });
    core.vault.lock();
    damage(core.vault.databaseFile);
    const corrupt = await callError(core, 'session.unlock', { passphrase: TEST_PASSPHRASE });
    expect(corrupt).toMatchObject({ code: 'CORRUPT', backups: [], message: expect.stringMatching(/Aucune sauvegarde n’a été trouvée dans .*sauvegardes.*jalons restore/) });
  });

  it('a deleted data file is restored from its backups at the unlock screen', async () => {
    core = await createTestCore();
    await newSalarie(core, { lastName: 'Gardée', firstName: 'Alice' });
    backupNow(core);
    core.vault.lock();
    rmSync(core.vault.databaseFile);
    const missing = await callError(core, 'session.unlock', { passphrase: TEST_PASSPHRASE });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/introuvable.*restaurer la dernière sauvegarde/) });
    expect(missing.backups).toHaveLength(1);
    const restored = await call(core, 'backups.restoreLatest', { passphrase: TEST_PASSPHRASE });
    expect(restored.previousFile).toBeNull();
    expect(await names(core)).toEqual(['Gardée']);
  });

  it('skips a damaged newest backup for the next good one', async () => {
    core = await createTestCore();
    await newSalarie(core, { lastName: 'Ancien', firstName: 'A' });
    const older = backupNow(core, 'auto');
    core.clock.advanceSeconds(24 * 3600);
    for (let i = 0; i < 30; i += 1) await newSalarie(core, { lastName: `Nouveau${i}`, firstName: 'B' });
    const newest = backupNow(core, 'auto');
    damage(join(core.dir, 'sauvegardes', newest));
    const restored = await call(core, 'backups.restoreLatest', { passphrase: TEST_PASSPHRASE });
    expect(restored.restored.file).toBe(older);
    expect(await names(core)).toEqual(['Ancien']);
  });

  it('refuses a backup from a newer Jalons, and changes nothing', async () => {
    core = await createTestCore();
    const file = backupNow(core);
    const path = join(core.dir, 'sauvegardes', file);
    const key = (await unwrapWithPassphrase(readKeyFile(keyFilePathFor(path))!, TEST_PASSPHRASE))!;
    const { db } = openDatabase(path, key, { skipMigrations: true });
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.pragma('journal_mode = DELETE');
    db.close();
    const error = await callError(core, 'backups.restore', { file, passphrase: TEST_PASSPHRASE });
    expect(error).toMatchObject({ code: 'TOO_NEW', message: expect.stringMatching(/version plus récente/) });
    expect((await call(core, 'session.status', {})).state).toBe('unlocked');
  });

  it('restores with the passphrase of the day of the backup after the passphrase changed', async () => {
    core = await createTestCore();
    await newSalarie(core, { lastName: 'Avant', firstName: 'Alice' });
    const file = backupNow(core);
    await call(core, 'session.changePassphrase', { currentPassphrase: TEST_PASSPHRASE, newPassphrase: 'nouvelle phrase de passe' });
    await newSalarie(core, { lastName: 'Après', firstName: 'Bob' });

    // Today's passphrase works (the data key never changes), and keeps working afterwards…
    const withNew = await call(core, 'backups.restore', { file, passphrase: 'nouvelle phrase de passe' });
    expect(withNew.passphraseOfBackup).toBe(false);
    // …and so does the old one, through the backup's key file copy, which then becomes the key file.
    core.clock.advanceSeconds(60);
    const withOld = await call(core, 'backups.restore', { file, passphrase: TEST_PASSPHRASE });
    expect(withOld.passphraseOfBackup).toBe(true);
    core.vault.lock();
    expect(await callError(core, 'session.unlock', { passphrase: 'nouvelle phrase de passe' })).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    await call(core, 'session.unlock', { passphrase: TEST_PASSPHRASE });
    expect(await names(core)).toEqual(['Avant']);
  });

  it('restores with the recovery code', async () => {
    core = await createTestCore();
    await newSalarie(core, { lastName: 'Avant', firstName: 'Alice' });
    const file = backupNow(core);
    await newSalarie(core, { lastName: 'Après', firstName: 'Bob' });
    const result = await call(core, 'backups.restore', { file, recoveryCode: core.recoveryCode! });
    expect(result.status).toMatchObject({ state: 'unlocked', unlockedWithRecoveryCode: true });
    expect(await names(core)).toEqual(['Avant']);
  });

  it('names only backups of the folder: no path, no unknown file', async () => {
    core = await createTestCore();
    expect(await callError(core, 'backups.restore', { file: '../jalons.db', passphrase: TEST_PASSPHRASE })).toMatchObject({ code: 'VALIDATION' });
    expect(await callError(core, 'backups.restore', { file: 'jalons.db', passphrase: TEST_PASSPHRASE })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callError(core, 'backups.restoreLatest', { passphrase: TEST_PASSPHRASE })).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/Aucune sauvegarde/),
    });
  });
});
