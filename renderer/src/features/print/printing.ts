import { hostKind } from '../../bridge';
import { call } from '../../bridge';

/** A file name the save dialog accepts: no path separators or reserved characters, accents folded. */
export function pdfFileName(...parts: Array<string | null | undefined>): string {
  const base = parts
    .filter((p): p is string => Boolean(p))
    .join('-')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()
    .slice(0, 110);
  return `${base || 'document'}.pdf`;
}

/**
 * Electron saves the view as a PDF through the core (`print.toPdf`: save dialog, A4, page footer);
 * the browser host uses the browser's own print dialog (« Enregistrer au format PDF »).
 * Returns what to tell the user, or null when there is nothing to say.
 */
export async function printCurrentView(suggestedFileName: string): Promise<string | null> {
  if (hostKind === 'electron') {
    const result = await call('print.toPdf', { suggestedFileName });
    return result.saved ? `PDF enregistré${result.path ? ` : ${result.path}` : '.'}` : null;
  }
  window.print();
  return null;
}
