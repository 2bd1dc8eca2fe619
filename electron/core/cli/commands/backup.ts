import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../../shared/ipc/errors';
import { createCore } from '../../app';
import { obtainPassphrase } from '../passphrase';

export const backupUsage = 'jalons backup --db FICHIER --out FICHIER';

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo`;
}

/**
 * One encrypted, verified copy of the store at --out, with its key file copy (`<out>.keys.json`): restorable
 * with today's passphrase or recovery code. Refuses to overwrite --out. One line on stdout; exit 0/1.
 */
export async function backupCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, out: { type: 'string' } }, strict: true });
  if (!values.db || !values.out) {
    process.stderr.write(`Indiquez la base et le fichier de sauvegarde : ${backupUsage}\n`);
    return 2;
  }
  const file = resolve(values.db);
  const out = resolve(values.out);
  if (existsSync(out)) {
    process.stdout.write(`ÉCHEC ${out} : le fichier existe déjà, la sauvegarde refuse de l’écraser.\n`);
    return 1;
  }
  const core = createCore({ databaseFile: file, host: 'browser-host', logError: () => undefined, automaticBackups: false });
  try {
    await core.vault.unlock({ passphrase: await obtainPassphrase('Phrase de passe : ') });
    const started = performance.now();
    const result = await core.backups.createTo(out);
    const seconds = ((performance.now() - started) / 1000).toFixed(1).replace('.', ',');
    process.stdout.write(
      `OK ${out} : sauvegarde chiffrée et vérifiée (schéma ${result.schemaVersion}, ${megabytes(result.info.sizeBytes)}, ${seconds} s), clé copiée dans ${out}.keys.json.\n`,
    );
    return 0;
  } catch (error) {
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    process.stdout.write(`ÉCHEC ${out} : ${message}\n`);
    return 1;
  } finally {
    core.close();
  }
}
