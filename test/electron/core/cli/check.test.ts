import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli';
import { tempDir } from '../../../helpers/fixtures';

describe('jalons check', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.cleanup());

  it('creates a database with --create, then verifies it (exit 0, one-line verdict)', () => {
    const db = join(temp.dir, 'jalons.db');
    const created = runCli(['check', '--db', db, '--create'], { JALONS_PASSPHRASE: 'phrase de passe du script' });
    expect(created.status).toBe(0);
    expect(created.stderr).toMatch(/Code de secours/);
    const checked = runCli(['check', '--db', db], { JALONS_PASSPHRASE: 'phrase de passe du script' });
    expect(checked.status).toBe(0);
    expect(checked.stdout.trim().split('\n')).toHaveLength(1);
    expect(checked.stdout).toMatch(/^OK .*intégrité vérifiée, schéma \d+\.$/m);
  });

  it('fails with exit 1 and a French verdict on a wrong passphrase', () => {
    const db = join(temp.dir, 'jalons.db');
    runCli(['check', '--db', db, '--create'], { JALONS_PASSPHRASE: 'phrase de passe du script' });
    const wrong = runCli(['check', '--db', db], { JALONS_PASSPHRASE: 'mauvaise phrase de passe' });
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(/^ÉCHEC .*Phrase de passe incorrecte/);
  });

  it('fails on a file that is not a Jalons database', () => {
    const db = join(temp.dir, 'autre.db');
    writeFileSync(db, 'ceci n’est pas une base');
    const result = runCli(['check', '--db', db], { JALONS_PASSPHRASE: 'phrase de passe du script' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^ÉCHEC/);
  });

  it('refuses --create over an existing file', () => {
    const db = join(temp.dir, 'jalons.db');
    writeFileSync(db, 'x');
    const result = runCli(['check', '--db', db, '--create'], { JALONS_PASSPHRASE: 'phrase de passe du script' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/existe déjà/);
  });

  it('prints usage for an unknown command', () => {
    const result = runCli(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/Commande inconnue/);
  });
});
