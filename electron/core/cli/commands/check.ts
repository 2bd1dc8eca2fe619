import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../../shared/ipc/errors';
import { LATEST_SCHEMA_VERSION } from '../../../../migrations/index';
import { createCore } from '../../app';
import { checkHealth } from '../../db/open';
import { obtainPassphrase } from '../passphrase';

export const checkUsage = 'jalons check --db FICHIER [--create]';

/** Opens the store, verifies integrity and schema version, prints one line; exit 0 when healthy. */
export async function checkCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, create: { type: 'boolean' } }, strict: true });
  if (!values.db) {
    process.stderr.write(`Indiquez la base de données : ${checkUsage}\n`);
    return 2;
  }
  const file = resolve(values.db);
  const core = createCore({ databaseFile: file, host: 'browser-host', logError: () => undefined });
  try {
    const passphrase = await obtainPassphrase('Phrase de passe : ');
    if (values.create) {
      if (existsSync(file)) {
        process.stdout.write(`ÉCHEC ${file} : le fichier existe déjà, --create refuse de l’écraser.\n`);
        return 1;
      }
      const { recoveryCode } = await core.vault.setup(passphrase);
      process.stderr.write(`Code de secours (à conserver hors de l’ordinateur) : ${recoveryCode}\n`);
    } else {
      await core.vault.unlock({ passphrase });
    }
    const { integrity, schemaVersion: version } = checkHealth(core.vault.store().sqlite);
    if (integrity !== 'ok') {
      process.stdout.write(`ÉCHEC ${file} : intégrité compromise (${integrity}).\n`);
      return 1;
    }
    if (version !== LATEST_SCHEMA_VERSION) {
      process.stdout.write(`ÉCHEC ${file} : schéma ${version}, attendu ${LATEST_SCHEMA_VERSION}.\n`);
      return 1;
    }
    process.stdout.write(`OK ${file} : intégrité vérifiée, schéma ${version}.\n`);
    return 0;
  } catch (error) {
    const message = error instanceof AppError || error instanceof Error ? error.message : String(error);
    process.stdout.write(`ÉCHEC ${file} : ${message}\n`);
    return 1;
  } finally {
    core.close();
  }
}
