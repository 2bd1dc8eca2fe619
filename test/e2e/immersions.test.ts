import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImmersionAssessmentExport } from '../../shared/ipc/immersions';
import { api, createStore, expectAccessible, frenchDate, isoFromToday, launchBrowser, newPage, screenshotter, type ServeHandle, startServe } from './harness';
import { extractPdfText, normaliseSpaces } from './pdf-text';

const PASSPHRASE = 'une immersion bien préparée';
const STRUCTURE = 'Atelier Solidaire du Val';
const HOST = 'Résidence Les Tilleuls';
const TUTOR = 'Nadia Benali';
const FREIN_DETAILS = 'Suivi en addictologie le mardi';
const NOTE = 'Fatigue signalée par le médecin du travail';
const REWORDED = 'Respecte les dosages indiqués sur les bidons du site';
const ADDED = 'Utilise l’autolaveuse en sécurité';
const FIRST_ITEM = 'Prépare son chariot et ses produits selon le planning et le protocole du site';

describe('immersions and evaluation grids end to end (Chromium against jalons serve)', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  let immersionUrl = '';
  const shots = process.env.JALONS_SCREENSHOTS;
  const start = isoFromToday(7);
  const end = isoFromToday(20);

  const shot = screenshotter(() => page);
  /** The document as printed (print CSS), whole, for a visual check. */
  async function printShot(name: string) {
    if (!shots) return;
    // A4 minus the @page margins: about 182 mm of text width.
    await page.setViewportSize({ width: 690, height: 1000 });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    await page.emulateMedia({ media: null });
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  const rating = (item: string, level: string) => page.getByRole('group', { name: item, exact: true }).getByRole('radio', { name: level, exact: true });

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('sets up the store and arranges a structure, a salarié with confidential freins, and a host partner', async () => {
    await createStore(page, serve.url, PASSPHRASE);

    await api(page, 'structure.save', { name: STRUCTURE, siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
    const referent = await api<{ id: string }>(page, 'referents.save', { displayName: 'Claire Martin' });
    const { id: salarieId } = await api<{ id: string }>(page, 'salaries.create', {
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
      entryDate: isoFromToday(-90),
      referentId: referent.id,
    });
    await api(page, 'freins.save', { salarieId, kind: 'health', identifiedDate: isoFromToday(-60), details: FREIN_DETAILS });
    await api(page, 'freins.save', { salarieId, kind: 'mobility', identifiedDate: isoFromToday(-60) });
    await api(page, 'partners.save', {
      name: HOST,
      kind: 'entreprise',
      siret: null,
      nafCode: null,
      communeInsee: null,
      address: '12 rue des Tilleuls, Lille',
      sizeBand: null,
      notes: null,
      contacts: [{ name: TUTOR, role: 'Gouvernante', phone: '06 12 34 56 78', email: null }],
    });
  });

  it('prepares a validation-des-compétences immersion from the Immersions page', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Immersions', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Immersions' }).waitFor();
    await page.getByRole('heading', { name: 'Aucune immersion pour l’instant' }).waitFor();
    await expectAccessible(page, 'immersions (vide)');

    await page.getByRole('link', { name: 'Préparer une immersion' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Préparer une immersion' }).waitFor();
    await page.getByRole('combobox', { name: 'Salarié·e' }).fill('dura');
    await page.getByRole('option', { name: /DURAND Samir/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Préparer une immersion — Samir Durand' }).waitFor();

    await page.getByRole('radio', { name: /Confirmer un projet professionnel/ }).check();
    await page.getByRole('combobox', { name: 'Métier visé (fiche ROME)' }).fill('nettoyage de loc');
    await page.getByRole('option', { name: /K2204/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'Structure d’accueil et tuteur·rice' }).fill('benali');
    await page.getByRole('option', { name: new RegExp(TUTOR) }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByLabel('Premier jour').fill(frenchDate(start));
    await page.getByLabel('Dernier jour').fill(frenchDate(end));
    await page.getByRole('button', { name: /Semaine type/ }).click();
    await expect.poll(() => page.getByText('32,5 h par semaine').isVisible()).toBe(true);
    await page.getByLabel('Activités confiées').fill('Entretien des parties communes et des bureaux.');
    await page.getByLabel('Notes', { exact: true }).fill(NOTE);
    await expectAccessible(page, 'préparer une immersion');
    await page.getByRole('button', { name: 'Créer l’immersion' }).click();

    await page.getByRole('heading', { level: 1, name: 'Immersion — Samir Durand', exact: true }).waitFor();
    immersionUrl = page.url();
    await expect.poll(() => page.getByRole('group', { name: 'Statut de l’immersion' }).textContent()).toContain('Brouillon');
    // Fiche 1: the host step is fulfilled by the directory record.
    const checklist = page.getByRole('region', { name: 'Étapes de l’immersion (Fiche 1)' });
    await expect.poll(() => checklist.getByRole('link', { name: HOST }).isVisible()).toBe(true);
    await expectAccessible(page, 'immersion (suivi)');

    // Along the allowed transitions, up to the start.
    for (const [button, status] of [
      ['Convention prête à signer', 'Convention à signer'],
      ['Convention signée', 'Convention signée'],
      ['Confirmer le démarrage', 'En cours'],
    ] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await expect.poll(() => page.getByRole('group', { name: 'Statut de l’immersion' }).textContent()).toContain(`Statut : ${status}`);
    }
    await expect.poll(() => checklist.getByText('Démarrage confirmé').isVisible()).toBe(true);
    await shot('immersion-detail');
  });

  it('builds the grid from the trade template and individualises it (one item reworded, one added)', async () => {
    await tab('Grille d’évaluation').click();
    const template = page.getByLabel('Modèle de grille');
    await expect.poll(() => template.locator('option:checked').textContent()).toContain('Agent·e d’entretien (K2204)');
    await page.getByRole('button', { name: 'Créer la grille à partir de ce modèle' }).click();
    await page.getByLabel('Item 2', { exact: true }).waitFor();
    await page.getByLabel('Item 2', { exact: true }).fill(REWORDED);
    await page.getByRole('button', { name: 'Ajouter un item', exact: true }).click();
    // The new item's field has the focus: type straight away.
    await page.keyboard.type(ADDED);
    await expectAccessible(page, 'grille (individualisation)');
    await page.getByRole('button', { name: 'Enregistrer la grille individualisée' }).click();
    await expect.poll(() => page.getByText(/Reformulé\. Dans le modèle : « Respecte les dosages et les pictogrammes/).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Item ajouté pour cette immersion.').isVisible()).toBe(true);
    expect(await page.getByLabel('Item 13', { exact: true }).inputValue()).toBe(ADDED);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('immersion-grille');
  });

  it('records two weekly evaluations and the final one with the host, by keyboard and mouse', async () => {
    await tab('Évaluations et progression').click();
    const evaluations = [
      { date: isoFromToday(13), levels: ['Non acquis', 'Non acquis', 'Non évalué'] },
      { date: isoFromToday(17), levels: ['En cours d’acquisition', 'En cours d’acquisition', 'En cours d’acquisition'] },
    ];
    for (const [index, e] of evaluations.entries()) {
      await page.getByRole('link', { name: 'Nouvelle évaluation hebdomadaire' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nouvelle évaluation — Samir Durand' }).waitFor();
      await page.getByLabel(/^Date/).fill(frenchDate(e.date));
      await rating(FIRST_ITEM, e.levels[0]!).check();
      await rating(REWORDED, e.levels[1]!).check();
      // Keyboard: Tab lands in the item's radio group, arrows choose the level.
      await rating(ADDED, 'Non évalué').focus();
      await page.keyboard.press('Space');
      const steps = ['Non évalué', 'Non acquis', 'En cours d’acquisition'].indexOf(e.levels[2]!);
      for (let s = 0; s < steps; s += 1) await page.keyboard.press('ArrowRight');
      expect(await rating(ADDED, e.levels[2]!).isChecked()).toBe(true);
      if (index === 0) {
        await page.getByRole('textbox', { name: `Commentaire : ${FIRST_ITEM}` }).fill('Oublie de recharger le chariot');
        await expectAccessible(page, 'évaluation (saisie)');
        await page.evaluate(() => window.scrollTo(0, 0));
        await shot('immersion-evaluation-form');
      }
      await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
      await page.getByRole('heading', { level: 1, name: 'Immersion — Samir Durand', exact: true }).waitFor();
    }

    await page.getByRole('link', { name: 'Évaluation finale' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle évaluation — Samir Durand' }).waitFor();
    expect(await page.getByLabel('Évaluation', { exact: true }).inputValue()).toBe('finale');
    // The tutor and the référent are proposed as evaluators.
    expect(await page.getByLabel('Nom de l’évaluateur 1').inputValue()).toBe(TUTOR);
    await page.getByLabel(/^Date/).fill(frenchDate(end));
    await rating(FIRST_ITEM, 'Acquis').check();
    await rating(REWORDED, 'Acquis').check();
    await rating(ADDED, 'En cours d’acquisition').check();
    await page.getByLabel('Avis du salarié').fill('J’ai aimé le travail en équipe.');
    await page.getByLabel('Avis de la structure d’accueil').fill('Sérieux, ponctuel, à l’écoute des consignes.');
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Immersion — Samir Durand', exact: true }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: 'Évaluations de l’immersion' }).getByRole('row').count()).toBe(4);
  });

  it('shows the progression per item, with what is acquired and what remains', async () => {
    const table = page.getByRole('table', { name: /Niveau de chaque item à chaque évaluation/ });
    await table.waitFor();
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers.slice(0, 4).map((h) => h.replace(/\d{2}\/\d{2}\/\d{4}/, '').trim())).toEqual(['Item', 'Semaine 1', 'Semaine 2', 'Finale']);
    const reworded = table.getByRole('row', { name: new RegExp(REWORDED) });
    expect((await reworded.getByRole('cell').allTextContents()).slice(0, 3)).toEqual(['Non acquis', 'En cours d’acquisition', 'Acquis']);
    expect(await reworded.textContent()).toContain('Acquis');
    const added = table.getByRole('row', { name: new RegExp(ADDED) });
    expect((await added.getByRole('cell').allTextContents()).slice(0, 3)).toEqual(['Non évalué', 'En cours d’acquisition', 'En cours d’acquisition']);
    const acquired = page.getByRole('region', { name: /^Acquis : 2/ });
    expect(await acquired.textContent()).toContain(FIRST_ITEM);
    expect(await page.getByRole('region', { name: /^Reste à travailler : 1/ }).textContent()).toContain(ADDED);
    await expectAccessible(page, 'évaluations et progression');
    await page.getByRole('heading', { name: 'Progression', exact: true }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, document.getElementById('progression-title')!.getBoundingClientRect().top - 16));
    await shot('immersion-progression');
  });

  it('writes the bilan and checks the Fiche 1 steps', async () => {
    await tab('Bilan').click();
    await page.getByRole('radio', { name: 'Partiellement réalisée' }).check();
    await page.getByRole('button', { name: 'Enregistrer le bilan' }).click();
    // Immersion Facilitée's rules: the host's advice is required, a partial immersion needs its last day.
    await expect.poll(() => page.getByText('Indiquez les conseils de la structure d’accueil pour la suite du parcours.').isVisible()).toBe(true);
    await page.getByLabel('Conseils pour la suite du parcours professionnel').fill('Viser un poste d’agent d’entretien en résidence.');
    await page.getByRole('button', { name: 'Enregistrer le bilan' }).click();
    await expect.poll(() => page.getByText('Immersion partiellement réalisée : indiquez le dernier jour de présence.').isVisible()).toBe(true);
    await page.getByRole('radio', { name: 'Réalisée', exact: true }).check();
    await page.getByRole('group', { name: 'L’immersion a-t-elle débouché sur une embauche ?' }).getByRole('radio', { name: 'Oui' }).check();
    await page.getByLabel('Type de contrat').selectOption('CDD > ou = 6 mois');
    await page.getByLabel('Début du contrat').fill(frenchDate(isoFromToday(40)));
    await page.getByRole('radio', { name: 'D’accord avec le bilan' }).check();
    await page.getByLabel('La poursuite du parcours dans la structure').check();
    await expectAccessible(page, 'bilan');
    await shot('immersion-bilan-formulaire');
    await page.getByRole('button', { name: 'Enregistrer le bilan' }).click();
    await page.getByRole('link', { name: 'Imprimer le bilan' }).waitFor();
    // The host's opinion at the final evaluation started the general appreciation.
    expect(await page.getByLabel('Appréciation générale sur l’immersion').inputValue()).toBe('Sérieux, ponctuel, à l’écoute des consignes.');

    await tab('Suivi').click();
    const checklist = page.getByRole('region', { name: 'Étapes de l’immersion (Fiche 1)' });
    for (const step of ['Grille individualisée', '2 évaluations hebdomadaires', 'Bilan rédigé']) await expect.poll(() => checklist.getByRole('link', { name: step }).isVisible()).toBe(true);
  });

  it('prints the blank grid for the host tutor: scale explained, items, no confidential data', async () => {
    await page.getByRole('link', { name: 'Imprimer la grille vierge' }).click();
    await page.getByRole('heading', { level: 1, name: 'Grille d’évaluation de l’immersion' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    const doc = page.locator('article.print-doc');
    const dom = (await doc.textContent()) ?? '';
    for (const expected of [STRUCTURE, 'Samir D.', HOST, TUTOR, 'Nettoyage de locaux (K2204)', frenchDate(start), 'Comment remplir cette grille', 'Le fait seul·e, correctement et régulièrement.', 'La situation ne s’est pas présentée pendant la période.', FIRST_ITEM, REWORDED, ADDED, 'Avis du salarié', 'Avis de la structure d’accueil', 'Commentaires']) {
      expect(dom).toContain(expected);
    }
    for (const secret of ['Durand', FREIN_DETAILS, NOTE, 'Mobilité', 'Oublie de recharger']) expect(dom).not.toContain(secret);
    // A large tick box per level for every item (4 levels × 13 items).
    expect(await doc.locator('.tick-table .tick-box').count()).toBe(52);
    await expectAccessible(page, 'grille vierge (impression)');
    await shot('immersion-grille-vierge');
    await printShot('immersion-grille-vierge-papier');

    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const printed = extractPdfText(pdf);
    expect(printed.pages).toBeGreaterThanOrEqual(1);
    const text = normaliseSpaces(printed.text);
    for (const expected of [STRUCTURE, 'Comment remplir cette grille', 'En cours d’acquisition', 'Signatures']) expect(text).toContain(expected);
    expect(text).not.toContain('Imprimer / Enregistrer en PDF');
    expect(text).not.toContain('addictologie');
  });

  it('prints the completed bilan without confidential data', async () => {
    await page.goto(immersionUrl);
    await page.getByRole('heading', { level: 1, name: 'Immersion — Samir Durand', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Imprimer le bilan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bilan de l’immersion' }).waitFor();
    const dom = (await page.locator('article.print-doc').textContent()) ?? '';
    for (const expected of [STRUCTURE, 'Samir D.', HOST, 'Réalisée', 'Oui — CDD > ou = 6 mois', 'Sérieux, ponctuel', 'Viser un poste', 'D’accord avec ce bilan', 'La poursuite du parcours dans la structure', REWORDED, 'Acquis', 'Reste à travailler', 'Date et signature']) {
      expect(dom).toContain(expected);
    }
    for (const secret of ['Durand', FREIN_DETAILS, NOTE, 'Mobilité']) expect(dom).not.toContain(secret);
    await expectAccessible(page, 'bilan (impression)');
    await shot('immersion-bilan-impression');
    await printShot('immersion-bilan-papier');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = normaliseSpaces(extractPdfText(pdf).text);
    for (const expected of ['Bilan de l’immersion', 'Compétences évaluées', 'Signatures']) expect(text).toContain(expected);
    expect(text).not.toContain('addictologie');
  });

  it('exports the bilan as JSON in Immersion Facilitée’s vocabulary with the grid as x-jalons-grid', async () => {
    await page.goto(immersionUrl);
    await page.getByRole('heading', { level: 1, name: 'Immersion — Samir Durand', exact: true }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter le bilan (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe(`bilan-immersion-k2204-${start}.json`);
    const content = readFileSync((await download.path())!, 'utf8');
    const assessment = ImmersionAssessmentExport.parse(JSON.parse(content));
    expect(assessment).toMatchObject({ status: 'COMPLETED', endedWithAJob: true, typeOfContract: 'CDD > ou = 6 mois', contractStartDate: isoFromToday(40), beneficiaryAgreement: true });
    const grid = assessment['x-jalons-grid'];
    expect(grid.immersion).toMatchObject({ immersionObjective: 'Confirmer un projet professionnel', appellation: { romeCode: 'K2204' }, dateStart: start, dateEnd: end });
    expect(grid.evaluations.map((e) => e.kind)).toEqual(['hebdomadaire', 'hebdomadaire', 'finale']);
    expect(grid.items.map((i) => i.label)).toContain(REWORDED);
    for (const secret of ['Durand', FREIN_DETAILS, NOTE]) expect(content).not.toContain(secret);
    await expect.poll(() => page.getByText(`Bilan exporté : bilan-immersion-k2204-${start}.json`).isVisible()).toBe(true);
  });

  it('lists the immersion and offers the templates library', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Immersions', exact: true }).click();
    const row = page.getByRole('row', { name: /Samir Durand/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Bilan : réalisée');
    await page.getByLabel('Période').selectOption({ label: 'Terminées ou annulées' });
    await page.getByRole('heading', { name: 'Aucune immersion ne correspond' }).waitFor();
    await page.getByLabel('Période').selectOption({ label: 'Toutes' });
    await expectAccessible(page, 'immersions (liste)');

    await page.getByRole('link', { name: 'Modèles de grilles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Modèles de grilles d’évaluation' }).waitFor();
    await expect.poll(() => page.getByRole('row').count()).toBeGreaterThanOrEqual(14);
    await expectAccessible(page, 'modèles de grilles');
    await page.getByRole('link', { name: 'Agent·e d’entretien', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Modèle « Agent·e d’entretien »' }).waitFor();
    await expect.poll(() => page.getByText(/Utilisé par 1 immersion/).isVisible()).toBe(true);
    await expectAccessible(page, 'modèle de grille');
    await shot('immersion-modele');
  });
});
