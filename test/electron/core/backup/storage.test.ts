import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../../electron/core/app';
import { checkHealth } from '../../../../electron/core/db/open';
import { storageFailureOf } from '../../../../electron/core/ipc/dispatch';
import { keyFilePathFor } from '../../../../electron/core/vault/keyfile';
import { TEST_PASSPHRASE, createTestCore } from '../../../helpers/core';
import { FixedClock, TEST_KDF, sequentialIds } from '../../../helpers/fixtures';
import { BLANK_IDENTITY, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

const NOTE = 'Suivi social renforcé. '.repeat(400); // ~9 kB: each salarié needs new pages

async function total(core: Pick<Core, 'dispatch'>): Promise<number> {
  const envelope = await core.dispatch('salaries.list', { status: 'tous' });
  if (!envelope.ok) throw new Error(envelope.error.message);
  return (envelope.value as { total: number }).total;
}

function createInput(i: number) {
  return { ...BLANK_IDENTITY, lastName: `Salarié${i}`, firstName: 'Test', confidentialNote: NOTE, entryDate: '2026-11-02', referentId: null };
}

describe('disk full and read-only file: a clear French message, reads go on, nothing half-written', () => {
  let core: TestCore;
  afterEach(() => core.cleanup());

  it('disk full (simulated with max_page_count): DISK_FULL, read-only mode until the next unlock', async () => {
    core = await createTestCore();
    for (let i = 0; i < 3; i += 1) await call(core, 'salaries.create', createInput(i));
    const sqlite = core.vault.store().sqlite;
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`);

    const full = await callError(core, 'salaries.create', createInput(3));
    expect(full).toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/disque est plein : rien n’a été enregistré.*consulter/) });
    expect(await call(core, 'session.status', {})).toMatchObject({ state: 'unlocked', storage: 'disk-full' });
    expect(await total(core)).toBe(3);
    // Even a tiny write is refused now, with the same cause.
    expect(await callError(core, 'referents.save', { displayName: 'Claire Martin' })).toMatchObject({ code: 'DISK_FULL' });

    core.vault.lock();
    await call(core, 'session.unlock', { passphrase: TEST_PASSPHRASE });
    expect(await call(core, 'session.status', {})).toMatchObject({ storage: 'ok' });
    expect(await total(core)).toBe(3);
    await call(core, 'salaries.create', createInput(4));
    expect(checkHealth(core.vault.store().sqlite).integrity).toBe('ok');
  });

  it('only SQLite’s own failures switch the store to read-only (an export file’s EACCES does not)', () => {
    expect(storageFailureOf(Object.assign(new Error('x'), { code: 'SQLITE_FULL' }))).toBe('DISK_FULL');
    expect(storageFailureOf(Object.assign(new Error('x'), { code: 'SQLITE_READONLY_DIRECTORY' }))).toBe('READ_ONLY');
    expect(storageFailureOf(Object.assign(new Error('x'), { code: 'EACCES' }))).toBeNull();
    expect(storageFailureOf(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }))).toBeNull();
  });

  it('read-only file (simulated with query_only): READ_ONLY, reads still work', async () => {
    core = await createTestCore();
    await newSalarie(core, { lastName: 'Dupont', firstName: 'Léa' });
    core.vault.store().sqlite.pragma('query_only = ON');
    const refused = await callError(core, 'salaries.create', createInput(1));
    expect(refused).toMatchObject({ code: 'READ_ONLY', message: expect.stringMatching(/lecture seule : rien n’a été enregistré/) });
    expect(await call(core, 'session.status', {})).toMatchObject({ storage: 'read-only' });
    expect(await total(core)).toBe(1);
    expect((await call(core, 'salaries.list', { query: 'dupont' })).rows.map((r) => r.firstName)).toEqual(['Léa']);
  });
});

/** Real conditions need root here: mounting a tmpfs, and running as another user. Skipped (and named so) otherwise. */
const isRoot = process.getuid?.() === 0;

function tryMount(dir: string, size: string): boolean {
  if (!isRoot) return false;
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0;
}

const mountDir = mkdtempSync(join(tmpdir(), 'jalons-tmpfs-'));
const mounted = tryMount(mountDir, '4m');
if (!mounted) rmSync(mountDir, { recursive: true, force: true });
const hasRunuser = isRoot && spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0;

describe.skipIf(!mounted)('disk full on a real 4 MB tmpfs (skipped unless root may mount a tmpfs)', () => {
  afterAll(() => {
    spawnSync('umount', [mountDir]);
    rmSync(mountDir, { recursive: true, force: true });
  });

  it('acknowledged writes survive, the failing one leaves no trace, writes resume once space is freed', async () => {
    // Another file on the same disk, deleted later to free space (more than the WAL needs to be checkpointed).
    const filler = join(mountDir, 'autre-fichier.bin');
    writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024, 1));
    const core = createCore({ databaseFile: join(mountDir, 'jalons.db'), host: 'browser-host', clock: new FixedClock(), ids: sequentialIds(), kdf: TEST_KDF, logError: () => undefined, automaticBackups: false });
    try {
      await core.vault.setup(TEST_PASSPHRASE);
      let acked = 0;
      let failure: { code: string; message: string } | null = null;
      for (let i = 0; i < 1000 && !failure; i += 1) {
        const envelope = await core.dispatch('salaries.create', createInput(i));
        if (envelope.ok) acked += 1;
        else failure = envelope.error;
      }
      expect(acked).toBeGreaterThan(5);
      expect(failure).toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/disque est plein/) });
      expect(await core.dispatch('session.status', {})).toMatchObject({ ok: true, value: { storage: 'disk-full' } });
      expect(await total(core)).toBe(acked);

      rmSync(filler);
      core.vault.lock();
      await core.vault.unlock({ passphrase: TEST_PASSPHRASE });
      expect(checkHealth(core.vault.store().sqlite).integrity).toBe('ok');
      expect(await total(core)).toBe(acked);
      expect(await core.dispatch('referents.save', { displayName: 'Claire Martin' })).toMatchObject({ ok: true });
    } finally {
      core.close();
    }
  }, 60_000);
});

describe.skipIf(!hasRunuser)('a data file the user may not write, opened as nobody (skipped unless root with runuser)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jalons-ro-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runAsNobody(file: string) {
    const child = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, 'test/electron/core/crash/run-ts.mjs', 'test/electron/core/backup/readonly-child.ts', file, TEST_PASSPHRASE], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(child.stderr).toBe('');
    return JSON.parse(child.stdout) as Record<string, { ok: boolean; value?: Record<string, unknown>; error?: { code: string; message: string } }>;
  }

  it('unlocks in read-only mode: the caseload is readable, a new salarié answers READ_ONLY in French', async () => {
    const file = join(dir, 'jalons.db');
    const owner = createCore({ databaseFile: file, host: 'browser-host', kdf: TEST_KDF, logError: () => undefined, automaticBackups: false });
    await owner.vault.setup(TEST_PASSPHRASE);
    await owner.dispatch('salaries.create', { ...createInput(0), confidentialNote: null });
    owner.close();
    chmodSync(dir, 0o777); // nobody may create the -wal/-shm files…
    chmodSync(file, 0o644); // …but not write the data file
    chmodSync(keyFilePathFor(file), 0o644);

    const seen = runAsNobody(file);
    expect(seen.unlock, JSON.stringify(seen.unlock)).toMatchObject({ ok: true, value: { state: 'unlocked', storage: 'read-only' } });
    expect(seen.list).toMatchObject({ ok: true, value: { total: 1 } });
    expect(seen.create).toMatchObject({ ok: false, error: { code: 'READ_ONLY', message: expect.stringMatching(/lecture seule/) } });

    // A read-only folder too: SQLite cannot even create its WAL index, so say why in French.
    chmodSync(dir, 0o755);
    // (without the WAL index files left by the run above: nothing was written, they hold nothing)
    for (const extra of ['-wal', '-shm']) rmSync(`${file}${extra}`, { force: true });
    const folder = runAsNobody(file);
    expect(folder.unlock).toMatchObject({ ok: false, error: { code: 'READ_ONLY', message: expect.stringMatching(/dossier est en lecture seule/) } });
  }, 120_000);
});
