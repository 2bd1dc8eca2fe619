import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitSalariesImport, runSalariesImportPreview, runSalariesImportCommit, type ImportDeps } from '../../../../electron/core/services/imports';
import { csvFile, importTestCore } from '../../../helpers/imports';
import { call, type TestCore } from '../../../helpers/parcours';

const HEADER = 'Nom;Prénom;Date de naissance;Date d’entrée';

describe('committing the file just previewed', () => {
  let core: TestCore;
  let deps: ImportDeps;
  beforeEach(async () => {
    ({ core, deps } = await importTestCore());
  });
  afterEach(() => core.cleanup());

  it('hands the preview’s validation to the worker, which writes those rows without reading the file again', async () => {
    const previewed = csvFile([HEADER, 'Lefèvre;Hélène;12/03/1988;05/01/2026', 'Diallo;Mamadou;01/07/1995;02/02/2026']);
    const started: unknown[] = [];
    const jobs = {
      prepare: () => started.push('prepare'),
      run: async <T,>(job: string, payload: unknown): Promise<T> => {
        started.push(job);
        // The worker's side, given a different file: only the validation handed over can produce these rows.
        const other = csvFile([HEADER, 'Autre;Personne;01/01/1990;01/01/2026']);
        return (await commitSalariesImport(deps, { ...(payload as Parameters<typeof commitSalariesImport>[1]), ...other })) as T;
      },
    };
    const preview = await runSalariesImportPreview(jobs, deps, previewed);
    expect(preview.validRows).toBe(2);
    const result = await runSalariesImportCommit(jobs, { ...previewed, skipInvalidRows: false, skipDuplicates: true });
    expect(started).toEqual(['prepare', 'import.salaries']);
    expect(result).toMatchObject({ imported: 2, skipped: 0 });
    const names = await core.ctx.db().selectFrom('salarie').select('last_name').orderBy('last_name').execute();
    expect(names.map((n) => n.last_name)).toEqual(['Diallo', 'Lefèvre']);
  });

  it('forgets the previewed rows when the store is locked (no personal data kept in memory past the lock)', async () => {
    const previewed = csvFile([HEADER, 'Lefèvre;Hélène;12/03/1988;05/01/2026']);
    const payloads: unknown[] = [];
    const jobs = {
      prepare: () => undefined,
      run: async <T,>(_job: string, payload: unknown): Promise<T> => {
        payloads.push(payload);
        return { imported: 0, skipped: 0, errors: [] } as T;
      },
    };
    await runSalariesImportPreview(jobs, deps, previewed);
    core.vault.lock();
    await runSalariesImportCommit(jobs, { ...previewed, skipInvalidRows: false, skipDuplicates: true });
    expect(payloads).toHaveLength(1);
    expect(payloads[0]).not.toHaveProperty('validated');
  });

  it('validates again when the commit comes another day (dates are checked against the day of the commit)', async () => {
    // Born tomorrow: today « dans le futur »; tomorrow, a person of 0 years at entry — another message.
    const content = csvFile([HEADER, 'Martin;Jeanne;24/11/2026;23/11/2026']);
    const today = await call(core, 'import.salaries.preview', content);
    expect(today.errors[0]?.message).toContain('date de naissance dans le futur');
    core.clock.advanceSeconds(24 * 3600);
    const result = await call(core, 'import.salaries.commit', { ...content, skipInvalidRows: false });
    const tomorrow = await call(core, 'import.salaries.preview', content);
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual(tomorrow.errors);
    expect(result.errors[0]?.message).toContain('0 ans à son entrée');
  });

  it('validates again when the structure’s SIAE kind changed since the preview', async () => {
    const content = csvFile(['Nom;Prénom;Date d’entrée;Type de contrat;Début du contrat', 'Martin;Jeanne;02/02/2026;CDDI;02/02/2026']);
    const before = await call(core, 'import.salaries.preview', content);
    expect(before.validRows).toBe(1);
    // A CDDI is possible in an ACI, not in an ETTI.
    await call(core, 'structure.save', { name: 'Les Jardins', siret: null, siaeKind: 'ETTI', regionCode: null, departementCode: null, annexes: [] });
    const result = await call(core, 'import.salaries.commit', { ...content, skipInvalidRows: false });
    expect(result.imported).toBe(0);
    expect(result.errors[0]?.message).toContain('n’est pas possible en ETTI');
  });
});
