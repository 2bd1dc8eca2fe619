import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RgpdExport } from '../../../../shared/ipc/rgpd';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';
import { arrangeRichSalarie, arrangeStructure, type RichSalarie } from '../../../helpers/rgpd-fixture';
import { stringsFoundIn } from '../../../helpers/sqlcipher-pages';

function sectionOf(data: RgpdExport, key: string) {
  const section = data.sections.find((s) => s.key === key);
  if (!section) throw new Error(`section ${key} absente`);
  return section;
}

/** Every row of every table mentioning the id in any column (a purge must leave none). */
function rowsMentioning(core: TestCore, id: string): string[] {
  const sqlite = core.vault.store().sqlite;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>;
  const hits: string[] = [];
  for (const { name } of tables) {
    if (name === 'audit_log') continue;
    for (const row of sqlite.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>) {
      if (Object.values(row).some((v) => typeof v === 'string' && v.includes(id))) hits.push(name);
    }
  }
  return hits;
}

describe('RGPD: access export, retention review, purge and anonymisation', () => {
  let core: TestCore;
  let referentId: string;
  let rich: RichSalarie;
  let control: RichSalarie;

  beforeEach(async () => {
    core = await createTestCore();
    referentId = await arrangeStructure(core);
    rich = await arrangeRichSalarie(core, referentId, 'Zorglub');
    // Still in parcours: nothing is due for them, and their texts must survive the others' purge.
    control = await arrangeRichSalarie(core, referentId, 'Temoin', { exited: false });
  });
  afterEach(() => core.cleanup());

  it('exports everything held about the salarié, without confidential notes unless asked, and logs the choice', async () => {
    const data = await call(core, 'rgpd.export', { salarieId: rich.id, includeConfidential: false });
    const text = JSON.stringify(data);
    for (const s of rich.ordinary) expect(text, s).toContain(s);
    for (const s of rich.confidential) expect(text, s).not.toContain(s);
    expect(text).not.toContain('Temoin');
    expect(data).toMatchObject({ format: 'jalons.rgpd-export', version: 1, includeConfidential: false, salarie: { id: rich.id }, structureName: 'Atelier Solidaire du Val' });
    const keys = data.sections.map((s) => s.key);
    expect(keys).toEqual(
      expect.arrayContaining(['identite', 'situation', 'pass_iae', 'contract', 'frein', 'frein_action', 'projet', 'projet_target', 'formation', 'sortie', 'sortie_follow_up', 'action', 'entretien', 'entretien_participant', 'entretien_objective', 'journal']),
    );
    if (rich.immersionId) expect(keys).toContain('immersion');
    // French labels, codes worded, flags as booleans, the search key left out.
    const identity = sectionOf(data, 'identite');
    expect(identity.columns).toContainEqual({ key: 'last_name', label: 'Nom' });
    expect(identity.columns.map((c) => c.key)).not.toContain('search_key');
    expect(identity.rows[0]).toMatchObject({ sex: '2', sex_libelle: 'Femme', qpv: false, birth_date: '1988-03-12', referent_name: 'Claire Martin' });
    expect(identity.rows[0]).not.toHaveProperty('confidential_note');
    expect(sectionOf(data, 'frein').rows).toContainEqual(expect.objectContaining({ kind: 'health', kind_libelle: 'Santé / accès aux soins', details: null }));
    expect(sectionOf(data, 'pass_iae').rows[0]).toMatchObject({ number: '999991234567' });
    expect(data.sections.every((s) => !s.confidential)).toBe(true);

    const entries = await core.ctx.db().selectFrom('audit_log').selectAll().where('action', '=', 'rgpd.export').execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entity: 'salarie', entity_id: rich.id });
    expect(JSON.parse(entries[0]!.detail!)).toMatchObject({ includeConfidential: false });
  });

  it('includes the confidential notes when the CIP asks, marks those sections and logs that choice', async () => {
    const data = await call(core, 'rgpd.export', { salarieId: rich.id, includeConfidential: true });
    const text = JSON.stringify(data);
    for (const s of rich.all) expect(text, s).toContain(s);
    expect(sectionOf(data, 'identite')).toMatchObject({ confidential: true });
    expect(sectionOf(data, 'frein')).toMatchObject({ confidential: true });
    expect(sectionOf(data, 'entretien')).toMatchObject({ confidential: true });
    const entry = await core.ctx.db().selectFrom('audit_log').selectAll().where('action', '=', 'rgpd.export').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.detail!)).toMatchObject({ includeConfidential: true });
  });

  it('masks the other salariés of a collective entretien, and refuses an unknown salarié in French', async () => {
    const other = await newSalarie(core, { lastName: 'Bartholomeo', firstName: 'Ignace' });
    await call(core, 'entretiens.save', {
      salarieId: null,
      kind: 'collectif',
      moment: 'parcours',
      status: 'tenu',
      date: '2019-10-01',
      participants: [
        { role: 'salarie', salarieId: rich.id },
        { role: 'salarie', salarieId: other },
      ],
      notes: 'Bartholomeo a parlé de sa dette',
    });
    const data = await call(core, 'rgpd.export', { salarieId: rich.id, includeConfidential: true });
    // Neither the other salarié's name nor the collective session's notes, which may be about them.
    expect(JSON.stringify(data)).not.toContain('Bartholomeo');
    expect(JSON.stringify(data)).toContain(rich.confidential.find((c) => c.startsWith('NOTES-ENTRETIEN'))!);
    expect(sectionOf(data, 'entretien_participant').rows).toContainEqual(expect.objectContaining({ display_name: 'Autre participant·e (masqué)', salarie_id: null }));
    expect(data.notices.join(' ')).toMatch(/autres salariés/);
    expect(await callError(core, 'rgpd.export', { salarieId: 'inconnu', includeConfidential: false })).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/n’existe pas/) });
  });

  it('stores retention durations with defaults, refuses nonsense in French, and logs the change', async () => {
    expect(await call(core, 'rgpd.getRetention', {})).toEqual({ anonymiseAfterExitYears: 5, notesAfterExitYears: 2, inactiveYears: 3, deletedPurgeDays: 30 });
    expect(await call(core, 'rgpd.saveRetention', { deletedPurgeDays: 60 })).toMatchObject({ deletedPurgeDays: 60, anonymiseAfterExitYears: 5 });
    expect(await callError(core, 'rgpd.saveRetention', { notesAfterExitYears: 0 })).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/1 an au moins/) });
    expect(await auditActions(core)).toContain('rgpd.saveRetention');
  });

  it('reviews the files due: old exits to anonymise, deleted files after 30 days, notes two years after the exit', async () => {
    const deleted = await newSalarie(core, { lastName: 'Supprimé', firstName: 'Jean' });
    await call(core, 'salaries.delete', { id: deleted });
    const recent = await newSalarie(core, { lastName: 'Récent', firstName: 'Paul', entryDate: '2022-01-03' });
    await call(core, 'entretiens.save', { salarieId: recent, kind: 'suivi_individuel', moment: 'parcours', status: 'tenu', date: '2023-05-10', notes: 'Une note' });
    await call(core, 'sortie.save', { salarieId: recent, exitDate: '2024-01-31', motif: 'cdi_not_aided', note: null });

    let review = await call(core, 'rgpd.review', {});
    expect(review.today).toBe('2026-11-23');
    expect(review.items.map((i) => [i.salarieId, i.reason, i.proposed, i.allowed])).toEqual([
      [rich.id, 'exit', 'anonymise', ['anonymise', 'purge']],
      [recent, 'notes', 'clearNotes', ['clearNotes']],
    ]);
    expect(review.items[0]).toMatchObject({ since: '2020-12-31', dueDate: '2025-12-31', name: 'VANDENBROUCKEZORGLUB PhilomèneZorglub' });

    core.clock.advanceSeconds(31 * 86_400);
    review = await call(core, 'rgpd.review', {});
    expect(review.items.find((i) => i.salarieId === deleted)).toMatchObject({ reason: 'deleted', proposed: 'purge', allowed: ['purge'], since: '2026-11-23', dueDate: '2026-12-23' });

    // Longer durations: nothing is due any more.
    await call(core, 'rgpd.saveRetention', { anonymiseAfterExitYears: 10, notesAfterExitYears: 10, deletedPurgeDays: 365 });
    expect((await call(core, 'rgpd.review', {})).items).toEqual([]);
  });

  it('purges a file for real: every dependent row goes, the audit keeps ids only, and the text is gone from the file', async () => {
    const { databaseFile, key } = core.vault.workerAccess();
    // Another salarié's collective entretien where this one took part.
    await call(core, 'entretiens.save', {
      salarieId: control.id,
      kind: 'suivi_individuel',
      moment: 'parcours',
      status: 'tenu',
      date: '2020-03-01',
      participants: [
        { role: 'salarie', salarieId: control.id },
        { role: 'salarie', salarieId: rich.id },
      ],
    });
    // The scanner sees clear text: before the purge every string is in the decrypted file or its WAL.
    expect(stringsFoundIn(databaseFile, key, rich.all)).toEqual(rich.all);

    const result = await call(core, 'rgpd.apply', { items: [{ salarieId: rich.id, action: 'purge' }] });
    expect(result).toEqual({ purged: 1, anonymised: 0, notesCleared: 0, compacted: true });

    expect(rowsMentioning(core, rich.id)).toEqual([]);
    expect(await callError(core, 'salaries.get', { id: rich.id })).toMatchObject({ code: 'NOT_FOUND' });
    const audit = await core.ctx.db().selectFrom('audit_log').selectAll().execute();
    expect(audit.filter((a) => a.entity_id === rich.id).map((a) => a.action)).toEqual(expect.arrayContaining(['salaries.create', 'rgpd.purge']));
    const logText = JSON.stringify(audit);
    for (const s of rich.all) expect(logText, s).not.toContain(s);

    // No checkpoint here: the purge itself must leave neither the file nor the WAL holding the texts.
    expect(stringsFoundIn(databaseFile, key, rich.all)).toEqual([]);
    // …while the control salarié's texts are still there (the scan really reads the file).
    expect(stringsFoundIn(databaseFile, key, control.ordinary)).toEqual(control.ordinary);
    expect((await call(core, 'salaries.get', { id: control.id })).identity.lastName).toBe('VandenbrouckeTemoin');
  });

  it('anonymises: dates and codes stay for the statistics, identity and free texts leave the file', async () => {
    const { databaseFile, key } = core.vault.workerAccess();
    const result = await call(core, 'rgpd.apply', { items: [{ salarieId: rich.id, action: 'anonymise' }] });
    expect(result).toMatchObject({ anonymised: 1, compacted: true });

    const db = core.ctx.db();
    const row = await db.selectFrom('salarie').selectAll().where('id', '=', rich.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_name: 'Anonymisé', first_name: '', birth_name: null, phone: null, email: null, confidential_note: null, birth_date: '1988-07-01', sex: '2', entry_date: '2019-01-07', exit_date: '2020-12-31', status: 'sorti' });
    expect(await db.selectFrom('sortie').select(['motif', 'category', 'exit_date', 'note']).where('salarie_id', '=', rich.id).executeTakeFirst()).toMatchObject({
      motif: 'cdi_not_aided',
      exit_date: '2020-12-31',
      note: null,
    });
    expect(await db.selectFrom('contract').select(['start_date', 'end_date', 'kind']).where('salarie_id', '=', rich.id).execute()).toEqual([
      { start_date: '2019-01-07', end_date: '2020-12-31', kind: 'FIXED_TERM_I' },
    ]);
    expect(await db.selectFrom('frein').select(['kind', 'details']).where('salarie_id', '=', rich.id).orderBy('kind').execute()).toEqual([
      { kind: 'health', details: null },
      { kind: 'housing', details: null },
    ]);
    expect((await call(core, 'salaries.list', { query: 'vandenbrouckezorglub', status: 'tous' })).total).toBe(0);

    expect(stringsFoundIn(databaseFile, key, rich.all)).toEqual([]);
    // Done once: the review no longer proposes it.
    expect((await call(core, 'rgpd.review', {})).items.map((i) => i.salarieId)).not.toContain(rich.id);
    expect(await auditActions(core)).toContain('rgpd.anonymise');
  });

  it('clears only the confidential notes when that is what is due', async () => {
    await call(core, 'rgpd.saveRetention', { anonymiseAfterExitYears: 10 });
    const review = await call(core, 'rgpd.review', {});
    expect(review.items).toEqual([expect.objectContaining({ salarieId: rich.id, reason: 'notes', proposed: 'clearNotes' })]);
    await call(core, 'rgpd.apply', { items: [{ salarieId: rich.id, action: 'clearNotes' }] });
    const data = JSON.stringify(await call(core, 'rgpd.export', { salarieId: rich.id, includeConfidential: true }));
    // The précisions of every frein go with the notes (social difficulties are sensitive whatever their kind).
    const cleared = [...rich.confidential, 'DETAILS-LOGEMENT foyer de jeunes travailleurs Zorglub'];
    for (const s of cleared) expect(data, s).not.toContain(s);
    for (const s of rich.ordinary.filter((o) => !cleared.includes(o))) expect(data, s).toContain(s);
    expect(await auditActions(core)).toContain('rgpd.clearNotes');
  });

  it('refuses to touch a file that is not due, or with an action the review does not allow, and changes nothing', async () => {
    const before = await core.ctx.db().selectFrom('salarie').select('id').execute();
    expect(await callError(core, 'rgpd.apply', { items: [{ salarieId: control.id, action: 'purge' }] })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/actualisez la liste/) });
    expect(await callError(core, 'rgpd.apply', { items: [{ salarieId: rich.id, action: 'clearNotes' }] })).toMatchObject({ code: 'CONFLICT' });
    expect(
      await callError(core, 'rgpd.apply', {
        items: [
          { salarieId: rich.id, action: 'purge' },
          { salarieId: rich.id, action: 'anonymise' },
        ],
      }),
    ).toMatchObject({ code: 'VALIDATION' });
    expect(await core.ctx.db().selectFrom('salarie').select('id').execute()).toEqual(before);
    expect(await auditActions(core)).not.toContain('rgpd.purge');
  });
});
