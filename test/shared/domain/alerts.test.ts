import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AlertSnapshot, DEFAULT_ALERT_CONFIG, alertSummary, computeAlerts } from '../../../shared/domain/alerts';
import { addDays, toEpochDay } from '../../../shared/domain/calendar';
import { CONTRACT_KINDS } from '../../../shared/domain/contracts';
import { FREIN_STATUSES, freinKinds, type FreinKind } from '../../../shared/domain/freins';
import { FC_OPTIONS, isoDateArb, passArb } from './arbitraries';

const TODAY = '2026-11-23';

/** A salarié with nothing to report on 23/11/2026. */
function quiet(overrides: Partial<AlertSnapshot> = {}): AlertSnapshot {
  return {
    personId: 'p1',
    passIae: {
      number: '999992500123',
      startDate: '2026-01-05',
      baseEndDate: '2028-01-04',
      suspensions: [],
      prolongations: [],
    },
    contracts: [{ id: 'c1', kind: 'FIXED_TERM_I', startDate: '2026-01-05', endDate: '2027-12-31' }],
    lastEntretienDate: '2026-11-10',
    plannedExitDate: null,
    preparationActions: [],
    freins: [],
    actions: [],
    ...overrides,
  };
}

const codes = (s: AlertSnapshot, today = TODAY, config = DEFAULT_ALERT_CONFIG) => computeAlerts(s, today, config).map((a) => a.code);

