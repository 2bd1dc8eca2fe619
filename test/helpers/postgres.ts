/**
 * A throwaway PostgreSQL cluster for tests (toolchain.md §6): initdb into a temporary folder,
 * pg_ctl start on 127.0.0.1 with a random free port, fsync off, stopped and deleted afterwards.
 *
 * PostgreSQL refuses to run as root, so as root every server command runs through
 * `runuser -u postgres`; as any other user it runs directly. When no `initdb` is installed the
 * caller gets `{ available: false, reason }` and skips its PostgreSQL tests with that reason.
 *
 * Used once per run by the server project's global setup (test/helpers/postgres-global.ts),
 * which hands each test file the admin URL; each file creates its own database with
 * `createTestDatabase`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
  /** `postgres://postgres:…@127.0.0.1:PORT/postgres` — the maintenance database. */
  readonly adminUrl: string;
  readonly port: number;
  stop(): void;
}

export type PostgresAvailability = { readonly available: true; readonly bin: string } | { readonly available: false; readonly reason: string };

/** Newest installed server binaries, e.g. /usr/lib/postgresql/15/bin (JALONS_POSTGRES_ROOT overrides the root). */
export function findPostgres(): PostgresAvailability {
  const root = process.env.JALONS_POSTGRES_ROOT ?? '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  const newest = versions[versions.length - 1];
  if (newest === undefined) {
    return { available: false, reason: `PostgreSQL absent (${root}/*/bin/initdb introuvable) : tests PostgreSQL ignorés` };
  }
  return { available: true, bin: join(root, newest, 'bin') };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function asServerUser(bin: string, args: readonly string[]): { file: string; args: string[] } {
  return isRoot() ? { file: 'runuser', args: ['-u', 'postgres', '--', bin, ...args] } : { file: bin, args: [...args] };
}

function run(bin: string, args: readonly string[]): void {
  const cmd = asServerUser(bin, args);
  const r = spawnSync(cmd.file, cmd.args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) {
    throw new Error(`${cmd.file} ${cmd.args.join(' ')} a échoué (${r.status}) : ${r.stderr || r.stdout || r.error?.message}`);
  }
}

export async function startPostgresCluster(bin: string): Promise<PostgresCluster> {
  const base = mkdtempSync(join(tmpdir(), 'jalons-pg-'));
  const data = join(base, 'data');
  const pwfile = join(base, 'pw');
  const password = randomBytes(18).toString('base64url');
  mkdirSync(data);
  writeFileSync(pwfile, `${password}\n`);
  chmodSync(data, 0o700);
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chmodSync(base, 0o755);
    chownSync(data, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  const cleanup = (): void => rmSync(base, { recursive: true, force: true });
  try {
    run(join(bin, 'initdb'), [
      '-D', data, '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8',
      '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`,
    ]);
    rmSync(pwfile, { force: true });
    let port = 0;
    // The free port can be taken between the probe and the start: try a few.
    for (let attempt = 0; ; attempt += 1) {
      port = await freePort();
      try {
        run(join(bin, 'pg_ctl'), [
          '-D', data, '-l', join(data, 'server.log'), '-w', '-t', '30', '-o',
          `-c listen_addresses=127.0.0.1 -p ${port} -k ${data} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
          'start',
        ]);
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    const adminUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
    let stopped = false;
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        cleanup();
      }
    };
    return { adminUrl, port, stop };
  } catch (error) {
    cleanup();
    throw error;
  }
}

/** A fresh, empty database on the cluster; returns its URL and a function that drops it. */
export async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
