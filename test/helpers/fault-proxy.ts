/**
 * A tiny in-process TCP proxy for network fault injection (the Toxiproxy toxics we need, see
 * stats-privacy-and-sync.md B6), bound to 127.0.0.1 only.
 *
 *   const proxy = await startFaultProxy({ target: { port: hubPort }, mode: 'pass' });
 *   fetch(`${proxy.url}/v1/...`);
 *   proxy.setMode({ kind: 'limit_data', bytes: 300 });   // applies to connections opened from now on
 *   await proxy.close();
 *
 * Modes (a string is the mode with its defaults):
 * - `pass`: bytes flow both ways untouched.
 * - `limit_data`: forward `bytes` bytes in `direction` ('upstream' = client → server, the
 *   default; 'downstream' = server → client), then close both sides. `downstream` with
 *   `bytes: 0` is "the server got the request, the client never gets the answer" (lost ack).
 * - `reset`: reset the client connection (TCP RST) after `afterBytes` upstream bytes (default 0:
 *   right away). Nothing beyond those bytes reaches the server.
 * - `timeout`: accept and swallow everything, answer nothing; close after `ms` if given.
 * - `latency`: delay each chunk by `ms` (both directions); `sliceBytes` also cuts chunks into
 *   pieces of that size (Toxiproxy's slicer), each piece delayed.
 */
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type FaultMode =
  | { readonly kind: 'pass' }
  | { readonly kind: 'limit_data'; readonly bytes: number; readonly direction?: 'upstream' | 'downstream' }
  | { readonly kind: 'reset'; readonly afterBytes?: number }
  | { readonly kind: 'timeout'; readonly ms?: number }
  | { readonly kind: 'latency'; readonly ms: number; readonly sliceBytes?: number };

export type FaultModeInput = FaultMode | FaultMode['kind'];

export interface FaultProxyOptions {
  /** The real server; host defaults to 127.0.0.1. */
  readonly target: { readonly host?: string; readonly port: number };
  readonly mode?: FaultModeInput;
}

export interface FaultProxyStats {
  /** Connections accepted since start. */
  readonly connections: number;
  readonly bytesUpstream: number;
  readonly bytesDownstream: number;
}

export interface FaultProxy {
  readonly port: number;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** New connections use the new mode; open ones keep theirs. */
  setMode(mode: FaultModeInput): void;
  mode(): FaultMode;
  stats(): FaultProxyStats;
  /** Destroys every open connection (both sides) without closing the listener. */
  dropConnections(): void;
  close(): Promise<void>;
}

function normalise(mode: FaultModeInput): FaultMode {
  if (typeof mode !== 'string') return mode;
  switch (mode) {
    case 'pass':
      return { kind: 'pass' };
    case 'limit_data':
      return { kind: 'limit_data', bytes: 0 };
    case 'reset':
      return { kind: 'reset' };
    case 'timeout':
      return { kind: 'timeout' };
    case 'latency':
      return { kind: 'latency', ms: 100 };
  }
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  let current = normalise(options.mode ?? 'pass');
  const targetHost = options.target.host ?? '127.0.0.1';
  const open = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  let bytesUpstream = 0;
  let bytesDownstream = 0;

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const track = (s: Socket): Socket => {
    open.add(s);
    s.on('close', () => open.delete(s));
    // A peer vanishing is the point of this proxy: never let it crash the test process.
    s.on('error', () => undefined);
    return s;
  };

  const server: Server = createServer((client) => {
    connections += 1;
    track(client);
    const mode = current;

    if (mode.kind === 'timeout') {
      client.on('data', () => undefined);
      if (mode.ms !== undefined) later(mode.ms, () => client.destroy());
      return;
    }
    if (mode.kind === 'reset' && (mode.afterBytes ?? 0) === 0) {
      client.resetAndDestroy();
      return;
    }

    const upstream = track(createConnection({ host: targetHost, port: options.target.port }));
    const closeBoth = (): void => {
      client.destroy();
      upstream.destroy();
    };

    let sentUp = 0;
    let sentDown = 0;
    const count = (direction: 'upstream' | 'downstream', n: number): void => {
      if (direction === 'upstream') {
        sentUp += n;
        bytesUpstream += n;
      } else {
        sentDown += n;
        bytesDownstream += n;
      }
    };
    const forward = (from: Socket, to: Socket, direction: 'upstream' | 'downstream'): void => {
      // Everything a side does (data, end, close) reaches the other side in order, after the
      // latency of what came before it — a peer closing must not overtake delayed bytes.
      let chain: Promise<void> = Promise.resolve();
      const delay = mode.kind === 'latency' ? mode.ms : 0;
      const then = (fn: () => void): void => {
        chain = chain.then(() => (delay > 0 ? new Promise<void>((r) => later(delay, r)) : undefined)).then(fn);
      };
      from.on('data', (chunk: Buffer) => {
        if (mode.kind === 'limit_data' && (mode.direction ?? 'upstream') === direction) {
          const already = direction === 'upstream' ? sentUp : sentDown;
          const part = chunk.subarray(0, Math.max(0, mode.bytes - already));
          if (part.length > 0) {
            count(direction, part.length);
            to.write(part);
          }
          if (already + chunk.length >= mode.bytes) {
            // Let the written part flush, then cut both sides.
            if (part.length > 0) to.end(() => closeBoth());
            else closeBoth();
          }
          return;
        }
        if (mode.kind === 'reset' && direction === 'upstream') {
          const part = chunk.subarray(0, Math.max(0, (mode.afterBytes ?? 0) - sentUp));
          if (part.length > 0) {
            count(direction, part.length);
            to.write(part);
          }
          if (sentUp >= (mode.afterBytes ?? 0)) {
            client.resetAndDestroy();
            upstream.destroy();
          }
          return;
        }
        const size = mode.kind === 'latency' && mode.sliceBytes && mode.sliceBytes > 0 ? mode.sliceBytes : chunk.length;
        for (let i = 0; i < chunk.length; i += size) {
          const piece = chunk.subarray(i, i + size);
          then(() => {
            if (to.destroyed) return;
            count(direction, piece.length);
            to.write(piece);
          });
        }
      });
      from.on('end', () => then(() => void (to.destroyed ? undefined : to.end())));
      from.on('close', () => then(() => void to.destroy()));
    };
    forward(client, upstream, 'upstream');
    forward(upstream, client, 'downstream');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setMode(mode) {
      current = normalise(mode);
    },
    mode: () => current,
    stats: () => ({ connections, bytesUpstream, bytesDownstream }),
    dropConnections() {
      for (const s of open) s.destroy();
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
