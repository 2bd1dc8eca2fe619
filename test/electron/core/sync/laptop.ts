import { join } from 'node:path';
import { createCore, type Core } from '../../../../electron/core/app';
import type { Clock } from '../../../../electron/core/clock';
import { getDevice, listOutboxFull, type OutboxRow } from '../../../../electron/core/repositories/sync';
import { syncRuntimeFor, type SyncTransportOptions } from '../../../../electron/core/sync/runtime';
import type { StatsPeriod } from '../../../../shared/indicators/period';
import { TEST_KDF } from '../../../helpers/fixtures';
import { bundleIds, confirmBundle } from './helpers';

/**
 * A laptop database for integration tests against the real hub: a real encrypted file on the
 * system clock (the hub checks signed requests against its own clock), opened and closed around
 * each step so a child process can run the sync pass in between.
 */
export const LAPTOP_PASSPHRASE = 'phrase de passe du portable';

export class Laptop {
  readonly dbFile: string;
  readonly ids = bundleIds(Date.now());
  #core: Core | null = null;
  /** Applied to every opening: tests retry without waiting and give up on a silent hub quickly. */
  transport: SyncTransportOptions = { backoff: { baseMs: 0, capMs: 0 }, timeoutMs: 15_000 };
  #revisions = new Map<string, number>();

  /** `clock`: the laptop's own clock (Y10 skew); the system clock by default. */
  constructor(
    dir: string,
    readonly clock?: Clock,
  ) {
    this.dbFile = join(dir, 'jalons.db');
  }

  async setUp(): Promise<void> {
    const core = createCore({ databaseFile: this.dbFile, host: 'browser-host', kdf: TEST_KDF, logError: () => undefined, ...(this.clock ? { clock: this.clock } : {}) });
    await core.vault.setup(LAPTOP_PASSPHRASE);
    syncRuntimeFor(core.ctx).transport = this.transport;
    this.#core = core;
  }

  async open(): Promise<Core> {
    if (this.#core) return this.#core;
    const core = createCore({ databaseFile: this.dbFile, host: 'browser-host', logError: () => undefined, ...(this.clock ? { clock: this.clock } : {}) });
    await core.vault.unlock({ passphrase: LAPTOP_PASSPHRASE });
    syncRuntimeFor(core.ctx).transport = this.transport;
    this.#core = core;
    return core;
  }

  close(): void {
    this.#core?.close();
    this.#core = null;
  }

  async enrol(hubUrl: string, code: string): Promise<void> {
    const core = await this.open();
    const result = await core.dispatch('sync.enrol', { hubUrl, code, deviceLabel: 'Portable de test' });
    if (!result.ok) throw new Error(`enrolment failed: ${result.error.message}`);
  }

  /** Confirms the next revision of a period, as `stats.confirm` would. */
  async confirmNext(period: StatsPeriod): Promise<{ bundleId: string; revision: number }> {
    const core = await this.open();
    const key = `${period.kind}-${period.year}-${period.index}`;
    const revision = (this.#revisions.get(key) ?? 0) + 1;
    const bundleId = this.ids();
    await confirmBundle(core.ctx.db(), { bundleId, period, revision, seed: revision * 7 + period.index, createdAt: (this.clock?.now() ?? new Date()).toISOString() });
    this.#revisions.set(key, revision);
    return { bundleId, revision };
  }

  lastRevisions(): Map<string, number> {
    return new Map(this.#revisions);
  }

  async outbox(): Promise<OutboxRow[]> {
    return listOutboxFull((await this.open()).ctx.db());
  }

  async device() {
    const device = await getDevice((await this.open()).ctx.db());
    if (!device) throw new Error('laptop not enrolled');
    return device;
  }

  async structureId(): Promise<string> {
    const device = await getDevice((await this.open()).ctx.db());
    if (!device) throw new Error('laptop not enrolled');
    return device.structure_id;
  }

  async integrity(): Promise<string> {
    return String((await this.open()).vault.store().sqlite.pragma('integrity_check', { simple: true }));
  }

  async pass(options: { force?: boolean } = { force: true }) {
    const core = await this.open();
    return syncRuntimeFor(core.ctx).runPass(options);
  }

  runtime() {
    if (!this.#core) throw new Error('laptop closed');
    return syncRuntimeFor(this.#core.ctx);
  }
}
