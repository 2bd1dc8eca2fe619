import Database from 'better-sqlite3-multiple-ciphers';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKysely } from '../../../../electron/core/db/kysely';
import { enrolDevice } from '../../../../electron/core/services/sync';
import { KEY_STORAGE_REFUSAL, keyStorageProblem } from '../../../../electron/core/sync/key-storage';
import { tempDir } from '../../../helpers/fixtures';
import { getDevice } from '../../../../electron/core/repositories/sync';
import { syncRuntimeFor } from '../../../../electron/core/sync/runtime';
import { createTestCore } from '../../../helpers/core';
import { FakeHub } from './fake-hub';

/** Y15 (adapted: the key lives in the encrypted store, not in an OS key store; a plain store is refused). */
describe('device private key storage', () => {
  it('never leaves the encrypted database: no file holds it in clear, and enrolment writes no other file', async () => {
    const core = await createTestCore();
    try {
      const hub = new FakeHub();
      syncRuntimeFor(core.ctx).transport = { fetch: hub.fetch };
      const before = readdirSync(core.dir).sort();
      const result = await core.dispatch('sync.enrol', { hubUrl: 'http://127.0.0.1:9', code: 'CODE-AAAA-BBBB-CCCC', deviceLabel: 'Poste' });
      expect(result.ok).toBe(true);
      const device = (await getDevice(core.ctx.db()))!;
      const der = Buffer.from(device.private_key, 'base64');
      // PKCS#8 for Ed25519 ends with the 32-byte seed: the secret itself.
      const seed = der.subarray(der.length - 32);
      core.vault.store().sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const after = readdirSync(core.dir).sort();
      expect(after.filter((f) => !before.includes(f) && !/-(wal|shm)$/.test(f))).toEqual([]);
      for (const name of after) {
        const bytes = readFileSync(join(core.dir, name));
        expect(bytes.includes(seed), name).toBe(false);
        expect(bytes.includes(der), name).toBe(false);
        expect(bytes.includes(Buffer.from(device.private_key)), name).toBe(false);
        expect(bytes.includes(Buffer.from(seed.toString('base64'))), name).toBe(false);
      }
      // The status never carries it either.
      const status = await core.dispatch('sync.status', {});
      expect(JSON.stringify(status)).not.toContain(device.private_key);
      // Sanity: the store does hold it (readable only once unlocked).
      expect(der.length).toBeGreaterThan(32);
    } finally {
      core.cleanup();
    }
  });

  it('Y15: refuses to enrol, and says why, when the database that would hold the key is not encrypted', async () => {
    const temp = tempDir();
    const core = await createTestCore();
    try {
      const plainFile = join(temp.dir, 'en-clair.db');
      const plain = new Database(plainFile);
      plain.exec('CREATE TABLE t (x)');
      const hub = new FakeHub();
      syncRuntimeFor(core.ctx).transport = { fetch: hub.fetch };
      // The same service, on a context whose database is a plain SQLite file.
      const ctx = { ...core.ctx, db: () => createKysely(plain) };
      await expect(enrolDevice(ctx, { hubUrl: 'http://127.0.0.1:9', code: 'CODE-AAAA-BBBB-CCCC', deviceLabel: 'Poste' }, '0.1.0')).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: KEY_STORAGE_REFUSAL,
      });
      // Refused before any key was made or any call reached the hub; the code is still unused.
      expect(hub.calls).toBe(0);
      plain.close();

      expect(keyStorageProblem(plainFile)).toBe(KEY_STORAGE_REFUSAL);
      expect(keyStorageProblem('')).toBe(KEY_STORAGE_REFUSAL);
      writeFileSync(join(temp.dir, 'vide.db'), '');
      expect(keyStorageProblem(join(temp.dir, 'vide.db'))).toBe(KEY_STORAGE_REFUSAL);
      // The real store is SQLCipher: accepted, and enrolment goes through.
      expect(keyStorageProblem(join(core.dir, 'jalons.db'))).toBeNull();
      expect((await core.dispatch('sync.enrol', { hubUrl: 'http://127.0.0.1:9', code: 'CODE-AAAA-BBBB-CCCC', deviceLabel: 'Poste' })).ok).toBe(true);
    } finally {
      core.cleanup();
      temp.cleanup();
    }
  });
});
