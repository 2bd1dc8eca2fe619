import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MAX_ENVELOPE_BYTES } from '../../shared/sync/protocol';
import type { HubContext } from '../services/context';
import { enrolDevice } from '../services/enrolment';
import { HubFailure } from '../services/errors';
import { buildCatalog } from '../services/catalog';
import { heldBundles } from '../services/reconciliation';
import { rotateKey } from '../services/rotation';
import { submitEnvelope } from '../services/submission';

/** Small JSON bodies: enrolment requests are a few hundred bytes. */
const ENROL_BODY_LIMIT = 16 * 1024;

function headerValue(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function sendFailure(reply: FastifyReply, failure: HubFailure): FastifyReply {
  if (failure.retryAfter !== undefined) reply.header('retry-after', String(failure.retryAfter));
  return reply.code(failure.status).type('application/json; charset=utf-8').send(failure.toBody());
}

/** The laptop-facing API (shared/sync/protocol.ts). Thin: every rule lives in the services. */
export function registerApi(app: FastifyInstance, ctx: HubContext): void {
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/v1/')) return;
    reply.header('cache-control', 'no-store');
    const wait = ctx.limits.api.hit(req.ip);
    if (wait > 0) return sendFailure(reply, new HubFailure('rate_limited', undefined, wait));
  });

  app.post('/v1/enroll', { bodyLimit: ENROL_BODY_LIMIT }, async (req, reply) => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '');
    } catch {
      throw new HubFailure('bad_request', { reason: 'not_json' });
    }
    const response = await enrolDevice(ctx, body, req.ip);
    return reply.code(201).type('application/json; charset=utf-8').send(response);
  });

  app.put<{ Params: { bundleId: string } }>('/v1/bundles/:bundleId', { bodyLimit: MAX_ENVELOPE_BYTES }, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) throw new HubFailure('bad_request', { reason: 'empty_body' });
    const outcome = await submitEnvelope(ctx, {
      body: req.body,
      bundleIdFromPath: req.params.bundleId,
      idempotencyKey: headerValue(req, 'idempotency-key'),
      contentDigest: headerValue(req, 'content-digest'),
      client: req.ip,
    });
    // The stored receipt text, byte for byte: every retry gets exactly the same answer.
    return reply.code(outcome.status).type('application/json; charset=utf-8').send(outcome.receiptText);
  });

  app.get<{ Querystring: { since?: string; region?: string } }>('/v1/catalog', async (req, reply) => {
    const q = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    const etag = headerValue(req, 'if-none-match')?.replace(/^W\//, '').replace(/"/g, '');
    const answer = buildCatalog(ctx, { region: q(req.query.region), since: q(req.query.since) ?? etag });
    if (answer.kind === 'unchanged') return reply.code(304).header('etag', `"${answer.revision}"`).send();
    return reply.code(200).header('etag', `"${answer.catalog.revision}"`).type('application/json; charset=utf-8').send(answer.catalog);
  });

  app.post<{ Params: { deviceId: string } }>('/v1/devices/:deviceId/rotate', { bodyLimit: ENROL_BODY_LIMIT }, async (req, reply) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const response = await rotateKey(ctx, { method: req.method, pathWithQuery: req.raw.url ?? req.url, headers: req.headers, body }, req.params.deviceId);
    return reply.code(200).type('application/json; charset=utf-8').send(response);
  });

  app.get<{ Params: { structureId: string }; Querystring: { period?: string } }>('/v1/structures/:structureId/bundles', async (req, reply) => {
    const held = await heldBundles(
      ctx,
      { method: req.method, pathWithQuery: req.raw.url ?? req.url, headers: req.headers },
      req.params.structureId,
      typeof req.query.period === 'string' && req.query.period !== '' ? req.query.period : undefined,
    );
    return reply.code(200).type('application/json; charset=utf-8').send(held);
  });
}
