export { importFieldLabel } from '../../../../shared/domain/import-fields';

export const encodingLabels: Record<'utf-8' | 'windows-1252', string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (ANSI, export Excel)',
};

export const delimiterLabels: Record<';' | ',' | '\t', string> = {
  ';': 'point-virgule',
  ',': 'virgule',
  '\t': 'tabulation',
};
