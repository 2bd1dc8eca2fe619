import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  ELECTRON_CSP,
  isAllowedNavigation,
  isAppUrl,
  isTrustedSender,
  secureWebPreferences,
} from '../../../electron/main/policy';

describe('Electron security policy', () => {
  it('every window is sandboxed, context-isolated, without Node', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('the renderer CSP forbids all network and inline scripts', () => {
    expect(ELECTRON_CSP).toContain("connect-src 'none'");
    expect(ELECTRON_CSP).toContain("default-src 'none'");
    expect(ELECTRON_CSP).toContain("script-src 'self'");
    expect(ELECTRON_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it.each([
    ['app://jalons/index.html', true],
    ['app://jalons/', true],
    ['app://jalons.evil/index.html', false],
    ['app://evil/index.html', false],
    ['app://jalons@evil/index.html', false],
    ['app://user:pw@jalons/index.html', false],
    ['app://jalons:8080/index.html', false],
    ['file:///etc/passwd', false],
    ['https://jalons/index.html', false],
    ['javascript:alert(1)', false],
    ['', false],
    ['not a url', false],
  ])('isAppUrl(%s) = %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
    expect(isTrustedSender(url)).toBe(expected);
  });

  it('allows only in-app hash navigation', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL, `${APP_ENTRY_URL}#/salaries`)).toBe(true);
    expect(isAllowedNavigation(APP_ENTRY_URL, 'https://example.org/')).toBe(false);
    expect(isAllowedNavigation(APP_ENTRY_URL, 'app://jalons/other.html')).toBe(false);
  });

  it('the main process wires these guards (static check of the sources)', () => {
    const security = readFileSync('electron/main/security.ts', 'utf8');
    expect(security).toMatch(/will-navigate/);
    expect(security).toMatch(/setWindowOpenHandler\([\s\S]*action: 'deny'/);
    expect(security).toMatch(/will-attach-webview[\s\S]*preventDefault/);
    expect(security).toMatch(/setPermissionRequestHandler\([\s\S]*callback\(false\)/);
    const main = readFileSync('electron/main/index.ts', 'utf8');
    expect(main).toMatch(/requestSingleInstanceLock/);
    expect(main).toMatch(/enableSandbox\(\)/);
    const windows = readFileSync('electron/main/windows.ts', 'utf8');
    expect(windows).toMatch(/webPreferences: secureWebPreferences\(/);
    expect(windows).not.toMatch(/file:\/\//);
    const ipc = readFileSync('electron/main/ipc.ts', 'utf8');
    expect(ipc).toMatch(/isTrustedSender\(event\.senderFrame\?\.url\)/);
    const preload = readFileSync('electron/preload/index.ts', 'utf8');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});
