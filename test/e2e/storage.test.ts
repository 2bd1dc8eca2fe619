import { chmodSync, existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFilePathFor } from '../../electron/core/vault/keyfile';
import { tempDir } from '../helpers/fixtures';
import { api, createStore, expectAccessible, launchBrowser, newPage, startServe, type ServeHandle } from './harness';

const PASSPHRASE = 'une clé USB verrouillée en écriture';

/*
 * A data file Jalons may read but not write (a locked USB key, wrong permissions): the CIP still consults her
 * caseload, is told on every page that nothing can be saved, and what she types is refused in French, not lost.
 * `jalons serve` runs as `nobody` so that the file permissions apply (root would write anyway).
 */
describe('read-only store end to end (Chromium against jalons serve run as an unprivileged user)', () => {
  const temp = tempDir();
  const dbFile = `${temp.dir}/jalons.db`;
  let serve: ServeHandle | undefined;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    temp.cleanup();
  });

  it('arranges a store with one salarié, then makes its file read-only for the user who runs Jalons', async () => {
    serve = await startServe({ dbFile, dir: temp.dir });
    await createStore(page, serve.url, PASSPHRASE);
    await api(page, 'structure.save', { name: 'Atelier du Nord', siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
    await api(page, 'salaries.create', {
      lastName: 'Lemaître', firstName: 'Thérèse', birthName: null, sex: null, birthDate: null, communeInsee: null,
      qpv: false, zrr: false, phone: null, email: null, confidentialNote: null, entryDate: '2026-01-05', referentId: null,
    });
    await serve.stop();
    serve = undefined;
    chmodSync(temp.dir, 0o777); // the user may create SQLite's WAL index next to the file…
    chmodSync(dbFile, 0o644); // …but not write the data file itself
    chmodSync(keyFilePathFor(dbFile), 0o644);
    for (const extra of ['-wal', '-shm']) if (existsSync(`${dbFile}${extra}`)) chmodSync(`${dbFile}${extra}`, 0o666);
  });

  it('unlocks in consultation mode: a banner on every page says why nothing can be saved and what to do', async () => {
    serve = await startServe({ dbFile, dir: temp.dir }, { runAsUser: 'nobody' });
    await page.goto(serve.url);
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord' }).waitFor();
    const banner = page.locator('.storage-banner');
    await expect.poll(() => banner.textContent()).toMatch(/lecture seule : Jalons est en consultation seule\..*Rendez le fichier modifiable/);
    await expectAccessible(page, 'read-only banner');

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Salariés', exact: true }).click();
    await page.getByRole('link', { name: 'Lemaître' }).waitFor();
    expect(await banner.isVisible()).toBe(true);
  });

  it('refuses a new fiche in French and keeps what was typed', async () => {
    await page.goto(`${new URL(serve!.url).origin}/#/salaries/nouveau`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau salarié' }).waitFor();
    await page.getByLabel('Nom', { exact: true }).fill('Nouvelle');
    await page.getByLabel('Prénom', { exact: true }).fill('Saisie');
    await page.getByRole('button', { name: 'Créer la fiche' }).click();
    await page.getByText(/lecture seule : rien n’a été enregistré/).first().waitFor();
    expect(page.url()).toMatch(/#\/salaries\/nouveau$/);
    expect(await page.getByLabel('Nom', { exact: true }).inputValue()).toBe('Nouvelle');
    expect(await page.locator('.storage-banner').isVisible()).toBe(true);
  });
});
