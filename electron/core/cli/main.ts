import { backupCommand, backupUsage } from './commands/backup';
import { checkCommand, checkUsage } from './commands/check';
import { demoCommand, demoUsage } from './commands/demo';
import { restoreCommand, restoreUsage } from './commands/restore';
import { serveCommand, serveUsage } from './commands/serve';
import { statsCommand, statsUsage } from './commands/stats';
import { enrolCommand, enrolUsage, syncCommand, syncUsage } from './commands/sync';

type Command = (argv: string[]) => Promise<number>;

/** Every command of `npx jalons`; later features add theirs here. */
const COMMANDS: Record<string, { run: Command; usage: string; summary: string }> = {
  serve: { run: serveCommand, usage: serveUsage, summary: 'ouvre Jalons dans le navigateur (127.0.0.1 seulement)' },
  check: { run: checkCommand, usage: checkUsage, summary: 'vérifie une base (intégrité, version du schéma)' },
  demo: { run: demoCommand, usage: demoUsage, summary: 'remplit une base vide de données fictives réalistes' },
  backup: { run: backupCommand, usage: backupUsage, summary: 'copie chiffrée et vérifiée de la base (avec son fichier de clé)' },
  restore: { run: restoreCommand, usage: restoreUsage, summary: 'restaure une sauvegarde vérifiée (l’ancienne base est conservée)' },
  stats: { run: statsCommand, usage: statsUsage, summary: 'construit les statistiques anonymisées d’une période (fichier d’envoi)' },
  enrol: { run: enrolCommand, usage: enrolUsage, summary: 'inscrit la base auprès du siège régional (code à usage unique)' },
  sync: { run: syncCommand, usage: syncUsage, summary: 'envoie au siège les statistiques confirmées (un passage)' },
  // The regional hub (server/): loaded on demand, so other commands never load fastify or pg.
  hub: {
    run: async (argv) => (await import('../../../server/cli/main')).hubCommand(argv),
    usage: 'jalons hub <serve|enrol-code|revoke|transfer-period|report|import|admin-password> --data DOSSIER',
    summary: 'serveur du siège régional : inscription des postes, réception des lots, indicateurs',
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(48)} ${c.summary}`);
  return `Utilisation : jalons <commande> [options]\n\n${lines.join('\n')}\n\nLa phrase de passe est lue dans JALONS_PASSPHRASE ou demandée au clavier.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`Commande inconnue : ${name}\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
