import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../../shared/domain/calendar';
import {
  EXIT_CATEGORIES,
  EXIT_COUNTING_RULES,
  EXIT_MOTIFS,
  categoriseExit,
  exitCategoryLabels,
  exitCounts,
  exitMotifFromAsp,
  exitMotifs,
  followUpSchedule,
} from '../../../shared/domain/exits';
import { FC_OPTIONS, isoDateArb } from './arbitraries';

describe('exit categories', () => {
  it('are the five ASP categories, with their exact labels', () => {
    expect(EXIT_CATEGORIES.map((c) => exitCategoryLabels[c])).toEqual([
      'Emploi durable',
      'Emploi de transition',
      'Sorties positives',
      'Autres sorties',
      'Retrait des sorties constatées',
    ]);
  });
});

describe('categoriseExit', () => {
  it.each([
    ['cdi_not_aided', 'durable_employment', false],
    ['cdd_6_months_or_more', 'durable_employment', false],
    ['cdd_under_6_months', 'transitional_employment', false],
    ['qualifying_training', 'positive_exit', false],
    ['fixed_term_other_siae', 'positive_exit', false],
    ['unemployed', 'other_exit', false],
    ['automatic_exit', 'other_exit', true],
    ['retirement', 'neutralised', true],
    ['cdi_inclusion', 'durable_employment', true],
  ] as const)('%s → %s (to be confirmed: %s)', (motif, category, tbc) => {
    const c = categoriseExit(motif);
    expect(c.category).toBe(category);
    expect(c.toBeConfirmed).toBe(tbc);
  });

  it('a hire in CDI is a "sortie dynamique", a retirement is left out of the rates', () => {
    expect(categoriseExit('cdi_aided')).toMatchObject({ dynamic: true, countedInRates: true, categoryLabel: 'Emploi durable' });
    expect(categoriseExit('unemployed')).toMatchObject({ dynamic: false, countedInRates: true });
    expect(categoriseExit('death')).toMatchObject({ dynamic: false, countedInRates: false });
  });

  it('keeps the 18 verified ASP labels verbatim', () => {
    const verified = EXIT_MOTIFS.filter((m) => exitMotifs[m].labelSource === 'verified' && m !== 'cdi_inclusion');
    expect(verified).toHaveLength(18);
    expect(exitMotifs.cdd_under_6_months.label).toBe(
      "Embauche en CDD (sans aide publique à l'emploi) de moins de 6 mois (hors IAE)",
    );
  });

  it('is total: every motif has exactly one known category and a label', () => {
    fc.assert(
      fc.property(fc.constantFrom(...EXIT_MOTIFS), (motif) => {
        const c = categoriseExit(motif);
        expect(EXIT_CATEGORIES).toContain(c.category);
        expect(c.categoryLabel).toBe(exitCategoryLabels[c.category]);
        expect(exitMotifs[motif].label.length).toBeGreaterThan(0);
      }),
      FC_OPTIONS,
    );
  });

  it('finds a motif back from an ASP label or code, ignoring case and accents', () => {
    expect(exitMotifFromAsp('AU CHOMAGE')).toBe('unemployed');
    expect(exitMotifFromAsp("  Prise des droits a la retraite ")).toBe('retirement');
    expect(exitMotifFromAsp('96')).toBe('cdi_inclusion');
    expect(exitMotifFromAsp('Parti en voyage')).toBeNull();
  });

  it('every label maps back to its own motif (labels are unique once folded)', () => {
    for (const m of EXIT_MOTIFS) expect(exitMotifFromAsp(exitMotifs[m].label)).toBe(m);
  });
});

