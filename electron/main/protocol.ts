import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { mimeTypeOf, resolveStaticPath } from '../core/host/static-files';
import { APP_HOST, APP_SCHEME, ELECTRON_CSP } from './policy';

/** Must run before `app.ready`: makes app:// a standard, secure origin (not file://, which has extra powers). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false } },
  ]);
}

/** Serves the built renderer from app://jalons/ with a path-traversal guard and the strict CSP header. */
export function handleAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (request.method !== 'GET') return new Response('Méthode non autorisée', { status: 405 });
    if (url.host !== APP_HOST) return new Response('Introuvable', { status: 404 });
    const path = resolveStaticPath(rendererRoot, url.pathname);
    if (!path) return new Response('Introuvable', { status: 404 });
    return new Response(await readFile(path), {
      headers: {
        'content-type': mimeTypeOf(path),
        'content-security-policy': ELECTRON_CSP,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