describe('computeAlerts', () => {
  it('reports nothing for a salarié whose file is up to date', () => {
    expect(computeAlerts(quiet(), TODAY)).toEqual([]);
  });

  it.each([
    { end: '2027-01-22', alert: true, severity: 'warning' },
    { end: '2027-01-23', alert: false, severity: null },
    { end: '2026-12-08', alert: true, severity: 'critical' },
    { end: '2026-12-09', alert: true, severity: 'warning' },
  ])('PASS IAE ending on $end → alert $alert ($severity)', ({ end, alert, severity }) => {
    const s = quiet({ passIae: { ...quiet().passIae!, baseEndDate: end }, contracts: [] , lastEntretienDate: null });
    const alerts = computeAlerts(s, TODAY).filter((a) => a.code === 'PASS_IAE_ENDING');
    expect(alerts.length > 0).toBe(alert);
    if (severity) expect(alerts[0]?.severity).toBe(severity);
  });

  it('says in French when the PASS IAE ends', () => {
    const s = quiet({ passIae: { ...quiet().passIae!, baseEndDate: '2027-01-05' } });
    const a = computeAlerts(s, TODAY).find((x) => x.code === 'PASS_IAE_ENDING');
    expect(a?.message).toBe('Le PASS IAE se termine dans 43 jours (le 05/01/2027) : prolongation ou sortie à préparer.');
  });

  it('a suspension pushes the PASS end out of the alert window', () => {
    const pass = { ...quiet().passIae!, baseEndDate: '2027-01-05' };
    const suspended = { ...pass, suspensions: [{ startDate: '2026-06-01', endDate: '2026-06-30', reason: 'CONTRACT_SUSPENDED' as const }] };
    expect(codes(quiet({ passIae: pass }))).toContain('PASS_IAE_ENDING');
    expect(codes(quiet({ passIae: suspended }))).not.toContain('PASS_IAE_ENDING');
  });

  it('is critical when the PASS IAE is missing or expired while a contract runs', () => {
    expect(codes(quiet({ passIae: null }))).toEqual(['PASS_IAE_MISSING']);
    const expired = { ...quiet().passIae!, startDate: '2024-01-01', baseEndDate: '2025-12-31' };
    const alerts = computeAlerts(quiet({ passIae: expired }), TODAY);
    expect(alerts[0]).toMatchObject({ code: 'PASS_IAE_EXPIRED', severity: 'critical' });
  });

  it.each([
    { end: '2026-12-23', alert: true },
    { end: '2026-12-24', alert: false },
    { end: '2026-11-23', alert: true },
    { end: '2026-11-22', alert: false },
  ])('contract ending on $end → alert $alert (30-day window)', ({ end, alert }) => {
    const s = quiet({ contracts: [{ id: 'c1', kind: 'FIXED_TERM_I', startDate: '2026-01-05', endDate: end }], plannedExitDate: '2027-12-31' });
    expect(codes(s).includes('CONTRACT_ENDING')).toBe(alert);
  });

  it('no contract-ending alert when a renewal follows without gap', () => {
    const s = quiet({
      contracts: [
        { id: 'c1', kind: 'FIXED_TERM_I', startDate: '2026-01-05', endDate: '2026-12-10' },
        { id: 'c2', kind: 'FIXED_TERM_I', startDate: '2026-12-11', endDate: '2027-12-31' },
      ],
    });
    expect(codes(s)).toEqual([]);
  });

  it.each([
    { last: '2026-10-26', alert: false },
    { last: '2026-10-25', alert: true },
    { last: null, alert: true },
  ])('last entretien $last → alert $alert (4 weeks)', ({ last, alert }) => {
    expect(codes(quiet({ lastEntretienDate: last })).includes('NO_RECENT_ENTRETIEN')).toBe(alert);
  });

  it('the entretien delay is configurable', () => {
    const s = quiet({ lastEntretienDate: '2026-11-01' });
    expect(codes(s)).not.toContain('NO_RECENT_ENTRETIEN');
    expect(codes(s, TODAY, { ...DEFAULT_ALERT_CONFIG, noEntretienAfterDays: 14 })).toContain('NO_RECENT_ENTRETIEN');
  });

  it('warns about an exit in the next 6 months with no preparation action', () => {
    const s = quiet({ plannedExitDate: '2027-04-30' });
    const a = computeAlerts(s, TODAY).find((x) => x.code === 'EXIT_WITHOUT_PREPARATION');
    expect(a?.message).toContain('Sortie prévue le 30/04/2027');
    expect(codes(quiet({ plannedExitDate: '2027-04-30', preparationActions: [{ id: 'a', date: '2026-11-02' }] }))).not.toContain(
      'EXIT_WITHOUT_PREPARATION',
    );
    // An action older than 6 months before the exit does not count as preparation.
    expect(codes(quiet({ plannedExitDate: '2027-04-30', preparationActions: [{ id: 'a', date: '2026-10-01' }] }))).toContain(
      'EXIT_WITHOUT_PREPARATION',
    );
    expect(codes(quiet({ plannedExitDate: '2027-05-24' }))).not.toContain('EXIT_WITHOUT_PREPARATION');
  });

  it('uses the end of the contract chain when no exit date is planned', () => {
    const s = quiet({ contracts: [{ id: 'c1', kind: 'FIXED_TERM_I', startDate: '2026-01-05', endDate: '2027-03-31' }] });
    expect(codes(s)).toContain('EXIT_WITHOUT_PREPARATION');
  });

  it('flags a frein left without action for more than 8 weeks, without revealing a confidential one', () => {
    const s = quiet({
      freins: [
        { id: 'f1', kind: 'housing', status: 'in_progress', identifiedDate: '2026-06-01', lastActionDate: '2026-09-20' },
        { id: 'f2', kind: 'addiction', status: 'identified', identifiedDate: '2026-09-01', lastActionDate: null },
        { id: 'f3', kind: 'mobility', status: 'lifted', identifiedDate: '2026-01-01', lastActionDate: null },
        { id: 'f4', kind: 'childcare', status: 'in_progress', identifiedDate: '2026-06-01', lastActionDate: '2026-09-28' },
      ],
    });
    const freinAlerts = computeAlerts(s, TODAY).filter((a) => a.code === 'FREIN_WITHOUT_ACTION');
    expect(freinAlerts.map((a) => a.subject.id).sort()).toEqual(['f1', 'f2']);
    const housing = freinAlerts.find((a) => a.subject.id === 'f1');
    expect(housing?.message).toBe('Le frein « Logement » est sans action depuis 9 semaines (dernière action le 20/09/2026).');
    const addiction = freinAlerts.find((a) => a.subject.id === 'f2');
    expect(addiction?.confidential).toBe(true);
    expect(addiction?.message).toBe('Un frein confidentiel est sans action depuis 11 semaines (identifié le 01/09/2026).');
    expect(addiction?.message).not.toMatch(/addiction/i);
  });

  it('lists overdue actions, even after the exit, and nothing else once exited', () => {
    const s = quiet({
      exitDate: '2026-10-31',
      passIae: null,
      lastEntretienDate: null,
      actions: [
        { id: 'a1', label: 'Relancer la CAF', dueDate: '2026-11-20', done: false },
        { id: 'a2', label: 'Dossier FSL', dueDate: '2026-11-01', done: true },
        { id: 'a3', label: 'Rappeler', dueDate: '2026-11-23', done: false },
      ],
    });
    const alerts = computeAlerts(s, TODAY);
    expect(alerts.map((a) => a.key)).toEqual(['ACTION_OVERDUE:action:a1']);
    expect(alerts[0]?.message).toBe('Action en retard : « Relancer la CAF » (prévue le 20/11/2026).');
  });

  it('sorts critical alerts first and gives stable keys', () => {
    const s = quiet({ passIae: null, lastEntretienDate: null });
    const alerts = computeAlerts(s, TODAY);
    expect(alerts.map((a) => a.severity)).toEqual(['critical', 'warning']);
    expect(alerts.map((a) => a.key)).toEqual(['PASS_IAE_MISSING:person:p1', 'NO_RECENT_ENTRETIEN:person:p1']);
  });

  it('never reads the clock: same snapshot and day, same alerts', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 800 }), (offset) => {
        const today = addDays(TODAY, offset);
        expect(computeAlerts(quiet(), today)).toEqual(computeAlerts(quiet(), today));
      }),
      { ...FC_OPTIONS, numRuns: 50 },
    );
  });

  it('once the PASS has passed its end, the "ending" alert is replaced by "expired" while a contract runs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), (offset) => {
        const today = addDays('2027-12-01', offset);
        const c = codes(quiet(), today);
        const expired = today > '2028-01-04';
        expect(c.includes('PASS_IAE_EXPIRED')).toBe(expired && today <= '2027-12-31');
        expect(c.includes('PASS_IAE_ENDING')).toBe(!expired);
      }),
      FC_OPTIONS,
    );
  });
});

