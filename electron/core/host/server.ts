import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Envelope } from '../../../shared/ipc/errors';
import type { Dispatch } from '../ipc/dispatch';
import { mimeTypeOf, readStatic, resolveStaticPath } from './static-files';

/** Same policy as the Electron window, except that the renderer may call back to its own origin. */
export const BROWSER_HOST_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export interface BrowserHostOptions {
  dispatch: Dispatch;
  rendererRoot: string;
  port?: number;
  /** Fixed token for tests; otherwise random per launch. */
  token?: string;
}

export interface BrowserHost {
  server: Server;
  url: string;
  token: string;
  close(): Promise<void>;
}

export function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let allowedHosts: Set<string> = new Set();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, errorEnvelope('INTERNAL', 'Erreur interne du serveur local.'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS-rebinding guard: only our own loopback address and port may be named in Host.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Hôte non autorisé.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname.startsWith('/api/')) {
      await handleApi(req, res, methodFromPath(url.pathname.slice('/api/'.length)));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const path = resolveStaticPath(options.rendererRoot, url.pathname);
    if (!path) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Introuvable.');
      return;
    }
    res.writeHead(200, {
      'content-type': mimeTypeOf(path),
      'content-security-policy': BROWSER_HOST_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : readStatic(path));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const presented = Buffer.from(String(req.headers['x-jalons-token'] ?? ''));
    if (presented.length !== tokenBytes.length || !timingSafeEqual(presented, tokenBytes)) {
      sendJson(res, 401, errorEnvelope('UNAUTHORIZED', 'Accès refusé : ouvrez Jalons avec l’adresse affichée au lancement.'));
      return;
    }
    // A JSON content type forces a CORS preflight for any cross-origin page, which we never answer.
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, errorEnvelope('VALIDATION', 'Requête invalide : JSON attendu.'));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
    } catch (error) {
      const tooLarge = error instanceof Error && error.message === 'too-large';
      sendJson(
        res,
        tooLarge ? 413 : 400,
        errorEnvelope('VALIDATION', tooLarge ? 'Requête trop volumineuse.' : 'Requête invalide : JSON mal formé.'),
      );
      return;
    }
    sendJson(res, 200, await options.dispatch(method, body));
  }

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
      resolvePromise({
        server,
        token,
        // The token travels in the fragment: never sent to the server in URLs, never in logs or Referer.
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** A malformed escape (`%E0%A4%A`) names no method: the dispatcher answers UNKNOWN_METHOD, not a 500. */
function methodFromPath(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return '';
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Keep draining past the limit so the client still receives our 413 answer.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new Error('too-large')) : resolvePromise(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function errorEnvelope(code: 'UNAUTHORIZED' | 'VALIDATION' | 'INTERNAL', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(payload));
}
