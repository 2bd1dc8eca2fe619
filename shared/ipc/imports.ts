import { z } from 'zod';
import { method } from './common-method';

/** Up to ~20 MB of CSV, sent as base64 so Windows-1252 files arrive byte for byte. */
const CsvFile = z.object({
  fileName: z.string().max(255),
  contentBase64: z.string().max(28_000_000, { error: 'Fichier trop volumineux (20 Mo au plus).' }),
});

export const ImportRowError = z.object({
  /** 1-based line number in the file, header included, as a spreadsheet shows it. */
  line: z.number().int(),
  column: z.string().nullable(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportPreview = z.object({
  encoding: z.enum(['utf-8', 'windows-1252']),
  delimiter: z.enum([';', ',', '\t']),
  /** Recognised columns (file header → field), and headers we ignore. */
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  /** First rows as they will be imported, for the user to check. */
  sample: z.array(z.object({ line: z.number().int(), lastName: z.string(), firstName: z.string(), birthDate: z.string().nullable(), entryDate: z.string().nullable() })),
  errors: z.array(ImportRowError),
  /** Possible duplicates of salariés already in the base (same nom, prénom, date de naissance). */
  duplicates: z.array(z.object({ line: z.number().int(), existingId: z.string() })),
  /** Lines repeating an earlier line of the same file (same nom, prénom, date de naissance); skipped like duplicates. */
  fileDuplicates: z.array(z.object({ line: z.number().int(), firstLine: z.number().int() })).optional(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const importsContract = {
  'import.salaries.preview': method(CsvFile.strict(), ImportPreview),
  /** All or nothing unless `skipInvalidRows`: then valid rows are imported and bad ones reported. */
  'import.salaries.commit': method(
    CsvFile.extend({ skipInvalidRows: z.boolean(), skipDuplicates: z.boolean().default(true) }).strict(),
    z.object({ imported: z.number().int(), skipped: z.number().int(), errors: z.array(ImportRowError) }),
  ),
  'import.rome.commit': method(CsvFile.strict(), z.object({ imported: z.number().int(), errors: z.array(ImportRowError) })),
} as const;
