import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launchBrowser, newPage, startServe, type ServeHandle } from './harness';

const FIRST = 'mon jardin fleurit en novembre';
const SECOND = 'le train de sept heures douze';

describe('session end to end (Chromium against jalons serve)', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  let recoveryCode = '';

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  async function unlockWith(secret: string) {
    await page.getByRole('heading', { name: 'Jalons est verrouillé' }).waitFor();
    await page.getByLabel('Phrase de passe', { exact: true }).fill(secret);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
  }

  it('sets up a new encrypted store and shows the recovery code once', async () => {
    await page.goto(serve.url);
    await expect.poll(() => page.getByRole('heading', { name: 'Bienvenue dans Jalons' }).isVisible()).toBe(true);
    expect(page.url()).not.toContain('token=');
    await expectAccessible(page, 'setup');
    await page.getByLabel('Phrase de passe', { exact: true }).fill('court');
    await page.getByLabel('Confirmez la phrase de passe').fill('court');
    await page.getByRole('button', { name: 'Créer mon espace chiffré' }).click();
    await expect.poll(() => page.getByText('au moins 10 caractères').first().isVisible()).toBe(true);
    await page.getByLabel('Phrase de passe', { exact: true }).fill(FIRST);
    await page.getByLabel('Confirmez la phrase de passe').fill(FIRST);
    await page.getByRole('button', { name: 'Créer mon espace chiffré' }).click();
    const code = page.getByTestId('recovery-code');
    await code.waitFor();
    recoveryCode = (await code.textContent()) ?? '';
    expect(recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    await expectAccessible(page, 'recovery code');
    const continuer = page.getByRole('button', { name: 'Continuer' });
    expect(await continuer.isDisabled()).toBe(true);
    await page.getByLabel('J’ai noté ce code de secours en lieu sûr').check();
    await continuer.click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await expect.poll(() => page.getByText('Votre portefeuille est vide').isVisible()).toBe(true);
    await expectAccessible(page, 'dashboard');
  });

  it('navigates every section, each with an empty state that says what to do', async () => {
    const sections = ['Salariés', 'Agenda', 'Immersions', 'Entreprises', 'Statistiques', 'Synchronisation', 'Paramètres', 'Tableau de bord'];
    for (const name of sections) {
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      await expectAccessible(page, name);
    }
  });

  it('locks, refuses a wrong passphrase in French, then unlocks', async () => {
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    await page.getByRole('heading', { name: 'Jalons est verrouillé' }).waitFor();
    await expectAccessible(page, 'unlock');
    await unlockWith('ce n’est pas la bonne');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Phrase de passe incorrecte/);
    await unlockWith(FIRST);
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
  });

  it('unlocks with the recovery code and requires a new passphrase', async () => {
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    await page.getByRole('button', { name: /Utiliser le code de secours/ }).click();
    await page.getByLabel('Code de secours').fill(recoveryCode.toLowerCase());
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByRole('heading', { name: 'Choisissez une nouvelle phrase de passe' }).waitFor();
    await expectAccessible(page, 'new passphrase after recovery');
    await page.getByLabel('Nouvelle phrase de passe', { exact: true }).fill(SECOND);
    await page.getByLabel('Confirmez la nouvelle phrase de passe').fill(SECOND);
    await page.getByRole('button', { name: 'Changer la phrase de passe' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
  });

  it('changes the passphrase from the settings; only the new one works afterwards', async () => {
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByLabel('Phrase de passe actuelle').fill(SECOND);
    await page.getByLabel('Nouvelle phrase de passe', { exact: true }).fill(FIRST);
    await page.getByLabel('Confirmez la nouvelle phrase de passe').fill(FIRST);
    await page.getByRole('button', { name: 'Changer la phrase de passe' }).click();
    await expect.poll(() => page.getByText('Phrase de passe changée.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Verrouiller' }).click();
    await unlockWith(SECOND);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/incorrecte/);
    await unlockWith(FIRST);
    // The user comes back where they were.
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
  });

  it('auto-locks after the configured inactivity', async () => {
    await page.clock.install();
    await page.getByRole('link', { name: 'Paramètres' }).click();
    await page.getByLabel('Verrouiller après (minutes d’inactivité)').fill('1');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByText('Enregistré.').isVisible()).toBe(true);
    await page.clock.fastForward('01:05');
    await page.getByRole('heading', { name: 'Jalons est verrouillé' }).waitFor();
  });

  it('the API refuses a request without the token', async () => {
    const origin = new URL(serve.url).origin;
    const status = await page.evaluate(async (o) => {
      const res = await fetch(`${o}/api/settings.get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return res.status;
    }, origin);
    expect(status).toBe(401);
  });
});
