import { z } from 'zod';
import { method } from './common-method';

/**
 * Saves the print view currently shown as a PDF (Electron: webContents.printToPDF + a save dialog).
 * In the browser host the renderer uses the browser's own print (Ctrl+P) on the same view.
 */
export const printContract = {
  'print.toPdf': method(
    z.object({ suggestedFileName: z.string().min(1).max(120).regex(/^[^/\\:*?"<>|]+\.pdf$/, { error: 'Nom de fichier PDF invalide.' }) }).strict(),
    z.object({ saved: z.boolean(), path: z.string().nullable() }),
  ),
} as const;
