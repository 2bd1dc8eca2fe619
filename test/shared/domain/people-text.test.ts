import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageAt,
  ageBracket,
  civilityFromSex,
  federationAgeBracket,
  sexCodeLabels,
  sexFromCivility,
} from '../../../shared/domain/people';
import { foldForSearch, matchesSearch, parseFrenchDate, parseFrenchNumber } from '../../../shared/domain/text';
import { FC_OPTIONS } from './arbitraries';

const TODAY = '2026-11-23'; // a Monday

describe('age', () => {
  it.each([
    ['2000-11-23', 26],
    ['2000-11-24', 25],
    ['1976-11-23', 50],
    ['1976-11-24', 49],
  ])('born %s → %i years old on 23/11/2026', (birth, age) => {
    expect(ageAt(birth, TODAY)).toBe(age);
  });

  it('someone born on 29 February gets older on 1 March in common years', () => {
    expect(ageAt('2004-02-29', '2026-02-28')).toBe(21);
    expect(ageAt('2004-02-29', '2026-03-01')).toBe(22);
  });

  it.each([
    [25, 'under_26', 'under_26'],
    [26, '26_49', '26_45'],
    [45, '26_49', '26_45'],
    [46, '26_49', 'over_45'],
    [49, '26_49', 'over_45'],
    [50, '50_plus', 'over_45'],
  ] as const)('%i years → State bracket %s, federation bracket %s', (age, state, federation) => {
    expect(ageBracket(age)).toBe(state);
    expect(federationAgeBracket(age)).toBe(federation);
  });

  it('maps INSEE sex codes and ASP civilities both ways', () => {
    expect(sexCodeLabels['2']).toBe('Femme');
    expect(civilityFromSex('1')).toBe('M');
    expect(sexFromCivility('MME')).toBe('2');
  });
});

describe('foldForSearch', () => {
  it.each([
    ['Élodie', 'elodie'],
    ['  Chantier   d’insertion ', "chantier d'insertion"],
    ['ŒUVRE', 'oeuvre'],
    ['Lætitia', 'laetitia'],
    ['Straße', 'strasse'],
    ['FRANÇOIS-XAVIER', 'francois-xavier'],
    ['Noël\tÇa', 'noel ca'],
    ['İstanbul', 'istanbul'],
    ['ﬁche n°2', 'fiche n°2'],
  ])('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('finds "Hélène" when the CIP types "helene"', () => {
    expect(matchesSearch('Mme Hélène Dupré', 'helene dupre')).toBe(true);
    expect(matchesSearch('Mme Hélène Dupré', 'martin')).toBe(false);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const once = foldForSearch(s);
        expect(foldForSearch(once)).toBe(once);
      }),
      FC_OPTIONS,
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const once = foldForSearch(s);
        expect(foldForSearch(once)).toBe(once);
      }),
      FC_OPTIONS,
    );
  });

  it('folds plain ASCII (its shortcut) exactly as the full Unicode pipeline does', () => {
    const unicodePipeline = (s: string) =>
      s
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'")
        .replace(/\s+/gu, ' ')
        .trim();
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (s) => {
        expect(foldForSearch(s)).toBe(unicodePipeline(s));
      }),
      FC_OPTIONS,
    );
    expect(foldForSearch('  DUPONT   Jean-Marc  ')).toBe('dupont jean-marc');
    expect(foldForSearch("l`ile")).toBe("l'ile");
  });

  it('never leaves upper case, double spaces or edge spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), (s) => {
        const f = foldForSearch(s);
        expect(f).toBe(f.toLowerCase());
        expect(f).not.toMatch(/\s\s|^\s|\s$/);
      }),
      FC_OPTIONS,
    );
  });
});

