/**
 * The dashboard in a real browser (Debian's Chromium, loopback only): the login form passes the
 * Origin/CSRF checks as a browser sends them, the strict CSP leaves the page working (no
 * script, external stylesheet), and axe-core finds no accessibility violation. Skipped, with
 * the reason in the title, when Chromium is not installed (CI installs it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubServer, type RunningHub } from '../../server/http/app';
import { setAdminPassword } from '../../server/services/admin';
import { submitEnvelope } from '../../server/services/submission';
import { envelopeText, makeBundle } from './bundles';
import { enrolTestDevice, openTestHub, type TestHub } from './helpers';

const CHROMIUM = process.env.JALONS_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);

describe.skipIf(!available)(`dashboard in Chromium${available ? '' : ` — ${CHROMIUM} absent : test ignoré`}`, () => {
  let hub: TestHub;
  let server: RunningHub;
  let browser: Browser;

  beforeAll(async () => {
    hub = await openTestHub('sqlite');
    for (let i = 0; i < 5; i += 1) {
      const d = await enrolTestDevice(hub, { regionCode: '53' });
      await submitEnvelope(hub.ctx, { body: Buffer.from(envelopeText(makeBundle(d, { seed: 1100 + i, size: 50 + 25 * i }), d)), client: 'test' });
    }
    await setAdminPassword(hub.ctx, 'mot de passe du siège', { log2N: 10, r: 8, p: 1 });
    server = await startHubServer({ ctx: hub.ctx, host: '127.0.0.1', port: 0, logError: () => undefined });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await hub?.dispose();
  });

  it('logs in, shows structures and indicators without CSP errors or accessibility violations, logs out', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    const axe = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
    // Injected through the DevTools protocol, which the page's CSP does not govern.
    const violations = async (): Promise<string[]> => {
      await page.evaluate(axe);
      return page.evaluate(async () => {
        const g = globalThis as unknown as { axe: { run(d: unknown, o: unknown): Promise<{ violations: { id: string }[] }> }; document: unknown };
        const r = await g.axe.run(g.document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
        return r.violations.map((v) => v.id);
      });
    };

    await page.goto(`${server.url}/tableau-de-bord`);
    expect(page.url()).toMatch(/\/tableau-de-bord\/connexion$/);
    expect(await violations()).toEqual([]);
    await page.getByLabel('Mot de passe administrateur').fill('mot de passe du siège');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/tableau-de-bord$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Structures inscrites');
    expect(await violations()).toEqual([]);

    await page.getByRole('link', { name: 'Indicateurs' }).click();
    await page.getByLabel('Niveau').selectOption('53');
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.waitForURL(/niveau=53/);
    expect(await page.locator('svg.chart[role="img"]').count()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
    // The stylesheet applied despite the CSP.
    expect(await page.locator('header.site').evaluate((e) => (globalThis as unknown as { getComputedStyle(x: unknown): { display: string } }).getComputedStyle(e).display)).toBe('flex');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL(/\/connexion$/);
    await page.goto(`${server.url}/tableau-de-bord`);
    expect(page.url()).toMatch(/\/connexion$/);
    expect(problems).toEqual([]);
  });
});
