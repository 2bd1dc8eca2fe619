import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../helpers/fixtures';
import { runCrashCampaign } from './harness';

describe('crash safety (SIGKILL during writes)', () => {
  let temp: ReturnType<typeof tempDir>;
  afterEach(() => temp.cleanup());

  it('after 20 kills at random moments, the store is intact and every acknowledged write is there, unchanged', async () => {
    temp = tempDir();
    const report = await runCrashCampaign({ dir: temp.dir, kills: 20, seed: 20261123, minDelayMs: 0, maxDelayMs: 700 });
    expect(report.failures).toEqual([]);
    expect(report.rounds).toHaveLength(20);
    expect(report.rounds.every((r) => r.integrity === 'ok')).toBe(true);
    // The kills really landed mid-stream: most rounds acknowledged writes before dying.
    expect(report.rounds.filter((r) => r.acks > 0).length).toBeGreaterThanOrEqual(15);
    expect(report.records).toBeGreaterThan(100);
  }, 180_000);
});