describe('parseFrenchDate (today = lundi 23/11/2026)', () => {
  it.each([
    ['23/11/2026', '2026-11-23'],
    ['3/2/2027', '2027-02-03'],
    ['23/11/26', '2026-11-23'],
    ['01/05/75', '1975-05-01'],
    ['15/03/46', '2046-03-15'],
    ['15/03/47', '1947-03-15'],
    ['23/11', '2026-11-23'],
    ['5/1', '2026-01-05'],
    ['23-11-2026', '2026-11-23'],
    ['23.11.2026', '2026-11-23'],
    ['23 / 11 / 2026', '2026-11-23'],
    ['2026-11-23', '2026-11-23'],
    ["aujourd'hui", '2026-11-23'],
    ['Aujourd’hui', '2026-11-23'],
    ['demain', '2026-11-24'],
    ['hier', '2026-11-22'],
    ['après-demain', '2026-11-25'],
    ['lundi', '2026-11-30'],
    ['Mardi', '2026-11-24'],
    ['dimanche', '2026-11-29'],
    ['vendredi prochain', '2026-11-27'],
    ['1er décembre', '2026-12-01'],
    ['23 nov. 2027', '2027-11-23'],
    ['14 juillet 2027', '2027-07-14'],
    ['29 février 2028', '2028-02-29'],
    ['dans 3 jours', '2026-11-26'],
    ['dans 2 semaines', '2026-12-07'],
    ['dans 3 mois', '2027-02-23'],
  ])('"%s" → %s', (input, iso) => {
    expect(parseFrenchDate(input, TODAY)).toBe(iso);
  });

  it.each(['', '31/02/2026', '29/02/2027', '32/01', '2026-13-01', 'bientôt', '12 brumaire', '23/11/202', 'lundi 23'])(
    '"%s" → null',
    (input) => {
      expect(parseFrenchDate(input, TODAY)).toBeNull();
    },
  );

  it.each(['constructor', '1 constructor', '__proto__', '12 tostring'])('"%s" is not a date (no prototype lookups)', (input) => {
    expect(parseFrenchDate(input, TODAY)).toBeNull();
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const d = parseFrenchDate(s, TODAY);
        expect(d === null || /^\d{4}-\d{2}-\d{2}$/.test(d)).toBe(true);
        const n = parseFrenchNumber(s);
        expect(n === null || Number.isFinite(n)).toBe(true);
      }),
      FC_OPTIONS,
    );
  });

  it('a weekday name is always within the next 7 days, never today', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4000 }),
        fc.constantFrom('lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'),
        (offset, day) => {
          const today = new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10);
          const d = parseFrenchDate(day, today);
          expect(d).not.toBeNull();
          const diff = (Date.parse(d as string) - Date.parse(today)) / 86_400_000;
          expect(diff).toBeGreaterThanOrEqual(1);
          expect(diff).toBeLessThanOrEqual(7);
        },
      ),
      FC_OPTIONS,
    );
  });

  it('dd/mm/yyyy round-trips for every date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1930-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (dt) => {
        const iso = dt.toISOString().slice(0, 10);
        const [y, m, d] = iso.split('-');
        expect(parseFrenchDate(`${d}/${m}/${y}`, TODAY)).toBe(iso);
      }),
      FC_OPTIONS,
    );
  });
});

describe('parseFrenchNumber', () => {
  it.each([
    ['7,5', 7.5],
    ['7.5', 7.5],
    ['35', 35],
    ['1 234,56', 1234.56],
    ['1\u202F234,5', 1234.5],
    ['1.234,5', 1234.5],
    ['1.234.567', 1234567],
    ['-3,25', -3.25],
    ['−2', -2],
    [',5', 0.5],
    ['  12  ', 12],
  ])('"%s" → %d', (input, n) => {
    expect(parseFrenchNumber(input)).toBe(n);
  });

  it.each(['', 'abc', '1,2,3', '12 5', '1e5', '1.23.4', '12,5€', '--3'])('"%s" → null', (input) => {
    expect(parseFrenchNumber(input)).toBeNull();
  });

  it('round-trips numbers written with a decimal comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 99 }), (i, c) => {
        const text = `${i < 0 ? '-' : ''}${Math.abs(i)},${String(c).padStart(2, '0')}`;
        const expected = Math.sign(i || 1) * (Math.abs(i) + c / 100);
        expect(parseFrenchNumber(text)).toBeCloseTo(i === 0 ? c / 100 : expected, 9);
      }),
      FC_OPTIONS,
    );
  });
});
