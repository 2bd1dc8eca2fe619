import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackup } from '../../../../electron/core/backup/create';
import { inspectDatabaseFile } from '../../../../electron/core/db/backup';
import { openDatabase } from '../../../../electron/core/db/open';
import { keyFilePathFor, readKeyFile, unwrapWithPassphrase } from '../../../../electron/core/vault/keyfile';
import { TEST_PASSPHRASE, createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

/** What a stolen backup must never reveal. */
const PERSONAL = { lastName: 'Benhamouda', firstName: 'Marie-Thérèse', email: 'marie.benhamouda@exemple.fr', phone: '06 12 34 56 78' };

async function keyOf(core: TestCore): Promise<Buffer> {
  return (await unwrapWithPassphrase(readKeyFile(keyFilePathFor(core.vault.databaseFile))!, TEST_PASSPHRASE))!;
}

describe('encrypted backups', () => {
  let core: TestCore;
  afterEach(() => core.cleanup());

  it('« Sauvegarder maintenant » writes a verified copy, encrypted with the same key, with its key file, in <dossier>/sauvegardes', async () => {
    core = await createTestCore();
    await newSalarie(core, PERSONAL);
    const running = core.dispatch('backups.create', {});
    // The renderer polls jobs.progress meanwhile.
    await expect.poll(() => core.ctx.jobs.progress()).toEqual([expect.objectContaining({ job: 'backup.create' })]);
    const created = await running;
    expect(created).toMatchObject({ ok: true, value: { kind: 'manuelle', createdAt: '2026-11-23T09:00:00.000Z', hasKeyFile: true } });
    const overview = await call(core, 'backups.list', {});
    expect(overview).toMatchObject({ folder: join(core.dir, 'sauvegardes'), isDefaultFolder: true, lastBackupAt: '2026-11-23T09:00:00.000Z' });
    expect(overview.backups.map((b) => b.file)).toEqual(['jalons-2026-11-23T09-00-00-000Z-manuelle.db']);
    const file = join(overview.folder, overview.backups[0]!.file);

    // Not one personal string in clear, and not a plain SQLite file.
    const bytes = readFileSync(file);
    for (const text of Object.values(PERSONAL)) {
      expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
      expect(bytes.includes(Buffer.from(text, 'utf16le'))).toBe(false);
    }
    const plain = new Database(file, { readonly: true });
    expect(() => plain.prepare('SELECT * FROM salarie').all()).toThrow(/not a database/);
    plain.close();
    expect(inspectDatabaseFile(file, randomBytes(32))).toBeNull();

    // The store's key opens it, with the data inside.
    const { db } = openDatabase(file, await keyOf(core), { readonly: true });
    expect(db.prepare('SELECT last_name, email FROM salarie').all()).toEqual([{ last_name: 'Benhamouda', email: PERSONAL.email }]);
    db.close();
    // The key file copy unwraps with the passphrase of the day.
    expect(await unwrapWithPassphrase(readKeyFile(keyFilePathFor(file))!, TEST_PASSPHRASE)).toEqual(await keyOf(core));
    expect(readdirSync(overview.folder).some((f) => f.endsWith('.partiel'))).toBe(false);
  });

  it('« Sauvegarder maintenant » twice in the same instant keeps both, the second listed first', async () => {
    core = await createTestCore();
    // The test clock does not move: both backups carry the same time stamp.
    const first = await call(core, 'backups.create', {});
    const second = await call(core, 'backups.create', {});
    expect(second.file).toBe('jalons-2026-11-23T09-00-00-000Z-manuelle-2.db');
    const overview = await call(core, 'backups.list', {});
    // Same day: the newest of the day is kept by the rotation — the one just written, not the first.
    expect(overview.backups.map((b) => b.file)).toEqual([second.file]);
    expect(existsSync(join(overview.folder, first.file))).toBe(false);
  });

  it('makes the automatic backup at most once a day', async () => {
    core = await createTestCore();
    expect((await core.backups.autoBackupIfDue())?.kind).toBe('auto');
    expect(await core.backups.autoBackupIfDue()).toBeNull();
    core.clock.advanceSeconds(24 * 3600);
    expect((await core.backups.autoBackupIfDue())?.kind).toBe('auto');
    expect((await call(core, 'backups.list', {})).backups).toHaveLength(2);
    core.vault.lock();
    core.clock.advanceSeconds(24 * 3600);
    expect(await core.backups.autoBackupIfDue()).toBeNull();
  });

  it('rotates: after 40 days of daily backups, only the retained ones remain, each with its key file', async () => {
    core = await createTestCore();
    const folder = join(core.dir, 'sauvegardes');
    // The job's own code, called in-process (40 worker starts would be slow).
    for (let day = 0; day < 40; day += 1) {
      createBackup({ db: core.vault.store().sqlite, databaseFile: core.vault.databaseFile, kind: 'auto', now: core.clock.now(), check: 'quick', folder });
      if (day < 39) core.clock.advanceSeconds(24 * 3600);
    }
    const { backups } = await call(core, 'backups.list', {});
    expect(backups.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(backups.length).toBeGreaterThanOrEqual(7 + 2);
    expect(backups[0]!.createdAt).toBe('2027-01-01T09:00:00.000Z');
    expect(backups.slice(0, 7).map((b) => b.createdAt.slice(0, 10))).toEqual([
      '2027-01-01', '2026-12-31', '2026-12-30', '2026-12-29', '2026-12-28', '2026-12-27', '2026-12-26',
    ]);
    const files = readdirSync(folder);
    expect(files.filter((f) => f.endsWith('.keys.json'))).toHaveLength(backups.length);
  });

  it('starts the daily backup by itself after unlocking', async () => {
    core = await createTestCore({ automaticBackups: { firstDelayMs: 10, intervalMs: 3_600_000 } });
    await expect.poll(async () => (await call(core, 'backups.list', {})).backups.map((b) => b.kind), { timeout: 15_000 }).toEqual(['auto']);
  });

  it('lets the user choose the backup folder (absolute, writable), remembered beside the data file', async () => {
    core = await createTestCore();
    const relative = await callError(core, 'backups.setFolder', { folder: 'sauvegardes' });
    expect(relative).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/chemin complet/) });
    const folder = join(core.dir, 'ailleurs', 'copies');
    expect(await call(core, 'backups.setFolder', { folder })).toMatchObject({ folder, isDefaultFolder: false, backups: [] });
    await call(core, 'backups.create', {});
    expect(readdirSync(folder).filter((f) => f.endsWith('.db'))).toHaveLength(1);
    expect(JSON.parse(readFileSync(`${core.vault.databaseFile}.sauvegardes.json`, 'utf8'))).toEqual({ 'backup.folder': folder });
    expect(await auditActions(core)).toContain('backup.setFolder');
    const blocked = await callError(core, 'backups.setFolder', { folder: join(core.vault.databaseFile, 'dedans') });
    expect(blocked).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/ne peut pas écrire/) });
  });

  it('needs the store unlocked to list or create backups', async () => {
    core = await createTestCore();
    core.vault.lock();
    expect(await callError(core, 'backups.list', {})).toMatchObject({ code: 'LOCKED' });
    expect(await callError(core, 'backups.create', {})).toMatchObject({ code: 'LOCKED' });
    expect(existsSync(join(core.dir, 'sauvegardes'))).toBe(false);
  });
});
