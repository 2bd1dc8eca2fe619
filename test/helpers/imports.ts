import type { ImportDeps } from '../../electron/core/services/imports';
import { createTestCore } from './core';
import { call, type TestCore } from './parcours';

/** A CSV file as the import screen sends it (CRLF lines, base64). */
export function csvFile(lines: readonly string[]): { fileName: string; contentBase64: string } {
  return { fileName: 'salaries.csv', contentBase64: Buffer.from(lines.join('\r\n'), 'utf8').toString('base64') };
}

/** A core whose structure is an ACI (contracts can be imported), and the import service's dependencies on it. */
export async function importTestCore(): Promise<{ core: TestCore; deps: ImportDeps }> {
  const core = await createTestCore();
  await call(core, 'structure.save', { name: 'Les Jardins', siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
  return { core, deps: { store: () => core.vault.store(), clock: core.clock, ids: core.ctx.ids, actor: core.ctx.actor } };
}
