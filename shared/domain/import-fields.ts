/**
 * The fields the caseload CSV import recognises, with their French names: the core maps headers to them
 * (electron/core/import/columns.ts) and the renderer names them in the preview and in messages.
 */
export const IMPORT_FIELDS = [
  'lastName',
  'firstName',
  'birthName',
  'sex',
  'birthDate',
  'entryDate',
  'referent',
  'communeCode',
  'commune',
  'postcode',
  'qpv',
  'zrr',
  'phone',
  'email',
  'passNumber',
  'passStart',
  'passEnd',
  'contractKind',
  'contractStart',
  'contractEnd',
  'weeklyHours',
  'educationLevel',
  'rsa',
  'ass',
  'aah',
  'rqth',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** French names, for the preview and for messages about a column that is missing altogether. */
export const importFieldLabels: Record<ImportField, string> = {
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

/** French name of a field code; an unknown code is shown as is rather than hidden. */
export function importFieldLabel(field: string): string {
  return (importFieldLabels as Record<string, string>)[field] ?? field;
}
