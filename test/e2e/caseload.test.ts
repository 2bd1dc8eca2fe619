import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, expectAccessible, launchBrowser, newPage, type ServeHandle, startServe } from './harness';

const PASSPHRASE = 'mon jardin fleurit en novembre';
/** A real SIRET (check digit valid) and the same number with its last digit changed. */
const VALID_SIRET = '732 829 320 00074';
const WRONG_SIRET = '732 829 320 00075';

/** Today as the app sees it (the browser runs in Europe/Paris), typed the French way. */
function todayTyped(): { typed: string; year: string } {
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date());
  return { typed: parts, year: parts.slice(-4) };
}

describe('caseload end to end: structure, référents, salariés, search, CSV import, dashboard', () => {
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

  const nav = (name: string) => page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name, exact: true });
  const countStatus = () => page.locator('p[role="status"].count');
  const notice = (text: string) => page.locator('.notices').getByText(text).first();

  it('starts from a new store with a list that says how to begin', async () => {
    await createStore(page, serve.url, PASSPHRASE);
    await nav('Salariés').click();
    await page.getByRole('heading', { level: 2, name: 'Aucun salarié pour l’instant' }).waitFor();
    await expect.poll(() => page.getByText('Importez votre liste ou créez une première fiche.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Créer une première fiche' }).isVisible()).toBe(true);
    await expectAccessible(page, 'empty caseload');
  });

  it('Paramètres › Structure refuses a SIRET with a wrong check digit, in French, then saves a valid one', async () => {
    await nav('Paramètres').click();
    await page.getByRole('heading', { level: 2, name: 'Structure' }).waitFor();
    await page.getByLabel('Nom de la structure').fill('Atelier du Nord');
    await page.getByLabel('SIRET').fill(WRONG_SIRET);
    // Checked as soon as the field is left.
    await page.getByLabel('SIRET').press('Tab');
    await page.getByLabel('Type de SIAE').selectOption('ACI');
    const siretError = page.getByText('SIRET invalide : la clé de contrôle ne correspond pas. Vérifiez la saisie.');
    await siretError.waitFor();
    expect(await page.getByLabel('SIRET').getAttribute('aria-invalid')).toBe('true');
    // The save is refused while the SIRET is wrong.
    await page.getByRole('button', { name: 'Valider la structure' }).click();
    await expect.poll(() => siretError.isVisible()).toBe(true);
    await page.getByLabel('SIRET').fill(VALID_SIRET);
    await expect.poll(() => siretError.isVisible()).toBe(false);
    await page.getByLabel('Région').selectOption('32');
    await page.getByLabel('Département').selectOption('59');
    await page.getByRole('button', { name: 'Ajouter une annexe financière' }).click();
    await page.getByLabel('Numéro').fill('ACI059210001A0M0');
    await page.getByRole('button', { name: 'Valider la structure' }).click();
    await notice('Structure enregistrée.').waitFor();
    await expectAccessible(page, 'settings with structure');

    await page.getByLabel('Nom du nouveau référent').fill('Camille Bernard');
    await page.getByRole('button', { name: 'Ajouter le référent' }).click();
    const referents = page.getByRole('list', { name: 'Référents de la structure' });
    const names = referents.locator('.referent-name');
    await expect.poll(() => names.allTextContents()).toEqual(['Camille Bernard']);
    // A second one, renamed then deactivated: kept in the list, marked inactive, no longer offered.
    await page.getByLabel('Nom du nouveau référent').fill('Yanis Petit');
    await page.getByRole('button', { name: 'Ajouter le référent' }).click();
    await expect.poll(() => names.allTextContents()).toEqual(['Camille Bernard', 'Yanis Petit']);
    await page.getByRole('button', { name: 'Renommer Yanis Petit' }).click();
    await page.getByLabel('Nouveau nom pour Yanis Petit').fill('Yanis Petit-Durand');
    await page.getByRole('button', { name: 'Valider le nom' }).click();
    await expect.poll(() => names.allTextContents()).toEqual(['Camille Bernard', 'Yanis Petit-Durand']);
    await page.getByRole('button', { name: 'Désactiver Yanis Petit-Durand' }).click();
    await page.getByRole('button', { name: 'Réactiver Yanis Petit-Durand' }).waitFor();
    expect(await referents.locator('.tag').allTextContents()).toEqual(['Actif', 'Inactif']);

    // The structure is kept: a reload shows it again, SIRET formatted.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Structure' }).waitFor();
    await expect.poll(() => page.getByLabel('Nom de la structure').inputValue()).toBe('Atelier du Nord');
    expect(await page.getByLabel('SIRET').inputValue()).toBe(VALID_SIRET);
  });

  it('shows inline errors for an invalid salarié, then creates it and opens its fiche', async () => {
    await nav('Salariés').click();
    await page.getByRole('link', { name: 'Créer une première fiche' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau salarié' }).waitFor();
    await page.getByLabel('Prénom', { exact: true }).fill('Thérèse');
    await page.getByLabel('Date de naissance').fill('32/13/1981');
    await page.getByRole('button', { name: 'Créer la fiche' }).click();
    await page.getByText('Nom : champ obligatoire.').waitFor();
    await page.getByText('Date invalide. Saisissez-la sous la forme JJ/MM/AAAA.').waitFor();
    const nom = page.getByLabel('Nom', { exact: true });
    expect(await nom.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nom.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('Nom : champ obligatoire.');
    expect(page.url()).toMatch(/#\/salaries\/nouveau$/);
    await expectAccessible(page, 'new salarié with errors');

    await nom.fill('Lemaître');
    await page.getByLabel('Date de naissance').fill('14/02/1981');
    // Commune: typed, picked from the listbox with the keyboard, stored as the INSEE code.
    const commune = page.getByRole('combobox', { name: 'Commune de résidence' });
    await commune.fill('lil');
    await page.getByRole('option', { name: /^Lille \(59\)/ }).waitFor();
    expect(await commune.getAttribute('aria-expanded')).toBe('true');
    await expectAccessible(page, 'commune combobox open');
    await commune.press('Enter');
    await expect.poll(() => commune.inputValue()).toBe('Lille (59)');
    await page.getByLabel('Réside dans un quartier prioritaire de la politique de la ville (QPV)').check();
    const referent = page.getByLabel('Référent');
    expect(await referent.locator('option').allTextContents()).toEqual(['Aucun pour l’instant', 'Camille Bernard']);
    await referent.selectOption({ label: 'Camille Bernard' });
    await nom.press('Enter');
    await page.waitForURL(/#\/salaries\/(?!nouveau)[^/]+$/);
    await notice('Fiche créée.').waitFor();
  });

  it('keeps a draft of an unfinished form, restores it, and clears it once saved', async () => {
    await page.goto(`${new URL(serve.url).origin}/#/salaries/nouveau`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau salarié' }).waitFor();
    // The draft is written to the encrypted store shortly after typing stops: wait for the write that holds both fields.
    const saved = page.waitForResponse(
      (response) => response.url().endsWith('/api/drafts.save') && (response.request().postData() ?? '').includes('"Marc"'),
      { timeout: 30_000 },
    );
    await page.getByLabel('Nom', { exact: true }).fill('Dupont');
    await page.getByLabel('Prénom', { exact: true }).fill('Marc');
    await saved;
    await page.getByRole('link', { name: 'Retour à la liste' }).click();
    await page.getByRole('heading', { level: 1, name: 'Salariés' }).waitFor();
    await page.keyboard.press('Alt+N');
    await page.getByRole('heading', { level: 1, name: 'Nouveau salarié' }).waitFor();
    await page.getByText('Brouillon restauré.').waitFor();
    await expect.poll(() => page.getByLabel('Nom', { exact: true }).inputValue()).toBe('Dupont');
    expect(await page.getByLabel('Prénom', { exact: true }).inputValue()).toBe('Marc');
    await page.keyboard.press('Control+s');
    await page.waitForURL(/#\/salaries\/(?!nouveau)[^/]+$/);

    await page.goto(`${new URL(serve.url).origin}/#/salaries/nouveau`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau salarié' }).waitFor();
    await page.waitForTimeout(600);
    expect(await page.getByText('Brouillon restauré.').count()).toBe(0);
    expect(await page.getByLabel('Nom', { exact: true }).inputValue()).toBe('');
    await page.getByLabel('Nom', { exact: true }).fill('Zerbib');
    await page.getByLabel('Prénom', { exact: true }).fill('Léa');
    await page.getByRole('button', { name: 'Créer la fiche' }).click();
    await page.waitForURL(/#\/salaries\/(?!nouveau)[^/]+$/);
  });

  it('searches the caseload as you type, ignoring accents, and opens a fiche from the keyboard', async () => {
    await nav('Salariés').click();
    await expect.poll(() => countStatus().textContent()).toBe('3 salariés en parcours');
    const rows = page.locator('.caseload-table tbody tr[data-index]');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().textContent()).toContain('Dupont');
    await expectAccessible(page, 'caseload list');

    await page.getByLabel('Rechercher un salarié').fill('therese');
    await expect.poll(() => countStatus().textContent()).toBe('1 salarié en parcours');
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    expect(await row.textContent()).toContain('Thérèse');
    expect(await row.textContent()).toContain('Camille Bernard');

    await page.getByLabel('Rechercher un salarié').fill('zzz');
    await page.getByText(/Aucun salarié ne correspond à «\s*zzz\s*» avec ces filtres\./).waitFor();
    await page.getByRole('button', { name: 'Effacer la recherche et les filtres' }).click();
    await expect.poll(() => countStatus().textContent()).toBe('3 salariés en parcours');

    // Keyboard: the first row is the table's tab stop; arrows move, Enter opens the fiche.
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-index'))).toBe('1');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/salaries\/(?!nouveau)[^/]+$/);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Salariés' }).waitFor();
  });

  it('imports a Windows-1252 CSV: preview with the line error, then the valid rows only', async () => {
    const { typed } = todayTyped();
    const csv = [
      "Nom;Prénom;Date de naissance;Date d'entrée",
      `Lefèvre;Hélène;12/03/1985;${typed}`,
      `Martin;Jérôme;01/01/1990;${typed}`,
      `Durand;;05/05/1970;${typed}`,
      '',
    ].join('\r\n');
    const bytes = Buffer.from(csv, 'latin1');
    expect(bytes.includes(0xe8)).toBe(true); // è as a single Windows-1252 byte, not UTF-8

    await nav('Salariés').click();
    await page.getByRole('link', { name: 'Importer', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Importer des données' }).waitFor();
    expect(page.url()).toMatch(/#\/parametres\/import$/);
    await page.getByLabel('Fichier CSV des salariés').setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: bytes });
    await page.getByRole('heading', { level: 3, name: /^Aperçu de «\s*liste\.csv\s*»$/ }).waitFor();
    await page.getByText('Windows-1252 (ANSI, export Excel)').waitFor();
    expect(await page.getByText('point-virgule', { exact: true }).isVisible()).toBe(true);
    // Sample rows decoded correctly, and the bad line reported with its spreadsheet line number.
    const sample = page.getByRole('table', { name: /Premières lignes/ });
    expect(await sample.textContent()).toContain('Lefèvre');
    expect(await sample.textContent()).toContain('Hélène');
    const errors = page.getByRole('table', { name: /Lignes en erreur/ });
    const errorRow = errors.locator('tbody tr');
    expect(await errorRow.count()).toBe(1);
    expect(await errorRow.first().locator('td').first().textContent()).toBe('4');
    expect(await page.getByRole('button', { name: 'Tout importer' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'import preview');

    await page.getByRole('button', { name: 'Importer les 2 lignes valides' }).click();
    await page.getByText('Import terminé : 2 salariés importés, 1 ligne ignorée.').waitFor();
    await page.getByRole('link', { name: 'Voir la liste des salariés' }).click();
    await page.getByRole('heading', { level: 1, name: 'Salariés' }).waitFor();
    await expect.poll(() => countStatus().textContent()).toBe('5 salariés');
    await page.getByLabel('Rechercher un salarié').fill('lefevre');
    await expect.poll(() => countStatus().textContent()).toBe('1 salarié');
    expect(await page.locator('.caseload-table tbody tr[data-index]').first().textContent()).toContain('Hélène');
  });

  it('the dashboard counts the caseload, for the structure and for one référent', async () => {
    const { year } = todayTyped();
    await nav('Tableau de bord').click();
    const card = (label: string) => page.locator('.stat-card').filter({ hasText: label }).locator('dd');
    await expect.poll(() => card('Salariés en parcours').textContent()).toBe('5');
    expect(await card(`Entrées en ${year}`).textContent()).toBe('5');
    expect(await card(`Sorties en ${year}`).textContent()).toBe('0');
    await page.getByRole('heading', { level: 2, name: 'Rendez-vous de la semaine' }).waitFor();
    expect(await page.getByText('Aucun rendez-vous prévu cette semaine.').isVisible()).toBe(true);
    await expectAccessible(page, 'dashboard');

    await page.getByLabel('Mon portefeuille').selectOption({ label: 'Camille Bernard' });
    await expect.poll(() => card('Salariés en parcours').textContent()).toBe('1');
    // Remembered for the session (not in browser storage): still chosen after a trip to another page.
    await nav('Salariés').click();
    await nav('Tableau de bord').click();
    await expect.poll(() => card('Salariés en parcours').textContent()).toBe('1');
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('Camille');
  });
});
