import { describe, it } from 'vitest';
import { hubAvailable } from './real-hub';
import { checkRealHubModel } from './real-hub-model';

/**
 * Y13 against the real hub (see real-hub-model.ts for the commands and the invariant). CI runs a
 * bounded number of random sequences; `npm run soak:sync` runs many more
 * (JALONS_SYNC_MODEL_RUNS overrides both).
 */
const RUNS = Number(process.env.JALONS_SYNC_MODEL_RUNS ?? 30);

describe.skipIf(!hubAvailable())('Y13 model-based protocol test against the real hub (SQLite)', () => {
  it(`converges after random drops, lost acks, delays, duplicates, replays, laptop crashes, hub restarts and restores (${RUNS} runs)`, async () => {
    await checkRealHubModel({ numRuns: RUNS });
  }, 600_000);
});
