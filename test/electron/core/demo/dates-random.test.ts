import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween } from '../../../../shared/domain/calendar';
import { daysFromTo, plusDays, plusMonths } from '../../../../electron/core/demo/dates';
import { DemoIds } from '../../../../electron/core/demo/ids';
import { Rng } from '../../../../electron/core/demo/random';

describe('demo date arithmetic', () => {
  it('agrees with shared/domain/calendar, month ends and leap years included', () => {
    for (let day = 0; day < 3 * 366; day += 3) {
      const date = addDays('2023-01-01', day);
      for (const months of [-30, -12, -1, 1, 2, 11, 24, 37]) expect(plusMonths(date, months)).toBe(addMonths(date, months));
      for (const days of [-400, -1, 1, 29, 365]) expect(plusDays(date, days)).toBe(addDays(date, days));
      expect(daysFromTo('2020-02-29', date)).toBe(daysBetween('2020-02-29', date));
    }
  });
});

describe('demo randomness and ids', () => {
  it('is a pure function of its stream parts', () => {
    const draw = (...parts: number[]) => Array.from({ length: 5 }, ((r) => () => r.nextUint32())(new Rng(...parts)));
    expect(draw(1, 2, 3)).toEqual(draw(1, 2, 3));
    expect(draw(1, 2, 3)).not.toEqual(draw(1, 2, 4));
    const rng = new Rng(9);
    const dates = Array.from({ length: 500 }, () => rng.dateBetween('2026-01-01', '2026-01-31'));
    expect(dates.every((d) => d >= '2026-01-01' && d <= '2026-01-31')).toBe(true);
    expect(new Set(dates).size).toBe(31);
  });

  it('gives UUID-shaped ids, distinct across kinds, salariés and ranks, and different for another seed', () => {
    const ids = new DemoIds(42);
    const seen = new Set<string>();
    for (const kind of ['salarie', 'contract', 'frein'] as const) {
      for (let owner = 0; owner < 300; owner += 1) for (let rank = 0; rank < 20; rank += 1) seen.add(ids.id(kind, owner * 4099, rank));
    }
    expect(seen.size).toBe(3 * 300 * 20);
    for (const id of seen) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new DemoIds(43).id('salarie', 0)).not.toBe(ids.id('salarie', 0));
  });
});
