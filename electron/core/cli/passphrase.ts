import { createInterface } from 'node:readline';

/** JALONS_PASSPHRASE for scripts and tests; otherwise an interactive prompt that does not echo. */
export async function obtainPassphrase(prompt: string): Promise<string> {
  const fromEnv = process.env.JALONS_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new Error('Aucune phrase de passe : définissez JALONS_PASSPHRASE ou lancez la commande dans un terminal.');
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    let muted = false;
    output._writeToOutput = (s: string) => {
      if (!muted) process.stdout.write(s);
    };
    rl.question(prompt, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}
