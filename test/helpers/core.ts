import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core/app';
import { FixedClock, TEST_KDF, sequentialIds, tempDir } from './fixtures';

export const TEST_PASSPHRASE = 'phrase de passe de test';

/** A full core on a real encrypted file, with a fixed clock and deterministic ids. */
export async function createTestCore(
  options: { setUp?: boolean; automaticBackups?: CoreOptions['automaticBackups'] } = {},
): Promise<
  Core & { clock: FixedClock; dir: string; recoveryCode: string | null; cleanup(): void }
> {
  const temp = tempDir();
  const clock = new FixedClock();
  const errors: unknown[] = [];
  const core = createCore({
    databaseFile: join(temp.dir, 'jalons.db'),
    host: 'browser-host',
    clock,
    ids: sequentialIds(),
    kdf: TEST_KDF,
    logError: (_method, error) => errors.push(error),
    // Off unless a test asks: a daily backup firing mid-test would copy into a folder being deleted.
    automaticBackups: options.automaticBackups ?? false,
  });
  let recoveryCode: string | null = null;
  if (options.setUp ?? true) recoveryCode = (await core.vault.setup(TEST_PASSPHRASE)).recoveryCode;
  return {
    ...core,
    clock,
    dir: temp.dir,
    recoveryCode,
    cleanup() {
      core.close();
      temp.cleanup();
    },
  };
}
