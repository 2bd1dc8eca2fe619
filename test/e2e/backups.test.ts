import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, expectAccessible, launchBrowser, newPage, type ServeHandle, startServe } from './harness';

const PASSPHRASE = 'les sauvegardes du mardi soir';

describe('backups end to end (Paramètres › Sauvegardes, restore offer at unlock)', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('sets up, then « Sauvegarder maintenant » lists a verified backup', async () => {
    await createStore(page, serve.url, PASSPHRASE);

    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByRole('heading', { name: 'Sauvegardes' }).waitFor();
    await expect.poll(() => page.getByText('aucune pour l’instant').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await expect.poll(() => page.getByText(/enregistrée et vérifiée/).isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: /^Restaurer…/ }).count()).toBe(1);
    await expectAccessible(page, 'settings with backups');
  });

  it('restores it after a confirmation with the passphrase (a wrong one is refused)', async () => {
    await page.getByRole('button', { name: /^Restaurer…/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Restaurer une sauvegarde' });
    await dialog.waitFor();
    await dialog.getByLabel(/Phrase de passe/).fill('pas la bonne phrase');
    await dialog.getByRole('button', { name: 'Remplacer mes données par cette sauvegarde' }).click();
    await expect.poll(() => dialog.getByText(/n’ouvre pas cette sauvegarde/).isVisible()).toBe(true);
    await dialog.getByLabel(/Phrase de passe/).fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Remplacer mes données par cette sauvegarde' }).click();
    await expect.poll(() => page.getByText(/restaurée\. Les données remplacées sont conservées/).isVisible(), { timeout: 30_000 }).toBe(true);
  });

  it('on a damaged store, the unlock screen offers the latest backup and restores it', async () => {
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    await page.getByRole('heading', { name: 'Jalons est verrouillé' }).waitFor();
    // Locked: the store is closed. Damage a page in the middle (the key still opens page 1).
    const size = statSync(serve.dbFile).size;
    const fd = openSync(serve.dbFile, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);

    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    const offer = page.getByRole('button', { name: /^Restaurer la dernière sauvegarde/ });
    await offer.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByText(/base de données est endommagée/).isVisible()).toBe(true);
    await expectAccessible(page, 'restore offer');
    await offer.click();
    // Unlocked again, back where the user was.
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole('heading', { name: 'Jalons est verrouillé' }).count()).toBe(0);
  });
});
