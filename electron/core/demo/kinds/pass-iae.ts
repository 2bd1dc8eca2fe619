import { minIsoDate, yearOf, type IsoDate } from '../../../../shared/domain/calendar';
import { plusDays, plusMonths } from '../dates';
import {
  defaultPassIaeEndDate,
  effectivePassIaeEndDate,
  offeredProlongationReasons,
  offeredSuspensionReasons,
  type PassIae,
  type ProlongationReason,
  type SuspensionReason,
} from '../../../../shared/domain/pass-iae';
import { ageAt } from '../../../../shared/domain/people';
import type { Rng } from '../random';
import { stamp, type DemoEnv, type DemoKind, type PersonDraft } from '../types';

/*
 * PASS IAE: issued on or shortly before the entry, 24 months (defaultPassIaeEndDate), a few
 * suspensions, and prolongations when the parcours outlasts it — or, for some people still in
 * parcours, not yet requested: those show up as alerts, as they would in a real caseload.
 */

const SUSPENSION_WEIGHTS: Partial<Record<SuspensionReason, number>> = {
  CONTRACT_SUSPENDED: 60,
  CONTRACT_BROKEN: 15,
  FINISHED_CONTRACT: 15,
  APPROVAL_BETWEEN_CTA_MEMBERS: 5,
  CONTRAT_PASSERELLE: 5,
};

function prolongationReason(person: PersonDraft, env: DemoEnv, on: IsoDate, rng: Rng): ProlongationReason | null {
  const offered = offeredProlongationReasons(env.siaeKind, on);
  const wanted: ProlongationReason[] = [];
  if (person.situation?.rqth) wanted.push('RQTH');
  if (ageAt(person.birthDate, on) >= 50) wanted.push('SENIOR');
  wanted.push(rng.chance(0.6) ? 'PARTICULAR_DIFFICULTIES' : 'COMPLETE_TRAINING', 'COMPLETE_TRAINING');
  return wanted.find((r) => offered.includes(r)) ?? offered[0] ?? null;
}

export const passIaeKind: DemoKind = {
  name: 'pass-iae',
  generate(person, rng, env, out) {
    const startDate = rng.chance(0.5) ? person.entryDate : plusDays(person.entryDate, -rng.int(1, 45));
    const pass: PassIae = {
      number: rng.chance(0.95) ? `99999${String(yearOf(startDate) % 100).padStart(2, '0')}${rng.digits(5)}` : null,
      startDate,
      baseEndDate: defaultPassIaeEndDate(startDate),
      suspensions: [],
      prolongations: [],
    };
    const horizon = person.exitDate ?? env.today;

    if (rng.chance(0.08)) {
      const latest = minIsoDate(horizon, pass.baseEndDate);
      const from = plusMonths(startDate, 2);
      if (from < latest) {
        const s = rng.dateBetween(from, latest);
        const offered = offeredSuspensionReasons(env.siaeKind);
        const reason = rng.weighted(offered.map((r) => [r, SUSPENSION_WEIGHTS[r] ?? 1] as const));
        const suspension = { id: env.ids.id('suspension', person.index, 0), startDate: s, endDate: plusDays(s, rng.int(15, 120) - 1), reason };
        pass.suspensions.push(suspension);
        out.add('pass_iae_suspension', {
          id: suspension.id,
          salarie_id: person.id,
          start_date: suspension.startDate,
          end_date: suspension.endDate,
          reason,
          reason_explanation: null,
          created_at: stamp(minIsoDate(s, env.today)),
        });
      }
    }

    // Prolongations follow the parcours: needed before an exit after the end, or asked ahead for most active people.
    const askAhead = person.exitDate === null && rng.chance(0.65);
    for (let rank = 0; rank < 2; rank += 1) {
      const end = effectivePassIaeEndDate(pass);
      const needed = person.exitDate !== null ? end < person.exitDate : askAhead && end < plusMonths(env.today, 2);
      if (!needed) break;
      const reason = prolongationReason(person, env, end, rng);
      if (reason === null) break;
      const prolongation = { id: env.ids.id('prolongation', person.index, rank), startDate: end, endDate: plusDays(end, rng.int(120, 365)), reason };
      pass.prolongations.push(prolongation);
      out.add('pass_iae_prolongation', {
        id: prolongation.id,
        salarie_id: person.id,
        start_date: prolongation.startDate,
        end_date: prolongation.endDate,
        reason,
        reason_explanation: null,
        created_at: stamp(minIsoDate(plusMonths(end, -2), env.today)),
      });
    }

    person.pass = pass;
    out.add('pass_iae', {
      salarie_id: person.id,
      number: pass.number ?? null,
      start_date: pass.startDate,
      base_end_date: pass.baseEndDate,
      updated_at: stamp(minIsoDate(startDate, env.today)),
    });
  },
};
