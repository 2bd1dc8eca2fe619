import { spawnSync } from 'node:child_process';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `jalons …` exactly as a user would (`bin/jalons.mjs`), with the passphrase from the environment. */
export function runCli(args: string[], env: Record<string, string> = {}, timeout = 120_000): CliResult {
  const result = spawnSync(process.execPath, ['bin/jalons.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
