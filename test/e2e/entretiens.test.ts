import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createStore, expectAccessible, frenchDate, isoFromToday, launchBrowser, newPage, screenshotter, type ServeHandle, startServe } from './harness';
import { extractPdfText, normaliseSpaces } from './pdf-text';

const PASSPHRASE = 'un entretien tripartite bien mené';
const STRUCTURE = 'Atelier Solidaire du Val';
const CONFIDENTIAL = 'Rendez-vous médical évoqué en fin d’entretien';

describe('entretiens, agenda, entreprises and print views end to end (Chromium against jalons serve)', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  let entretienId = '';
  let salarieId = '';
  const shots = process.env.JALONS_SCREENSHOTS;
  const deadline1 = isoFromToday(21);
  const deadline2 = isoFromToday(45);
  const stepDue = isoFromToday(10);

  const shot = screenshotter(() => page);
  /** The react-hook-form name (or label) of the focused control. */
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('name') ?? document.activeElement?.id ?? '');

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('sets up the store and arranges a structure, a référent and a salarié with freins', async () => {
    await createStore(page, serve.url, PASSPHRASE);

    await api(page, 'structure.save', { name: STRUCTURE, siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
    const referent = await api<{ id: string }>(page, 'referents.save', { displayName: 'Claire Martin' });
    ({ id: salarieId } = await api<{ id: string }>(page, 'salaries.create', {
      lastName: 'Durand',
      firstName: 'Samir',
      birthName: null,
      sex: '1',
      birthDate: '1990-05-04',
      communeInsee: null,
      qpv: false,
      zrr: false,
      phone: null,
      email: null,
      confidentialNote: null,
      entryDate: isoFromToday(-60),
      referentId: referent.id,
    }));
    await api(page, 'freins.save', { salarieId, kind: 'mobility', identifiedDate: isoFromToday(-50) });
    await api(page, 'freins.save', { salarieId, kind: 'health', identifiedDate: isoFromToday(-50), details: 'Suivi en addictologie' });
  });

  it('plans a tripartite entretien from the agenda with a new employer contact typed once', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agenda', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    await page.getByRole('heading', { name: 'Aucun rendez-vous cette semaine' }).waitFor();
    await expectAccessible(page, 'agenda (vide)');

    await page.getByRole('button', { name: 'Planifier un entretien' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Planifier un entretien' });
    await dialog.waitFor();
    await dialog.getByRole('combobox', { name: 'Salarié·e' }).fill('dura');
    await dialog.getByRole('option', { name: /DURAND Samir/ }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByText('Référent : Claire Martin.').isVisible()).toBe(true);
    await dialog.getByLabel('Type d’entretien').selectOption({ label: 'Entretien tripartite' });
    await dialog.getByLabel(/^Date/).fill('demain');
    await dialog.getByLabel('Heure').fill('14h30');
    await dialog.getByLabel('Durée (minutes)').fill('60');
    await dialog.getByLabel('Lieu', { exact: true }).selectOption({ label: 'En entreprise' });
    await dialog.getByLabel('Précision du lieu').fill('12 rue des Fours, Lille');
    // Selecting « tripartite » offered a third-party row: the employer is not in the directory yet.
    await dialog.getByRole('combobox', { name: 'Contact ou organisation' }).fill('Boulangerie Martin');
    await dialog.getByRole('option', { name: /Nouvelle organisation : « Boulangerie Martin »/ }).click();
    await expect.poll(focused).toBe('participants.2.newContact.name');
    await page.keyboard.type('Julie Lefort');
    await dialog.getByLabel('Fonction').fill('Gérante');
    await dialog.getByLabel('Téléphone').fill('03 20 00 00 00');
    await dialog.getByLabel('E-mail').fill('julie@boulangerie-martin.fr');
    await expectAccessible(page, 'planifier un entretien');
    await dialog.getByRole('button', { name: 'Planifier' }).click();
    await expect.poll(() => page.getByText('Entretien planifié.').isVisible()).toBe(true);
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const card = page.locator('.agenda-card').filter({ hasText: 'Samir Durand' });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('14\u00a0h\u00a030');
    expect(text).toContain('Entretien tripartite');
    expect(text).toContain('Julie Lefort');
    await expectAccessible(page, 'agenda (semaine)');
    await shot('agenda-semaine');
  });

  it('moves the appointment with the keyboard only', async () => {
    const card = page.locator('.agenda-card').filter({ hasText: 'Samir Durand' });
    await card.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Entretien tripartite — Samir Durand/ });
    await dialog.waitFor();
    await shot('agenda-actions');
    await dialog.getByRole('button', { name: 'Déplacer' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatch(/.+/);
    // The date field has the focus: keep the day, change the time.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('15:00');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(/Rendez-vous déplacé au .* à 15\u00a0h/).isVisible()).toBe(true);
    await expect.poll(() => card.textContent()).toContain('15\u00a0h');
  });

  it('marks it held and records two objectives and a next step with the keyboard only, in under a minute', async () => {
    const card = page.locator('.agenda-card').filter({ hasText: 'Samir Durand' });
    await card.click();
    const dialog = page.getByRole('dialog', { name: /Entretien tripartite — Samir Durand/ });
    await dialog.getByRole('link', { name: 'Marquer tenu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Entretien tripartite — Samir Durand' }).waitFor();
    // The planned details are kept; the cursor waits in the first objective.
    await expect.poll(focused).toBe('objectives.0.text');
    expect(await page.getByLabel('Statut').inputValue()).toBe('tenu');
    expect(await page.getByRole('group', { name: 'Participants' }).textContent()).toContain('Samir Durand');
    expect(await page.getByRole('combobox', { name: 'Contact ou organisation' }).inputValue()).toBe('Julie Lefort — Boulangerie Martin');
    await expectAccessible(page, 'formulaire d’entretien');
    await shot('entretien-formulaire-haut');
    if (shots) await page.screenshot({ path: join(shots, 'entretien-formulaire-complet.png'), fullPage: true });

    await page.evaluate(() => {
      const w = window as unknown as { mouseEvents: number };
      w.mouseEvents = 0;
      for (const type of ['mousedown', 'pointerdown', 'click'])
        window.addEventListener(type, (e) => (e as MouseEvent).detail > 0 && w.mouseEvents++, true);
    });
    const started = Date.now();
    const k = page.keyboard;
    await k.type('Valider le projet de vendeuse en boulangerie');
    await k.press('Enter');
    await k.type(frenchDate(deadline1));
    await k.press('Enter');
    await k.type('Immersion de deux semaines, horaires du matin');
    await k.press('Enter');
    expect(await focused()).toBe('objectives.1.text');
    await k.type('Obtenir le permis B');
    await k.press('Enter');
    await k.type(frenchDate(deadline2));
    await k.press('Enter');
    await k.type('Financement par la plateforme mobilité');
    await k.press('Enter');
    // Entrée in the new empty row leaves the list for the next section.
    await k.press('Enter');
    expect(await focused()).toBe('decisions');
    await k.type('Immersion validée par l’employeur.');
    for (let i = 0; i < 30 && (await focused()) !== 'nextSteps.0.label'; i++) await k.press('Tab');
    expect(await focused()).toBe('nextSteps.0.label');
    await k.type('Envoyer la convention de PMSMP');
    await k.press('Enter');
    await k.type(frenchDate(stepDue));
    await k.press('Enter');
    await k.type('Claire Martin');
    await k.press('Control+S');
    await expect.poll(() => page.getByText(/^Enregistré/).first().isVisible()).toBe(true);
    const elapsed = Date.now() - started;
    expect(await page.evaluate(() => (window as unknown as { mouseEvents: number }).mouseEvents)).toBe(0);
    expect(elapsed).toBeLessThan(60_000);

    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/agenda\/entretien\/[^/]+$/);
    entretienId = (await page.evaluate(() => window.location.hash)).split('/').pop() ?? '';
    // Reopened from the store: everything typed is there.
    await expect.poll(() => page.getByRole('textbox', { name: 'Objectif 2', exact: true }).inputValue()).toBe('Obtenir le permis B');
    expect(await page.getByRole('textbox', { name: 'Objectif 1', exact: true }).inputValue()).toBe('Valider le projet de vendeuse en boulangerie');
    expect(await page.getByRole('textbox', { name: 'Étape 1', exact: true }).inputValue()).toBe('Envoyer la convention de PMSMP');
    expect(await page.getByLabel('Statut').inputValue()).toBe('tenu');
  });

  it('keeps confidential notes out of sight until asked, and saves them', async () => {
    await page.getByRole('button', { name: 'Ajouter des notes' }).click();
    await page.getByRole('textbox', { name: 'Notes', exact: true }).fill(CONFIDENTIAL);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByRole('status').getByText(/^Enregistré/).first().isVisible()).toBe(true);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Entretien tripartite — Samir Durand' }).waitFor();
    // Not displayed until asked (the read is logged), and no stale draft came back after the save.
    expect(await page.getByText(CONFIDENTIAL).count()).toBe(0);
    expect(await page.getByText('Brouillon non enregistré restauré').count()).toBe(0);
    await page.getByRole('button', { name: 'Afficher les notes' }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Notes', exact: true }).inputValue()).toBe(CONFIDENTIAL);
    await shot('entretien-formulaire');
  });

  it('keeps what was typed as a draft when the user leaves without saving', async () => {
    const decisions = page.getByRole('textbox', { name: 'Décisions' });
    await decisions.fill('Immersion validée par l’employeur. Reprise le lundi');
    await page.waitForTimeout(700);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agenda', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Entretien tripartite — Samir Durand' }).waitFor();
    await expect.poll(() => page.getByText('Brouillon non enregistré restauré.').isVisible()).toBe(true);
    expect(await decisions.inputValue()).toBe('Immersion validée par l’employeur. Reprise le lundi');
    await page.getByRole('button', { name: 'Abandonner le brouillon' }).click();
    await expect.poll(() => decisions.inputValue()).toBe('Immersion validée par l’employeur.');
  });

  it('lists the tripartite entretien in the employer’s history', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Entreprises', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Entreprises' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Boulangerie Martin' });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(5).textContent()).toBe('1');
    await expectAccessible(page, 'entreprises');
    await shot('entreprises');
    await page.getByLabel('Type').selectOption({ label: 'Association' });
    await page.getByRole('heading', { name: 'Aucune organisation ne correspond' }).waitFor();
    await page.getByLabel('Type').selectOption({ label: 'Tous les types' });
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('boulang');
    await row.getByRole('link', { name: 'Boulangerie Martin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Boulangerie Martin' }).waitFor();
    expect(await page.getByLabel('Contact 1 : nom').inputValue()).toBe('Julie Lefort');
    const history = page.getByRole('region', { name: 'Historique' });
    const entry = history.getByRole('row').filter({ hasText: 'Entretien tripartite' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Samir Durand');
    await expectAccessible(page, 'fiche organisation');
    await shot('organisation');
    // The SIRET checksum is checked before saving.
    await page.getByLabel('SIRET').fill('12345678901234');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => page.getByText('Ce SIRET n’est pas valide').isVisible()).toBe(true);
    await page.getByLabel('SIRET').fill('');
    await entry.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: 'Entretien tripartite — Samir Durand' }).waitFor();
  });

  it('prints the compte-rendu as a document, without the confidential note unless ticked', async () => {
    await page.getByRole('link', { name: 'Imprimer le compte-rendu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compte-rendu d’entretien' }).waitFor();
    // A document, not the app: no navigation around it.
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    const doc = page.locator('article.print-doc');
    const dom = (await doc.textContent()) ?? '';
    for (const expected of [STRUCTURE, 'Samir Durand', 'Valider le projet de vendeuse en boulangerie', 'Obtenir le permis B', frenchDate(deadline1), 'Immersion de deux semaines', 'Envoyer la convention de PMSMP', 'Signatures', 'Julie Lefort']) {
      expect(dom).toContain(expected);
    }
    expect(dom).not.toContain(CONFIDENTIAL);
    // Freins are never printed: the document is shared with the employer.
    expect(dom).not.toContain('Mobilité');
    expect(await doc.locator('.signature-block').count()).toBe(3);
    await expectAccessible(page, 'compte-rendu (impression)');
    await shot('impression-compte-rendu');
    if (shots) {
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(shots, 'impression-compte-rendu-print.png'), fullPage: true });
      await page.emulateMedia({ media: null });
    }

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const printed = extractPdfText(pdf);
    expect(printed.pages).toBeGreaterThanOrEqual(1);
    const text = normaliseSpaces(printed.text);
    for (const expected of [STRUCTURE, 'Valider le projet de vendeuse en boulangerie', 'Obtenir le permis B', 'Signatures', 'Date et signature']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Rendez-vous médical');
    expect(text).not.toContain('Imprimer / Enregistrer en PDF');

    await page.getByLabel('Inclure les notes confidentielles').check();
    await expect.poll(() => doc.textContent()).toContain(CONFIDENTIAL);
    const withNotes = normaliseSpaces(extractPdfText(await page.pdf({ format: 'A4' })).text);
    expect(withNotes).toContain('Rendez-vous médical');
    expect(withNotes).toContain('Notes confidentielles');
  });

  it('prints the week and exports it as an iCalendar file', async () => {
    await page.getByRole('link', { name: 'Retour à l’entretien' }).click();
    await page.getByRole('link', { name: 'Agenda', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
    // The appointment was planned for tomorrow: show its week.
    await page.evaluate((d) => (window.location.hash = `#/agenda/semaine/${d}`), isoFromToday(1));
    await page.locator('.agenda-card').filter({ hasText: 'Samir Durand' }).waitFor();
    await page.getByRole('link', { name: /^mardi|^lundi|^mercredi|^jeudi|^vendredi|^samedi|^dimanche/ }).filter({ hasText: String(Number(isoFromToday(1).slice(8))) }).first().click();
    await page.getByRole('heading', { level: 2, name: new RegExp(String(Number(isoFromToday(1).slice(8)))) }).waitFor();
    await expect.poll(() => page.locator('.agenda-daylist .agenda-card').count()).toBe(1);
    await expectAccessible(page, 'agenda (jour)');
    await shot('agenda-jour');
    await page.getByRole('link', { name: 'Semaine', exact: true }).click();
    await page.locator('.agenda-week').waitFor();
    await page.getByRole('link', { name: 'Imprimer la semaine' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agenda de la semaine' }).waitFor();
    const week = (await page.locator('article.print-doc').textContent()) ?? '';
    expect(week).toContain('Samir Durand');
    expect(week).toContain(STRUCTURE);
    await expectAccessible(page, 'agenda de la semaine (impression)');
    await shot('impression-semaine');
    await page.getByRole('link', { name: 'Retour à l’agenda' }).click();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter (.ics)' }).click()]);
    const path = await download.path();
    const ics = readFileSync(path, 'utf8');
    expect(download.suggestedFilename()).toMatch(/\.ics$/);
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).not.toContain(CONFIDENTIAL);
  });

  it('records a new entretien from the link other screens use, and shows the warnings of the save', async () => {
    // newEntretienHref(salarieId, 'suivi_individuel'), as the fiche salarié links to it.
    await page.evaluate((id) => (window.location.hash = `#/agenda/entretien/nouveau/${id}/suivi_individuel`), salarieId);
    await page.getByRole('heading', { level: 1, name: 'Nouvel entretien — Samir Durand' }).waitFor();
    expect(await page.getByLabel('Type d’entretien').inputValue()).toBe('suivi_individuel');
    expect(await page.getByLabel('Moment du parcours').inputValue()).toBe('parcours');
    expect(await page.getByLabel('Référent·e').inputValue()).not.toBe('');
    // The salarié's open freins can be ticked; the confidential one shows no kind until asked.
    const freins = page.getByRole('group', { name: 'Freins abordés' });
    expect(await freins.textContent()).toContain('Mobilité');
    expect(await freins.textContent()).not.toContain('Santé');
    await freins.getByLabel(/Mobilité/).check();
    await page.getByRole('textbox', { name: 'Objectif 1', exact: true }).fill('Préparer un CV');
    await page.keyboard.press('Control+S');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#\/agenda\/entretien\/(?!nouveau)[^/]+$/);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Points d’attention' }).textContent()).toContain('n’a pas de délai');
    await expect.poll(() => freins.getByLabel(/Mobilité/).isChecked()).toBe(true);
  });

  it('creates an organisation with a contact from the directory', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Entreprises', exact: true }).click();
    await page.getByRole('link', { name: 'Nouvelle organisation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle organisation' }).waitFor();
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Mission locale de la Métropole');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Prescripteur' });
    await page.getByLabel('Code NAF').fill('8899B');
    await page.getByLabel('Contact 1 : nom').fill('Karim Haddad');
    await page.getByLabel('Fonction').fill('Conseiller');
    await page.getByRole('button', { name: 'Ajouter un contact' }).click();
    await expect.poll(focused).toBe('contacts.1.name');
    await page.keyboard.type('Léa Roux');
    await page.keyboard.press('Control+S');
    await page.getByRole('heading', { level: 1, name: 'Mission locale de la Métropole' }).waitFor();
    expect(await page.getByLabel('Contact 2 : nom').inputValue()).toBe('Léa Roux');
    await page.getByRole('link', { name: 'Retour au répertoire' }).click();
    await page.getByLabel('Type').selectOption({ label: 'Prescripteur' });
    const row = page.getByRole('row').filter({ hasText: 'Mission locale de la Métropole' });
    await row.waitFor();
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('2');
    expect(await page.getByRole('row').filter({ hasText: 'Boulangerie Martin' }).count()).toBe(0);
  });

  it('marks an appointment missed with a reason', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Agenda', exact: true }).click();
    await page.getByRole('button', { name: 'Planifier un entretien' }).first().click();
    const plan = page.getByRole('dialog', { name: 'Planifier un entretien' });
    await plan.getByRole('combobox', { name: 'Salarié·e' }).fill('samir');
    await plan.getByRole('option', { name: /DURAND Samir/ }).click();
    await plan.getByLabel(/^Date/).fill(frenchDate(isoFromToday(1)));
    await plan.getByLabel('Heure').fill('9h');
    await plan.getByRole('button', { name: 'Planifier' }).click();
    const card = page.locator('.agenda-card').filter({ hasText: '9\u00a0h' }).filter({ hasText: 'Suivi individuel' });
    await card.click();
    await page.getByRole('button', { name: 'Marquer manqué' }).click();
    await page.getByRole('button', { name: 'Enregistrer le motif' }).click();
    await expect.poll(() => page.getByText('Motif : champ obligatoire.').isVisible()).toBe(true);
    await page.getByLabel('Motif').fill('Absent sans prévenir');
    await page.getByRole('button', { name: 'Enregistrer le motif' }).click();
    await expect.poll(() => page.getByText('Rendez-vous marqué manqué.').isVisible()).toBe(true);
    // Missed appointments leave the agenda (they stay in the salarié's history).
    await expect.poll(() => card.count()).toBe(0);
  });
});
