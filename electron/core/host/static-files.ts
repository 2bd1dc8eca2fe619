import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Maps a URL path to a file under `root`, refusing anything that escapes it (`..`, encoded or not,
 * absolute paths, NUL bytes). Unknown paths fall back to index.html (the renderer routes by hash).
 * Shared by the browser host and Electron's `app://` protocol handler.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rootResolved = resolve(root);
  const candidate = resolve(rootResolved, `.${sep}${normalize(decoded).replace(/^([/\\])+/, '')}`);
  if (candidate !== rootResolved && !candidate.startsWith(rootResolved + sep)) return null;
  if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  if (extname(decoded) === '') return join(rootResolved, 'index.html');
  return null;
}

export function mimeTypeOf(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function readStatic(path: string): Buffer {
  return readFileSync(path);
}
