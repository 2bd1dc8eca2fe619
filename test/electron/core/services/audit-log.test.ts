import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';
import { arrangeRichSalarie, arrangeStructure, type RichSalarie } from '../../../helpers/rgpd-fixture';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|mts|mjs)$/.test(name) ? [path] : [];
  });
}

describe('audit log: reads and exports are logged, the viewer filters and pages, nothing personal is written', () => {
  let core: TestCore;
  let rich: RichSalarie;

  beforeEach(async () => {
    core = await createTestCore();
    const referentId = await arrangeStructure(core);
    rich = await arrangeRichSalarie(core, referentId);
  });
  afterEach(() => core.cleanup());

  it('logs every read of confidential texts and every export, with who and when', async () => {
    await call(core, 'salaries.revealConfidential', { id: rich.id });
    await call(core, 'entretiens.get', { id: rich.entretienId, includeNotes: true });
    if (rich.immersionId) await call(core, 'immersions.get', { id: rich.immersionId, includeNotes: true });
    await call(core, 'agenda.exportIcs', { from: '2019-05-01', to: '2019-05-31' });
    await call(core, 'rgpd.export', { salarieId: rich.id, includeConfidential: true });
    await call(core, 'stats.aspReport', { period: { kind: 'year', year: 2019, index: 1 } });
    // Reading without the notes is not a confidential read.
    await call(core, 'entretiens.get', { id: rich.entretienId, includeNotes: false });
    const actions = await auditActions(core);
    expect(actions).toEqual(expect.arrayContaining(['salaries.revealConfidential', 'entretiens.readNotes', 'agenda.exportIcs', 'rgpd.export', 'stats.aspReport']));
    if (rich.immersionId) expect(actions).toContain('immersions.readNotes');
    expect(actions.filter((a) => a === 'entretiens.readNotes')).toHaveLength(1);
    const last = await core.ctx.db().selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ at: '2026-11-23T09:00:00.000Z', actor: 'cip', action: 'stats.aspReport' });
  });

  it('never writes a personal string into the log, whatever was done', async () => {
    await call(core, 'salaries.revealConfidential', { id: rich.id });
    await call(core, 'entretiens.get', { id: rich.entretienId, includeNotes: true });
    await call(core, 'rgpd.export', { salarieId: rich.id, includeConfidential: true });
    await call(core, 'salaries.updateIdentity', {
      id: rich.id,
      identity: {
        lastName: 'VandenbrouckeZorglub',
        firstName: 'PhilomèneZorglub',
        birthName: null,
        sex: '2',
        birthDate: '1988-03-12',
        communeInsee: null,
        qpv: false,
        zrr: false,
        phone: null,
        email: 'autre.zorglub@exemple.fr',
        confidentialNote: 'Nouvelle note confidentielle Zorglub',
      },
    });
    await call(core, 'salaries.delete', { id: rich.id });
    await call(core, 'salaries.restore', { id: rich.id });
    const csv = 'Nom;Prénom;Date d’entrée\nImportéeZorglub;CamilleZorglub;05/01/2026\n';
    await call(core, 'import.salaries.commit', { fileName: 'liste.csv', contentBase64: Buffer.from(csv).toString('base64'), skipInvalidRows: false });
    const personal = [...rich.all, 'autre.zorglub@exemple.fr', 'Nouvelle note confidentielle', 'ImportéeZorglub', 'CamilleZorglub', 'Zorglub'];
    const rows = await core.ctx.db().selectFrom('audit_log').selectAll().execute();
    expect(rows.length).toBeGreaterThan(15);
    for (const row of rows) {
      for (const column of ['action', 'entity', 'entity_id', 'detail', 'actor'] as const) {
        for (const text of personal) expect(String(row[column] ?? ''), `${row.action}.${column}`).not.toContain(text);
      }
    }
  });

  it('lists the log newest first, with filters on action, dates and salarié, and pages', async () => {
    const other = await newSalarie(core, { lastName: 'Autre', firstName: 'Paul' });
    core.clock.advanceSeconds(3 * 86_400);
    await call(core, 'rgpd.export', { salarieId: rich.id, includeConfidential: false });
    await call(core, 'rgpd.export', { salarieId: other, includeConfidential: false });

    const all = await call(core, 'audit.list', {});
    expect(all.rows[0]).toMatchObject({ action: 'rgpd.export', salarieId: other, salarieName: 'AUTRE Paul', at: '2026-11-26T09:00:00.000Z' });
    expect(all.total).toBeGreaterThan(10);
    expect(all.actions).toEqual(expect.arrayContaining(['rgpd.export', 'salaries.create', 'entretiens.create']));

    const exports = await call(core, 'audit.list', { action: 'rgpd.export' });
    expect(exports.total).toBe(2);
    const ofRich = await call(core, 'audit.list', { salarieId: rich.id });
    expect(ofRich.rows.every((r) => r.salarieId === rich.id)).toBe(true);
    expect(ofRich.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['salaries.create', 'contracts.save', 'entretiens.create', 'rgpd.export']));
    // The day of the exports only (local calendar day).
    const day = await call(core, 'audit.list', { from: '2026-11-26', to: '2026-11-26' });
    expect(day.rows.map((r) => r.action)).toEqual(['rgpd.export', 'rgpd.export']);
    expect((await call(core, 'audit.list', { from: '2026-11-27', to: null })).total).toBe(0);

    const page1 = await call(core, 'audit.list', { limit: 5 });
    const page2 = await call(core, 'audit.list', { limit: 5, offset: 5 });
    expect(page1.rows).toHaveLength(5);
    expect(page2.rows[0]!.id).toBeLessThan(page1.rows[4]!.id);
    expect(await callError(core, 'audit.list', { from: '2026-11-27', to: '2026-11-01' })).toMatchObject({ code: 'VALIDATION', message: 'La date de fin précède la date de début.' });
  });

  it('keeps the log rows of a purged file, with ids only, and says the file is gone', async () => {
    await call(core, 'rgpd.apply', { items: [{ salarieId: rich.id, action: 'purge' }] });
    const page = await call(core, 'audit.list', { salarieId: rich.id });
    expect(page.total).toBeGreaterThan(5);
    expect(page.rows.every((r) => r.salarieName === null)).toBe(true);
    expect(page.rows[0]).toMatchObject({ action: 'rgpd.purge', entityId: rich.id });
  });

  it('is append-only: no code in the core updates or deletes audit entries', () => {
    const offenders = sourceFiles(join(process.cwd(), 'electron', 'core')).filter((file) => {
      const code = readFileSync(file, 'utf8');
      return /(updateTable|deleteFrom)\(\s*['"]audit_log['"]|\b(UPDATE|DELETE\s+FROM|REPLACE\s+INTO|INSERT\s+OR\s+REPLACE\s+INTO)\s+["`]?audit_log\b/i.test(code);
    });
    expect(offenders).toEqual([]);
  });
});
