import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/fixtures';
import { findDevice } from '../../server/repositories/devices';
import { startRealHub, type RealHub } from '../electron/core/sync/real-hub';
import { api, expectAccessible, launchBrowser, newPage, startServe, type ServeHandle } from './harness';

const PASSPHRASE = 'les statistiques partent au siège';
const PERIOD = { kind: 'year', year: 2025, index: 1 } as const;

describe('synchronisation end to end (Chromium, jalons serve and the real hub on 127.0.0.1)', () => {
  let hub: RealHub;
  let serve: ServeHandle;
  let browser: Browser;
  let page: Page;
  const temp = tempDir();
  const dbFile = join(temp.dir, 'jalons.db');

  beforeAll(async () => {
    // A realistic caseload in region 32 (département 59), so the statistics have something to count.
    const demo = runCli(['demo', '--db', dbFile, '--salaries', '150', '--create', '--today', '2026-11-23', '--kind', 'ACI', '--departement', '59'], { JALONS_PASSPHRASE: PASSPHRASE });
    expect(demo.status, demo.stderr).toBe(0);
    hub = await startRealHub();
    serve = await startServe({ dbFile, dir: temp.dir });
    browser = await launchBrowser();
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await hub?.stop();
    temp.cleanup();
  });

  function nav() {
    return page.getByRole('navigation', { name: 'Navigation principale' });
  }

  it('enrols this computer with a one-time code through the screen', async () => {
    await page.goto(serve.url);
    await page.getByLabel('Phrase de passe', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Déverrouiller' }).click();
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await nav().getByRole('link', { name: 'Synchronisation', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Synchronisation' }).waitFor();
    await expect.poll(() => nav().getByRole('status').textContent()).toContain('Non relié au siège régional');
    await expectAccessible(page, 'synchronisation, not enrolled');

    // A wrong code is explained on the field, in French.
    await page.getByLabel('Adresse du siège régional').fill(hub.url);
    await page.getByLabel('Code d’inscription').fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByLabel('Nom de cet ordinateur').fill('Portable de Camille');
    await page.getByRole('button', { name: 'Inscrire cet ordinateur' }).click();
    await expect.poll(() => page.getByText('Code d’inscription inconnu').isVisible()).toBe(true);

    await page.getByLabel('Code d’inscription').fill(await hub.issueCode('ACI des Flandres'));
    await page.getByRole('button', { name: 'Inscrire cet ordinateur' }).click();
    await expect.poll(() => page.getByText('ACI des Flandres (région 32)').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Portable de Camille, inscrit le').isVisible()).toBe(true);
    await expectAccessible(page, 'synchronisation, enrolled');
  });

  it('sends a confirmed statistics bundle with « Envoyer maintenant » and shows the acknowledgement', async () => {
    await api(page, 'sync.setMode', { mode: 'manuel' });
    const preview = await api<{ bundleId: string; contentDigest: string; revision: number }>(page, 'stats.preview', { period: PERIOD });
    await api(page, 'stats.confirm', { period: PERIOD, bundleId: preview.bundleId, contentDigest: preview.contentDigest });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Synchronisation' }).waitFor();
    const row = page.getByRole('row', { name: /Année 2025/ });
    await expect.poll(() => row.textContent()).toContain('en attente');
    await expect.poll(() => page.getByRole('radio', { name: 'Manuel' }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('accusé de réception');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'envoi confirmé' }).isVisible()).toBe(true);
    await expect.poll(() => nav().getByRole('status').textContent()).toContain('Statistiques à jour');
    expect((await hub.held()).map((h) => h.bundleId)).toEqual([preview.bundleId]);
    // JALONS_E2E_SCREENSHOTS=dir keeps a 1366×768 picture of the screen for a human look.
    if (process.env.JALONS_E2E_SCREENSHOTS) await page.screenshot({ path: join(process.env.JALONS_E2E_SCREENSHOTS, 'synchronisation.png') });
    await expectAccessible(page, 'synchronisation, acknowledged');
  });

  it('exports the signed envelope of a bundle to a file, byte for byte', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /Exporter l’envoi Année 2025/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^jalons-envoi-2025-Y1-r1-[0-9a-f-]{36}\.json$/);
    const path = join(temp.dir, file.suggestedFilename());
    await file.saveAs(path);
    const envelope = JSON.parse(readFileSync(path, 'utf8')) as { format: string; signature: string; payload: { revision: number } };
    expect(envelope.format).toBe('jalons-envelope/1');
    expect(envelope.payload.revision).toBe(1);
    expect(envelope.signature).toHaveLength(88);
  });

  it('changes the key of this computer from the screen, after a confirmation; the hub then holds the new key', async () => {
    const status = await api<{ enrolment: { deviceId: string } }>(page, 'sync.status', {});
    const hubKey = async () => (await findDevice(hub.context().db, status.enrolment.deviceId))?.public_key;
    const oldKey = await hubKey();
    await page.getByRole('button', { name: 'Changer la clé de cet ordinateur' }).click();
    await page.getByRole('button', { name: 'Changer la clé', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Nouvelle clé en service' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText(/^Changée le /).isVisible()).toBe(true);
    expect(await hubKey()).not.toBe(oldKey);
    await expectAccessible(page, 'synchronisation, key changed');
  });

  it('a bundle refused because another computer exports the period is resent with « Renvoyer » once the office has transferred it', async () => {
    // Arranged at the hub: the office had given 2025-H1 to another computer of the structure.
    const HALF = { kind: 'half', year: 2025, index: 1 } as const;
    const status = await api<{ enrolment: { deviceId: string; structureId: string } }>(page, 'sync.status', {});
    const { enrolDevice } = await import('../../server/services/enrolment');
    const { transferPeriod } = await import('../../server/services/ownership');
    const { deviceKeys } = await import('../server/bundles');
    const other = await enrolDevice(
      hub.context(),
      { code: await hub.issueCode('ACI des Flandres'), publicKey: deviceKeys().publicKeyB64, deviceLabel: 'Autre poste', appVersion: '1.0.0' },
      '10.7.0.1',
    );
    await transferPeriod(hub.context(), { structure: status.enrolment.structureId, periodKey: '2025-H1', deviceId: other.deviceId });
    const preview = await api<{ bundleId: string; contentDigest: string }>(page, 'stats.preview', { period: HALF });
    await api(page, 'stats.confirm', { period: HALF, bundleId: preview.bundleId, contentDigest: preview.contentDigest });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Synchronisation' }).waitFor();
    await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
    const row = page.getByRole('row', { name: /1er semestre 2025/ });
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Un autre poste de la structure envoie déjà');
    await expectAccessible(page, 'synchronisation, refused for ownership');
    if (process.env.JALONS_E2E_SCREENSHOTS) await page.screenshot({ path: join(process.env.JALONS_E2E_SCREENSHOTS, 'synchronisation-refus.png') });

    await transferPeriod(hub.context(), { structure: status.enrolment.structureId, periodKey: '2025-H1', deviceId: status.enrolment.deviceId });
    await row.getByRole('button', { name: /^Renvoyer l’envoi/ }).click();
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('Renvoyez-le seulement s’il vous a confirmé avoir levé la cause du refus');
    await page.getByRole('button', { name: 'Renvoyer', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Envoi accepté par le siège régional' }).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => row.textContent()).toContain('accusé de réception');
    expect((await hub.held()).filter((h) => h.periodKey === '2025-H1').map((h) => [h.bundleId, h.status])).toEqual([[preview.bundleId, 'current']]);
  });

  it('says « Hors ligne » quietly in the navigation when the hub cannot be reached', async () => {
    await hub.stop();
    const preview = await api<{ bundleId: string; contentDigest: string }>(page, 'stats.preview', { period: { kind: 'half', year: 2025, index: 2 } });
    await api(page, 'stats.confirm', { period: { kind: 'half', year: 2025, index: 2 }, bundleId: preview.bundleId, contentDigest: preview.contentDigest });
    await page.getByRole('button', { name: 'Envoyer maintenant' }).click();
    await expect.poll(() => nav().getByRole('status').textContent(), { timeout: 30_000 }).toContain('Hors ligne — 1 envoi en attente');
    if (process.env.JALONS_E2E_SCREENSHOTS) await page.screenshot({ path: join(process.env.JALONS_E2E_SCREENSHOTS, 'synchronisation-hors-ligne.png') });
    await expectAccessible(page, 'synchronisation, offline');
    hub = await startRealHub();
  });
});
