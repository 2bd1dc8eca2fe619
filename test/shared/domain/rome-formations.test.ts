import { describe, expect, it } from 'vitest';
import {
  FORMATION_KINDS,
  CERTIFICATION_OUTCOMES,
  certificationOutcomeLabels,
  formationKinds,
  isCertificationSuccess,
} from '../../../shared/domain/formations';
import { IAE_COMMON_ROME, RomeCodeSchema, findIaeRome, isRomeCode, parseRomeCsv } from '../../../shared/domain/rome';

describe('ROME codes', () => {
  it.each([
    ['K2204', true],
    ['A1203', true],
    ['N1105', true],
    ['O1234', false],
    ['k2204', false],
    ['K220', false],
    ['K22045', false],
    [' K2204', false],
  ])('%s is a ROME code: %s', (code, ok) => {
    expect(isRomeCode(code)).toBe(ok);
  });

  it('the schema trims and upper-cases what the user typed', () => {
    expect(RomeCodeSchema.parse(' k2204 ')).toBe('K2204');
    expect(RomeCodeSchema.safeParse('Z9999').success).toBe(false);
  });

  it('ships at least 40 distinct, well-formed IAE trades', () => {
    expect(IAE_COMMON_ROME.length).toBeGreaterThanOrEqual(40);
    expect(new Set(IAE_COMMON_ROME.map((e) => e.code)).size).toBe(IAE_COMMON_ROME.length);
    for (const e of IAE_COMMON_ROME) expect(isRomeCode(e.code)).toBe(true);
  });

  it.each([
    ['K2204', 'Nettoyage de locaux'],
    ['K2501', 'Gardiennage de locaux'],
    ['A1414', 'Horticulture et maraîchage'],
    ['G1605', 'Plonge en restauration'],
    ['N1101', "Conduite d'engins de déplacement des charges"],
  ])('%s is "%s"', (code, label) => {
    expect(findIaeRome(code.toLowerCase())?.label).toBe(label);
  });
});

describe('parseRomeCsv', () => {
  it('reads the official comma-separated file with code_rome, code_ogr and libelle_rome', () => {
    const csv = '\uFEFFcode_rome,code_ogr,libelle_rome\nK2204,38771,Nettoyage de locaux\r\nA1203,38702,"Aménagement et entretien des espaces verts"\n';
    expect(parseRomeCsv(csv)).toEqual({
      entries: [
        { code: 'K2204', label: 'Nettoyage de locaux', ogrCode: '38771' },
        { code: 'A1203', label: 'Aménagement et entretien des espaces verts', ogrCode: '38702' },
      ],
      errors: [],
    });
  });

  it('reads a semicolon-separated file whose labels contain commas and quotes', () => {
    const csv = 'Code ROME;Libellé\nG1603;Personnel polyvalent en restauration\nH3302;"Opérations manuelles d\'assemblage, tri ou ""emballage"""\n';
    const r = parseRomeCsv(csv.replace('Code ROME', 'code_rome').replace('Libellé', 'libelle'));
    expect(r.errors).toEqual([]);
    expect(r.entries[1]).toEqual({ code: 'H3302', label: 'Opérations manuelles d\'assemblage, tri ou "emballage"' });
  });

  it('accepts accented or spaced header names', () => {
    expect(parseRomeCsv('Code_ROME;Libellé\nK2204;Nettoyage de locaux').entries).toEqual([{ code: 'K2204', label: 'Nettoyage de locaux' }]);
  });

  it('reports bad lines with their line number and keeps the good ones', () => {
    const csv = [
      'code_rome;libelle',
      'K2204;Nettoyage de locaux',
      'X9999;Code hors nomenclature',
      'K2303;',
      'K2304',
      '',
      'K2204;Nettoyage de locaux',
      'F1606;Peinture en bâtiment',
    ].join('\n');
    const r = parseRomeCsv(csv);
    expect(r.entries.map((e) => e.code)).toEqual(['K2204', 'F1606']);
    expect(r.errors).toEqual([
      { line: 3, message: 'Ligne 3 : code ROME invalide « X9999 ».' },
      { line: 4, message: 'Ligne 4 : libellé manquant pour le code K2303.' },
      { line: 5, message: 'Ligne 5 : 1 colonne au lieu de 2.' },
      { line: 7, message: 'Ligne 7 : doublon ignoré (K2204 Nettoyage de locaux).' },
    ]);
  });

  it('counts lines correctly after a quoted line break', () => {
    const r = parseRomeCsv('code_rome;libelle\nK2204;"Nettoyage\nde locaux"\nZ0000;x');
    expect(r.entries[0]?.label).toBe('Nettoyage\nde locaux');
    expect(r.errors).toEqual([{ line: 4, message: 'Ligne 4 : code ROME invalide « Z0000 ».' }]);
  });

  it('explains a missing header column or an empty file', () => {
    expect(parseRomeCsv('code;nom\nK2204;x').errors[0]?.message).toBe('En-tête incomplet : colonne « libelle » introuvable.');
    expect(parseRomeCsv('').errors[0]?.line).toBe(1);
  });
});

describe('formations', () => {
  it('every kind and outcome has a French label', () => {
    for (const k of FORMATION_KINDS) expect(formationKinds[k].label).toMatch(/\S/);
    for (const o of CERTIFICATION_OUTCOMES) expect(certificationOutcomeLabels[o]).toMatch(/\S/);
  });

  it('pre-qualifying and qualifying trainings can justify a "sortie positive", CléA alone cannot', () => {
    expect(formationKinds.pre_qualifying.countsAsQualifyingForExit).toBe(true);
    expect(formationKinds.qualifying.countsAsQualifyingForExit).toBe(true);
    expect(formationKinds.clea.countsAsQualifyingForExit).toBe(false);
  });

  it('partial certification counts as a success, an attestation does not', () => {
    expect(isCertificationSuccess('partially_obtained')).toBe(true);
    expect(isCertificationSuccess('attestation_only')).toBe(false);
  });
});
