import { checkCommand, checkUsage } from './commands/check';
import { demoCommand, demoUsage } from './commands/demo';
import { serveCommand, serveUsage } from './commands/serve';

type Command = (argv: string[]) => Promise<number>;

/** Every command of `npx jalons`; later features add theirs here. */
const COMMANDS: Record<string, { run: Command; usage: string; summary: string }> = {
  serve: { run: serveCommand, usage: serveUsage, summary: 'ouvre Jalons dans le navigateur (127.0.0.1 seulement)' },
  check: { run: checkCommand, usage: checkUsage, summary: 'vérifie une base (intégrité, version du schéma)' },
  demo: { run: demoCommand, usage: demoUsage, summary: 'remplit une base vide de données fictives réalistes' },
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
