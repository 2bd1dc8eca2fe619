import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../../shared/ipc/imports';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, newSalarie, type TestCore } from '../../../helpers/parcours';

function file(text: string, encoding: 'utf-8' | 'windows-1252' = 'utf-8') {
  const bytes = encoding === 'utf-8' ? Buffer.from(text, 'utf8') : Buffer.from(text, 'latin1');
  return { fileName: 'salaries.csv', contentBase64: bytes.toString('base64') };
}

const HEADER = 'Nom;Prénom;Sexe;Date de naissance;Date d’entrée;Référent;N° PASS IAE;Début PASS;Type de contrat;Début contrat;Fin contrat;Heures hebdo;RSA';
const GOOD = [
  'Lefèvre;Hélène;F;12/03/1988;05/01/2026;Claire Martin;999992612345;05/01/2026;CDDI;05/01/2026;04/07/2026;26;oui',
  'Diallo;Mamadou;H;1995-07-01;02/02/2026;Claire Martin;;;CDDI;02/02/2026;01/08/2026;24;non',
  'N’Diaye;Awa;F;01/09/02;16/03/2026;Julien Roux;;;;;;;',
];
const BAD = 'Durand;Paul;H;31/02/1990;05/01/2026;;;;;;;;';

async function listAll(core: TestCore, query = '') {
  return call(core, 'salaries.list', { query, status: 'tous' });
}

