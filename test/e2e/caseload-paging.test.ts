import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASELOAD_PAGE_SIZE } from '../../renderer/src/features/salaries/caseloadPage';
import { tempDir } from '../helpers/fixtures';
import { api, launchBrowser, newPage, type ServeHandle, startServe } from './harness';

const PASSPHRASE = 'les pages arrivent au fil du défilement';

/*
 * The caseload asks one page of CASELOAD_PAGE_SIZE rows per request (the first answer to a keystroke included) and
 * the next ones as the table scrolls: every row reached is filled, with the row the whole list puts there.
 */
describe('caseload paging on a few hundred salariés', () => {
  const temp = tempDir();
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  const requests: { offset: number; limit: number }[] = [];

  beforeAll(async () => {
    const dbFile = join(temp.dir, 'jalons.db');
    const demo = spawnSync(process.execPath, ['bin/jalons.mjs', 'demo', '--db', dbFile, '--salaries', '170', '--seed', '5', '--create'], {
      env: { ...process.env, JALONS_PASSPHRASE: PASSPHRASE },
      encoding: 'utf8',
    });
    if (demo.status !== 0) throw new Error(`demo: ${demo.stderr}`);
    serve = await startServe({ dbFile, dir: temp.dir });
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
    page.on('request', (request) => {
      if (!request.url().includes('/api/salaries.list')) return;
      const body = JSON.parse(request.postData() ?? '{}') as { offset?: number; limit?: number };
      requests.push({ offset: body.offset ?? 0, limit: body.limit ?? 0 });
    });
    await page.goto(serve.url);
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    temp.cleanup();
  });

  const rowText = (index: number) => page.locator(`.caseload-table tbody tr[data-index="${index}"]:not(.loading-row) td`).first();

  it('fills every row it scrolls to, asking pages of CASELOAD_PAGE_SIZE', async () => {
    const everyone = await api<{ total: number; rows: { lastName: string }[] }>(page, 'salaries.list', { status: 'tous', limit: 500 });
    expect(everyone.total).toBeGreaterThan(3 * CASELOAD_PAGE_SIZE);
    await page.goto(`${new URL(serve.url).origin}/#/salaries`);
    await page.getByLabel('Statut').selectOption('tous');
    await page.locator('p[role="status"].count').filter({ hasText: `${everyone.total} salariés` }).waitFor();
    requests.length = 0;

    const last = everyone.total - 1;
    for (const index of [CASELOAD_PAGE_SIZE + 7, 2 * CASELOAD_PAGE_SIZE + 20, last]) {
      await page.evaluate((i) => {
        const el = document.querySelector('.caseload-scroll')!;
        el.scrollTop = Math.max(0, i * 36 - 100);
      }, index);
      await expect.poll(async () => (await rowText(index).count()) > 0 && (await rowText(index).textContent()), { timeout: 20_000 }).toContain(everyone.rows[index]!.lastName);
    }
    // Only pages of the list's size, at page boundaries, and none twice.
    expect(requests.length).toBeGreaterThan(0);
    for (const r of requests) {
      expect(r.limit).toBe(CASELOAD_PAGE_SIZE);
      expect(r.offset % CASELOAD_PAGE_SIZE).toBe(0);
    }
    expect(new Set(requests.map((r) => r.offset)).size).toBe(requests.length);
  });

  it('answers a keystroke with one page, the rest coming as the table scrolls', async () => {
    requests.length = 0;
    await page.locator('#caseload-search').fill('a');
    await page.locator('p[role="status"].count').filter({ hasText: /salarié/ }).waitFor();
    await expect.poll(() => requests.length).toBeGreaterThan(0);
    expect(requests.every((r) => r.limit === CASELOAD_PAGE_SIZE)).toBe(true);
    expect(requests.filter((r) => r.offset === 0).length).toBeGreaterThan(0);
  });
});
