import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../../shared/ipc/contract';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

type OrgInput = MethodInput<'partners.save'>;

function org(overrides: Partial<OrgInput> & { name: string }): OrgInput {
  return { kind: 'entreprise', siret: null, nafCode: null, communeInsee: null, address: null, sizeBand: null, notes: null, ...overrides };
}

describe('partners directory', () => {
  let core: TestCore;
  let salarieId: string;

  beforeEach(async () => {
    core = await createTestCore();
    salarieId = await newSalarie(core, { lastName: 'Dupont', firstName: 'Léa' });
  });
  afterEach(() => core.cleanup());

  async function tripartiteWith(organisationId: string, contactId: string | null, date: string, status: 'tenu' | 'planifie' = 'tenu') {
    return call(core, 'entretiens.save', {
      salarieId,
      kind: 'tripartite',
      moment: 'immersion',
      status,
      date,
      participants: [{ role: 'salarie' }, { role: 'referent', displayName: 'Claire Martin' }, { role: 'tuteur', organisationId, contactId }],
    });
  }

  it('saves an organisation with several contacts and finds it by any word of its folded name', async () => {
    const saved = await call(core, 'partners.save', org({
      name: 'Écoles & Crèches Saint-Éloi',
      kind: 'association',
      siret: '732 829 320 00074',
      contacts: [
        { name: 'Anne Lefèvre', role: 'Directrice', phone: null, email: 'anne@exemple.fr' },
        { name: 'Marc Roux', role: 'Tuteur', phone: null, email: null },
      ],
    }));
    expect(saved).toMatchObject({ name: 'Écoles & Crèches Saint-Éloi', kind: 'association', siret: '73282932000074', history: [], lastContactDate: null });
    expect(saved.contacts.map((c) => c.name)).toEqual(['Anne Lefèvre', 'Marc Roux']);

    await call(core, 'partners.save', org({ name: 'Boulangerie Martin' }));
    for (const query of ['ecoles', 'CRECHES', 'eloi', 'saint eloi', 'eco cre']) {
      expect((await call(core, 'partners.list', { query })).rows.map((r) => r.name)).toEqual(['Écoles & Crèches Saint-Éloi']);
    }
    expect((await call(core, 'partners.list', { query: 'coles' })).total).toBe(0);
    expect((await call(core, 'partners.list', { query: '%' })).total).toBe(0);
    expect((await call(core, 'partners.list', { kind: 'entreprise' })).rows.map((r) => r.name)).toEqual(['Boulangerie Martin']);
    expect((await call(core, 'partners.list', {})).rows.map((r) => [r.name, r.contactCount])).toEqual([
      ['Boulangerie Martin', 0],
      ['Écoles & Crèches Saint-Éloi', 2],
    ]);

    // Quick pick: by contact name, or by contact and organisation words together.
    const byContact = await call(core, 'partners.searchContacts', { query: 'lefevre' });
    expect(byContact.map((r) => r.contactName)).toEqual(['Anne Lefèvre']);
    const byOrg = await call(core, 'partners.searchContacts', { query: 'ecoles' });
    expect(byOrg.map((r) => r.contactName)).toEqual([null, 'Anne Lefèvre', 'Marc Roux']);
    expect((await call(core, 'partners.searchContacts', { query: 'marc eloi' })).map((r) => r.contactName)).toEqual(['Marc Roux']);
  });

  it('lists a tripartite entretien in the partner history with the last contact date and counts', async () => {
    const saved = await call(core, 'partners.save', org({ name: 'Boulangerie Martin', contacts: [{ name: 'Paul Durand', role: 'Gérant', phone: null, email: null }] }));
    const contactId = saved.contacts[0]!.id;
    const older = await tripartiteWith(saved.id, contactId, '2026-10-05');
    const latest = await tripartiteWith(saved.id, contactId, '2026-11-16');
    await tripartiteWith(saved.id, null, '2026-12-10', 'planifie');

    const view = await call(core, 'partners.get', { id: saved.id });
    expect(view.lastContactDate).toBe('2026-11-16');
    expect(view.history.map((h) => [h.date, h.kind, h.title, h.salarieName])).toEqual([
      ['2026-12-10', 'entretien', 'Entretien tripartite (planifié)', 'Léa Dupont'],
      ['2026-11-16', 'entretien', 'Entretien tripartite', 'Léa Dupont'],
      ['2026-10-05', 'entretien', 'Entretien tripartite', 'Léa Dupont'],
    ]);
    expect(view.history[1]?.refId).toBe(latest.id);
    expect(view.history[2]?.refId).toBe(older.id);

    // A hire towards this employer (the sortie's employer) shows in the history and the counts.
    await call(core, 'sortie.save', { salarieId, exitDate: '2026-11-20', motif: 'cdi_not_aided', note: null });
    await core.ctx.db().updateTable('sortie').set({ employer_organisation_id: saved.id }).where('salarie_id', '=', salarieId).execute();
    const row = (await call(core, 'partners.list', { query: 'martin' })).rows[0];
    expect(row).toMatchObject({ tripartiteCount: 2, hires: 1, immersionsHosted: 0, lastContactDate: '2026-11-16', contactCount: 1 });
    expect((await call(core, 'partners.get', { id: saved.id })).history.map((h) => h.kind)).toEqual(['entretien', 'embauche', 'entretien', 'entretien']);
  });

  it('deactivates removed contacts that entretiens mention, deletes the others', async () => {
    const saved = await call(core, 'partners.save', org({
      name: 'Boulangerie Martin',
      contacts: [
        { name: 'Paul Durand', role: null, phone: null, email: null },
        { name: 'Julie Petit', role: null, phone: null, email: null },
      ],
    }));
    const paul = saved.contacts.find((c) => c.name === 'Paul Durand');
    const julie = saved.contacts.find((c) => c.name === 'Julie Petit');
    await tripartiteWith(saved.id, paul!.id, '2026-11-16');

    const updated = await call(core, 'partners.save', org({ id: saved.id, name: 'Boulangerie Martin', contacts: [{ name: 'Nadia Benali', role: 'Cheffe', phone: null, email: null }] }));
    expect(updated.contacts.map((c) => [c.name, c.active])).toEqual([
      ['Nadia Benali', true],
      ['Paul Durand', false],
    ]);
    expect(updated.contacts.some((c) => c.id === julie!.id)).toBe(false);
    expect((await call(core, 'partners.searchContacts', { query: 'durand' })).length).toBe(0);

    const foreign = await callError(core, 'partners.save', org({ id: saved.id, name: 'Boulangerie Martin', contacts: [{ id: 'other', name: 'X', role: null, phone: null, email: null }] }));
    expect(foreign).toMatchObject({ code: 'VALIDATION', issues: [{ path: 'contacts.0.id' }] });
  });

  it('soft-deletes a partner: gone from the directory, still named on past entretiens', async () => {
    const saved = await call(core, 'partners.save', org({ name: 'Boulangerie Martin' }));
    const entretien = await tripartiteWith(saved.id, null, '2026-11-16');
    await call(core, 'partners.delete', { id: saved.id });

    expect((await call(core, 'partners.list', {})).total).toBe(0);
    expect(await call(core, 'partners.searchContacts', { query: 'boulangerie' })).toEqual([]);
    expect(await callError(core, 'partners.get', { id: saved.id })).toMatchObject({ code: 'NOT_FOUND', message: 'Ce partenaire n’existe pas ou a été supprimé.' });
    const view = await call(core, 'entretiens.get', { id: entretien.id });
    expect(view.participants[2]).toMatchObject({ organisationId: saved.id, organisationName: 'Boulangerie Martin', displayName: 'Boulangerie Martin' });
    // The old entretien can still be saved as it is.
    await call(core, 'entretiens.save', {
      id: entretien.id,
      salarieId,
      kind: 'tripartite',
      moment: 'immersion',
      status: 'tenu',
      date: '2026-11-16',
      participants: view.participants.map((p) => ({ role: p.role, salarieId: p.salarieId, referentId: p.referentId, organisationId: p.organisationId, contactId: p.contactId, displayName: p.displayName })),
    });
    expect(await auditActions(core)).toEqual(expect.arrayContaining(['partners.create', 'partners.delete', 'entretiens.update']));
  });

  it('rejects an invalid SIRET in French', async () => {
    const error = await callError(core, 'partners.save', org({ name: 'Boulangerie Martin', siret: '12345678901234' }));
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('SIRET') });
  });
});