/** Any salarié's records around 2026 (dates from 2024 to 2028, so every rule can fire or not). */
const snapshotArb: fc.Arbitrary<AlertSnapshot> = (() => {
  const date = isoDateArb(toEpochDay('2024-01-01'), toEpochDay('2029-01-01'));
  const id = fc.string({ minLength: 1, maxLength: 4 });
  return fc.record({
    personId: fc.constant('p1'),
    passIae: fc.option(passArb, { nil: null }),
    contracts: fc.array(
      fc.record({ id, kind: fc.constantFrom(...CONTRACT_KINDS), startDate: date, endDate: fc.option(date, { nil: null }) }).map((c) =>
        c.endDate !== null && c.endDate < c.startDate ? { ...c, endDate: c.startDate } : c,
      ),
      { maxLength: 4 },
    ),
    lastEntretienDate: fc.option(date, { nil: null }),
    plannedExitDate: fc.option(date, { nil: null }),
    exitDate: fc.option(date, { nil: null }),
    preparationActions: fc.array(fc.record({ id, date }), { maxLength: 3 }),
    freins: fc.array(
      fc.record({
        id,
        kind: fc.constantFrom(...(Object.keys(freinKinds) as FreinKind[])),
        status: fc.constantFrom(...FREIN_STATUSES),
        identifiedDate: date,
        lastActionDate: fc.option(date, { nil: null }),
      }),
      { maxLength: 4 },
    ),
    actions: fc.array(fc.record({ id, label: fc.string({ maxLength: 10 }), dueDate: date, done: fc.boolean() }), { maxLength: 4 }),
  });
})();

describe('alertSummary (what a row of the caseload shows)', () => {
  it('counts exactly the alerts computeAlerts gives, and shows the most urgent severity', () => {
    fc.assert(
      fc.property(snapshotArb, isoDateArb(toEpochDay('2025-01-01'), toEpochDay('2028-01-01')), (snapshot, today) => {
        const alerts = computeAlerts(snapshot, today);
        const order = ['critical', 'warning', 'info'];
        expect(alertSummary(snapshot, today)).toEqual({
          count: alerts.length,
          level: alerts.length === 0 ? null : [...alerts].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))[0]!.severity,
        });
      }),
      FC_OPTIONS,
    );
  });

  it('says nothing for a quiet salarié, and « Urgent » when the PASS IAE is missing under contract', () => {
    expect(alertSummary(quiet(), TODAY)).toEqual({ count: 0, level: null });
    expect(alertSummary(quiet({ passIae: null, lastEntretienDate: null }), TODAY)).toEqual({ count: 2, level: 'critical' });
  });
});
