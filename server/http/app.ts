import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { MAX_ENVELOPE_BYTES } from '../../shared/sync/protocol';
import type { HubContext } from '../services/context';
import { HubFailure } from '../services/errors';
import { registerApi, sendFailure } from './api';
import { DASHBOARD_BASE, registerDashboard, type CookieSecurity } from './dashboard';

export interface HubAppOptions {
  readonly ctx: HubContext;
  /** Behind a TLS reverse proxy: take the client address and scheme from X-Forwarded-*. */
  readonly trustProxy?: boolean;
  /** `auto`: Secure cookies unless the dashboard is reached on a loopback address. */
  readonly secureCookies?: CookieSecurity;
  /** Unexpected errors (never refusals); stderr by default. */
  readonly logError?: (error: unknown) => void;
}

/**
 * The hub's HTTP server (fastify): the laptop API under /v1 and the read-only dashboard. Bodies
 * are read as raw bytes — the signed envelope must be stored exactly as received — with a size
 * limit per route; anything unexpected answers `internal` without details.
 */
export async function buildHubApp(options: HubAppOptions): Promise<FastifyInstance> {
  const logError = options.logError ?? ((e: unknown) => process.stderr.write(`[hub] ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));
  const app = Fastify({
    logger: false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: MAX_ENVELOPE_BYTES,
    // Slow or stalled uploads must not hold connections forever.
    requestTimeout: 60_000,
    connectionTimeout: 70_000,
    keepAliveTimeout: 10_000,
    return503OnClosing: true,
    // Router-level refusals (malformed escape, over-long id in the path) answer like every other
    // refusal, with the protocol's French message, not fastify's English default.
    frameworkErrors: (_error, _req, reply) => sendFailure(reply, new HubFailure('bad_request')),
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((error, req, reply) => {
    const failure = toFailure(error);
    if (failure.code === 'internal') logError(error);
    if (req.url.startsWith(DASHBOARD_BASE) && !req.url.endsWith('.csv')) {
      return reply
        .code(failure.status)
        .type('text/plain; charset=utf-8')
        .send(failure.code === 'payload_too_large' ? 'Formulaire trop volumineux.' : 'Erreur du serveur du siège régional.');
    }
    return sendFailure(reply, failure);
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/v1/')) {
      return reply.code(404).type('application/json; charset=utf-8').send(new HubFailure('bad_request', { reason: 'not_found' }).toBody());
    }
    return reply.code(404).type('text/plain; charset=utf-8').send('Page introuvable.');
  });

  registerApi(app, options.ctx);
  registerDashboard(app, options.ctx, { secureCookies: options.secureCookies ?? 'auto' });
  app.get('/', async (_req, reply) => reply.redirect(`${DASHBOARD_BASE}`, 303));
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  await app.ready();
  return app;
}

function toFailure(error: unknown): HubFailure {
  if (error instanceof HubFailure) return error;
  const status = typeof error === 'object' && error !== null ? (error as { statusCode?: unknown }).statusCode : undefined;
  if (status === 413) return new HubFailure('payload_too_large', { maxBytes: MAX_ENVELOPE_BYTES });
  if (typeof status === 'number' && status >= 400 && status < 500) return new HubFailure('bad_request');
  return new HubFailure('internal');
}

export interface RunningHub {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHubServer(options: HubAppOptions & { host?: string; port?: number }): Promise<RunningHub> {
  const app = await buildHubApp(options);
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return { app, port, url: `http://${shown}:${port}`, close: () => app.close() };
}
