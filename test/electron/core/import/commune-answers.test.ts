import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitSalariesImport, communeAnswersFor, type CommuneAnswers, type ImportDeps } from '../../../../electron/core/services/imports';
import { csvFile, importTestCore } from '../../../helpers/imports';
import { call, type TestCore } from '../../../helpers/parcours';

const HEADER = 'Nom;Prénom;Date de naissance;Date d’entrée;Commune';
const ROWS = [
  'Lefèvre;Hélène;12/03/1988;05/01/2026;Lille (59000)',
  'Diallo;Mamadou;01/07/1995;02/02/2026;59100',
  'Martin;Jeanne;03/04/1990;02/02/2026;Roubaix',
  'Benali;Inès;04/05/1991;02/02/2026; Roubaix ',
];
const LILLE = '59350';
const ROUBAIX = '59512';

async function communesByName(core: TestCore): Promise<Record<string, string | null>> {
  const rows = await core.ctx.db().selectFrom('salarie').select(['last_name', 'commune_insee']).execute();
  return Object.fromEntries(rows.map((r) => [r.last_name, r.commune_insee]));
}

describe('communes of an imported file, resolved by the main process for the job worker', () => {
  let core: TestCore;
  let deps: ImportDeps;
  beforeEach(async () => {
    ({ core, deps } = await importTestCore());
  });
  afterEach(() => core.cleanup());

  it('answers once per distinct commune cell (trimmed), and not at all without a commune column', async () => {
    const answers = await communeAnswersFor(csvFile([HEADER, ...ROWS]));
    expect(answers).toHaveLength(3);
    expect(new Map(answers).size).toBe(3);
    expect(answers?.map(([, r]) => r)).toEqual([
      { ok: true, code: LILLE },
      { ok: true, code: ROUBAIX },
      { ok: true, code: ROUBAIX },
    ]);
    expect(await communeAnswersFor(csvFile(['Nom;Prénom;Date d’entrée', 'Martin;Jeanne;02/02/2026']))).toBeNull();
  });

  it('imports through the worker with the same communes and French errors as the preview', async () => {
    const unknown = 'Durand;Paul;03/04/1990;02/02/2026;Inconnueville';
    const preview = await call(core, 'import.salaries.preview', csvFile([HEADER, ...ROWS, unknown]));
    const refused = await call(core, 'import.salaries.commit', { ...csvFile([HEADER, ...ROWS, unknown]), skipInvalidRows: false });
    expect(refused.imported).toBe(0);
    expect(refused.errors).toEqual(preview.errors);
    expect(refused.errors[0]?.message).toBe('Ligne 6, colonne « Commune » : commune inconnue (Inconnueville). Indiquez son nom exact ou son code INSEE.');

    const result = await call(core, 'import.salaries.commit', { ...csvFile([HEADER, ...ROWS, unknown]), skipInvalidRows: true });
    expect(result).toMatchObject({ imported: 4, skipped: 1 });
    expect(await communesByName(core)).toEqual({ Lefèvre: LILLE, Diallo: ROUBAIX, Martin: ROUBAIX, Benali: ROUBAIX });
  });

  it('uses the answers it is given, and the referential itself for a cell they do not cover', async () => {
    // A deliberately different answer for "Roubaix" shows that the given answers are used as they are.
    const answers: CommuneAnswers = [['\u0000Roubaix\u0000', { ok: true, code: LILLE }]];
    const given = await commitSalariesImport(deps, { ...csvFile([HEADER, ROWS[2] as string]), skipInvalidRows: false, skipDuplicates: true, communeAnswers: answers });
    expect(given.imported).toBe(1);
    expect(await communesByName(core)).toEqual({ Martin: LILLE });

    const partial = await commitSalariesImport(deps, { ...csvFile([HEADER, ROWS[0] as string, ROWS[1] as string]), skipInvalidRows: false, skipDuplicates: true, communeAnswers: answers });
    expect(partial.imported).toBe(2);
    expect(await communesByName(core)).toMatchObject({ Lefèvre: LILLE, Diallo: ROUBAIX });
  });
});
