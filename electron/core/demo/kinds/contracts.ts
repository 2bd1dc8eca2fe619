import { maxIsoDate, minIsoDate, type IsoDate } from '../../../../shared/domain/calendar';
import { daysFromTo, plusDays, plusMonths } from '../dates';
import type { ContractKind } from '../../../../shared/domain/contracts';
import { activityUnitBySiaeKind, type SiaeKind } from '../../../../shared/domain/siae';
import type { Rng } from '../random';
import { stamp, type DemoContract, type DemoKind } from '../types';

/*
 * 1 to 3 contracts per salarié, chained from the entry to the exit (or, for people still in
 * parcours, to a date ahead — a few chains already ended without renewal, as happens). ACI/EI:
 * CDDI of 4–12 months renewed without gap; AI: CDD d'usage (mises à disposition); ETTI: missions
 * with gaps; EITI: accompaniment to business creation. Hours worked recorded where they count.
 */

interface ContractPlan {
  kind: ContractKind;
  months: readonly [number, number];
  /** Days between two contracts (0: renewal the next day). */
  gapDays: readonly [number, number];
  weeklyHours(rng: Rng): number | null;
}

const PLANS: Record<SiaeKind, ContractPlan> = {
  ACI: {
    kind: 'FIXED_TERM_I',
    months: [4, 12],
    gapDays: [0, 0],
    weeklyHours: (rng) => rng.weighted([[26, 45], [24, 15], [20, 10], [30, 10], [35, 20]]),
  },
  EI: { kind: 'FIXED_TERM_I', months: [4, 12], gapDays: [0, 0], weeklyHours: (rng) => (rng.chance(0.45) ? 35 : rng.int(24, 35)) },
  AI: { kind: 'FIXED_TERM_USAGE', months: [3, 12], gapDays: [0, 20], weeklyHours: (rng) => rng.int(20, 35) },
  ETTI: { kind: 'TEMPORARY', months: [1, 6], gapDays: [1, 30], weeklyHours: (rng) => rng.int(20, 35) },
  EITI: { kind: 'BUSINESS_CREATION', months: [12, 24], gapDays: [0, 0], weeklyHours: () => null },
};

function hoursWorked(rng: Rng, c: { startDate: IsoDate; endDate: IsoDate }, weekly: number | null, today: IsoDate): number | null {
  if (weekly === null) return null;
  const until = minIsoDate(c.endDate, today);
  const weeks = Math.max(0, daysFromTo(c.startDate, until) + 1) / 7;
  // Missions do not fill every week of the contract.
  return Math.round(weeks * weekly * (0.5 + rng.next() * 0.4));
}

export const contractsKind: DemoKind = {
  name: 'contracts',
  generate(person, rng, env, out) {
    const plan = PLANS[env.siaeKind];
    const stalled = person.exitDate === null && rng.chance(0.05);
    const target =
      person.exitDate ?? (stalled ? maxIsoDate(plusDays(person.entryDate, 30), plusDays(env.today, -rng.int(5, 40))) : plusDays(env.today, rng.int(20, 240)));
    const count = rng.weighted([[1, 40], [2, 35], [3, 25]]);
    let start = person.entryDate;
    const contracts: DemoContract[] = [];
    for (let rank = 0; rank < count; rank += 1) {
      const last = rank === count - 1;
      let end = plusDays(plusMonths(start, rng.int(plan.months[0], plan.months[1])), -1);
      if (last || end >= target) end = maxIsoDate(start, target);
      const weeklyHours = plan.weeklyHours(rng);
      const measured = activityUnitBySiaeKind[env.siaeKind] === 'hours';
      const contract: DemoContract = {
        kind: plan.kind,
        siaeKind: env.siaeKind,
        startDate: start,
        endDate: end,
        weeklyHours,
        hoursWorked: measured && start <= env.today ? hoursWorked(rng, { startDate: start, endDate: end }, weeklyHours, env.today) : null,
      };
      contracts.push(contract);
      const annexe = env.annexes.find((a) => a.startDate <= start && start <= a.endDate) ?? null;
      out.add('contract', {
        id: env.ids.id('contract', person.index, rank),
        salarie_id: person.id,
        kind: contract.kind,
        siae_kind: contract.siaeKind,
        annexe_id: annexe?.id ?? null,
        start_date: contract.startDate,
        end_date: contract.endDate,
        weekly_hours: contract.weeklyHours,
        is_renewal: rank > 0 && plan.gapDays[1] === 0 ? 1 : 0,
        referent_id: person.referent.id,
        hours_worked: contract.hoursWorked,
        created_at: stamp(minIsoDate(start, env.today)),
        updated_at: stamp(minIsoDate(start, env.today)),
      });
      if (end >= target) break;
      const next = plusDays(end, 1 + rng.int(plan.gapDays[0], plan.gapDays[1]));
      if (next > target) break;
      start = next;
    }
    person.contracts = contracts;
  },
};
