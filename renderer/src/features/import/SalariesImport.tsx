import { useEffect, useId, useRef, useState } from 'react';
import type { ImportPreview, ImportRowError } from '../../../../shared/ipc/imports';
import { BridgeError, call } from '../../bridge';
import { formatCount, formatDateShort } from '../../lib/format';
import { hrefFor } from '../../router';
import { useNotices } from '../../state/notices';
import { DEFAULT_FILTERS, useCaseloadFilters } from '../salaries/caseloadFilters';
import { ImportErrorsTable } from './ImportErrorsTable';
import { MAX_CSV_BYTES, fileToBase64 } from './fileToBase64';
import { delimiterLabels, encodingLabels, importFieldLabel } from './importLabels';
import { useJobProgress } from './useJobProgress';

interface CsvFile {
  fileName: string;
  contentBase64: string;
}

type Step =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; file: CsvFile; preview: ImportPreview }
  | { step: 'importing'; file: CsvFile; preview: ImportPreview; rows: number }
  | { step: 'done'; fileName: string; imported: number; skipped: number; errors: ImportRowError[] };

function lines(n: number): string {
  return `${formatCount(n)} ligne${n > 1 ? 's' : ''}`;
}

function importedText(imported: number, skipped: number): string {
  const done = imported === 0 ? 'aucun salarié importé' : `${formatCount(imported)} salarié${imported > 1 ? 's' : ''} importé${imported > 1 ? 's' : ''}`;
  const left = skipped > 0 ? `, ${lines(skipped)} ignorée${skipped > 1 ? 's' : ''}` : '';
  return `Import terminé\u00a0: ${done}${left}.`;
}

/**
 * CSV import of a caseload: the file is read here (bytes, in base64), the core detects the encoding
 * and separator and answers a preview; nothing is written until the user confirms.
 */
