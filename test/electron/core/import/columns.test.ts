import { describe, expect, it } from 'vitest';
import { fieldForHeader, mapColumns } from '../../../../electron/core/import/columns';

describe('column recognition', () => {
  it.each([
    ['Nom', 'lastName'],
    ['NOM DE FAMILLE', 'lastName'],
    ['Nom d’usage', 'lastName'],
    ['Prénom', 'firstName'],
    ['PRENOM', 'firstName'],
    ['Nom de naissance', 'birthName'],
    ['Nom de jeune fille', 'birthName'],
    ['Sexe', 'sex'],
    ['Civilité', 'sex'],
    ['Date de naissance', 'birthDate'],
    ['DATE_NAISSANCE', 'birthDate'],
    ['Né(e) le', 'birthDate'],
    ["Date d'entrée", 'entryDate'],
    ['Date entree parcours', 'entryDate'],
    ['Date d’embauche', 'entryDate'],
    ['Référent', 'referent'],
    ['CIP référent(e)', 'referent'],
    ['Conseillère', 'referent'],
    ['Commune', 'commune'],
    ['Ville de résidence', 'commune'],
    ['Code INSEE', 'communeCode'],
    ['Code postal', 'postcode'],
    ['CP', 'postcode'],
    ['Téléphone', 'phone'],
    ['Tél. portable', 'phone'],
    ['E-mail', 'email'],
    ['Courriel', 'email'],
    ['N° PASS IAE', 'passNumber'],
    ['Numéro d’agrément', 'passNumber'],
    ['Début PASS', 'passStart'],
    ['Date de début du PASS IAE', 'passStart'],
    ['Fin PASS IAE', 'passEnd'],
    ['Type de contrat', 'contractKind'],
    ['Début contrat', 'contractStart'],
    ['Date de fin de contrat', 'contractEnd'],
    ['Heures hebdo', 'weeklyHours'],
    ['Durée hebdomadaire', 'weeklyHours'],
    ['Niveau de formation', 'educationLevel'],
    ['Niveau d’études', 'educationLevel'],
    ['RSA', 'rsa'],
    ['Bénéficiaire du RSA', 'rsa'],
    ['RQTH', 'rqth'],
    ['QPV', 'qpv'],
    ['Résident ZRR', 'zrr'],
  ])('« %s » → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it('ignores unknown columns and a second column for the same field', () => {
    const mapping = mapColumns(['Nom', 'Prénom', 'Pointure', 'NOM']);
    expect(mapping.fields).toEqual(['lastName', 'firstName', null, null]);
    expect(mapping.indexOf.lastName).toBe(0);
  });
});
