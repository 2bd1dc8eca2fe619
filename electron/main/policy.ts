import type { WebPreferences } from 'electron';

/**
 * The security policy of every Jalons window, as plain data: the Electron code applies it and
 * `test/electron/main/policy.test.ts` asserts it, so a regression fails CI without an Electron binary.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'jalons';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** All network goes through the main process: the renderer may not open any connection itself. */
export const ELECTRON_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: true,
  };
}

/** Parses with the URL parser (never string prefixes): `app://jalons.evil` or `app://jalons@evil` are refused. */
export function isAppUrl(candidate: string | undefined | null): boolean {
  if (!candidate) return false;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '' && url.port === '';
}

/** IPC is answered only for frames showing our own bundled renderer. */
export function isTrustedSender(frameUrl: string | undefined | null): boolean {
  return isAppUrl(frameUrl);
}

/** Navigation inside the app is by hash only; any other navigation is refused. */
export function isAllowedNavigation(from: string, to: string): boolean {
  if (!isAppUrl(to) || !isAppUrl(from)) return false;
  const a = new URL(from);
  const b = new URL(to);
  return a.pathname === b.pathname && a.search === b.search;
}
