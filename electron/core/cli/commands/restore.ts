import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../../shared/ipc/errors';
import { restoreBackupFile } from '../../backup/restore';
import { keyFilePathFor } from '../../vault/keyfile';
import { obtainPassphrase } from '../passphrase';

export const restoreUsage = 'jalons restore --from SAUVEGARDE --db FICHIER [--force]';

/**
 * Restores a backup over a data file after checking it (passphrase, integrity, schema not newer than this
 * Jalons). An existing data file is replaced only with --force, and kept as `<db>.avant-restauration-<date>`.
 * Close Jalons first: the command does not know whether the app has the file open.
 */
export async function restoreCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string' }, db: { type: 'string' }, force: { type: 'boolean' } },
    strict: true,
  });
  if (!values.from || !values.db) {
    process.stderr.write(`Indiquez la sauvegarde et la base : ${restoreUsage}\n`);
    return 2;
  }
  const from = resolve(values.from);
  const file = resolve(values.db);
  try {
    if (!existsSync(from)) throw new AppError('NOT_FOUND', 'sauvegarde introuvable.');
    const passphrase = await obtainPassphrase('Phrase de passe de la sauvegarde : ');
    const hadKeyFile = existsSync(keyFilePathFor(file));
    const outcome = await restoreBackupFile({ databaseFile: file, backupFile: from, secret: { passphrase }, now: new Date(), force: values.force ?? false });
    if (outcome === 'wrong-secret') {
      process.stdout.write(`ÉCHEC ${file} : cette phrase de passe n’ouvre pas la sauvegarde ${from}. Rien n’a été modifié.\n`);
      return 1;
    }
    const kept = outcome.previousFile ? ` Ancien fichier conservé : ${outcome.previousFile}.` : '';
    const key = !outcome.passphraseOfBackup
      ? ''
      : hadKeyFile
        ? ' Le fichier de clé de la sauvegarde a été repris : ouvrez Jalons avec la phrase de passe en vigueur à la date de la sauvegarde.'
        : ' Son fichier de clé a été copié à côté.';
    process.stdout.write(`OK ${file} : restaurée depuis ${from} (intégrité vérifiée, schéma ${outcome.schemaVersion}).${kept}${key}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    process.stdout.write(`ÉCHEC ${file} : ${message}\n`);
    return 1;
  }
}
