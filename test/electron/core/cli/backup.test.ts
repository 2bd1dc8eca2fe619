import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../../migrations/index';
import { openDatabase } from '../../../../electron/core/db/open';
import { keyFilePathFor, readKeyFile, unwrapWithPassphrase } from '../../../../electron/core/vault/keyfile';
import { runCli } from '../../../helpers/cli';
import { tempDir } from '../../../helpers/fixtures';

const PASSPHRASE = 'phrase de passe du script';
const env = { JALONS_PASSPHRASE: PASSPHRASE };

async function withStore<T>(file: string, work: (db: Database.Database) => T): Promise<T> {
  const key = (await unwrapWithPassphrase(readKeyFile(keyFilePathFor(file))!, PASSPHRASE))!;
  const { db } = openDatabase(file, key, { skipMigrations: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

// Each case runs the real CLI several times (a process, key derivation, a job worker): slow on a loaded CI machine.
describe('jalons backup / jalons restore', { timeout: 240_000 }, () => {
  let temp: ReturnType<typeof tempDir>;
  let db: string;
  beforeEach(() => {
    temp = tempDir();
    db = join(temp.dir, 'jalons.db');
    expect(runCli(['check', '--db', db, '--create'], env).status).toBe(0);
  }, 120_000);
  afterEach(() => temp.cleanup());

  it('backs up to --out (encrypted, verified, with its key file), then restores it over a changed store with --force', async () => {
    await withStore(db, (s) => s.prepare('INSERT INTO setting (key, value) VALUES (?, ?)').run('repère', '"avant"'));
    const out = join(temp.dir, 'copie', 'jalons-copie.db');
    const backup = runCli(['backup', '--db', db, '--out', out], env);
    expect(backup.stdout).toMatch(new RegExp(`^OK .*sauvegarde chiffrée et vérifiée \\(schéma ${LATEST_SCHEMA_VERSION}, .* Mo, .* s\\), clé copiée`));
    expect(backup.status).toBe(0);
    expect(existsSync(`${out}.keys.json`)).toBe(true);
    expect(readFileSync(out).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(runCli(['backup', '--db', db, '--out', out], env)).toMatchObject({ status: 1, stdout: expect.stringMatching(/existe déjà/) });

    await withStore(db, (s) => s.prepare('UPDATE setting SET value = ? WHERE key = ?').run('"après"', 'repère'));
    const refused = runCli(['restore', '--from', out, '--db', db], env);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toMatch(/existe déjà : relancez avec --force/);
    expect(await withStore(db, (s) => s.prepare('SELECT value FROM setting WHERE key = ?').get('repère'))).toEqual({ value: '"après"' });

    const restored = runCli(['restore', '--from', out, '--db', db, '--force'], env);
    expect(restored.stdout).toMatch(/^OK .*restaurée depuis .*intégrité vérifiée, schéma \d+\)\. Ancien fichier conservé : .*jalons\.db\.avant-restauration-/);
    expect(restored.status).toBe(0);
    expect(await withStore(db, (s) => s.prepare('SELECT value FROM setting WHERE key = ?').get('repère'))).toEqual({ value: '"avant"' });
    const aside = readdirSync(temp.dir).find((f) => /^jalons\.db\.avant-restauration-[\dT-]+Z$/.test(f))!;
    expect(await withStore(join(temp.dir, aside), (s) => s.prepare('SELECT value FROM setting WHERE key = ?').get('repère'))).toEqual({ value: '"après"' });
    expect(runCli(['check', '--db', db], env).status).toBe(0);
  });

  it('refuses a wrong passphrase and changes nothing', () => {
    const out = join(temp.dir, 'copie.db');
    expect(runCli(['backup', '--db', db, '--out', out], env).status).toBe(0);
    const before = createHash('sha256').update(readFileSync(db)).digest('hex');
    const wrong = runCli(['restore', '--from', out, '--db', db, '--force'], { JALONS_PASSPHRASE: 'mauvaise phrase de passe' });
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(/^ÉCHEC .*n’ouvre pas la sauvegarde.*Rien n’a été modifié/);
    expect(createHash('sha256').update(readFileSync(db)).digest('hex')).toBe(before);
    expect(readdirSync(temp.dir).filter((f) => f.includes('avant-restauration'))).toEqual([]);
  });

  it('restores onto a new place without --force, and refuses a backup from a newer schema', async () => {
    const out = join(temp.dir, 'copie.db');
    expect(runCli(['backup', '--db', db, '--out', out], env).status).toBe(0);
    const elsewhere = join(temp.dir, 'autre', 'jalons.db');
    const fresh = runCli(['restore', '--from', out, '--db', elsewhere], { JALONS_PASSPHRASE: PASSPHRASE });
    expect(fresh.stdout).toMatch(/^OK /);
    expect(fresh.stdout).not.toMatch(/Ancien fichier/);
    expect(runCli(['check', '--db', elsewhere], env).status).toBe(0);

    await withStore(out, (s) => s.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`));
    const newer = runCli(['restore', '--from', out, '--db', db, '--force'], env);
    expect(newer.status).toBe(1);
    expect(newer.stdout).toMatch(/version plus récente de Jalons/);
  });

  it('prints usage when an option is missing', () => {
    expect(runCli(['backup', '--db', db]).status).toBe(2);
    expect(runCli(['restore', '--db', db]).status).toBe(2);
  });
});
