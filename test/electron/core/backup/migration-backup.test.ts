import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../migrations/index';
import { createCore, type Core } from '../../../../electron/core/app';
import { schemaVersionOf } from '../../../../electron/core/db/migrate';
import { openDatabase } from '../../../../electron/core/db/open';
import { createKeyFile, generateRecoveryCode, keyFilePathFor, writeKeyFile } from '../../../../electron/core/vault/keyfile';
import { FixedClock, TEST_KDF, sequentialIds, tempDir } from '../../../helpers/fixtures';

const PASSPHRASE = 'phrase de passe de l’ancienne version';
const FIRST = MIGRATIONS[0]!.version;

describe('backup before a migration', () => {
  let temp: ReturnType<typeof tempDir>;
  let file: string;
  let key: Buffer;
  let core: Core | null = null;

  /** A store as an older Jalons left it: schema of the first migration only, with its key file. */
  beforeEach(async () => {
    temp = tempDir();
    file = join(temp.dir, 'jalons.db');
    key = randomBytes(32);
    const { db } = openDatabase(file, key, { create: true, migrateUpTo: FIRST });
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('autoLockMinutes', '17');
    db.close();
    writeKeyFile(keyFilePathFor(file), await createKeyFile(key, PASSPHRASE, generateRecoveryCode(), TEST_KDF));
  });
  afterEach(() => {
    core?.close();
    core = null;
    temp.cleanup();
  });

  function open(): Core {
    core = createCore({ databaseFile: file, host: 'browser-host', clock: new FixedClock(), ids: sequentialIds(), kdf: TEST_KDF, logError: () => undefined, automaticBackups: false });
    return core;
  }

  it('copies the old-version store into the backup folder, then migrates', async () => {
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThan(FIRST);
    const unlocked = await open().dispatch('session.unlock', { passphrase: PASSPHRASE });
    expect(unlocked).toMatchObject({ ok: true, value: { state: 'unlocked', autoLockMinutes: 17 } });
    expect(schemaVersionOf(core!.vault.store().sqlite)).toBe(LATEST_SCHEMA_VERSION);

    const folder = join(temp.dir, 'sauvegardes');
    const backups = readdirSync(folder).filter((f) => f.endsWith('.db'));
    expect(backups).toEqual(['jalons-2026-11-23T09-00-00-000Z-avant-migration.db']);
    expect(readdirSync(folder)).toContain('jalons-2026-11-23T09-00-00-000Z-avant-migration.db.keys.json');
    const { db } = openDatabase(join(folder, backups[0]!), key, { readonly: true });
    expect(schemaVersionOf(db)).toBe(FIRST);
    expect(db.prepare('SELECT value FROM setting WHERE key = ?').get('autoLockMinutes')).toEqual({ value: '17' });
    db.close();

    // Up to date: the next unlock makes no backup.
    core!.vault.lock();
    await core!.dispatch('session.unlock', { passphrase: PASSPHRASE });
    expect(readdirSync(folder).filter((f) => f.endsWith('.db'))).toHaveLength(1);
  });

  it('does not migrate when the backup cannot be made, and says so in French', async () => {
    writeFileSync(join(temp.dir, 'sauvegardes'), 'un fichier, pas un dossier');
    const refused = await open().dispatch('session.unlock', { passphrase: PASSPHRASE });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/sauvegarder vos données avant de les mettre à jour.*La mise à jour n’a pas été faite/) } });
    core!.close();
    const { db } = openDatabase(file, key, { skipMigrations: true });
    expect(schemaVersionOf(db)).toBe(FIRST);
    db.close();
  });
});
