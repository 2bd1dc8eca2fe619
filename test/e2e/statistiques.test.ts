import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createStore, expectAccessible, launchBrowser, newPage, screenshotter, type ServeHandle, startServe } from './harness';

const PASSPHRASE = 'des statistiques sans personne dedans';
const STRUCTURE = 'Atelier Statistique du Val';
const LAST_YEAR = new Date().getFullYear() - 1;

const SITUATION = {
  educationLevel: '50',
  prescriberType: null,
  isEmployed: false,
  employerType: null,
  unemployedSince: '04',
  resourceless: false,
  franceTravailRegistered: true,
  franceTravailSince: '04',
  rqth: false,
  oeth: false,
  rsa: 'OUI-NM',
  rsaSince: '03',
  ass: false,
  assSince: null,
  aah: false,
  aahSince: null,
  aseExit: false,
  isolatedParent: false,
  housingIssue: false,
  refugee: false,
  detentionExitOrPpsmj: false,
  lowLevelInFrench: false,
  mobilityIssue: false,
};

describe('Statistiques end to end (Chromium against jalons serve)', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;

  const shot = screenshotter(() => page);

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('sets up the store and arranges a structure with a year of parcours', async () => {
    await createStore(page, serve.url, PASSPHRASE);

    await api(page, 'structure.save', { name: STRUCTURE, siret: null, siaeKind: 'ACI', regionCode: '32', departementCode: '59', annexes: [] });
    for (let i = 0; i < 12; i += 1) {
      const { id } = await api<{ id: string }>(page, 'salaries.create', {
        lastName: `Dupré${i}`,
        firstName: i % 2 ? 'Karim' : 'Inès',
        birthName: null,
        sex: i % 2 ? '1' : '2',
        birthDate: i < 10 ? '1988-03-03' : '1970-03-03',
        communeInsee: null,
        qpv: false,
        zrr: false,
        phone: null,
        email: null,
        confidentialNote: 'Jamais dans les statistiques',
        entryDate: `${LAST_YEAR}-02-01`,
        referentId: null,
      });
      // One person alone with the AAH: that cell must be secret in the bundle. Half receive the RSA.
      const rsa = i >= 1 && i <= 6;
      await api(page, 'salaries.updateSituation', {
        id,
        situation: { ...SITUATION, rsa: rsa ? 'OUI-NM' : 'NON', rsaSince: rsa ? '03' : null, aah: i === 0, aahSince: i === 0 ? '04' : null },
      });
      await api(page, 'contracts.save', { salarieId: id, kind: 'FIXED_TERM_I', siaeKind: null, annexeId: null, startDate: `${LAST_YEAR}-02-01`, endDate: `${LAST_YEAR + 1}-01-31`, weeklyHours: 26, referentId: null });
    }
  });

  it('shows the structure’s own indicators for the chosen year, unsuppressed, as chart and table', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Statistiques', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Statistiques' }).waitFor();
    await page.getByLabel('Découpage').selectOption({ label: 'Année' });
    await page.getByLabel('Année', { exact: true }).selectOption(String(LAST_YEAR));
    await page.getByText(`Année ${LAST_YEAR}, du 01/01/${LAST_YEAR} au 31/12/${LAST_YEAR}`).waitFor({ timeout: 60_000 });
    const minima = page.getByRole('region', { name: /Bénéficiaires de minima sociaux/ });
    await minima.waitFor();
    // Unsuppressed here: the lone AAH beneficiary is counted (it stays on this computer).
    await expect.poll(() => minima.getByRole('row', { name: /^AAH 1 / }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: /Salariés en parcours par sexe et tranche d’âge$/ }).getByRole('row', { name: /^Tous âges/ }).textContent()).toContain('12');
    expect(await page.getByTestId('bar-chart').count()).toBeGreaterThan(3);
    await expectAccessible(page, 'statistiques : indicateurs');
    await shot('statistiques-indicateurs');
  });

  it('previews exactly what leaves, with each secret cell explained, then confirms the revision', async () => {
    await page.getByRole('navigation', { name: 'Vues des statistiques' }).getByRole('link', { name: 'Aperçu de l’envoi' }).click();
    await page.getByRole('heading', { name: 'Ce qui partira au siège régional' }).waitFor({ timeout: 60_000 });
    const summary = page.getByRole('region', { name: 'Ce qui partira au siège régional' });
    await expect.poll(() => summary.textContent()).toContain('1 — première pour cette période');
    await expect.poll(() => summary.textContent()).toContain('Réussi');

    // The list of secret cells names the AAH cell and says why.
    const reasons = page.getByRole('region', { name: 'Cases secrètes et pourquoi' });
    const minimaReason = reasons.getByRole('listitem').filter({ hasText: 'Bénéficiaires de minima sociaux' });
    await expect.poll(() => minimaReason.textContent()).toMatch(/AAH.*Case masquée : elle compte moins de (5|11) personnes/);

    // In the table itself, the cell reads « secret » and gives its reason on keyboard focus.
    const table = page.locator('details').filter({ has: page.getByRole('heading', { name: /Bénéficiaires de minima sociaux/ }) });
    await expect.poll(() => table.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    const aahRow = table.getByRole('row', { name: /^AAH/ });
    const secret = aahRow.getByRole('button', { name: /secret/ });
    await secret.focus();
    const tip = aahRow.getByRole('tooltip');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const reason = (await tip.textContent()) ?? '';
    expect(reason).toMatch(/^Case masquée/);
    // The value itself is nowhere: the cell holds only « secret » and its reason.
    expect(((await aahRow.locator('td').textContent()) ?? '').replace(reason, '')).toBe('«\u00a0secret\u00a0»');

    // The exact file is on screen and holds no name, note nor structure name.
    const json = (await page.locator('.stats-json pre').textContent()) ?? '';
    expect(JSON.parse(json)).toMatchObject({ siaeKind: 'ACI', regionCode: '32', revision: 1 });
    for (const secretText of ['Dupré', 'Inès', 'Karim', 'Jamais dans les statistiques', STRUCTURE]) expect(json).not.toContain(secretText);

    await expectAccessible(page, 'statistiques : aperçu de l’envoi');
    await page.getByRole('heading', { name: 'Ce qui partira au siège régional' }).scrollIntoViewIfNeeded();
    await shot('statistiques-apercu');

    await page.getByRole('button', { name: 'Confirmer et enregistrer la révision 1' }).click();
    await expect.poll(() => summary.getByRole('status').textContent()).toContain('Révision 1 enregistrée');
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain('déjà enregistrée, identique');
    expect(await page.getByRole('button', { name: /Confirmer et enregistrer/ }).count()).toBe(0);
  });

  it('gives the ASP report, printable and as a CSV for Excel', async () => {
    await page.getByRole('navigation', { name: 'Vues des statistiques' }).getByRole('link', { name: 'Rapport ASP' }).click();
    await page.getByRole('heading', { name: `Rapport ASP — Année ${LAST_YEAR}` }).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByRole('row', { name: /Nombre total des salariés en insertion ayant travaillé/ }).textContent()).toContain('12');
    await expectAccessible(page, 'statistiques : rapport ASP');
    await shot('statistiques-rapport-asp');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le CSV (Excel)' }).click()]);
    expect(download.suggestedFilename()).toBe(`rapport-asp-${LAST_YEAR}-Y1.csv`);
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('2 - Dont bénéficiaires de l’AAH;1\r\n');
  });
});
