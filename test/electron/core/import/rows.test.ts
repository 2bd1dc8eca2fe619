import { beforeAll, describe, expect, it } from 'vitest';
import { mapColumns } from '../../../../electron/core/import/columns';
import { loadCommuneTable, type CommuneTable } from '../../../../electron/core/import/communes';
import { parseCsv } from '../../../../electron/core/import/csv';
import { validateRows, type RowEnv } from '../../../../electron/core/import/rows';

let communes: CommuneTable;
beforeAll(async () => {
  communes = await loadCommuneTable();
}, 60_000);

function validate(text: string, env: Partial<RowEnv> = {}) {
  const [header, ...records] = parseCsv(text).records;
  return validateRows(records, mapColumns(header!.fields), { today: '2026-11-23', siaeKind: 'ACI', communes, ...env });
}

describe('row validation', () => {
  it('reads French dates: dd/mm/yyyy, dd/mm/yy (a birth year is never in the future) and yyyy-mm-dd', () => {
    const { valid, errors } = validate(
      'Nom;Prénom;Date de naissance;Date d’entrée\nA;A;01/02/1975;03/11/2025\nB;B;01/02/75;2025-11-03\nC;C;03/04/30;3/11/25\n',
    );
    expect(errors).toEqual([]);
    expect(valid.map((r) => [r.identity.birthDate, r.identity.entryDate])).toEqual([
      ['1975-02-01', '2025-11-03'],
      ['1975-02-01', '2025-11-03'],
      ['1930-04-03', '2025-11-03'],
    ]);
  });

  it('explains each bad cell in French with its line and its column as named in the file', () => {
    const { valid, errors } = validate(
      [
        'NOM;Prénom;Date de naissance;Date d’entrée;Sexe;Courriel',
        'Durand;Léa;12/03/1990;05/01/2026;F;lea@exemple.fr',
        ';Paul;31/02/1990;05/01/2026;X;paul@',
        'Martin;Jo;12/03/1990;demain;H;',
      ].join('\n'),
    );
    expect(valid).toHaveLength(1);
    expect(errors.map((e) => e.message)).toEqual([
      'Ligne 3, colonne « NOM » : nom manquant.',
      'Ligne 3, colonne « Sexe » : valeur non reconnue (X). Indiquez H ou F (ou M, Mme, 1, 2).',
      'Ligne 3, colonne « Date de naissance » : date invalide (31/02/1990). Format attendu : JJ/MM/AAAA.',
      'Ligne 3, colonne « Courriel » : adresse e-mail invalide (paul@).',
      'Ligne 4, colonne « Date d’entrée » : date invalide (demain). Format attendu : JJ/MM/AAAA.',
    ]);
    expect(errors[0]).toMatchObject({ line: 3, column: 'NOM' });
  });

  it('accepts the usual ways of writing sex, yes/no and education levels', () => {
    const { valid, errors } = validate(
      'Nom;Prénom;Date d’entrée;Sexe;RSA;RQTH;Niveau de formation\nA;A;01/01/2026;Mme;majoré;x;CAP\nB;B;01/01/2026;M;oui;non;sans diplôme\nC;C;01/01/2026;2;non;;Bac pro\n',
    );
    expect(errors).toEqual([]);
    expect(valid.map((r) => [r.identity.sex, r.situation?.rsa, r.situation?.rqth, r.situation?.educationLevel])).toEqual([
      ['2', 'OUI-M', true, '51'],
      ['1', 'OUI-NM', false, '70'],
      ['2', 'NON', false, '41'],
    ]);
  });

  it('finds the commune from its name and postcode, its INSEE code, or a unique postcode, and refuses an ambiguous name', () => {
    const { valid, errors } = validate(
      [
        'Nom;Prénom;Date d’entrée;Commune;Code postal',
        'A;A;01/01/2026;Lille;59000',
        'B;B;01/01/2026;59599;',
        'C;C;01/01/2026;Roubaix (59100);',
        // Roubaix's postcode is also Bousignies' INSEE code: people write postcodes.
        'D;D;01/01/2026;59100;',
        'E;E;01/01/2026;Saint-Denis;',
        'F;F;01/01/2026;St-Étienne;',
        'G;G;01/01/2026;;13001',
      ].join('\n'),
    );
    expect(valid.map((r) => r.identity.communeInsee)).toEqual(['59350', '59599', '59512', '59512', '42218', '13201']);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/^Ligne 6, colonne « Commune » : \d+ communes s’appellent « Saint-Denis » : ajoutez le code postal ou le code INSEE\.$/);
  });

  it('builds the PASS IAE (24 months by default) and the contract, taking the entry date from the contract when absent', () => {
    const { valid, errors } = validate('Nom;Prénom;N° PASS IAE;Début PASS;Type de contrat;Début contrat;Fin contrat;Heures hebdo\nA;A;99999 26 12345;05/01/2026;CDDI;05/01/2026;04/07/2026;26h\n');
    expect(errors).toEqual([]);
    expect(valid[0]?.identity.entryDate).toBe('2026-01-05');
    expect(valid[0]?.pass).toEqual({ number: '999992612345', startDate: '2026-01-05', baseEndDate: '2028-01-04' });
    expect(valid[0]?.contract).toEqual({ kind: 'FIXED_TERM_I', startDate: '2026-01-05', endDate: '2026-07-04', weeklyHours: 26 });
  });

  it('refuses a contract kind the structure cannot sign, and contracts before the structure is set up', () => {
    expect(validate('Nom;Prénom;Date d’entrée;Type de contrat;Début contrat\nA;A;01/01/2026;mission;01/01/2026\n').errors[0]?.message).toBe(
      'Ligne 2, colonne « Type de contrat » : un contrat « Contrat de mission intérimaire » n’est pas possible en ACI.',
    );
    expect(validate('Nom;Prénom;Date d’entrée;Début contrat\nA;A;01/01/2026;01/01/2026\n', { siaeKind: null }).errors[0]?.message).toMatch(
      /^Ligne 2 : le type de SIAE de la structure n’est pas renseigné/,
    );
  });

  it('requires an entry date when neither a contract nor a PASS gives one', () => {
    const { errors } = validate('Nom;Prénom\nDurand;Léa\n');
    expect(errors.map((e) => e.message)).toEqual(['Ligne 2 : date d’entrée manquante (ajoutez-la, ou une date de début de contrat).']);
  });
});