describe('CSV import of a caseload', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
    await call(core, 'structure.save', { name: 'Les Jardins', siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
  });
  afterEach(() => core.cleanup());

  it('previews what will be imported: encoding, delimiter, recognised columns, counts, first rows and errors', async () => {
    const preview = (await call(core, 'import.salaries.preview', file([HEADER, ...GOOD, BAD].join('\r\n')))) as ImportPreview;
    expect(preview).toMatchObject({ encoding: 'utf-8', delimiter: ';', totalRows: 4, validRows: 3 });
    expect(preview.columns.slice(0, 5)).toEqual([
      { header: 'Nom', field: 'lastName' },
      { header: 'Prénom', field: 'firstName' },
      { header: 'Sexe', field: 'sex' },
      { header: 'Date de naissance', field: 'birthDate' },
      { header: 'Date d’entrée', field: 'entryDate' },
    ]);
    expect(preview.sample[0]).toEqual({ line: 2, lastName: 'Lefèvre', firstName: 'Hélène', birthDate: '1988-03-12', entryDate: '2026-01-05' });
    expect(preview.errors).toEqual([
      { line: 5, column: 'Date de naissance', message: 'Ligne 5, colonne « Date de naissance » : date invalide (31/02/1990). Format attendu : JJ/MM/AAAA.' },
    ]);
    // A preview writes nothing.
    expect((await listAll(core)).total).toBe(0);
  });

  it('is all or nothing: one bad row and nothing is imported', async () => {
    const result = await call(core, 'import.salaries.commit', { ...file([HEADER, ...GOOD, BAD].join('\n')), skipInvalidRows: false });
    expect(result.imported).toBe(0);
    expect(result.errors.map((e) => e.line)).toEqual([5]);
    expect((await listAll(core)).total).toBe(0);
    expect(await auditActions(core)).not.toContain('import.salaries');
  });

  it('imports the valid rows when asked to skip the invalid ones, with PASS IAE, contract and référents', async () => {
    const result = await call(core, 'import.salaries.commit', { ...file([HEADER, ...GOOD, BAD].join('\n')), skipInvalidRows: true });
    expect(result).toMatchObject({ imported: 3, skipped: 1 });
    const list = await listAll(core);
    expect(list.total).toBe(3);
    const helene = list.rows.find((r) => r.firstName === 'Hélène')!;
    // Summary caches computed like any other write: PASS end (24 months) and contract end.
    expect(helene).toMatchObject({ status: 'en_parcours', passIaeEnd: '2028-01-04', contractEnd: '2026-07-04', referentName: 'Claire Martin', siaeKind: 'ACI' });
    const referents = await call(core, 'referents.list', {});
    expect(referents.map((r) => r.displayName).sort()).toEqual(['Claire Martin', 'Julien Roux']);
    const fiche = await call(core, 'salaries.get', { id: helene.id });
    expect(fiche.parcours.contracts).toHaveLength(1);
    expect(fiche.parcours.contracts[0]).toMatchObject({ kind: 'FIXED_TERM_I', weeklyHours: 26, startDate: '2026-01-05' });
    expect(fiche.situation?.rsa).toBe('OUI-NM');
    expect(fiche.identity.birthDate).toBe('1988-03-12');
  });

  it('records one audit entry with counts only, no names', async () => {
    await call(core, 'import.salaries.commit', { ...file([HEADER, ...GOOD].join('\n')), skipInvalidRows: false });
    const rows = await core.ctx.db().selectFrom('audit_log').selectAll().where('action', '=', 'import.salaries').execute();
    expect(rows).toHaveLength(1);
    const detail = JSON.parse(rows[0]!.detail!) as Record<string, unknown>;
    expect(detail).toMatchObject({ imported: 3, skipped: 0, newReferents: 2 });
    expect(rows[0]!.detail).not.toMatch(/Hélène|Lefèvre|Claire/);
  });

  it('makes imported salariés searchable, accents and case ignored, also by a word of a compound name', async () => {
    await call(core, 'import.salaries.commit', { ...file([HEADER, ...GOOD].join('\n')), skipInvalidRows: false });
    expect((await listAll(core, 'helene')).rows.map((r) => r.lastName)).toEqual(['Lefèvre']);
    expect((await listAll(core, 'LEFEVRE')).total).toBe(1);
    expect((await listAll(core, 'diaye')).rows.map((r) => r.firstName)).toEqual(['Awa']);
  });

  it('reads a Windows-1252 file (French Excel) with its accents intact', async () => {
    const text = ['Nom;Prénom;Date d’entrée', 'Lefèvre;Hélène;05/01/2026', 'Benoît;Zoé;06/01/2026'].join('\r\n').replace('’', "'");
    const preview = (await call(core, 'import.salaries.preview', file(text, 'windows-1252'))) as ImportPreview;
    expect(preview.encoding).toBe('windows-1252');
    await call(core, 'import.salaries.commit', { ...file(text, 'windows-1252'), skipInvalidRows: false });
    expect((await listAll(core, 'helene')).rows[0]).toMatchObject({ lastName: 'Lefèvre', firstName: 'Hélène' });
  });

  it('detects duplicates of salariés already in the base and within the file, and skips them', async () => {
    const existing = await newSalarie(core, { lastName: 'LEFEVRE', firstName: 'helene', birthDate: '1988-03-12' });
    const text = [HEADER, ...GOOD, GOOD[1]].join('\n');
    const preview = (await call(core, 'import.salaries.preview', file(text))) as ImportPreview;
    expect(preview.duplicates).toEqual([{ line: 2, existingId: existing }]);
    expect(preview.fileDuplicates).toEqual([{ line: 5, firstLine: 3 }]);
    const result = await call(core, 'import.salaries.commit', { ...file(text), skipInvalidRows: false });
    expect(result).toMatchObject({ imported: 2, skipped: 2 });
    expect((await listAll(core)).total).toBe(3);
  });

  it('imports duplicates anyway when told they are different people', async () => {
    await newSalarie(core, { lastName: 'Lefèvre', firstName: 'Hélène', birthDate: '1988-03-12' });
    const result = await call(core, 'import.salaries.commit', { ...file([HEADER, GOOD[0]].join('\n')), skipInvalidRows: false, skipDuplicates: false });
    expect(result.imported).toBe(1);
    expect((await listAll(core, 'helene')).total).toBe(2);
  });

  it('rejects a file without the Nom / Prénom columns, even when skipping invalid rows', async () => {
    const result = await call(core, 'import.salaries.commit', { ...file('Identifiant;Ville\nA;B\n'), skipInvalidRows: true });
    expect(result.imported).toBe(0);
    expect(result.errors[0]?.message).toMatch(/colonnes « Nom » et « Prénom » introuvables/);
  });

  it('reads comma-separated files with quoted fields holding commas and line breaks', async () => {
    const text = 'Nom,Prénom,Date d’entrée,Référent\n"Da Silva, épouse Costa",Maria,05/01/2026,"Martin, Claire"\nRoux,"Jean-\nPierre",05/01/2026,\n';
    const result = await call(core, 'import.salaries.commit', { ...file(text), skipInvalidRows: false });
    expect(result).toMatchObject({ imported: 2, errors: [] });
    expect((await listAll(core, 'da silva')).rows[0]).toMatchObject({ lastName: 'Da Silva, épouse Costa', referentName: 'Martin, Claire' });
  });
});

describe('ROME import', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(() => core.cleanup());

  it('upserts the official file’s trades, reports bad lines, and makes them searchable', async () => {
    const text = 'code_rome;libelle_rome\nK2204;Nettoyage de locaux (libellé officiel)\nZ9999;Code faux\nM1805;Études et développement informatique\n';
    const result = await call(core, 'import.rome.commit', file(text));
    expect(result.imported).toBe(2);
    expect(result.errors).toEqual([{ line: 3, column: null, message: 'Ligne 3 : code ROME invalide « Z9999 ».' }]);
    const found = await call(core, 'rome.search', { query: 'informatique' });
    expect(found.map((r) => r.code)).toContain('M1805');
    expect(await auditActions(core)).toContain('import.rome');
  });

  it('writes nothing when no line is valid', async () => {
    const result = await call(core, 'import.rome.commit', file('code_rome;libelle_rome\nZ9999;Faux\n'));
    expect(result.imported).toBe(0);
    expect(result.errors).toHaveLength(1);
    expect(await core.ctx.db().selectFrom('rome_entry').selectAll().execute()).toEqual([]);
    expect(await auditActions(core)).not.toContain('import.rome');
  });
});
