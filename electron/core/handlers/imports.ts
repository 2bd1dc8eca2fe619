import type { Handlers } from '../ipc/dispatch';
import { commitRomeImport, runSalariesImportCommit, runSalariesImportPreview, type ImportDeps } from '../services/imports';
import type { ServiceContext } from '../services/context';
import type { Vault } from '../vault/vault';

/** CSV imports: thin mapping onto services/imports.ts (the bulk insert needs the raw handle of the open store). */
export function createImportHandlers({ vault, ctx }: { vault: Vault; ctx: ServiceContext }): Pick<
  Handlers,
  'import.salaries.preview' | 'import.salaries.commit' | 'import.rome.commit'
> {
  const deps: ImportDeps = { store: () => vault.store(), clock: ctx.clock, ids: ctx.ids, actor: ctx.actor };
  return {
    'import.salaries.preview': (input) => runSalariesImportPreview(ctx.jobs, deps, input),
    // Parsing, validating and inserting thousands of rows runs in the job worker (progress via jobs.progress).
    'import.salaries.commit': (input) => runSalariesImportCommit(ctx.jobs, input),
    'import.rome.commit': (input) => commitRomeImport(deps, input),
  };
}
