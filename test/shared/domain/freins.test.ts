import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ASP_FREIN_TYPES,
  FREIN_KINDS,
  FREIN_STATUSES,
  type Frein,
  aspFreinTypeLabels,
  aspFreinTypeOf,
  canTransitionFrein,
  freinView,
  isConfidentialFreinKind,
  lastFreinActionDate,
  rollUpFreinsForAsp,
  transitionFrein,
} from '../../../shared/domain/freins';
import { FC_OPTIONS } from './arbitraries';

describe('ASP frein types', () => {
  it('are the 8 ASP codes with their exact labels', () => {
    expect(ASP_FREIN_TYPES).toEqual(['illetrisme', 'demarch', 'heberg', 'mobilite', 'sante', 'justice', 'surendet', 'manque_dispo']);
    expect(aspFreinTypeLabels.illetrisme).toBe('Illetrisme / analphabétisme / Français langues étrangères');
    expect(aspFreinTypeLabels.sante).toBe('Santé (addiction, souffrance et handicap psy, autres)');
    expect(aspFreinTypeLabels.manque_dispo).toBe('Manque de disponibilité');
  });

  it.each([
    ['childcare', 'manque_dispo'],
    ['driving_licence', 'mobilite'],
    ['french_language', 'illetrisme'],
    ['over_indebtedness', 'surendet'],
    ['digital', 'demarch'],
    ['addiction', 'sante'],
  ] as const)('the finer kind %s rolls up into %s', (kind, type) => {
    expect(aspFreinTypeOf(kind)).toBe(type);
  });

  it('every finer kind maps to one of the 8 and every ASP type is reachable', () => {
    const reached = new Set(FREIN_KINDS.map(aspFreinTypeOf));
    expect([...reached].sort()).toEqual([...ASP_FREIN_TYPES].sort());
  });

  it('health and justice freins are confidential, housing is not', () => {
    for (const k of FREIN_KINDS) {
      if (aspFreinTypeOf(k) === 'sante' || aspFreinTypeOf(k) === 'justice') expect(isConfidentialFreinKind(k)).toBe(true);
    }
    expect(isConfidentialFreinKind('housing')).toBe(false);
    expect(isConfidentialFreinKind('residence_rights')).toBe(true);
  });
});

describe('frein status transitions', () => {
  it.each([
    ['identified', 'in_progress', true],
    ['identified', 'lifted', true],
    ['in_progress', 'lifted', true],
    ['in_progress', 'identified', false],
    ['lifted', 'in_progress', true],
    ['lifted', 'abandoned', false],
    ['abandoned', 'in_progress', true],
  ] as const)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canTransitionFrein(from, to)).toBe(ok);
  });

  it('explains a refused transition in French', () => {
    const r = transitionFrein('lifted', 'abandoned');
    expect(r).toEqual({ ok: false, message: 'Un frein « Levé » ne peut pas passer à « Abandonné ».' });
    expect(transitionFrein('lifted', 'lifted')).toEqual({ ok: false, message: 'Le frein est déjà « Levé ».' });
  });

  it('no status is a dead end: every status can reach "en cours"', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FREIN_STATUSES), (s) => {
        expect(s === 'in_progress' || canTransitionFrein(s, 'in_progress')).toBe(true);
      }),
      FC_OPTIONS,
    );
  });
});

const justice: Frein = {
  id: 'f1',
  personId: 'p1',
  kind: 'justice',
  status: 'in_progress',
  identifiedDate: '2026-09-01',
  details: 'Contrôle judiciaire, rendez-vous SPIP le mardi',
  actions: [{ date: '2026-09-15', mode: 'external', note: 'Orientation SPIP' }],
};

describe('confidential freins', () => {
  it('hide details and notes from those who may not see them', () => {
    const v = freinView(justice, false);
    expect(v.redacted).toBe(true);
    expect(v.details).toBeNull();
    expect(v.actions[0]).toEqual({ date: '2026-09-15', mode: 'external' });
    expect(JSON.stringify(v)).not.toContain('SPIP');
  });

  it('stay visible to the référent', () => {
    expect(freinView(justice, true)).toMatchObject({ details: justice.details, redacted: false, confidential: true });
  });

  it('non-confidential freins are never redacted', () => {
    const housing = { ...justice, kind: 'housing' as const };
    expect(freinView(housing, false).details).toBe(justice.details);
  });
});

describe('ASP roll-up', () => {
  it('counts each person once per ASP type, split internal / external / both', () => {
    const freins: Pick<Frein, 'personId' | 'kind' | 'actions'>[] = [
      { personId: 'a', kind: 'housing', actions: [{ date: '2026-02-01', mode: 'internal' }] },
      { personId: 'a', kind: 'emergency_housing', actions: [{ date: '2026-03-01', mode: 'external' }] },
      { personId: 'b', kind: 'housing', actions: [{ date: '2026-02-01', mode: 'external' }] },
      { personId: 'c', kind: 'housing', actions: [] },
      { personId: 'c', kind: 'childcare', actions: [{ date: '2026-02-01', mode: 'internal' }] },
    ];
    const counts = rollUpFreinsForAsp(freins);
    expect(counts.heberg).toEqual({ concerned: 3, internalOnly: 0, externalOnly: 1, internalAndExternal: 1 });
    expect(counts.manque_dispo).toEqual({ concerned: 1, internalOnly: 1, externalOnly: 0, internalAndExternal: 0 });
    expect(counts.justice).toEqual({ concerned: 0, internalOnly: 0, externalOnly: 0, internalAndExternal: 0 });
    expect(rollUpFreinsForAsp(freins, { from: '2026-01-01', to: '2026-02-28' }).heberg.internalOnly).toBe(1);
  });

  it('finds the last action date', () => {
    expect(lastFreinActionDate(justice)).toBe('2026-09-15');
    expect(lastFreinActionDate({ actions: [] })).toBeNull();
  });
});
