import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../../shared/ipc/contract';
import { unfold } from '../../../../electron/core/services/ics';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, newSalarie, type TestCore } from '../../../helpers/parcours';

type SaveInput = MethodInput<'entretiens.save'>;

describe('agenda and .ics export', () => {
  let core: TestCore;
  let claire: string;
  let lea: string;
  let yanis: string;

  beforeEach(async () => {
    core = await createTestCore();
    claire = (await call(core, 'referents.save', { displayName: 'Claire Martin' })).id;
    const marc = (await call(core, 'referents.save', { displayName: 'Marc Roux' })).id;
    lea = await newSalarie(core, { lastName: 'Dupont', firstName: 'Léa', referentId: claire });
    yanis = await newSalarie(core, { lastName: 'Ében', firstName: 'Yanis', referentId: marc });
  });
  afterEach(() => core.cleanup());

  function entretien(salarieId: string, date: string, startTime: string | null, overrides: Partial<SaveInput> = {}): SaveInput {
    return {
      salarieId,
      kind: 'tripartite',
      moment: 'immersion',
      status: 'planifie',
      date,
      startTime,
      durationMinutes: 45,
      placeKind: 'entreprise',
      placeDetail: 'Boulangerie Martin, zone artisanale du Moulin, 3 rue des Lilas; 59000 Lille',
      participants: [
        { role: 'salarie' },
        { role: 'referent' },
        { role: 'employeur', newContact: { organisationId: null, organisationName: 'Boulangerie Martin', name: 'Paul Durand', role: null, phone: null, email: null } },
      ],
      notes: 'Note confidentielle : dettes',
      decisions: 'Décision interne',
      ...overrides,
    };
  }

  async function seedWeek() {
    const first = await call(core, 'entretiens.save', entretien(lea, '2026-11-23', '10:00'));
    await call(core, 'entretiens.save', entretien(lea, '2026-11-22', '10:00')); // Sunday before: outside
    await call(core, 'entretiens.save', entretien(yanis, '2026-11-25', '09:00', { kind: 'suivi_individuel', placeKind: 'structure', placeDetail: null }));
    await call(core, 'entretiens.save', entretien(yanis, '2026-11-23', null, { kind: 'bilan_intermediaire', status: 'tenu', placeKind: 'visio', placeDetail: null }));
    const cancelled = await call(core, 'entretiens.save', entretien(lea, '2026-11-24', '11:00'));
    await core.ctx.db().updateTable('entretien').set({ status: 'annule' }).where('id', '=', cancelled.id).execute();
    await call(core, 'entretiens.save', entretien(lea, '2026-11-30', '10:00')); // next Monday: outside
    return first;
  }

  it('lists planned and held entretiens of a week, by date then time, with third parties and place', async () => {
    await seedWeek();
    const week = await call(core, 'agenda.range', { from: '2026-11-23', to: '2026-11-29' });
    expect(week.map((e) => [e.date, e.startTime, e.kind, e.status, e.salarieName])).toEqual([
      ['2026-11-23', null, 'bilan_intermediaire', 'tenu', 'Yanis Ében'],
      ['2026-11-23', '10:00', 'tripartite', 'planifie', 'Léa Dupont'],
      ['2026-11-25', '09:00', 'suivi_individuel', 'planifie', 'Yanis Ében'],
    ]);
    expect(week[1]).toMatchObject({
      source: 'entretien',
      title: 'Entretien tripartite',
      durationMinutes: 45,
      place: 'En entreprise — Boulangerie Martin, zone artisanale du Moulin, 3 rue des Lilas; 59000 Lille',
      thirdParties: ['Paul Durand (Boulangerie Martin)'],
    });
    expect(week[2]?.place).toBe('Dans la structure');

    const mine = await call(core, 'agenda.range', { from: '2026-11-23', to: '2026-11-29', referentId: claire });
    expect(mine.map((e) => e.salarieName)).toEqual(['Léa Dupont']);
    expect((await call(core, 'agenda.range', { from: '2026-11-23', to: '2026-11-23' })).length).toBe(2);
  });

  it('exports RFC 5545 text: CRLF, folded lines, escaped text, stable UIDs, no notes', async () => {
    const first = await seedWeek();
    const { fileName, content } = await call(core, 'agenda.exportIcs', { from: '2026-11-23', to: '2026-11-29' });
    expect(fileName).toBe('agenda-2026-11-23.ics');

    // CRLF everywhere, no bare LF or CR.
    expect(content.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const physical = content.split('\r\n').slice(0, -1);
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(physical.some((line) => line.startsWith(' '))).toBe(true); // the long LOCATION was folded

    const lines = unfold(content).split('\r\n');
    expect(lines.slice(0, 4)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Jalons//Agenda des entretiens//FR', 'CALSCALE:GREGORIAN']);
    expect(lines).toContain('BEGIN:VTIMEZONE');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(lines).toContain(`UID:${first.id}@jalons`);
    expect(lines).toContain('DTSTAMP:20261123T090000Z');
    expect(lines).toContain('DTSTART;TZID=Europe/Paris:20261123T100000');
    expect(lines).toContain('DTEND;TZID=Europe/Paris:20261123T104500');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261123');
    expect(lines).toContain('SUMMARY:Entretien tripartite — Léa D.');
    expect(lines).toContain('SUMMARY:Bilan intermédiaire — Yanis É.');
    expect(lines).toContain('LOCATION:En entreprise — Boulangerie Martin\\, zone artisanale du Moulin\\, 3 rue des Lilas\\; 59000 Lille');
    expect(content).not.toMatch(/dettes|Décision|Dupont|Durand/);

    // The same entretien keeps its UID after being moved, in a later export.
    await call(core, 'entretiens.move', { id: first.id, date: '2026-11-26', startTime: '16:00' });
    core.clock.advanceSeconds(3600);
    const again = unfold((await call(core, 'agenda.exportIcs', { from: '2026-11-23', to: '2026-11-29' })).content).split('\r\n');
    const start = again.indexOf(`UID:${first.id}@jalons`);
    expect(start).toBeGreaterThan(0);
    expect(again.slice(start, again.indexOf('END:VEVENT', start))).toContain('DTSTART;TZID=Europe/Paris:20261126T160000');
    expect(again).toContain('DTSTAMP:20261123T100000Z');
    expect(await auditActions(core)).toContain('agenda.exportIcs');
  });
});
