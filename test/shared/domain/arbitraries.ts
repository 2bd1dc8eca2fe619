import fc from 'fast-check';
import { fromEpochDay, toEpochDay, type IsoDate } from '../../../shared/domain/calendar';
import type { PassIae, PassSuspension } from '../../../shared/domain/pass-iae';

/** Shared fast-check generators for the domain tests. */

export const FC_OPTIONS = { seed: 42, numRuns: 300 } as const;

const MIN = toEpochDay('2020-01-01');
const MAX = toEpochDay('2032-12-31');

export const isoDateArb = (min = MIN, max = MAX): fc.Arbitrary<IsoDate> =>
  fc.integer({ min, max }).map(fromEpochDay);

export const suspensionArb = (aroundEpoch: number): fc.Arbitrary<PassSuspension> =>
  fc
    .record({ offset: fc.integer({ min: -30, max: 900 }), length: fc.integer({ min: 0, max: 200 }) })
    .map(({ offset, length }) => ({
      startDate: fromEpochDay(aroundEpoch + offset),
      endDate: fromEpochDay(aroundEpoch + offset + length),
      reason: 'CONTRACT_SUSPENDED' as const,
    }));

/** A PASS with a default 730-day validity, random suspensions and chained prolongations. */
export const passArb: fc.Arbitrary<PassIae> = fc
  .integer({ min: toEpochDay('2021-12-01'), max: toEpochDay('2027-12-31') })
  .chain((startEpoch) =>
    fc
      .record({
        suspensions: fc.array(suspensionArb(startEpoch), { maxLength: 4 }),
        prolongationLengths: fc.array(fc.integer({ min: 1, max: 365 }), { maxLength: 2 }),
      })
      .map(({ suspensions, prolongationLengths }) => {
        const start = fromEpochDay(startEpoch);
        const baseEnd = fromEpochDay(startEpoch + 729);
        let from = toEpochDay(baseEnd);
        const prolongations = prolongationLengths.map((len) => {
          const p = { startDate: fromEpochDay(from), endDate: fromEpochDay(from + len), reason: 'COMPLETE_TRAINING' as const };
          from += len;
          return p;
        });
        return { number: null, startDate: start, baseEndDate: baseEnd, suspensions, prolongations };
      }),
  );