export function SalariesImport() {
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<Step>({ step: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [skipDuplicates, setSkipDuplicates] = useState(true);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const onFile = async (file: File | undefined) => {
    setError(null);
    if (!file) {
      setState({ step: 'idle' });
      return;
    }
    if (file.size > MAX_CSV_BYTES) {
      setState({ step: 'idle' });
      setError('Ce fichier dépasse 20 Mo. Enregistrez seulement les colonnes utiles, ou découpez-le en plusieurs fichiers.');
      return;
    }
    setState({ step: 'reading', fileName: file.name });
    try {
      const csv = { fileName: file.name.slice(0, 255), contentBase64: await fileToBase64(file) };
      const preview = await call('import.salaries.preview', csv);
      setState({ step: 'preview', file: csv, preview });
    } catch (e) {
      setState({ step: 'idle' });
      setError(e instanceof BridgeError ? e.message : 'Ce fichier n’a pas pu être lu. Vérifiez qu’il s’agit bien d’un fichier CSV.');
    }
  };

  const commit = async (skipInvalidRows: boolean) => {
    if (state.step !== 'preview') return;
    const { file, preview } = state;
    setError(null);
    setState({ step: 'importing', file, preview, rows: skipInvalidRows ? preview.validRows : preview.totalRows });
    try {
      const result = await call('import.salaries.commit', { ...file, skipInvalidRows, skipDuplicates });
      if (fileInput.current) fileInput.current.value = '';
      // Left running in the background: say it is done wherever the user now is.
      if (!mounted.current) useNotices.getState().notify({ message: importedText(result.imported, result.skipped), tone: 'success' });
      setState({ step: 'done', fileName: file.fileName, ...result });
    } catch (e) {
      setState({ step: 'preview', file, preview });
      const message = e instanceof BridgeError ? e.message : 'L’import a échoué\u202f; aucune ligne n’a été enregistrée.';
      if (mounted.current) setError(message);
      else useNotices.getState().notify({ message, tone: 'error' });
    }
  };

  const job = useJobProgress(state.step === 'importing', 'import.salaries');
  const preview = state.step === 'preview' || state.step === 'importing' ? state.preview : null;
  const invalidRows = preview ? preview.totalRows - preview.validRows : 0;
  const duplicateLines = new Map((preview?.duplicates ?? []).map((d) => [d.line, d.existingId]));

  return (
    <section className="card" aria-labelledby="import-salaries-title">
      <h2 id="import-salaries-title">Liste des salariés</h2>
      <p>
        Un fichier CSV avec une ligne par salarié et, en première ligne, le nom des colonnes&nbsp;: Nom, Prénom, Date de
        naissance, Date d’entrée, Référent, Commune… Le séparateur (point-virgule, virgule) et l’encodage (UTF-8 ou
        export Excel Windows) sont reconnus automatiquement. Rien n’est enregistré avant votre confirmation.
      </p>
      <div className="field">
        <label htmlFor={inputId}>Fichier CSV des salariés</label>
        <input
          ref={fileInput}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={state.step === 'importing' || state.step === 'reading'}
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      <div role="status" className="import-status">
        {state.step === 'reading' ? `Analyse de «\u00a0${state.fileName}\u00a0»…` : null}
        {state.step === 'importing'
          ? job && job.total
            ? `Import en cours… ${formatCount(job.done)} sur ${lines(job.total)}.`
            : `Import en cours… ${lines(state.rows)} à enregistrer.`
          : null}
        {state.step === 'done' ? importedText(state.imported, state.skipped) : null}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}

      {state.step === 'importing' ? (
        job && job.total ? (
          <progress className="import-progress" aria-label="Import en cours" value={job.done} max={job.total} />
        ) : (
          <progress className="import-progress" aria-label="Import en cours" />
        )
      ) : null}

      {preview && (state.step === 'preview' || state.step === 'importing') ? (
        <div className="import-preview">
          <h3>Aperçu de «&nbsp;{state.file.fileName}&nbsp;»</h3>
          <dl className="facts">
            <dt>Encodage détecté</dt>
            <dd>{encodingLabels[preview.encoding]}</dd>
            <dt>Séparateur</dt>
            <dd>{delimiterLabels[preview.delimiter]}</dd>
            <dt>Lignes de données</dt>
            <dd>{formatCount(preview.totalRows)}</dd>
            <dt>Lignes valides</dt>
            <dd>{formatCount(preview.validRows)}</dd>
            <dt>Lignes en erreur</dt>
            <dd>{formatCount(invalidRows)}</dd>
            <dt>Doublons probables</dt>
            <dd>{formatCount(preview.duplicates.length)}</dd>
          </dl>

          <details className="import-columns">
            <summary>
              Colonnes reconnues&nbsp;: {formatCount(preview.columns.filter((c) => c.field).length)} sur{' '}
              {formatCount(preview.columns.length)}
            </summary>
            <ul>
              {preview.columns.map((column, index) => (
                <li key={`${column.header}:${index}`}>
                  «&nbsp;{column.header}&nbsp;» →{' '}
                  {column.field ? <strong>{importFieldLabel(column.field)}</strong> : <span className="muted">ignorée</span>}
                </li>
              ))}
            </ul>
          </details>

          {preview.sample.length > 0 ? (
            <div className="table-scroll">
              <table className="data-table">
                <caption>Premières lignes, telles qu’elles seront importées</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      Ligne
                    </th>
                    <th scope="col">Nom</th>
                    <th scope="col">Prénom</th>
                    <th scope="col">Date de naissance</th>
                    <th scope="col">Date d’entrée</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.map((row) => (
                    <tr key={row.line}>
                      <td className="num">{formatCount(row.line)}</td>
                      <td>
                        {row.lastName}
                        {duplicateLines.has(row.line) ? <span className="tag">Doublon probable</span> : null}
                      </td>
                      <td>{row.firstName}</td>
                      <td>{formatDateShort(row.birthDate)}</td>
                      <td>{formatDateShort(row.entryDate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}

          <ImportErrorsTable errors={preview.errors} caption={'Lignes en erreur\u00a0: corrigez-les dans le fichier, ou importez seulement les lignes valides'} />

          {preview.fileDuplicates && preview.fileDuplicates.length > 0 ? (
            <div className="import-duplicates">
              <h4>Lignes répétées dans le fichier</h4>
              <p className="field-hint">Même nom, même prénom et même date de naissance qu’une ligne précédente&nbsp;: elles ne seront pas importées deux fois.</p>
              <ul>
                {preview.fileDuplicates.map((d) => (
                  <li key={d.line}>
                    Ligne {formatCount(d.line)}&nbsp;: répète la ligne {formatCount(d.firstLine)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}

          {preview.duplicates.length > 0 ? (
            <div className="import-duplicates">
              <h4>Doublons probables</h4>
              <p className="field-hint">Même nom, même prénom et même date de naissance qu’un salarié déjà présent dans Jalons.</p>
              <ul>
                {preview.duplicates.map((d) => (
                  <li key={d.line}>
                    Ligne {formatCount(d.line)}&nbsp;: <a href={hrefFor('salaries', d.existingId)}>voir la fiche existante</a>
                  </li>
                ))}
              </ul>
              <div className="checkbox">
                <input
                  id={`${inputId}-skip-duplicates`}
                  type="checkbox"
                  checked={skipDuplicates}
                  onChange={(e) => setSkipDuplicates(e.target.checked)}
                />
                <label htmlFor={`${inputId}-skip-duplicates`}>Ne pas importer les doublons probables</label>
              </div>
            </div>
          ) : null}

          <div className="form-actions">
            {invalidRows > 0 ? (
              <button
                type="button"
                className="primary"
                disabled={state.step === 'importing' || preview.validRows === 0}
                onClick={() => void commit(true)}
              >
                Importer les {formatCount(preview.validRows)} lignes valides
              </button>
            ) : null}
            <button
              type="button"
              className={invalidRows > 0 ? undefined : 'primary'}
              disabled={state.step === 'importing' || invalidRows > 0 || preview.totalRows === 0}
              aria-describedby={invalidRows > 0 ? `${inputId}-all-hint` : undefined}
              onClick={() => void commit(false)}
            >
              Tout importer
            </button>
          </div>
          {invalidRows > 0 ? (
            <p id={`${inputId}-all-hint`} className="field-hint">
              {invalidRows > 1
                ? `«\u00a0Tout importer\u00a0» n’est possible qu’une fois les ${formatCount(invalidRows)} lignes en erreur corrigées dans le fichier.`
                : '«\u00a0Tout importer\u00a0» n’est possible qu’une fois la ligne en erreur corrigée dans le fichier.'}
            </p>
          ) : null}
        </div>
      ) : null}

      {state.step === 'done' ? (
        <div className="import-result">
          <ImportErrorsTable errors={state.errors} caption="Lignes non importées" />
          <p>
            <a className="button primary" href={hrefFor('salaries')} onClick={() => useCaseloadFilters.getState().set({ ...DEFAULT_FILTERS, status: 'tous' })}>
              Voir la liste des salariés
            </a>
          </p>
        </div>
      ) : null}
    </section>
  );
}
