import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RgpdExport } from '../../shared/ipc/rgpd';
import { api, createStore, expectAccessible, isoFromToday, launchBrowser, newPage, screenshotter, type ServeHandle, startServe } from './harness';
import { extractPdfText, normaliseSpaces } from './pdf-text';

const PASSPHRASE = 'des données bien gardées';
const STRUCTURE = 'Atelier Solidaire du Val';
const HOST = 'Résidence Les Tilleuls';
/** What must never reach an employer's document. */
const SECRETS = {
  note: 'Note confidentielle : suivi au CSAPA',
  health: 'Traitement lourd, rendez-vous mensuel au CMP',
  justice: 'Bracelet électronique jusqu’en mars',
  healthAction: 'Orientation vers le médecin addictologue',
  entretienNotes: 'A évoqué sa condamnation en fin d’entretien',
  immersionNotes: 'Fatigue liée au traitement, à surveiller',
};
const SECRET_LABELS = ['Santé / accès aux soins', 'Justice'];
const OLD_EXIT_NAME = 'Ancienvalois';

const identity = (lastName: string, firstName: string, entryDate: string, referentId: string | null, confidentialNote: string | null = null) => ({
  lastName,
  firstName,
  birthName: null,
  sex: '2',
  birthDate: '1987-09-14',
  communeInsee: null,
  qpv: false,
  zrr: false,
  phone: '06 11 22 33 44',
  email: null,
  confidentialNote,
  entryDate,
  referentId,
});

