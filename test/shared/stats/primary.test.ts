import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRIMARY_POLICY,
  coordsKey,
  explainPrimaryReason,
  explainSecondarySuppression,
  explainWithheld,
  primaryFlags,
  type CountTable,
  type PrimaryReason,
} from '../../../shared/stats/index';
import { grid, oneWay } from './helpers';

function reasonsOf(t: CountTable, policy = DEFAULT_PRIMARY_POLICY): Record<string, readonly PrimaryReason[]> {
  return Object.fromEntries(primaryFlags(t, policy).map((f) => [coordsKey(f.coords), f.reasons]));
}

const minima = { sensitive: true, nonSensitiveCategories: ['aucun'] };

describe('S1 — primary rules (policy table)', () => {
  it.each<[string, CountTable, Record<string, readonly PrimaryReason[]>]>([
    // non-sensitive: 0 < n < 5
    ['zeros are never primary', oneWay('T', 'x', { a: 0, b: 7 }), {}],
    ['1..4 are below threshold, 5 is not', oneWay('T', 'x', { a: 1, b: 4, c: 5 }), { '["a"]': ['below_threshold'], '["b"]': ['below_threshold'] }],
    ['margins follow the same rule', oneWay('T', 'x', { a: 1, b: 2 }), { '["a"]': ['below_threshold'], '["b"]': ['below_threshold'], '["*"]': ['below_threshold'] }],
    // sensitive: 0 < n < 11 for holders, homogeneity, exempt categories
    [
      'sensitive holders below 11',
      oneWay('T2', 'minima', { RSA: 5, ASS: 10, AAH: 11, aucun: 40 }, minima),
      { '["RSA"]': ['below_sensitive_threshold'], '["ASS"]': ['below_sensitive_threshold'] },
    ],
    [
      'non-sensitive category of a sensitive table uses the normal rule',
      oneWay('T2', 'minima', { RSA: 12, aucun: 7 }, minima),
      {},
    ],
    [
      'homogeneity: (group − n) < 5 in a 1-D table (group = total)',
      oneWay('T2', 'minima', { RSA: 20, aucun: 3 }, minima),
      { '["RSA"]': ['homogeneous_group'], '["aucun"]': ['below_threshold'] },
    ],
    [
      'a cell below threshold keeps its most basic reason first',
      oneWay('T3', 'sante', { oui: 3, non: 2 }, { sensitive: true, nonSensitiveCategories: ['non'] }),
      // the total (5) has "*" on the attribute: normal rule, so it is publishable by itself
      { '["oui"]': ['below_threshold', 'homogeneous_group'], '["non"]': ['below_threshold'] },
    ],
  ])('%s', (_name, table, expected) => {
    expect(reasonsOf(table)).toEqual(expected);
  });

  it('homogeneity uses the margin along the sensitive dimension in a 2-D table', () => {
    // rows: minima (sensitive dimension) RSA / aucun; columns: sexe F / H
    const t = grid(
      'T5',
      [
        [12, 12],
        [2, 20],
      ],
      {
        sensitive: true,
        sensitiveDimension: 'r',
        nonSensitiveCategories: ['r1'],
      },
    );
    const got = reasonsOf(t);
    // (RSA, F) = 12 of 14 women → homogeneous; (RSA, H) = 12 of 32 men → fine
    expect(got[coordsKey(['r0', 'c0'])]).toEqual(['homogeneous_group']);
    expect(got[coordsKey(['r0', 'c1'])]).toBeUndefined();
    // (aucun, F) = 2: exempt category, but below 5
    expect(got[coordsKey(['r1', 'c0'])]).toEqual(['below_threshold']);
    // (RSA, *) = 24 of 46: fine; (*, F) = 14: margin on the attribute → normal rule
    expect(got[coordsKey(['r0', '*'])]).toBeUndefined();
    expect(got[coordsKey(['*', 'c0'])]).toBeUndefined();
  });

  it('thresholds are configurable', () => {
    const t = oneWay('T', 'x', { a: 6, b: 30 });
    expect(reasonsOf(t, { ...DEFAULT_PRIMARY_POLICY, minCount: 7 })).toEqual({ '["a"]': ['below_threshold'] });
  });

  it('explains each reason in one French sentence without the value', () => {
    const sentences = (['below_threshold', 'below_sensitive_threshold', 'homogeneous_group', 'manual'] as const).map((r) =>
      explainPrimaryReason(r),
    );
    expect(sentences[0]).toContain('moins de 5 personnes');
    expect(sentences[1]).toContain('moins de 11 personnes');
    expect(sentences[2]).toContain('groupe');
    for (const s of [...sentences, explainSecondarySuppression(), explainWithheld('disclosure_risk')]) {
      expect(s).toMatch(/^[A-ZÀ-Ý].*\.$/);
      expect(s.split('. ').length).toBe(1);
    }
    expect(explainWithheld('disclosure_risk', { minIntervalWidth: 2 })).toContain('Tableau non diffusé');
  });
});
