import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/domain/calendar';
import { EXIT_MOTIFS, exitMotifs } from '../../../shared/domain/exits';
import { ENTRETIEN_KINDS } from '../../../shared/domain/entretiens';
import { CERTIFICATION_OUTCOMES, FORMATION_KINDS } from '../../../shared/domain/formations';
import { ASP_FREIN_TYPES, FREIN_KINDS, aspFreinTypeOf, FREIN_STATUSES, rollUpFreinsForAsp, type FreinKind } from '../../../shared/domain/freins';
import { IMMERSION_OBJECTIVES, IMMERSION_STATUSES } from '../../../shared/domain/immersions';
import { CATALOGUE, CATALOGUE_VERSION, tableSpecOf } from '../../../shared/indicators/catalogue';
import { computeIndicators, IMMERSIONS_UNAVAILABLE } from '../../../shared/indicators/compute';
import { periodRange, type StatsPeriod } from '../../../shared/indicators/period';
import type { FreinRecord, PersonRecord, StatsRecords } from '../../../shared/indicators/records';
import { MARGIN, checkCountTable, coordsKey, type CountTable } from '../../../shared/stats/table';
import { linkTables } from '../../../shared/stats/system';
import { protectBundle } from '../../../shared/stats/protect';

// ── Generators: small structures with many edge cases (shared days, missing data, duplicates) ──

const DAY0 = '2025-01-01';
/** A date within 2025–2026 (730 days), so periods of 2025 and 2026 both see data. */
const date = fc.integer({ min: 0, max: 729 }).map((d) => addDays(DAY0, d));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const situation = fc.record({
  educationLevel: maybe(fc.constantFrom('00', '01', '10', '20', '30', '40', '41', '50', '51', '60', '70', 'zz')),
  isEmployed: fc.boolean(),
  franceTravailRegistered: fc.boolean(),
  franceTravailSince: maybe(fc.constantFrom('01', '02', '03', '04')),
  rqth: fc.boolean(),
  rsa: fc.constantFrom('NON', 'OUI-M', 'OUI-NM'),
  ass: fc.boolean(),
  aah: fc.boolean(),
});

const personArb = (id: string) =>
  fc
    .record({
      sex: maybe(fc.constantFrom('1', '2')),
      birthDate: maybe(fc.integer({ min: 0, max: 60 * 365 }).map((d) => addDays('1950-01-01', d))),
      entry: maybe(date),
      stay: maybe(fc.integer({ min: 0, max: 500 })),
      qpv: fc.boolean(),
      zrr: fc.boolean(),
      situation: maybe(situation),
      motif: fc.constantFrom(...EXIT_MOTIFS),
      counts: fc.boolean(),
      contracts: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 300 }), length: maybe(fc.integer({ min: 0, max: 400 })), hours: maybe(fc.integer({ min: 0, max: 1600 })) }), { maxLength: 3 }),
    })
    .map((p): PersonRecord => {
      const exitDate = p.entry !== null && p.stay !== null ? addDays(p.entry, p.stay) : null;
      return {
        id,
        sex: p.sex,
        birthDate: p.birthDate,
        entryDate: p.entry,
        exitDate,
        qpv: p.qpv,
        zrr: p.zrr,
        situation: p.situation,
        sortie: exitDate === null ? null : { exitDate, motif: p.motif, category: exitMotifs[p.motif].category, counts: p.counts },
        contracts: p.entry === null ? [] : p.contracts.map((c) => ({ startDate: addDays(p.entry as string, c.offset), endDate: c.length === null ? null : addDays(p.entry as string, c.offset + c.length), hoursWorked: c.hours, annexeId: null })),
      };
    });

