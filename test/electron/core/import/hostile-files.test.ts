import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRowError } from '../../../../shared/ipc/imports';
import { createTestCore } from '../../../helpers/core';
import { databaseDigest, technicalTextIn } from '../../../helpers/hostile';
import { call, type TestCore } from '../../../helpers/parcours';

/*
 * Files that are not what the import expects: each is refused with a line-level French report, and
 * the store is left exactly as it was (digest of every table). Complements import-service.test.ts
 * (bad rows, missing columns, encodings).
 */

const file = (bytes: Buffer, fileName = 'salaries.csv') => ({ fileName, contentBase64: bytes.toString('base64') });
const HEADER = 'Nom;Prénom;Date d’entrée\n';

const HOSTILE: Record<string, Buffer> = {
  'un fichier vide': Buffer.alloc(0),
  'un BOM seul': Buffer.from([0xef, 0xbb, 0xbf]),
  'une image PNG': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0, 1, 2, 3]),
  'un classeur Excel (zip)': Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0]), Buffer.alloc(200, 0x00)]),
  'un export « texte Unicode » (UTF-16)': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nom\tPrénom\tDate d’entrée\r\nDurand\tLéa\t05/01/2026\r\n', 'utf16le')]),
  'l’en-tête seul': Buffer.from(HEADER),
  'une ligne de 10 Mo': Buffer.from(`${HEADER}${'x'.repeat(10 * 1024 * 1024)};Léa;05/01/2026\n`),
  'un guillemet jamais fermé': Buffer.from(`${HEADER}"Durand;Léa;05/01/2026\nMartin;Paul;05/01/2026\n`),
  'des dates hors calendrier': Buffer.from(
    'Nom;Prénom;Date de naissance;Date d’entrée;Début PASS;Type de contrat;Début contrat;Fin contrat\nDurand;Léa;01/01/0001;31/12/9999;31/12/9999;CDDI;31/12/9999;31/12/9999\nMartin;Paul;01/01/1850;01/01/1899;;;;\n',
  ),
};

function expectLineReport(errors: readonly ImportRowError[], context: string): void {
  expect(errors.length, context).toBeGreaterThan(0);
  for (const e of errors) {
    expect(e.line, context).toBeGreaterThanOrEqual(1);
    expect(technicalTextIn(e.message), context).toBeNull();
    expect(e.message, context).toMatch(/^(Ligne \d+|Le fichier est vide|Fichier vide|En-tête incomplet|Aucune ligne|Aucun métier)/);
  }
}

describe('imports refuse hostile files with a line-level French report and change nothing', () => {
  let core: TestCore;
  let digest: () => string;
  beforeAll(async () => {
    core = await createTestCore();
    await call(core, 'structure.save', { name: 'Les Jardins', siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
    digest = () => databaseDigest(core.vault.store().sqlite);
  });
  afterAll(() => core.cleanup());

  it.each(Object.entries(HOSTILE))('previews %s as a refusal, line by line', async (name, bytes) => {
    const before = digest();
    const preview = await call(core, 'import.salaries.preview', file(bytes));
    expectLineReport(preview.errors, name);
    expect(preview.validRows, name).toBe(0);
    expect(digest()).toBe(before);
  });

  it.each(['une image PNG', 'l’en-tête seul', 'une ligne de 10 Mo', 'un guillemet jamais fermé', 'des dates hors calendrier'])('imports nothing from %s, even when told to skip bad rows', async (name) => {
    const before = digest();
    const result = await call(core, 'import.salaries.commit', { ...file(HOSTILE[name]!), skipInvalidRows: true });
    expect(result.imported, name).toBe(0);
    expectLineReport(result.errors, name);
    expect(digest()).toBe(before);
  });

  it.each(Object.entries(HOSTILE))('refuses %s as a ROME file', async (name, bytes) => {
    const before = digest();
    const result = await call(core, 'import.rome.commit', file(bytes, 'rome.csv'));
    expect(result.imported, name).toBe(0);
    expectLineReport(result.errors, name);
    expect(digest()).toBe(before);
  });

  it('refuses a file over the size limit in French before reading it', async () => {
    const envelope = await core.dispatch('import.salaries.preview', { fileName: 'gros.csv', contentBase64: 'A'.repeat(28_000_001) });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Fichier trop volumineux (20 Mo au plus).' } });
  });
});
