import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { tempDir } from '../helpers/fixtures';

export const CHROMIUM = process.env.JALONS_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface ServeHandle {
  url: string;
  dbFile: string;
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the real CLI (`jalons serve`) on a fresh database and reads the URL from its first line. */
export async function startServe(existing?: { dbFile: string; dir: string }, options: { runAsUser?: string } = {}): Promise<ServeHandle> {
  const temp = existing ? null : tempDir();
  const dir = existing?.dir ?? temp!.dir;
  const dbFile = existing?.dbFile ?? join(dir, 'jalons.db');
  const command = [process.execPath, 'bin/jalons.mjs', 'serve', '--db', dbFile];
  // runuser: as an unprivileged user, file permissions apply (root writes a read-only file anyway).
  const [program, ...args] = options.runAsUser ? ['runuser', '-u', options.runAsUser, '--', ...command] : command;
  const child = spawn(program!, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JALONS_PASSPHRASE: '' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return {
    url: firstLine.trim(),
    dbFile,
    dir,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => {
          if (!existing) temp?.cleanup();
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** bypassCSP only so axe-core can be injected; the app itself runs under its real CSP otherwise. */
export async function newPage(browser: Browser, options: { bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1366, height: 768 }, bypassCSP: options.bypassCSP ?? true });
  const page = await context.newPage();
  return { context, page };
}

/** Runs axe-core on the current page; fails on any serious or critical violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.addScriptTag({ path: join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js') });
  type AxeResult = { violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> };
  // Runs in the page: written as a string so the Node-side type check needs no DOM types.
  const result = (await page.evaluate("window.axe.run(document, { resultTypes: ['violations'] })")) as AxeResult;
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `axe on ${label}`).toEqual([]);
}

/** YYYY-MM-DD of a day relative to today (local time, like the app in the browser). */
export function isoFromToday(offsetDays: number): string {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** dd/mm/yyyy, as the app shows a date and a CIP types it. */
export function frenchDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** Arranging data only, through the browser host's contract with the page's token: behaviours under test go through the UI. */
export async function api<T>(page: Page, method: string, input: unknown): Promise<T> {
  const envelope = await page.evaluate(
    async ({ method, input }) => {
      const token = sessionStorage.getItem('jalons.host-token') ?? '';
      const res = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-jalons-token': token }, body: JSON.stringify(input) });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    { method, input },
  );
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value as T;
}

/** First launch through the UI: passphrase twice, recovery code acknowledged, dashboard shown. */
export async function createStore(page: Page, url: string, passphrase: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'Bienvenue dans Jalons' }).waitFor();
  await page.getByLabel('Phrase de passe', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirmez la phrase de passe').fill(passphrase);
  await page.getByRole('button', { name: 'Créer mon espace chiffré' }).click();
  await page.getByLabel('J’ai noté ce code de secours en lieu sûr').check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
}

/** Screenshots for a human look, only when JALONS_SCREENSHOTS names a folder. */
export function screenshotter(page: () => Page): (name: string) => Promise<void> {
  const folder = process.env.JALONS_SCREENSHOTS;
  return async (name) => {
    if (!folder) return;
    mkdirSync(folder, { recursive: true });
    await page().screenshot({ path: join(folder, `${name}.png`) });
  };
}
