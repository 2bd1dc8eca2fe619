import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../../app';
import { startBrowserHost } from '../../host/server';
import { startSyncScheduler } from '../../sync/scheduler';
import { ensureRendererBuilt } from '../paths';

export const serveUsage = 'jalons serve --db FICHIER [--port PORT]';

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { db: { type: 'string' }, port: { type: 'string' } },
    strict: true,
  });
  if (!values.db) {
    process.stderr.write(`Indiquez la base de données : ${serveUsage}\n`);
    return 2;
  }
  const port = values.port ? Number(values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write('Le port doit être un nombre entre 0 et 65535.\n');
    return 2;
  }
  const rendererRoot = await ensureRendererBuilt((line) => process.stderr.write(`${line}\n`));
  const core = createCore({ databaseFile: resolve(values.db), host: 'browser-host' });
  // Background sync while the store is unlocked (mode « automatique » only).
  const sync = startSyncScheduler({ ctx: core.ctx, isUnlocked: () => core.vault.isUnlocked });
  const host = await startBrowserHost({ dispatch: core.dispatch, rendererRoot, port });
  // First line of output: the address to open (tests and scripts read it).
  process.stdout.write(`${host.url}\n`);
  process.stderr.write('Jalons est disponible sur cet ordinateur uniquement (127.0.0.1). Ctrl+C pour arrêter.\n');
  await new Promise<void>((done) => {
    const stop = () => {
      sync.stop();
      core.close();
      void host.close().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
