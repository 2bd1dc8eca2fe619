import { BrowserWindow, dialog, type WebContents } from 'electron';
import { writeFile } from 'node:fs/promises';
import type { Envelope } from '../../shared/ipc/errors';

/**
 * `print.toPdf` needs the caller's web contents, so Electron answers it here instead of the core:
 * the current print view (A4, print CSS, page numbers in the footer) is saved where the user chooses.
 */
export async function printSenderToPdf(sender: WebContents, suggestedFileName: string): Promise<Envelope<{ saved: boolean; path: string | null }>> {
  const window = BrowserWindow.fromWebContents(sender);
  const choice = await (window
    ? dialog.showSaveDialog(window, { defaultPath: suggestedFileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] })
    : dialog.showSaveDialog({ defaultPath: suggestedFileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] }));
  if (choice.canceled || !choice.filePath) return { ok: true, value: { saved: false, path: null } };
  try {
    const pdf = await sender.printToPDF({
      pageSize: 'A4',
      printBackground: false,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;">Page <span class="pageNumber"></span> sur <span class="totalPages"></span></div>',
      margins: { top: 0.6, bottom: 0.7, left: 0.6, right: 0.6 },
    });
    await writeFile(choice.filePath, pdf);
    return { ok: true, value: { saved: true, path: choice.filePath } };
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'Le PDF n’a pas pu être enregistré à cet emplacement. Choisissez un autre dossier.' } };
  }
}