describe('RGPD screens end to end: access export, retention review, audit log (Chromium against jalons serve)', () => {
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  let salarieId = '';
  let entretienId = '';
  let immersionId = '';
  let oldId = '';
  const shots = process.env.JALONS_SCREENSHOTS;

  const shot = screenshotter(() => page);

  const docText = async () => (await page.locator('article.print-doc').textContent()) ?? '';

  beforeAll(async () => {
    serve = await startServe();
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('sets up the store and arranges a salarié with health and justice freins, notes, an entretien and an immersion', async () => {
    await createStore(page, serve.url, PASSPHRASE);

    await api(page, 'structure.save', { name: STRUCTURE, siret: null, siaeKind: 'ACI', regionCode: null, departementCode: null, annexes: [] });
    const referent = await api<{ id: string }>(page, 'referents.save', { displayName: 'Claire Martin' });
    salarieId = (await api<{ id: string }>(page, 'salaries.create', identity('Lemoine', 'Odile', isoFromToday(-120), referent.id, SECRETS.note))).id;
    const health = await api<{ id: string }>(page, 'freins.save', { salarieId, kind: 'health', identifiedDate: isoFromToday(-100), details: SECRETS.health });
    await api(page, 'freins.addAction', { freinId: health.id, date: isoFromToday(-90), mode: 'external', partner: null, note: SECRETS.healthAction });
    await api(page, 'freins.save', { salarieId, kind: 'justice', identifiedDate: isoFromToday(-100), details: SECRETS.justice });
    const entretien = await api<{ id: string }>(page, 'entretiens.save', {
      salarieId,
      kind: 'tripartite',
      moment: 'parcours',
      status: 'tenu',
      date: isoFromToday(-30),
      participants: [
        { role: 'salarie', salarieId },
        { role: 'referent', referentId: referent.id },
        { role: 'employeur', newContact: { organisationId: null, organisationName: HOST, name: 'Nadia Benali', role: 'Gouvernante', phone: null, email: null } },
      ],
      objectives: [{ text: 'Tenir le poste d’agent d’entretien en autonomie', deadline: isoFromToday(30), conditions: null }],
      decisions: 'Immersion de deux semaines à la résidence.',
      freinIds: [health.id],
      notes: SECRETS.entretienNotes,
    });
    entretienId = entretien.id;
    const partners = await api<{ rows: Array<{ id: string; name: string }> }>(page, 'partners.list', { query: 'tilleuls' });
    const host = partners.rows.find((p) => p.name === HOST)!;
    const contacts = await api<Array<{ contactId: string | null }>>(page, 'partners.searchContacts', { query: 'benali' });
    const immersion = await api<{ id: string }>(page, 'immersions.save', {
      salarieId,
      objective: 'skills_validation',
      romeCode: 'K2204',
      hostOrganisationId: host.id,
      tutorContactId: contacts[0]?.contactId ?? null,
      startDate: isoFromToday(-14),
      endDate: isoFromToday(-3),
      schedule: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' })),
      activities: 'Entretien des parties communes.',
      notes: SECRETS.immersionNotes,
    });
    immersionId = immersion.id;
    for (const to of ['convention_a_signer', 'signee', 'en_cours']) await api(page, 'immersions.transition', { id: immersionId, to });
    await api(page, 'immersions.createGrid', { immersionId, templateId: 'modele-agent-entretien' });
    await api(page, 'immersions.saveBilan', {
      immersionId,
      status: 'COMPLETED',
      establishmentFeedback: 'Sérieuse et ponctuelle.',
      establishmentAdvices: 'Continuer sur un poste en collectivité.',
      beneficiaryAgreement: true,
      nextSteps: [],
      writtenOn: isoFromToday(-2),
    });
    // Enough audited writes for the log to need a second page.
    for (let i = 1; i <= 40; i += 1) await api(page, 'actions.save', { salarieId, label: `Appeler la mutuelle (${i})`, kind: 'suivi', owner: null, dueDate: isoFromToday(i) });
    // A file whose exit is more than five years old: due for anonymisation.
    oldId = (await api<{ id: string }>(page, 'salaries.create', identity(OLD_EXIT_NAME, 'Jeanne', '2015-01-05', referent.id))).id;
    await api(page, 'sortie.save', { salarieId: oldId, exitDate: '2018-06-29', motif: 'cdi_not_aided', note: 'Embauchée chez un paysagiste' });
  });

  it('exports everything held about the salarié from the fiche: a readable document, without notes unless ticked, and a JSON file', async () => {
    await page.goto(`${new URL(serve.url).origin}/#/salaries/${salarieId}`);
    await page.getByRole('heading', { level: 1, name: 'LEMOINE Odile' }).waitFor();
    await page.getByRole('link', { name: 'Exporter les données (RGPD)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Données personnelles détenues par la structure' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Navigation principale' }).count()).toBe(0);
    const dom = await docText();
    for (const expected of [STRUCTURE, 'LEMOINE Odile', 'Identité et coordonnées', 'Freins périphériques', 'Santé / accès aux soins (health)', 'Entretiens — objectifs', 'Tenir le poste d’agent d’entretien en autonomie', 'Immersions (PMSMP)', 'Journal des opérations sur le dossier', '06 11 22 33 44', 'ne sont pas incluses']) {
      expect(dom, expected).toContain(expected);
    }
    for (const secret of Object.values(SECRETS)) expect(dom, secret).not.toContain(secret);
    await expectAccessible(page, 'export RGPD');
    await shot('rgpd-export');
    if (shots) {
      await page.getByRole('heading', { name: 'Entretiens — participants' }).scrollIntoViewIfNeeded();
      await shot('rgpd-export-entretiens');
    }

    // The printed document: the same text, without the toolbar.
    const printed = normaliseSpaces(extractPdfText(await page.pdf({ format: 'A4' })).text);
    expect(printed).toContain('Données personnelles détenues par la structure');
    expect(printed).not.toContain('Télécharger le fichier JSON');
    expect(printed).not.toContain(SECRETS.health);

    await page.getByLabel('Inclure les notes confidentielles').check();
    await expect.poll(docText).toContain(SECRETS.entretienNotes);
    const withNotes = await docText();
    for (const secret of Object.values(SECRETS)) expect(withNotes, secret).toContain(secret);
    expect(withNotes).toContain('Contient des informations confidentielles');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le fichier JSON' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^donnees-personnelles-lemoine-odile-\d{4}-\d{2}-\d{2}\.json$/);
    const data = RgpdExport.parse(JSON.parse(readFileSync((await file.path())!, 'utf8')));
    expect(data).toMatchObject({ includeConfidential: true, salarie: { id: salarieId, lastName: 'Lemoine' }, structureName: STRUCTURE });
    expect(data.sections.map((s) => s.key)).toEqual(expect.arrayContaining(['identite', 'frein', 'frein_action', 'entretien', 'entretien_objective', 'immersion', 'immersion_grid', 'immersion_bilan', 'journal']));
    expect(JSON.stringify(data)).toContain(SECRETS.justice);

    // Each export and the choice about notes went to the audit log.
    const log = await api<{ rows: Array<{ action: string; detail: string | null }> }>(page, 'audit.list', { action: 'rgpd.export', salarieId });
    expect(log.rows.map((r) => JSON.parse(r.detail ?? '{}').includeConfidential)).toEqual([true, false]);
  });

  it('never puts confidential data in the documents meant for employers: compte-rendu, blank grid, bilan', async () => {
    const origin = new URL(serve.url).origin;
    for (const [path, title] of [
      [`#/agenda/impression/entretien/${entretienId}`, 'Compte-rendu d’entretien'],
      [`#/immersions/impression/grille/${immersionId}`, 'Grille d’évaluation de l’immersion'],
      [`#/immersions/impression/bilan/${immersionId}`, 'Bilan de l’immersion'],
    ] as const) {
      await page.goto(`${origin}/${path}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.locator('article.print-doc').waitFor();
      const dom = (await page.locator('body').textContent()) ?? '';
      for (const secret of [...Object.values(SECRETS), ...SECRET_LABELS]) expect(dom, `${title}: ${secret}`).not.toContain(secret);
      const printed = normaliseSpaces(extractPdfText(await page.pdf({ format: 'A4' })).text);
      for (const secret of Object.values(SECRETS)) expect(printed, `${title} (PDF): ${secret}`).not.toContain(secret);
    }
  });

  it('reviews the files due in Paramètres › Conservation des données and purges one after a confirmation', async () => {
    await page.goto(`${new URL(serve.url).origin}/#/parametres`);
    await page.getByRole('heading', { level: 1, name: 'Paramètres' }).waitFor();
    await page.getByRole('link', { name: 'Conservation des données' }).click();
    await page.getByRole('heading', { level: 1, name: 'Conservation des données' }).waitFor();
    expect(await page.getByLabel('Dossier après la sortie (ans)').inputValue()).toBe('5');
    const row = page.getByRole('row', { name: new RegExp(OLD_EXIT_NAME, 'i') });
    await row.waitFor();
    expect(await row.textContent()).toContain('Sortie ancienne');
    expect(await page.getByRole('row', { name: /LEMOINE/ }).count()).toBe(0);
    await expectAccessible(page, 'conservation des données');
    await shot('rgpd-conservation');

    // Durations: a nonsense value is refused in French, a good one saved.
    await page.getByLabel('Notes confidentielles après la sortie (ans)').fill('0');
    await page.getByRole('button', { name: 'Enregistrer les durées' }).click();
    await page.getByText('Conservation des notes après la sortie : 1 an au moins.').waitFor();
    await page.getByLabel('Notes confidentielles après la sortie (ans)').fill('3');
    await page.getByRole('button', { name: 'Enregistrer les durées' }).click();
    await page.getByText('Durées de conservation enregistrées.').waitFor();
    expect((await api<{ notesAfterExitYears: number }>(page, 'rgpd.getRetention', {})).notesAfterExitYears).toBe(3);

    await row.getByRole('checkbox').check();
    await row.getByRole('combobox').selectOption('purge');
    await page.getByRole('button', { name: /Traiter les 1 dossiers cochés/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirmer le traitement' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('1 dossier sera purgé');
    await expectAccessible(page, 'confirmation de purge');
    await dialog.getByRole('button', { name: 'Confirmer et effacer' }).click();
    await page.getByText(/1 dossier purgé\. Le fichier de données a été compacté/).waitFor();
    await page.getByRole('heading', { name: 'Aucun dossier à traiter' }).waitFor();
    const gone = await page.evaluate(async (id) => {
      const token = sessionStorage.getItem('jalons.host-token') ?? '';
      const res = await fetch('/api/salaries.get', { method: 'POST', headers: { 'content-type': 'application/json', 'x-jalons-token': token }, body: JSON.stringify({ id }) });
      return (await res.json()) as { ok: boolean; error?: { code: string } };
    }, oldId);
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('shows the audit log with filters and paging, the purged file named by its id only', async () => {
    await page.goto(`${new URL(serve.url).origin}/#/parametres/journal`);
    await page.getByRole('heading', { level: 1, name: 'Journal des opérations' }).waitFor();
    const table = page.getByRole('table', { name: 'Entrées du journal, les plus récentes d’abord' });
    await table.waitFor();
    const first = (await table.getByRole('row').nth(1).textContent()) ?? '';
    expect(first).toContain('Dossier purgé');
    await expectAccessible(page, 'journal des opérations');
    await shot('rgpd-journal');

    await page.getByLabel('Opération').selectOption('rgpd.export');
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    expect(await table.textContent()).toContain('Export des données d’un salarié (RGPD)');
    expect(await page.getByRole('status').filter({ hasText: 'Entrées' }).textContent()).toContain('sur 2');

    await page.getByLabel('Opération').selectOption('');
    await page.getByRole('combobox', { name: 'Salarié·e' }).fill('lemoi');
    await page.getByRole('option', { name: /LEMOINE Odile/ }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => table.textContent()).toContain('Fiche salarié créée');
    expect(await table.textContent()).not.toContain('Dossier purgé');

    // Dates: nothing before today's entries starts tomorrow.
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    const [y, m, d] = isoFromToday(1).split('-');
    await page.getByLabel('Du', { exact: true }).fill(`${d}/${m}/${y}`);
    await page.getByRole('heading', { name: 'Aucune opération' }).waitFor();
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Entrées plus anciennes' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Entrées' }).textContent()).toMatch(/^Entrées 51 à \d+ sur \d+$/);
    await page.getByRole('button', { name: 'Entrées plus récentes' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Entrées' }).textContent()).toMatch(/^Entrées 1 à 50 sur/);
  });
});
