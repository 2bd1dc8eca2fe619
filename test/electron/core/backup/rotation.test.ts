import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RETENTION, isoWeekKey, planRotation, type RotationItem } from '../../../../electron/core/backup/rotation';

const DAY = 86_400_000;
const START = Date.parse('2024-01-01T00:00:00.000Z');

function item(at: number, kind: RotationItem['kind'] = 'auto', n = 0): RotationItem {
  return { file: `jalons-${new Date(at).toISOString()}-${kind}-${n}.db`, createdAt: new Date(at).toISOString(), kind };
}

/** Up to 400 backups spread over three years, some on the same day, of every kind. */
const backups = fc
  .uniqueArray(
    fc.record({
      at: fc.integer({ min: START, max: START + 3 * 365 * DAY }),
      kind: fc.constantFrom<RotationItem['kind']>('auto', 'auto', 'auto', 'manuelle', 'avant-migration'),
    }),
    { maxLength: 400, selector: (b) => `${b.at}-${b.kind}` },
  )
  .map((list) => list.map((b, i) => item(b.at, b.kind, i)));

describe('backup rotation (7 daily, 4 weekly, 12 monthly, + 2 pre-migration)', () => {
  it('never keeps more than 7 + 4 + 12 regular backups, nor more than 2 pre-migration ones', () => {
    fc.assert(
      fc.property(backups, (list) => {
        const { keep } = planRotation(list);
        const kinds = new Map(list.map((b) => [b.file, b.kind]));
        const regular = keep.filter((f) => kinds.get(f) !== 'avant-migration');
        expect(regular.length).toBeLessThanOrEqual(RETENTION.daily + RETENTION.weekly + RETENTION.monthly);
        expect(keep.length - regular.length).toBeLessThanOrEqual(RETENTION.preMigration);
      }),
    );
  });

  it('always keeps the newest backup, and splits the list into keep and remove', () => {
    fc.assert(
      fc.property(backups.filter((l) => l.length > 0), (list) => {
        const plan = planRotation(list);
        const newest = [...list].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0]!;
        const newestAt = newest.createdAt;
        // Ties at the same millisecond: one of them (the name decides) is the newest.
        expect(plan.keep.some((f) => list.find((b) => b.file === f)!.createdAt === newestAt)).toBe(true);
        expect(new Set([...plan.keep, ...plan.remove])).toEqual(new Set(list.map((b) => b.file)));
        expect(plan.keep.filter((f) => plan.remove.includes(f))).toEqual([]);
      }),
    );
  });

  it('is deterministic: the order files are listed in does not matter', () => {
    fc.assert(
      fc.property(backups, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (list, noise) => {
        const shuffled = list.map((b) => ({ b, k: noise.next().value })).sort((x, y) => x.k - y.k).map((x) => x.b);
        expect(planRotation(shuffled)).toEqual(planRotation(list));
      }),
    );
  });

  it('is stable: rotating what was kept removes nothing more', () => {
    fc.assert(
      fc.property(backups, (list) => {
        const kept = new Set(planRotation(list).keep);
        const again = planRotation(list.filter((b) => kept.has(b.file)));
        expect(again.remove).toEqual([]);
      }),
    );
  });

  it('after two years of daily backups keeps the last 7 days, 4 weeks and 12 months', () => {
    const today = Date.parse('2026-11-23T20:00:00.000Z');
    const list = Array.from({ length: 730 }, (_, i) => item(today - i * DAY));
    const keep = planRotation(list).keep.map((f) => list.find((b) => b.file === f)!.createdAt.slice(0, 10));
    expect(keep.slice(0, 7)).toEqual(['2026-11-23', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17']);
    // Sundays (newest of their ISO week) of the last 4 weeks beyond those days are there…
    expect(keep).toContain('2026-11-15');
    expect(keep).toContain('2026-11-08');
    // …and the last day of each of the 12 last months.
    for (const day of ['2026-10-31', '2026-09-30', '2026-06-30', '2026-01-31', '2025-12-31']) expect(keep).toContain(day);
    expect(keep).not.toContain('2025-11-30'); // the 13th month back
    expect(keep.length).toBeLessThanOrEqual(23);
  });

  it('keeps a pre-migration backup even when a later backup the same day exists', () => {
    const at = Date.parse('2026-11-23T08:00:00.000Z');
    const pre = item(at, 'avant-migration');
    const daily = item(at + 3600_000, 'auto');
    expect(planRotation([pre, daily]).keep).toEqual([daily.file, pre.file]);
    const olderPre = [1, 2, 3].map((d) => item(at - d * 30 * DAY, 'avant-migration', d));
    expect(planRotation([pre, daily, ...olderPre]).remove).toEqual([olderPre[1]!.file, olderPre[2]!.file]);
  });

  it('numbers ISO weeks like the calendar (week 1 holds the first Thursday)', () => {
    expect(isoWeekKey(new Date('2026-11-23T12:00:00Z'))).toBe('2026-W48');
    expect(isoWeekKey(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(new Date('2025-12-29T12:00:00Z'))).toBe('2026-W01');
  });

  it('at the same instant, the later attempt is the newer backup (-2 before the first, -10 before -9)', () => {
    const at = '2026-11-23T09:00:00.000Z';
    const item = (file: string) => ({ file, createdAt: at, kind: 'manuelle' as const });
    const plan = planRotation([item('j-x-manuelle.db'), item('j-x-manuelle-2.db'), item('j-x-manuelle-9.db'), item('j-x-manuelle-10.db')]);
    expect(plan.keep).toEqual(['j-x-manuelle-10.db']);
    expect(plan.remove).toEqual(['j-x-manuelle-9.db', 'j-x-manuelle-2.db', 'j-x-manuelle.db']);
  });
});
