import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createStore, expectAccessible, frenchDate, isoFromToday, launchBrowser, newPage, screenshotter, type ServeHandle, startServe } from './harness';

const PASSPHRASE = 'les jalons du parcours de Amina';

/** dd/mm/yyyy for a day relative to today, as a CIP types it. */
function typed(offsetDays: number): string {
  return frenchDate(isoFromToday(offsetDays));
}

describe('fiche salarié end to end (Chromium against jalons serve)', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  let salarieId = '';
  const shots = process.env.JALONS_SCREENSHOTS;

  const tab = (name: string) => page.getByRole('tab', { name, exact: true });
  const dialog = () => page.getByRole('dialog');
  const header = () => page.locator('.fiche-header');
  const freinCard = (name: RegExp) => page.getByTestId('frein-card').filter({ has: page.getByRole('heading', { name }) });
  async function openTab(name: string, slug: string) {
    await tab(name).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/salaries/${salarieId}/${slug}`);
    await expect.poll(() => tab(name).getAttribute('aria-selected')).toBe('true');
  }
  async function selectByLabel(select: Locator, label: string) {
    await select.selectOption({ label });
  }
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

  it('sets up the store, the structure and a salarié, then opens the fiche', async () => {
    await createStore(page, serve.url, PASSPHRASE);

    await api(page, 'structure.save', { name: 'Jardins de la Deûle', siret: null, siaeKind: 'ACI', regionCode: '32', departementCode: '59', annexes: [] });
    const referent = await api<{ id: string }>(page, 'referents.save', { displayName: 'Claire Martin' });
    ({ id: salarieId } = await api<{ id: string }>(page, 'salaries.create', {
      lastName: 'Benali',
      firstName: 'Amina',
      birthName: null,
      sex: '2',
      birthDate: '1984-03-12',
      communeInsee: null,
      qpv: false,
      zrr: false,
      phone: null,
      email: null,
      confidentialNote: 'Suivi psychologique en cours.',
      entryDate: isoFromToday(-40),
      referentId: referent.id,
    }));

    await page.evaluate((id) => (window.location.hash = `#/salaries/${id}`), salarieId);
    await page.getByRole('heading', { level: 1, name: 'BENALI Amina' }).waitFor();
    const text = await header().textContent();
    expect(text).toMatch(/\d+ ans/);
    expect(text).toContain('Claire Martin');
    expect(text).toMatch(/En parcours depuis le/);
    expect(text).toContain('Aucun PASS IAE enregistré');
    expect(text).toContain('Aucun rendez-vous prévu');
    expect(await tab('Parcours').getAttribute('aria-selected')).toBe('true');
    await expectAccessible(page, 'fiche — parcours (vide)');
  });

  it('shows the next rendez-vous in the header, a link to the entretien', async () => {
    const planned = await api<{ id: string }>(page, 'entretiens.save', {
      salarieId, kind: 'tripartite', moment: 'parcours', status: 'planifie', date: isoFromToday(3), startTime: '14:30', participants: [{ role: 'salarie' }],
    });
    await page.reload();
    const link = header().getByRole('link', { name: `RDV entretien tripartite le ${frenchDate(isoFromToday(3))} à 14\u00a0h\u00a030` });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`#/agenda/entretien/${planned.id}`);
  });

  it('moves between tabs with the arrow keys, each tab having its own address', async () => {
    await tab('Parcours').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/salaries/${salarieId}/situation`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Situation');
    await page.keyboard.press('End');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/salaries/${salarieId}/actions`);
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/salaries/${salarieId}/parcours`);
  });

  it('saves a PASS IAE and shows the days left, with a warning near the end', async () => {
    await openTab('Contrats & PASS IAE', 'contrats');
    await page.getByLabel('Numéro de PASS IAE').fill('99999 21 12345');
    // Started 700 days ago: the usual 2-year end date is pre-filled, which leaves about a month.
    await page.getByLabel('Date de début').fill(typed(-700));
    await expect.poll(() => page.getByLabel('Date de fin à la délivrance').inputValue()).toBe(typed(29));
    await page.getByRole('button', { name: 'Enregistrer le PASS IAE' }).click();
    await expect.poll(() => page.getByTestId('pass-facts').textContent()).toMatch(/Jours restants\d+ jours/);
    await expect.poll(() => page.getByTestId('header-pass').textContent()).toMatch(/\d+ jours restants/);
    expect(await page.getByTestId('header-pass').textContent()).toContain('Fin proche');
    expect(await page.getByTestId('pass-facts').textContent()).toContain('99999 21 12345');
    await expect.poll(() => page.getByText('PASS IAE enregistré.').isVisible()).toBe(true);
  });

  it('refuses an invalid PASS number inline, in French', async () => {
    await page.getByLabel('Numéro de PASS IAE').fill('1234');
    await page.getByRole('button', { name: 'Enregistrer le PASS IAE' }).click();
    await expect.poll(() => page.getByText('Le numéro de PASS IAE compte 12 caractères').isVisible()).toBe(true);
    const described = await page.getByLabel('Numéro de PASS IAE').getAttribute('aria-describedby');
    expect(described).toMatch(/error/);
    // What was typed survives leaving the tab (draft in the encrypted store), until discarded.
    await openTab('Parcours', 'parcours');
    await openTab('Contrats & PASS IAE', 'contrats');
    await expect.poll(() => page.getByText('Brouillon non enregistré restauré.').isVisible()).toBe(true);
    expect(await page.getByLabel('Numéro de PASS IAE').inputValue()).toBe('1234');
    await page.getByRole('button', { name: 'Abandonner le brouillon' }).click();
    await expect.poll(() => page.getByLabel('Numéro de PASS IAE').inputValue()).toBe('99999 21 12345');
  });

  it('adds a contract and shows the rule’s warning after saving', async () => {
    await page.getByRole('button', { name: 'Ajouter un contrat' }).click();
    await dialog().getByRole('heading', { name: 'Ajouter un contrat' }).waitFor();
    await expectAccessible(page, 'contrat — dialogue');
    await selectByLabel(dialog().getByLabel('Type de contrat'), 'CDD insertion (CDDI)');
    await dialog().getByLabel('Date de début').fill(typed(-30));
    await dialog().getByLabel('Date de fin prévue').fill(typed(20));
    await dialog().getByLabel('Durée hebdomadaire (heures)').fill('26');
    await dialog().getByRole('button', { name: 'Ajouter le contrat' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    const row = page.getByRole('row').filter({ hasText: 'CDD insertion (CDDI)' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('26 h');
    // A CDDI of less than 4 months: saved, with the rule's own wording.
    await expect.poll(() => page.locator('.saved-warnings').textContent()).toMatch(/Un CDDI dure au moins 4 mois/);
    expect(await header().textContent()).toMatch(/ACI · CDD insertion \(CDDI\) jusqu’au/);
    await expectAccessible(page, 'fiche — contrats');
  });

  it('suspends the PASS IAE with a reason this SIAE may use, pushing its end back', async () => {
    const before = await page.getByTestId('pass-facts').textContent();
    await page.getByRole('button', { name: 'Ajouter une suspension' }).click();
    const reasons = await dialog().getByLabel('Motif').locator('option').allTextContents();
    expect(reasons).toContain('Contrat de travail rompu');
    // Historical reasons stay readable on old suspensions but are no longer offered.
    expect(reasons).not.toContain('Arrêt pour longue maladie');
    await selectByLabel(dialog().getByLabel('Motif'), 'Contrat de travail suspendu depuis plus de 15 jours');
    await dialog().getByLabel('Début de la suspension').fill(typed(-20));
    await dialog().getByLabel('Fin de la suspension').fill(typed(-6));
    await dialog().getByRole('button', { name: 'Enregistrer la suspension' }).click();
    await expect.poll(() => dialog().count()).toBe(0);
    await expect.poll(() => page.getByTestId('pass-facts').textContent()).toContain('(suspensions et prolongations comprises)');
    expect(await page.getByTestId('pass-facts').textContent()).not.toBe(before);
    expect(await page.getByRole('row').filter({ hasText: 'Contrat de travail suspendu depuis plus de 15 jours' }).count()).toBe(1);
  });

  it('adds a mobility frein, an action, lifts it; only allowed transitions are offered', async () => {
    await openTab('Freins', 'freins');
    await expectAccessible(page, 'fiche — freins (vide)');
    await page.getByRole('button', { name: 'Ajouter un frein' }).click();
    await selectByLabel(dialog().getByLabel('Type de frein'), 'Mobilité (transport, isolement géographique)');
    await dialog().getByLabel('Précisions').fill('Pas de permis, arrêt de bus à 3 km.');
    await dialog().getByRole('button', { name: 'Ajouter le frein' }).click();
    const card = freinCard(/Mobilité/);
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.getByTestId('frein-status').textContent()).toBe('Identifié');
    expect(await card.textContent()).toContain('Manque de mobilité');
    expect(await card.textContent()).toContain('Pas de permis');

    await card.getByRole('button', { name: /Ajouter une action au frein Mobilité/ }).click();
    await dialog().getByLabel('Partenaire', { exact: true }).fill('Plateforme mobilité');
    await dialog().getByLabel('Accompagnement externe (partenaire)').check();
    await dialog().getByRole('button', { name: 'Ajouter l’action' }).click();
    await expect.poll(() => card.textContent()).toContain('Plateforme mobilité');
    expect(await card.textContent()).toContain('Externe (partenaire)');

    const status = card.getByLabel('Nouveau statut');
    expect(await status.locator('option').allTextContents()).toEqual(['Choisissez', 'En cours', 'Levé', 'Abandonné']);
    await selectByLabel(status, 'Levé');
    await card.getByRole('button', { name: 'Changer le statut' }).click();
    await expect.poll(() => card.getByTestId('frein-status').textContent()).toBe('Levé');
    // A lifted frein can only be reopened.
    expect(await card.getByLabel('Nouveau statut').locator('option').allTextContents()).toEqual(['Choisissez', 'En cours']);
  });

  it('shows the core’s refusal when the screen is stale (frein reopened elsewhere)', async () => {
    const fiche = await api<{ parcours: { freins: Array<{ id: string; kind: string }> } }>(page, 'salaries.get', { id: salarieId });
    const mobility = fiche.parcours.freins.find((f) => f.kind === 'mobility')!;
    await api(page, 'freins.setStatus', { id: mobility.id, status: 'in_progress', date: isoFromToday(0) });
    const card = freinCard(/Mobilité/);
    await selectByLabel(card.getByLabel('Nouveau statut'), 'En cours');
    await card.getByRole('button', { name: 'Changer le statut' }).click();
    await expect.poll(() => card.getByRole('alert').first().textContent()).toMatch(/déjà « En cours »|ne peut pas passer/);
  });

  it('keeps health details hidden until « Afficher les informations confidentielles »', async () => {
    await page.getByRole('button', { name: 'Ajouter un frein' }).click();
    await selectByLabel(dialog().getByLabel('Type de frein'), 'Santé / accès aux soins (confidentiel)');
    await expect.poll(() => dialog().getByText('Confidentiel : ces précisions restent masquées').isVisible()).toBe(true);
    await dialog().getByLabel('Précisions').fill('Suivi au CMP le mardi matin.');
    await dialog().getByRole('button', { name: 'Ajouter le frein' }).click();
    const card = freinCard(/Santé/);
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain('Précisions masquées');
    expect(await page.getByText('Suivi au CMP').count()).toBe(0);
    await page.getByRole('button', { name: 'Afficher les informations confidentielles' }).click();
    await expect.poll(() => card.getByTestId('frein-confidential-details').textContent()).toContain('Suivi au CMP le mardi matin.');
    await expectAccessible(page, 'fiche — freins (confidentiel affiché)');
    await page.getByRole('button', { name: 'Masquer les informations confidentielles' }).click();
    await expect.poll(() => page.getByText('Suivi au CMP').count()).toBe(0);
  });

  it('adds actions with Entrée and Ctrl+S, flags the overdue one and marks it done', async () => {
    await openTab('Actions', 'actions');
    await page.getByLabel('Action', { exact: true }).fill('Appeler la plateforme mobilité');
    await page.getByLabel('Échéance').fill('hier');
    await page.getByLabel('Échéance').press('Enter');
    const overdue = page.getByTestId('action-item').filter({ hasText: 'Appeler la plateforme mobilité' });
    await expect.poll(() => overdue.count()).toBe(1);
    expect(await overdue.textContent()).toContain('En retard');
    await expect.poll(() => header().textContent()).toMatch(/Appeler la plateforme mobilité.*En retard/);

    // Alerts: a count in the header, the list in a disclosure, the severity in words.
    const summary = header().locator('.fiche-alerts summary');
    expect(await summary.textContent()).toMatch(/\d+ alertes?/);
    await summary.click();
    const overdueAlert = header().locator('.fiche-alerts li').filter({ hasText: 'Action en retard' });
    await expect.poll(() => overdueAlert.count()).toBe(1);
    expect(await overdueAlert.locator('.badge').textContent()).toBe('À traiter');
    expect(await header().locator('.fiche-alerts li').filter({ hasText: /PASS IAE/ }).count()).toBe(1);
    await expectAccessible(page, 'fiche — alertes dépliées');
    await shot('fiche-alertes');
    await page.keyboard.press('Escape');
    await expect.poll(() => header().locator('.fiche-alerts').getAttribute('open')).toBe(null);

    await page.getByLabel('Action', { exact: true }).fill('Préparer le CV avec Amina');
    await page.getByLabel('Échéance').fill('demain');
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('action-item').filter({ hasText: 'Préparer le CV' }).count()).toBe(1);
    expect(await page.getByLabel('Action', { exact: true }).inputValue()).toBe('');
    // Saved forms leave no draft behind, even when submitted right after typing.
    await openTab('Parcours', 'parcours');
    await openTab('Actions', 'actions');
    await page.getByLabel('Action', { exact: true }).waitFor();
    await page.waitForTimeout(600);
    expect(await page.getByText('Brouillon non enregistré restauré.').count()).toBe(0);

    await overdue.getByRole('button', { name: /Marquer fait/ }).click();
    await expect.poll(() => page.getByTestId('action-item').filter({ hasText: 'Appeler la plateforme mobilité' }).count()).toBe(0);
    expect(await page.getByText('1 action faite').isVisible()).toBe(true);
    await expectAccessible(page, 'fiche — actions');
  });

  it('« Modifier l’identité » opens the identity form with the focus on the name', async () => {
    await page.getByRole('button', { name: 'Modifier l’identité' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/salaries/${salarieId}/situation`);
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('lastName');
  });

  it('records a situation at entry with the ASP coherence rules', async () => {
    await openTab('Situation', 'situation');
    await selectByLabel(page.getByLabel('Niveau de formation'), 'Formation de niveau BEP ou CAP');
    await page.getByLabel('Inscrit·e à France Travail', { exact: true }).check();
    await page.getByRole('button', { name: 'Enregistrer la situation' }).click();
    // Not employed and registered: both durations are required, as the ASP would refuse otherwise.
    await expect.poll(() => page.getByText('La durée sans emploi est obligatoire').isVisible()).toBe(true);
    expect(await page.getByText('La durée d’inscription à France Travail est obligatoire').count() + (await page.getByText("La durée d'inscription à France Travail est obligatoire").count())).toBe(1);
    await selectByLabel(page.getByLabel('Sans emploi depuis'), 'De 12 à 23 mois');
    await selectByLabel(page.getByLabel('Inscrit·e à France Travail depuis'), 'De 6 à 11 mois');
    await selectByLabel(page.getByLabel('RSA', { exact: true }), 'Bénéficiaire du RSA et non-majoré');
    await selectByLabel(page.getByLabel('Perçoit le RSA depuis'), '24 mois et plus');
    await page.getByRole('button', { name: 'Enregistrer la situation' }).click();
    await expect.poll(() => page.getByText('Situation à l’entrée enregistrée.').isVisible()).toBe(true);

    await page.getByLabel('Téléphone').fill('06 12 34 56 78');
    await page.getByRole('button', { name: 'Enregistrer l’identité' }).click();
    await expect.poll(() => page.getByText('Identité enregistrée.').isVisible()).toBe(true);
    // The hidden confidential note was left out of the save, so it is still there.
    expect(await page.getByText('Suivi psychologique en cours.').count()).toBe(0);
    await page.getByRole('button', { name: 'Afficher les informations confidentielles' }).click();
    await expect.poll(() => page.getByLabel('Note confidentielle').inputValue()).toBe('Suivi psychologique en cours.');
    await expectAccessible(page, 'fiche — situation');
  });

  it('edits a projet with the ROME combobox (keyboard only)', async () => {
    await openTab('Projet', 'projet');
    const combo = page.getByRole('combobox', { name: 'Ajouter un métier (code ROME)' });
    await combo.fill('espaces verts');
    await expect.poll(() => combo.getAttribute('aria-expanded')).toBe('true');
    await combo.press('Enter');
    await expect.poll(() => page.getByRole('list', { name: 'Métiers visés' }).textContent()).toContain('A1203');
    await selectByLabel(page.getByLabel('Statut du projet'), 'À confirmer (immersion, enquête métier)');
    await page.getByRole('button', { name: 'Enregistrer le projet' }).click();
    await expect.poll(() => page.getByText('Projet professionnel enregistré.').isVisible()).toBe(true);
    await expectAccessible(page, 'fiche — projet');
  });

  it('adds a formation', async () => {
    await openTab('Formations', 'formations');
    await page.getByRole('button', { name: 'Ajouter une formation' }).click();
    await dialog().getByLabel('Intitulé').fill('CACES R489');
    await selectByLabel(dialog().getByLabel('Type de formation'), 'Habilitation / certificat obligatoire (CACES, SST…)');
    await dialog().getByLabel('Début').fill(typed(-10));
    await dialog().getByLabel('Durée (heures)').fill('35');
    await dialog().getByRole('button', { name: 'Ajouter la formation' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'CACES R489' }).count()).toBe(1);
    await expectAccessible(page, 'fiche — formations');
  });

  it('records a sortie « Embauche en CDI non aidé » → Emploi durable, with whether it counts and the follow-ups', async () => {
    await openTab('Sortie', 'sortie');
    await expectAccessible(page, 'fiche — sortie (formulaire)');
    await selectByLabel(page.getByLabel('Motif de sortie (référentiel ASP)'), 'Embauche en CDI non aidé');
    await expect.poll(() => page.getByText('Catégorie officielle : Emploi durable.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Enregistrer la sortie' }).click();
    await expect.poll(() => page.getByTestId('sortie-category').textContent()).toBe('Emploi durable');
    // One month of contract in an ACI: the exit is recorded but does not count (more than 3 months needed).
    const counts = await page.getByTestId('sortie-counts').textContent();
    expect(counts).toMatch(/^Non Sortie non comptée/);
    await expect.poll(() => header().textContent()).toMatch(/Sorti·e le/);
    expect(await page.getByRole('row').filter({ hasText: /À (1|3|6) mois/ }).count()).toBe(3);

    await page.getByRole('button', { name: 'Noter le suivi à 1 mois' }).click();
    await dialog().getByLabel('Situation').fill('En emploi, même poste');
    await dialog().getByRole('button', { name: 'Enregistrer le suivi' }).click();
    await expect.poll(() => page.getByRole('row').filter({ hasText: 'À 1 mois' }).textContent()).toMatch(/Fait le .*En emploi, même poste/);
    await expectAccessible(page, 'fiche — sortie');
  });

  it('lists these events in the timeline, newest first, confidential ones folded', async () => {
    await openTab('Parcours', 'parcours');
    const timeline = page.locator('.timeline');
    await timeline.waitFor();
    const text = (await timeline.textContent()) ?? '';
    for (const kind of ['PASS IAE', 'Contrat', 'Frein', 'Action sur un frein', 'Sortie', 'Formation']) expect(text).toContain(kind);
    const dates = await timeline.locator('time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await page.locator('.timeline-item.is-confidential').count()).toBeGreaterThan(0);
    expect(await page.getByText('Suivi au CMP').count()).toBe(0);
    await expectAccessible(page, 'fiche — parcours');
    await shot('fiche-parcours');
  });

  it('deletes the fiche with an undo, then restores it', async () => {
    await page.getByRole('button', { name: 'Supprimer la fiche' }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/salaries');
    await expect.poll(() => page.getByText('Fiche de BENALI Amina supprimée.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Annuler' }).click();
    await page.getByRole('heading', { level: 1, name: 'BENALI Amina' }).waitFor();
  });

  it('screenshots', async () => {
    if (!shots) return;
    await openTab('Contrats & PASS IAE', 'contrats');
    await shot('fiche-contrats');
    await openTab('Freins', 'freins');
    await shot('fiche-freins');
    await openTab('Situation', 'situation');
    await shot('fiche-situation');
    await openTab('Sortie', 'sortie');
    await shot('fiche-sortie');
    await openTab('Actions', 'actions');
    await shot('fiche-actions');
  });
});
