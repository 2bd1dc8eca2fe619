import { useEffect, useState } from 'react';
import type { RgpdExport, RgpdSection } from '../../../../shared/ipc/rgpd';
import { BridgeError, call } from '../../bridge';
import { CheckboxField } from '../../components/forms/CheckboxField';
import { EmptyState } from '../../components/EmptyState';
import { hrefFor, useLocation } from '../../router';
import { downloadText } from '../agenda/download';
import { pdfFileName } from '../print/printing';
import { PrintShell, useStructure } from '../print/PrintShell';
import { formatTimestamp, formatValue } from './labels';
import './rgpd.css';

/** `#/parametres/rgpd/<salarieId>`: rendered by App without the layout, like the other print views. */
export function RgpdExportRoute() {
  const { params } = useLocation();
  const salarieId = params[1];
  if (!salarieId) {
    return (
      <main className="print-page">
        <EmptyState title="Document introuvable">
          <p>
            Ouvrez l’export depuis la <a href={hrefFor('salaries')}>fiche du salarié</a>.
          </p>
        </EmptyState>
      </main>
    );
  }
  return <RgpdExportPage salarieId={salarieId} />;
}

/** Technical columns: identifiers linking the records, display order. The JSON file keeps them. */
const TECHNICAL = /^(id|rank)$|_id$/;

/** Columns shown as part of another one (the French wording of a code) or not worth reading. */
function visibleColumns(section: RgpdSection, row: RgpdSection['rows'][number]) {
  const keys = new Set(section.columns.map((c) => c.key));
  return section.columns.filter((c) => {
    if (TECHNICAL.test(c.key)) return false;
    if (c.key.endsWith('_libelle') && keys.has(c.key.slice(0, -'_libelle'.length))) return false;
    const value = row[c.key];
    return value !== null && value !== undefined && value !== '';
  });
}

function cellText(section: RgpdSection, row: RgpdSection['rows'][number], key: string): string {
  const label = row[`${key}_libelle`];
  const raw = formatValue(row[key]);
  return typeof label === 'string' && label !== row[key] ? `${label} (${raw})` : raw;
}

function Section({ section }: { section: RgpdSection }) {
  const titleId = `rgpd-${section.key}`;
  return (
    <section className={`doc-section rgpd-section${section.confidential ? ' doc-confidential' : ''}`} aria-labelledby={titleId}>
      <h2 id={titleId}>{section.title}</h2>
      {section.confidential ? <p className="doc-text doc-warning">Contient des informations confidentielles : ne pas diffuser.</p> : null}
      {section.rows.length === 0 ? (
        <p className="doc-text doc-muted">Aucune donnée.</p>
      ) : (
        section.rows.map((row, index) => (
          <div key={index} className="rgpd-record">
            {section.rows.length > 1 ? <h3 className="rgpd-record-title">Enregistrement {index + 1}</h3> : null}
            <dl className="rgpd-fields">
              {visibleColumns(section, row).map((column) => (
                <div key={column.key} className="rgpd-field">
                  <dt>{column.label}</dt>
                  <dd>{cellText(section, row, column.key)}</dd>
                </div>
              ))}
            </dl>
          </div>
        ))
      )}
    </section>
  );
}

/**
 * Access / portability export (RGPD art. 15 and 20): the readable document, printed or saved as PDF,
 * and the same data as a JSON file. Confidential notes only when the CIP ticks them in; every export
 * and that choice are written to the audit log by the core.
 */
export function RgpdExportPage({ salarieId }: { salarieId: string }) {
  const structure = useStructure();
  const [includeConfidential, setIncludeConfidential] = useState(false);
  const [data, setData] = useState<RgpdExport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setData(null);
    call('rgpd.export', { salarieId, includeConfidential }).then(
      (found) => {
        if (cancelled) return;
        setData(found);
        setError(null);
      },
      (e: unknown) => !cancelled && setError(e instanceof BridgeError ? e.message : 'L’export n’a pas pu être préparé. Réessayez.'),
    );
    return () => {
      cancelled = true;
    };
  }, [salarieId, includeConfidential]);

  const name = data ? `${data.salarie.lastName.toUpperCase()} ${data.salarie.firstName}`.trim() : null;
  const baseName = pdfFileName('donnees-personnelles', name, data?.generatedAt.slice(0, 10)).replace(/\.pdf$/, '');

  return (
    <PrintShell
      documentTitle={`Données personnelles${name ? ` — ${name}` : ''}`}
      fileName={`${baseName}.pdf`}
      backHref={hrefFor('salaries', salarieId)}
      backLabel="Retour à la fiche"
      structure={structure}
      ready={data !== null}
      error={error}
      controls={
        <>
          <CheckboxField
            label="Inclure les notes confidentielles"
            hint="À votre appréciation. L’export et ce choix sont enregistrés dans le journal."
            checked={includeConfidential}
            onChange={(e) => setIncludeConfidential(e.target.checked)}
          />
          <button
            type="button"
            disabled={data === null}
            onClick={() => data && downloadText(`${baseName}.json`, `${JSON.stringify(data, null, 2)}\n`, 'application/json')}
          >
            Télécharger le fichier JSON
          </button>
        </>
      }
    >
      {data ? (
        <>
          <h1 id="print-title">Données personnelles détenues par la structure</h1>
          <p className="doc-subtitle">
            {name} — export du {formatTimestamp(data.generatedAt)}
          </p>
          {data.notices.map((notice) => (
            <p key={notice} className="doc-text">
              {notice}
            </p>
          ))}
          <p className="doc-text doc-muted">Les champs vides et les identifiants techniques ne sont pas affichés ; le fichier JSON les contient tous.</p>
          {data.sections.map((section) => (
            <Section key={section.key} section={section} />
          ))}
        </>
      ) : null}
    </PrintShell>
  );
}