const records: fc.Arbitrary<StatsRecords> = fc.integer({ min: 0, max: 40 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `p${String(i).padStart(3, '0')}`);
  const someone = ids.length === 0 ? fc.constant('nobody') : fc.constantFrom(...ids);
  return fc.record({
    persons: ids.length === 0 ? fc.constant([]) : fc.tuple(...ids.map(personArb)),
    freins: fc.array(
      fc.record({
        personId: someone,
        kind: fc.constantFrom(...FREIN_KINDS),
        status: fc.constantFrom(...FREIN_STATUSES),
        identifiedDate: date,
        closedDate: maybe(date),
        actions: fc.array(fc.record({ date, mode: fc.constantFrom('internal' as const, 'external' as const) }), { maxLength: 3 }),
      }),
      { maxLength: 60 },
    ),
    formations: fc.array(fc.record({ personId: someone, kind: fc.constantFrom(...FORMATION_KINDS), startDate: date, certificationOutcome: maybe(fc.constantFrom(...CERTIFICATION_OUTCOMES)) }), { maxLength: 20 }),
    entretiens: fc.array(fc.record({ personId: maybe(someone), kind: fc.constantFrom(...ENTRETIEN_KINDS), status: fc.constantFrom('planifie', 'tenu', 'manque', 'annule'), date }), { maxLength: 40 }),
    immersions: maybe(
      fc.array(
        fc.record({
          personId: someone,
          objective: fc.constantFrom(...IMMERSION_OBJECTIVES),
          status: fc.constantFrom(...IMMERSION_STATUSES),
          startDate: maybe(date),
          hostSector: maybe(fc.constantFrom('marchand', 'non_marchand', 'siae')),
          bilanStatus: maybe(fc.constantFrom('COMPLETED', 'PARTIALLY_COMPLETED', 'DID_NOT_SHOW')),
          endedWithAJob: maybe(fc.boolean()),
        }),
        { maxLength: 15 },
      ),
    ),
    annexes: fc.constant([]),
  });
});

const period: fc.Arbitrary<StatsPeriod> = fc.oneof(
  fc.record({ kind: fc.constant('year' as const), year: fc.constantFrom(2025, 2026), index: fc.constant(1) }),
  fc.record({ kind: fc.constant('half' as const), year: fc.constantFrom(2025, 2026), index: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant('quarter' as const), year: fc.constantFrom(2025, 2026), index: fc.integer({ min: 1, max: 4 }) }),
);

function grandTotal(t: CountTable): number {
  return t.cells.find((c) => c.coords.every((x) => x === MARGIN))?.value ?? -1;
}

function present(p: PersonRecord, s: StatsPeriod): boolean {
  const r = periodRange(s);
  return p.entryDate !== null && p.entryDate <= r.end && (p.exitDate === null || p.exitDate >= r.start);
}

