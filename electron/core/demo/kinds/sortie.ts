import { maxIsoDate, minIsoDate } from '../../../../shared/domain/calendar';
import { plusDays } from '../dates';
import { ageAt } from '../../../../shared/domain/people';
import {
  categoriseExit,
  EXIT_MOTIF_MAPPING_VERSION,
  exitCounts,
  followUpSchedule,
  type ExitCategory,
  type ExitMotif,
} from '../../../../shared/domain/exits';
import { formationKinds } from '../../../../shared/domain/formations';
import { monthsUnderContract, recordedHours } from '../../services/sortie';
import type { Rng } from '../random';
import { stamp, type DemoKind, type PersonDraft } from '../types';

/*
 * The exit decided by the person plan (≈ 55 %, spread over the six years), with a motif drawn from
 * plausible IAE outcomes; category, counting and follow-up dates come from shared/domain/exits and
 * the same months/hours measures as the sortie service, so the demo matches what a CIP would record.
 */

function motif(person: PersonDraft, rng: Rng, siaeKind: string, exitDate: string): ExitMotif {
  const trained = person.formations.some((f) => formationKinds[f.kind].countsAsQualifyingForExit && f.startDate <= exitDate);
  const age = ageAt(person.birthDate, exitDate);
  const table: Array<readonly [ExitMotif, number]> = [
    ['cdi_not_aided', 8], ['cdd_6_months_or_more', 10], ['cdi_aided', 2], ['civil_service', 1],
    ['cdd_under_6_months', 12], ['aided_fixed_term_outside_iae', 4],
    ['qualifying_training', trained ? 25 : 6], ['fixed_term_other_siae', 6], ['other_positive', 4],
    ['unemployed', 15], ['inactive', 4], ['no_news', 8], ['automatic_exit', 1],
    ['retirement', age >= 60 ? 12 : 0], ['dismissal_serious_misconduct', 1], ['trial_break_by_employee', 1], ['trial_break_by_employer', 1],
    ['long_leave', 1], ['administrative_or_court_decision', 0.5], ['employer_transfer', 0.5], ['death', 0.2],
  ];
  if (siaeKind === 'EITI') table.push(['eiti_continuation_above_median', 5], ['eiti_continuation_above_poverty', 5], ['business_creation', 5]);
  else table.push(['business_creation_outside_eiti', 1], ['cdi_inclusion', siaeKind === 'ETTI' ? 0 : 1]);
  return rng.weighted(table);
}

const SITUATIONS: Record<ExitCategory, readonly string[]> = {
  durable_employment: ['En emploi durable (CDI)', 'En CDD de plus de 6 mois', 'Toujours en poste'],
  transitional_employment: ['En CDD court', 'En intérim', 'En contrat aidé'],
  positive_exit: ['En formation qualifiante', 'En contrat dans une autre SIAE'],
  other_exit: ['En recherche d’emploi', 'Sans nouvelles', 'Inactif'],
  neutralised: ['Sans objet'],
};

export const sortieKind: DemoKind = {
  name: 'sortie',
  generate(person, rng, env, out) {
    const exitDate = person.exitDate;
    if (exitDate === null) return;
    const chosen = motif(person, rng, env.siaeKind, exitDate);
    const category = categoriseExit(chosen);
    const contracts = person.contracts.map((c) => ({ start_date: c.startDate, end_date: c.endDate, hours_worked: c.hoursWorked }));
    const monthsWorked = monthsUnderContract(contracts, exitDate);
    const hoursWorked = recordedHours(contracts.filter((c) => c.start_date <= exitDate));
    const decision = exitCounts({ siaeKind: env.siaeKind, monthsWorked, hoursWorked });
    out.add('sortie', {
      salarie_id: person.id,
      exit_date: exitDate,
      motif: chosen,
      category: category.category,
      mapping_version: EXIT_MOTIF_MAPPING_VERSION,
      counts: decision.counts ? 1 : 0,
      counting_reason: decision.message + (decision.toBeConfirmed ? ' (règle à confirmer pour ce type de structure)' : ''),
      hours_worked: hoursWorked,
      months_worked: monthsWorked === null ? null : Math.round(monthsWorked * 100) / 100,
      note: null,
      recorded_at: stamp(minIsoDate(plusDays(exitDate, rng.int(0, 10)), env.today)),
    });
    followUpSchedule(exitDate).forEach((step, rank) => {
      const done = step.dueDate <= env.today && rng.chance(0.75);
      const doneDate = done ? maxIsoDate(exitDate, minIsoDate(plusDays(step.dueDate, rng.int(-7, 21)), env.today)) : null;
      const sameAsExit = rng.chance(0.8);
      out.add('sortie_follow_up', {
        id: env.ids.id('followUp', person.index, rank),
        salarie_id: person.id,
        offset_months: step.offsetMonths,
        due_date: step.dueDate,
        done_date: doneDate,
        situation: doneDate === null ? null : rng.pick(SITUATIONS[sameAsExit ? category.category : rng.pick(['durable_employment', 'other_exit'] as const)]),
        note: null,
      });
    });
  },
};
