import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../helpers/cli';
import { tempDir } from '../../../helpers/fixtures';

const ENV = { JALONS_PASSPHRASE: 'phrase de passe du script' };

describe('jalons demo', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.cleanup());

  it('creates a store filled with 200 salariés, which `jalons check` then finds healthy', () => {
    const db = join(temp.dir, 'demo.db');
    const run = runCli(['demo', '--db', db, '--salaries', '200', '--seed', '7', '--create', '--today', '2026-11-23'], ENV);
    expect(run.stderr).toMatch(/Code de secours/);
    expect(run.stderr).toMatch(/^200 \/ 200 salariés…$/m);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toMatch(/^OK 200 salariés générés \(ACI, département \d{2}, graine 7, [\d ]+ lignes\) en [\d,]+ s, soit [\d ]+ salariés\/s/);
    const check = runCli(['check', '--db', db], ENV);
    expect(check.stdout).toMatch(/^OK .*intégrité vérifiée/);
    expect(check.status).toBe(0);
  });

  it('explains its options when the count is missing (exit 2, nothing created)', () => {
    const usage = runCli(['demo', '--db', join(temp.dir, 'demo.db')], ENV);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/jalons demo --db FICHIER --salaries N/);
  });
});
