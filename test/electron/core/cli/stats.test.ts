import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditReceivedBundle, parseBundle, serializeBundle } from '../../../../shared/stats/index';
import { runCli } from '../../../helpers/cli';
import { tempDir } from '../../../helpers/fixtures';

const ENV = { JALONS_PASSPHRASE: 'phrase de passe du script' };

/** The bundle without what is random by design (its id and the structure's pseudonym). */
function content(json: string): string {
  const b = JSON.parse(json) as Record<string, unknown>;
  return JSON.stringify({ ...b, bundleId: null, structureId: null });
}

describe('jalons stats', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(() => temp.cleanup());

  it('writes an anonymised bundle of a demo store that the hub accepts, the same bytes twice, and the full tables aside', () => {
    const db = join(temp.dir, 'demo.db');
    expect(runCli(['demo', '--db', db, '--salaries', '250', '--seed', '11', '--create', '--today', '2026-11-23'], ENV).status).toBe(0);
    const out = join(temp.dir, 'envoi.json');
    const full = join(temp.dir, 'complet.json');
    const run = runCli(['stats', '--db', db, '--period', '2025', '--out', out, '--local-out', full], ENV);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^OK .*envoi\.json : Année 2025, révision 1 \(nouvelle\), \d+ tableaux diffusés, .* ; contrôle du siège régional : conforme\.\n$/);

    const json = readFileSync(out, 'utf8');
    const bundle = parseBundle(JSON.parse(json));
    expect(serializeBundle(bundle)).toBe(json); // canonical bytes, as stored and signed later
    expect(auditReceivedBundle(bundle).passed).toBe(true);
    expect(bundle.period).toEqual({ kind: 'year', year: 2025, index: 1 });
    expect(json).not.toMatch(/"(siret|name|lastName|firstName|note)"/i);

    const local = JSON.parse(readFileSync(full, 'utf8')) as { tables: Array<{ id: string; cells: Array<{ coords: string[]; value: number }> }> };
    const total = local.tables.find((t) => t.id === 'present.sex_age')!.cells.find((c) => c.coords.join() === '*,*')!.value;
    expect(total).toBeGreaterThan(50);
    // Unsuppressed: every cell has a value, including those the bundle hides.
    expect(local.tables.every((t) => t.cells.every((c) => Number.isInteger(c.value)))).toBe(true);

    // Same data: the stored revision comes back, byte for byte.
    const out2 = join(temp.dir, 'envoi-2.json');
    const again = runCli(['stats', '--db', db, '--period', '2025', '--out', out2], ENV);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('révision 1 (déjà enregistrée, identique)');
    expect(readFileSync(out2, 'utf8')).toBe(json);

    // Another store with the same demo seed: the same content (only the random ids differ).
    const otherDb = join(temp.dir, 'other.db');
    expect(runCli(['demo', '--db', otherDb, '--salaries', '250', '--seed', '11', '--create', '--today', '2026-11-23'], ENV).status).toBe(0);
    const out3 = join(temp.dir, 'envoi-3.json');
    const other = runCli(['stats', '--db', otherDb, '--period', '2025', '--out', out3], ENV);
    expect(other.status, other.stderr).toBe(0);
    expect(content(readFileSync(out3, 'utf8'))).toBe(content(json));
  }, 300_000);

  it('builds a quarter and explains bad options (exit 2)', () => {
    const db = join(temp.dir, 'demo.db');
    expect(runCli(['demo', '--db', db, '--salaries', '60', '--create', '--today', '2026-11-23'], ENV).status).toBe(0);
    const quarter = runCli(['stats', '--db', db, '--period', '2026', '--period-kind', 'quarter', '--period-index', '2', '--out', join(temp.dir, 'q.json')], ENV);
    expect(quarter.status, quarter.stderr).toBe(0);
    expect(quarter.stdout).toContain('2e trimestre 2026');
    expect(parseBundle(JSON.parse(readFileSync(join(temp.dir, 'q.json'), 'utf8'))).period).toEqual({ kind: 'quarter', year: 2026, index: 2 });

    const missing = runCli(['stats', '--db', db, '--period', '2026'], ENV);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('jalons stats --db FICHIER --period AAAA');
    const badIndex = runCli(['stats', '--db', db, '--period', '2026', '--period-kind', 'half', '--period-index', '3', '--out', join(temp.dir, 'x.json')], ENV);
    expect(badIndex.status).toBe(2);
    expect(badIndex.stderr).toMatch(/^Période invalide : Cette période n’existe pas/);
  }, 300_000);
});