describe('exitCounts', () => {
  it.each([
    { name: 'an AI exit with 149 h does not count', input: { siaeKind: 'AI', hoursWorked: 149 }, counts: false },
    { name: 'an AI exit with 150 h counts', input: { siaeKind: 'AI', hoursWorked: 150 }, counts: true },
    { name: 'an ETTI exit with 400 h counts', input: { siaeKind: 'ETTI', hoursWorked: 400 }, counts: true },
    { name: 'an ACI exit after 2 months does not count', input: { siaeKind: 'ACI', monthsWorked: 2 }, counts: false },
    { name: 'an ACI exit after 4 months counts', input: { siaeKind: 'ACI', monthsWorked: 4 }, counts: true },
    { name: 'an EI exit after 120 days counts', input: { siaeKind: 'EI', daysWorked: 120 }, counts: true },
    { name: 'an EI exit after 60 days does not count', input: { siaeKind: 'EI', daysWorked: 60 }, counts: false },
    {
      name: 'an ACI exit without any hour in the exit year does not count',
      input: { siaeKind: 'ACI', monthsWorked: 8, hoursWorkedInExitYear: 0 },
      counts: false,
    },
    { name: 'an AI exit judged on hours ignores months', input: { siaeKind: 'AI', monthsWorked: 12, hoursWorked: 40 }, counts: false },
  ] as const)('$name', ({ input, counts }) => {
    expect(exitCounts(input).counts).toBe(counts);
  });

  it('uses the GIP threshold (> 2.65 months) as versioned data', () => {
    expect(EXIT_COUNTING_RULES.months.minMonthsExclusive).toBe(2.65);
    expect(exitCounts({ siaeKind: 'ACI', monthsWorked: 2.65 }).counts).toBe(false);
    expect(exitCounts({ siaeKind: 'ACI', monthsWorked: 2.66 }).counts).toBe(true);
    const strict = { ...EXIT_COUNTING_RULES, months: { ...EXIT_COUNTING_RULES.months, minMonthsExclusive: 3 } };
    expect(exitCounts({ siaeKind: 'ACI', monthsWorked: 2.9 }, strict).counts).toBe(false);
  });

  it('explains the decision in French and flags the EITI rule as an assumption', () => {
    expect(exitCounts({ siaeKind: 'AI', hoursWorked: 149 }).message).toBe(
      'Sortie non comptée : 149 h travaillées, il en faut au moins 150 en AI.',
    );
    expect(exitCounts({ siaeKind: 'ETTI' })).toMatchObject({ counts: false, measured: null });
    expect(exitCounts({ siaeKind: 'EITI', monthsWorked: 5 })).toMatchObject({ counts: true, toBeConfirmed: true });
    expect(exitCounts({ siaeKind: 'EI', monthsWorked: 5 }).toBeConfirmed).toBe(false);
  });

  it('more hours never turn a counted AI exit into an uncounted one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 500 }), (h, extra) => {
        if (exitCounts({ siaeKind: 'AI', hoursWorked: h }).counts) {
          expect(exitCounts({ siaeKind: 'AI', hoursWorked: h + extra }).counts).toBe(true);
        }
      }),
      FC_OPTIONS,
    );
  });
});

describe('followUpSchedule', () => {
  it('schedules follow-ups 1, 3 and 6 months after the exit', () => {
    expect(followUpSchedule('2026-11-30').map((s) => [s.code, s.dueDate])).toEqual([
      ['m1', '2026-12-30'],
      ['m3', '2027-02-28'],
      ['m6', '2027-05-30'],
    ]);
  });

  it('accepts other offsets, sorted and without duplicates', () => {
    expect(followUpSchedule('2026-01-15', [12, 3, 3]).map((s) => s.offsetMonths)).toEqual([3, 12]);
  });

  it('due dates are always after the exit and in order', () => {
    fc.assert(
      fc.property(isoDateArb(), (exit) => {
        const steps = followUpSchedule(exit);
        expect(steps).toHaveLength(3);
        expect(steps[0]!.dueDate > exit).toBe(true);
        expect(steps[2]!.dueDate).toBe(addMonths(exit, 6));
        for (let i = 1; i < steps.length; i += 1) expect(steps[i]!.dueDate > steps[i - 1]!.dueDate).toBe(true);
      }),
      FC_OPTIONS,
    );
  });
});
