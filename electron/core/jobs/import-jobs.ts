import type { CommitResult, CommuneAnswers, ValidatedFile } from '../services/imports';
import { commitSalariesImport } from '../services/imports';
import { registerJob } from './registry';

interface ImportCommitPayload {
  fileName: string;
  contentBase64: string;
  skipInvalidRows: boolean;
  skipDuplicates: boolean;
  /** Computed by the main process (runSalariesImportCommit); absent, the worker loads the referential. */
  communeAnswers?: CommuneAnswers | null;
  /** The preview's validation of the same file (runSalariesImportCommit): the worker then does not read the file. */
  validated?: ValidatedFile | null;
}

/** The caseload CSV commit: parse, validate and bulk-insert off the main thread. */
registerJob('import.salaries', async (job, payload): Promise<CommitResult> => {
  const input = payload as ImportCommitPayload;
  job.progress(0, null, 'Import des salariés');
  const result = await commitSalariesImport(
    { store: () => job.store, clock: job.clock, ids: job.ids, actor: () => job.actor },
    input,
  );
  job.progress(result.imported, result.imported, 'Import terminé');
  return result;
});
