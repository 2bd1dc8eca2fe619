import { useId, useRef, useState } from 'react';
import type { ImportRowError } from '../../../../shared/ipc/imports';
import { BridgeError, call } from '../../bridge';
import { formatCount } from '../../lib/format';
import { ImportErrorsTable } from './ImportErrorsTable';
import { MAX_CSV_BYTES, fileToBase64 } from './fileToBase64';

/** The official ROME list (France Travail), so the métier search covers every code, not only the shipped short list. */
export function RomeImport() {
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ imported: number; errors: ImportRowError[] } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    if (file.size > MAX_CSV_BYTES) {
      setError('Ce fichier dépasse 20 Mo\u00a0: vérifiez qu’il s’agit bien du référentiel ROME.');
      return;
    }
    setBusy(true);
    try {
      const answer = await call('import.rome.commit', { fileName: file.name.slice(0, 255), contentBase64: await fileToBase64(file) });
      setResult(answer);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'Le référentiel n’a pas pu être importé. Vérifiez le fichier et réessayez.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="import-rome-title">
      <h2 id="import-rome-title">Référentiel des métiers (ROME)</h2>
      <p>
        Jalons contient la liste des métiers les plus fréquents en insertion. Pour chercher dans tout le répertoire
        ROME, importez le fichier officiel publié par France Travail (format CSV, avec le code ROME et l’intitulé).
      </p>
      <div className="field">
        <label htmlFor={inputId}>Fichier CSV du référentiel ROME</label>
        <input
          ref={fileInput}
          id={inputId}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setResult(null);
            setError(null);
          }}
        />
      </div>
      <div className="form-actions">
        <button type="button" className="primary" disabled={!file || busy} onClick={() => void submit()}>
          Importer le référentiel ROME
        </button>
      </div>
      <div role="status" className="import-status">
        {busy ? 'Import du référentiel en cours…' : null}
        {result
          ? `Référentiel importé\u00a0: ${formatCount(result.imported)} métier${result.imported > 1 ? 's' : ''}${result.errors.length > 0 ? `, ${formatCount(result.errors.length)} ligne${result.errors.length > 1 ? 's' : ''} ignorée${result.errors.length > 1 ? 's' : ''}` : ''}.`
          : null}
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? <ImportErrorsTable errors={result.errors} caption="Lignes ignorées" /> : null}
    </section>
  );
}
