/**
 * French names of the fields the CSV import recognises (the preview sends the field code).
 * Mirrors `importFieldLabels` in electron/core/import/columns.ts, which the renderer may not import;
 * an unknown code is shown as is rather than hidden.
 */
const importFieldLabels: Record<string, string> = {
  lastName: 'Nom',
  firstName: 'Prénom',
  birthName: 'Nom de naissance',
  sex: 'Sexe',
  birthDate: 'Date de naissance',
  entryDate: 'Date d’entrée',
  referent: 'Référent',
  communeCode: 'Code INSEE de la commune',
  commune: 'Commune',
  postcode: 'Code postal',
  qpv: 'QPV',
  zrr: 'ZRR',
  phone: 'Téléphone',
  email: 'E-mail',
  passNumber: 'Numéro PASS IAE',
  passStart: 'Début PASS IAE',
  passEnd: 'Fin PASS IAE',
  contractKind: 'Type de contrat',
  contractStart: 'Début contrat',
  contractEnd: 'Fin contrat',
  weeklyHours: 'Heures hebdomadaires',
  educationLevel: 'Niveau de formation',
  rsa: 'RSA',
  ass: 'ASS',
  aah: 'AAH',
  rqth: 'RQTH',
};

export function importFieldLabel(field: string): string {
  return importFieldLabels[field] ?? field;
}

export const encodingLabels: Record<'utf-8' | 'windows-1252', string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (ANSI, export Excel)',
};

export const delimiterLabels: Record<';' | ',' | '\t', string> = {
  ';': 'point-virgule',
  ',': 'virgule',
  '\t': 'tabulation',
};