describe('indicator catalogue', () => {
  it('declares valid, uniquely named tables that link into one system per population', () => {
    // The bundle schema's format for catalogueVersion.
    expect(CATALOGUE_VERSION).toMatch(/^\d{4}\.\d{1,3}$/);
    const ids = CATALOGUE.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Throws if a dimension had different categories in two tables of one population.
    expect(() => linkTables(CATALOGUE.map(tableSpecOf))).not.toThrow();
    for (const t of CATALOGUE) {
      expect(t.title.length).toBeGreaterThan(5);
      for (const d of t.dimensions) for (const c of d.categories) expect(c.label.length).toBeGreaterThan(0);
      if (t.sensitive && t.dimensions.length > 1) expect(t.sensitiveDimension).toBeDefined();
    }
  });

  it('marks health, justice and minima sociaux tables as sensitive on the right dimension', () => {
    const byId = new Map(CATALOGUE.map((t) => [t.id, t]));
    expect(byId.get('present.minima')).toMatchObject({ sensitive: true, nonSensitiveCategories: ['none', 'unknown'] });
    expect(byId.get('present.rqth')).toMatchObject({ sensitive: true, sensitiveDimension: 'rqth' });
    for (const id of ['freins.type_status', 'freins.type_support']) {
      const t = byId.get(id)!;
      expect(t.sensitiveDimension).toBe('type');
      expect(t.nonSensitiveCategories).not.toContain('sante');
      expect(t.nonSensitiveCategories).not.toContain('justice');
      expect(t.nonSensitiveCategories).toContain('mobilite');
    }
    const motifs = byId.get('exits.category_motif')!;
    expect(motifs.nonSensitiveCategories).not.toContain('administrative_or_court_decision');
    expect(motifs.nonSensitiveCategories).not.toContain('long_leave');
    expect(byId.get('present.sex_age')!.sensitive).toBe(false);
  });

  it('property: every table is complete and every margin equals the sum of its cells', () => {
    fc.assert(
      fc.property(records, period, (r, p) => {
        const result = computeIndicators(r, p);
        for (const t of result.tables) checkCountTable(t); // throws on a wrong margin
        // Tables of one population agree on shared cells (the disclosure control links them).
        const totals = new Map<string, number>();
        for (const t of result.tables) {
          const seen = totals.get(t.population);
          if (seen !== undefined) expect(grandTotal(t)).toBe(seen);
          totals.set(t.population, grandTotal(t));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('property: nobody is counted twice in a table of persons', () => {
    fc.assert(
      fc.property(records, period, (r, p) => {
        const result = computeIndicators(r, p);
        const range = periodRange(p);
        const presentIds = new Set(r.persons.filter((x) => present(x, p)).map((x) => x.id));
        const entries = r.persons.filter((x) => x.entryDate !== null && x.entryDate >= range.start && x.entryDate <= range.end).length;
        const tripartite = new Set(
          r.entretiens.filter((e) => e.kind === 'tripartite' && e.status === 'tenu' && e.date >= range.start && e.date <= range.end && e.personId !== null && presentIds.has(e.personId)).map((e) => e.personId),
        );
        for (const t of result.tables) {
          if (t.population === 'present') expect(grandTotal(t)).toBe(presentIds.size);
          if (t.population === 'entries') expect(grandTotal(t)).toBe(entries);
        }
        const trip = result.tables.find((t) => t.id === 'present.tripartite')!;
        expect(trip.cells.find((c) => coordsKey(c.coords) === coordsKey(['yes']))?.value).toBe(tripartite.size);
        // Freins: one unit per person and ASP type, however many finer freins they have.
        const pairs = new Set(
          r.freins
            .filter((f) => presentIds.has(f.personId) && f.identifiedDate <= range.end && (f.closedDate === null || f.closedDate >= range.start))
            .map((f) => JSON.stringify([f.personId, rollUpType(f)])),
        );
        expect(grandTotal(result.tables.find((t) => t.id === 'freins.type_status')!)).toBe(pairs.size);
      }),
      { numRuns: 150 },
    );
  });

  it('property: input order does not change any table (determinism)', () => {
    fc.assert(
      fc.property(records, period, fc.integer(), (r, p, seed) => {
        const shuffled: StatsRecords = { ...r, persons: shuffle(r.persons, seed), freins: shuffle(r.freins, seed), entretiens: shuffle(r.entretiens, seed) };
        expect(computeIndicators(shuffled, p).tables).toEqual(computeIndicators(r, p).tables);
      }),
      { numRuns: 60 },
    );
  });

  it('property: the freins support table matches the ASP roll-up (concerned / internal / external / both)', () => {
    fc.assert(
      fc.property(records, period, (r, p) => {
        const range = periodRange(p);
        const presentIds = new Set(r.persons.filter((x) => present(x, p)).map((x) => x.id));
        const open = r.freins.filter((f) => presentIds.has(f.personId) && f.identifiedDate <= range.end && (f.closedDate === null || f.closedDate >= range.start));
        const rolled = rollUpFreinsForAsp(open.map((f) => ({ ...f, kind: f.kind as FreinKind, actions: [...f.actions] })), { from: range.start, to: range.end });
        const table = computeIndicators(r, p).tables.find((t) => t.id === 'freins.type_support')!;
        const value = (type: string, support: string) => table.cells.find((c) => coordsKey(c.coords) === coordsKey([type, support]))?.value;
        for (const type of ASP_FREIN_TYPES) {
          expect(value(type, MARGIN)).toBe(rolled[type].concerned);
          expect(value(type, 'internal')).toBe(rolled[type].internalOnly);
          expect(value(type, 'external')).toBe(rolled[type].externalOnly);
          expect(value(type, 'both')).toBe(rolled[type].internalAndExternal);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('property: the protection accepts the catalogue tables together (linked margins agree)', () => {
    fc.assert(
      fc.property(records, (r) => {
        const result = computeIndicators(r, { kind: 'year', year: 2025, index: 1 });
        expect(protectBundle(result.tables).report.passed).toBe(true);
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});

function rollUpType(f: FreinRecord): string {
  return aspFreinTypeOf(f.kind as FreinKind);
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// ── Period boundaries (examples a counsellor would check by hand) ──────────────

function person(over: Partial<PersonRecord> & { id: string }): PersonRecord {
  return { sex: '2', birthDate: '1990-06-15', entryDate: '2026-03-01', exitDate: null, qpv: false, zrr: false, situation: null, sortie: null, contracts: [], ...over };
}

const EMPTY: StatsRecords = { persons: [], freins: [], formations: [], entretiens: [], immersions: [], annexes: [] };

function totalOf(r: StatsRecords, p: StatsPeriod, id: string): number {
  return grandTotal(computeIndicators(r, p).tables.find((t) => t.id === id)!);
}

describe('period boundaries', () => {
  const q2: StatsPeriod = { kind: 'quarter', year: 2026, index: 2 }; // 2026-04-01 … 2026-06-30

  it('counts someone who enters on the last day, not the day after', () => {
    const r = { ...EMPTY, persons: [person({ id: 'a', entryDate: '2026-06-30' }), person({ id: 'b', entryDate: '2026-07-01' })] };
    expect(totalOf(r, q2, 'present.sex_age')).toBe(1);
    expect(totalOf(r, q2, 'entries.sex_age')).toBe(1);
  });

  it('counts someone who leaves on the first day as present, not someone who left the day before', () => {
    const r = {
      ...EMPTY,
      persons: [
        person({ id: 'a', entryDate: '2025-01-10', exitDate: '2026-04-01' }),
        person({ id: 'b', entryDate: '2025-01-10', exitDate: '2026-03-31' }),
      ],
    };
    expect(totalOf(r, q2, 'present.sex_age')).toBe(1);
    expect(totalOf(r, { kind: 'quarter', year: 2026, index: 1 }, 'present.sex_age')).toBe(2);
  });

  it('counts an exit in the quarter of its date, and only counted exits', () => {
    const sortie = (exitDate: string, counts: boolean) => ({ exitDate, motif: 'cdi_not_aided', category: 'durable_employment', counts });
    const r = {
      ...EMPTY,
      persons: [
        person({ id: 'a', entryDate: '2025-01-10', exitDate: '2026-06-30', sortie: sortie('2026-06-30', true) }),
        person({ id: 'b', entryDate: '2025-01-10', exitDate: '2026-07-01', sortie: sortie('2026-07-01', true) }),
        person({ id: 'c', entryDate: '2025-01-10', exitDate: '2026-05-10', sortie: sortie('2026-05-10', false) }),
      ],
    };
    expect(totalOf(r, q2, 'exits.category_sex')).toBe(1);
    expect(totalOf(r, { kind: 'half', year: 2026, index: 2 }, 'exits.category_sex')).toBe(1);
    expect(totalOf(r, { kind: 'year', year: 2026, index: 1 }, 'exits.category_sex')).toBe(2);
  });

  it('takes the age at entry: 25 at entry stays « moins de 26 ans », 45 is « 26–45 » and 46 is « plus de 45 »', () => {
    const r = {
      ...EMPTY,
      persons: [
        person({ id: 'a', birthDate: '2000-03-01', entryDate: '2026-02-28' }), // 25
        person({ id: 'b', birthDate: '1980-03-01', entryDate: '2026-03-01' }), // 46
        person({ id: 'c', birthDate: '1980-03-02', entryDate: '2026-03-01' }), // 45
      ],
    };
    const tables = computeIndicators(r, { kind: 'year', year: 2026, index: 1 }).tables;
    const value = (id: string, coords: string[]) => tables.find((t) => t.id === id)!.cells.find((c) => coordsKey(c.coords) === coordsKey(coords))?.value;
    expect(value('present.sex_age', ['*', 'under_26'])).toBe(1);
    expect(value('present.sex_age', ['*', '26_49'])).toBe(2);
    expect(value('present.sex_age_federation', ['*', '26_45'])).toBe(1);
    expect(value('present.sex_age_federation', ['*', 'over_45'])).toBe(1);
    // The cross-table shows the 46–49 group that the two published splits imply together.
    expect(value('present.age_link', ['*', '26_49', 'over_45'])).toBe(1);
  });

  it('lists the immersions tables as « non disponible » when the feature is absent', () => {
    const result = computeIndicators({ ...EMPTY, immersions: null }, q2);
    expect(result.tables.map((t) => t.id)).not.toContain('immersions.objective_result');
    expect(result.unavailable).toEqual([
      { id: 'immersions.objective_result', reason: IMMERSIONS_UNAVAILABLE },
      { id: 'immersions.sector_hired', reason: IMMERSIONS_UNAVAILABLE },
    ]);
    expect(computeIndicators(EMPTY, q2).unavailable).toEqual([]);
  });

  it('counts started immersions by objective, bilan and hire', () => {
    const imm = (over: object) => ({ personId: 'a', objective: 'discovery', status: 'terminee', startDate: '2026-05-04', hostSector: 'marchand', bilanStatus: 'COMPLETED', endedWithAJob: true, ...over });
    const r = {
      ...EMPTY,
      immersions: [imm({}), imm({ status: 'annulee' }), imm({ status: 'en_cours', bilanStatus: null, endedWithAJob: null, hostSector: null }), imm({ startDate: '2026-07-01' })],
    };
    const tables = computeIndicators(r, q2).tables;
    const cell = (id: string, coords: string[]) => tables.find((t) => t.id === id)!.cells.find((c) => coordsKey(c.coords) === coordsKey(coords))?.value;
    expect(cell('immersions.objective_result', ['discovery', '*'])).toBe(2);
    expect(cell('immersions.objective_result', ['discovery', 'no_bilan'])).toBe(1);
    expect(cell('immersions.sector_hired', ['marchand', 'yes'])).toBe(1);
    expect(cell('immersions.sector_hired', ['unknown', 'no_bilan'])).toBe(1);
  });
});
