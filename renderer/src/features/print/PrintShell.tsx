import { useEffect, useState, type ReactNode } from 'react';
import { siaeKindLabels } from '../../../../shared/domain/siae';
import type { Structure } from '../../../../shared/ipc/structure';
import { BridgeError, call, hostKind } from '../../bridge';
import { todayIso } from '../../lib/dates';
import { formatDateLong } from '../../lib/format';
import { hrefFor } from '../../router';
import { printCurrentView } from './printing';

/*
 * Page numbers: Chromium prints CSS @page margin boxes; Electron's printToPDF adds its own footer
 * (electron/main/print.ts), so the CSS counter is only used outside Electron to avoid printing both.
 */
const PAGE_NUMBERS_CSS = `@page { @bottom-center { content: "Page " counter(page) " sur " counter(pages); font: 9pt system-ui, sans-serif; color: #000; } }`;

export function useStructure(): Structure | null {
  const [structure, setStructure] = useState<Structure | null>(null);
  useEffect(() => {
    call('structure.get', {}).then(setStructure, () => setStructure(null));
  }, []);
  return structure;
}

interface PrintShellProps {
  /** Window title while the document is shown (also the PDF's title). */
  documentTitle: string;
  fileName: string;
  backHref: string;
  backLabel: string;
  structure: Structure | null;
  /** Options shown above the document, never printed (e.g. « Inclure les notes confidentielles »). */
  controls?: ReactNode;
  ready: boolean;
  error: string | null;
  children: ReactNode;
}

/** A print view: a document (A4, black on white) and, above it, a toolbar that is hidden when printing. */
export function PrintShell({ documentTitle, fileName, backHref, backLabel, structure, controls, ready, error, children }: PrintShellProps) {
  const [status, setStatus] = useState('');
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    const previous = document.title;
    document.title = documentTitle;
    return () => {
      document.title = previous;
    };
  }, [documentTitle]);

  async function print() {
    setPrinting(true);
    setStatus('');
    try {
      setStatus((await printCurrentView(fileName)) ?? '');
    } catch (e) {
      setStatus(e instanceof BridgeError ? e.message : 'L’impression n’a pas pu se faire. Réessayez.');
    } finally {
      setPrinting(false);
    }
  }

  return (
    <div className="print-screen">
      {hostKind !== 'electron' ? <style>{PAGE_NUMBERS_CSS}</style> : null}
      <div className="print-toolbar no-print">
        <a className="button" href={backHref}>
          <span aria-hidden="true">← </span>
          {backLabel}
        </a>
        {controls}
        <button type="button" className="primary" disabled={!ready || printing} onClick={() => void print()}>
          Imprimer / Enregistrer en PDF
        </button>
        <span role="status" className="print-status">
          {status}
        </span>
      </div>
      <main className="print-page">
        {error ? (
          <p className="form-error no-print" role="alert">
            {error}
          </p>
        ) : null}
        {!ready && !error ? (
          <p className="no-print" aria-busy="true">
            Préparation du document…
          </p>
        ) : null}
        {ready ? (
          <article className="print-doc" aria-labelledby="print-title">
            <header className="doc-header">
              <div className="doc-logo" aria-label="Emplacement du logo de la structure">
                Logo
              </div>
              <div className="doc-structure">
                {structure ? (
                  <>
                    <strong>{structure.name}</strong>
                    <span>{siaeKindLabels[structure.siaeKind]}</span>
                  </>
                ) : (
                  <span className="no-print">
                    Nom de la structure à renseigner dans les <a href={hrefFor('parametres')}>paramètres</a>.
                  </span>
                )}
              </div>
            </header>
            {children}
            <footer className="doc-footer">
              Document établi le {formatDateLong(todayIso())}
              {structure ? ` par ${structure.name}` : ''}.
            </footer>
          </article>
        ) : null}
      </main>
    </div>
  );
}
