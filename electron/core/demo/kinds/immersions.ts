import { minIsoDate, type IsoDate } from '../../../../shared/domain/calendar';
import type { ScaleLevel } from '../../../../shared/domain/grid-templates';
import {
  IF_CONTRACT_TYPES,
  NOT_APPLICABLE,
  plannedEvaluationDates,
  scheduledHours,
  type AssessmentStatus,
  type ImmersionObjective,
  type NextStep,
  type ScheduleSlot,
} from '../../../../shared/domain/immersions';
import { daysFromTo, plusDays } from '../dates';
import type { Rng } from '../random';
import { countAround } from '../scale';
import type { DemoTemplate } from '../templates';
import { stamp, type DemoImmersion, type DemoKind, type PersonDraft } from '../types';

/*
 * PMSMP during the contract: a host from the partners directory and its tutor, one to four weeks,
 * a weekly schedule, the grid copied from the shipped template of the trade (the satisfaction
 * questionnaire for a découverte), evaluations on the dates the domain plans (weekly ones for a
 * validation des compétences, the final one on the last day) rated when they are past, and the bilan
 * in Immersion Facilitée's vocabulary once it has ended. The status follows the dates around "today".
 * The entretiens kind, after this one, adds the tripartites linked to each immersion.
 */

type Slot = ScheduleSlot;
const weekdays = (days: readonly number[], ranges: readonly (readonly [string, string])[]): Slot[] =>
  days.flatMap((weekday) => ranges.map(([start, end]) => ({ weekday, start, end })));

/** Weekly schedules as the host proposes them (35 h, 26 h, mornings only). */
const SCHEDULES: ReadonlyArray<readonly [{ slots: Slot[]; json: string }, number]> = [
  weekdays([1, 2, 3, 4, 5], [['08:30', '12:00'], ['13:00', '16:30']]),
  weekdays([1, 2, 3, 4], [['09:00', '12:00'], ['13:30', '17:00']]),
  weekdays([1, 2, 3, 4, 5], [['09:00', '12:30']]),
].map((slots, i) => [{ slots, json: JSON.stringify(slots) }, [45, 35, 20][i] as number] as const);

const OBJECTIVES: ReadonlyArray<readonly [ImmersionObjective, number]> = [['discovery', 40], ['skills_validation', 40], ['recruitment', 20]];
const DURATIONS: ReadonlyArray<readonly [number, number]> = [[4, 25], [9, 35], [11, 20], [18, 15], [25, 5]];
const CANCEL_REASONS = ['La structure d’accueil a annulé faute de tuteur disponible.', 'Le salarié a préféré reporter (raison de santé).', 'Reprise d’emploi avant le démarrage.'];
const ADDED_ITEMS = ['Utiliser la caisse enregistreuse', 'Respecter la chaîne du froid lors des livraisons', 'Conduire le petit engin de chantier sous surveillance', 'Renseigner la fiche de suivi de la journée'];
const SALARIE_OPINIONS = ['Le métier me plaît, j’aimerais continuer dans ce secteur.', 'Bonne expérience, mais les horaires sont difficiles.', 'J’ai appris beaucoup, je veux faire une formation.', 'Ce n’est pas pour moi finalement.'];
const HOST_OPINIONS = ['Personne motivée et ponctuelle, bonne intégration dans l’équipe.', 'Des progrès à faire sur l’autonomie, attitude positive.', 'Bon travail, nous serions prêts à l’accueillir de nouveau.', 'Difficultés avec le rythme, à retravailler.'];
const FEEDBACKS = ['Immersion réussie : la personne a montré de réelles capacités.', 'Bonne attitude générale, des compétences techniques à consolider.', 'Période écourtée, mais des points positifs à retenir.'];
const ADVICES = ['Poursuivre sur une formation qualifiante dans le métier.', 'Travailler la ponctualité et la prise d’initiative.', 'Renouveler une immersion dans une structure plus grande.'];
const NEXT_STEPS: ReadonlyArray<readonly NextStep[]> = [['poursuite_parcours'], ['formation'], ['recherche_emploi'], ['nouvelle_immersion', 'poursuite_parcours']];

/** Where a level sits between "not reached" and the top, as a draw weight, by the evaluation's progress (0: first week, 1: final). */
function drawLevel(rng: Rng, scale: readonly ScaleLevel[], progress: number): ScaleLevel {
  if (rng.chance(0.06)) return scale.find((l) => !l.evaluated) ?? (scale[0] as ScaleLevel);
  const evaluated = scale.filter((l) => l.evaluated);
  const table = evaluated.map((l, i) => [l, 1 + i * progress * 2 + (evaluated.length - 1 - i) * (1 - progress)] as const);
  return rng.weighted(table);
}

export const immersionsKind: DemoKind = {
  name: 'immersions',
  generate(person, rng, env, out) {
    const immersions: DemoImmersion[] = [];
    person.immersions = immersions;
    const count = countAround(rng, env.rates.immersionsPerSalarie);
    if (count === 0 || env.partners.hosts.length === 0) return;
    const trades = env.templates.filter((t) => t.content.kind === 'competences');
    const discovery = env.templates.find((t) => t.content.kind === 'satisfaction');
    if (trades.length === 0 || !discovery) return;
    // During the contract chain (the SIAE keeps paying the salarié), not before the first fortnight.
    const chainEnd = person.contracts[person.contracts.length - 1]?.endDate ?? person.exitDate ?? env.today;
    const from = plusDays(person.entryDate, 14);
    const to = minIsoDate(minIsoDate(chainEnd, person.exitDate ?? chainEnd), plusDays(env.today, 60));
    const span = daysFromTo(from, to);
    if (span < 10) return;
    const segment = Math.floor(span / count);
    for (let i = 0; i < count; i += 1) {
      if (segment < 7) break;
      const duration = Math.min(segment - 1, rng.weighted(DURATIONS));
      const start = plusDays(from, i * segment + rng.int(0, segment - 1 - duration));
      const end = plusDays(start, duration);
      immersions.push(generateImmersion(person, rng, env, out, { rank: i, start, end, trades, discovery }));
    }
  },
};

interface Plan {
  rank: number;
  start: IsoDate;
  end: IsoDate;
  trades: readonly DemoTemplate[];
  discovery: DemoTemplate;
}

function statusFor(rng: Rng, start: IsoDate, end: IsoDate, today: IsoDate): DemoImmersion['status'] {
  if (end < today) return rng.chance(0.07) ? 'annulee' : 'terminee';
  if (start <= today) return 'en_cours';
  if (daysFromTo(today, start) <= 14) return rng.weighted([['signee', 50], ['convention_a_signer', 30], ['brouillon', 20]]);
  return rng.weighted([['brouillon', 50], ['convention_a_signer', 40], ['annulee', 10]]);
}

function generateImmersion(person: PersonDraft, rng: Rng, env: Parameters<DemoKind['generate']>[2], out: Parameters<DemoKind['generate']>[3], plan: Plan): DemoImmersion {
  const { rank, start, end } = plan;
  const today = env.today;
  const id = env.ids.id('immersion', person.index, rank);
  const objective = rng.weighted(OBJECTIVES);
  const trade = rng.pick(plan.trades);
  const template = objective === 'discovery' ? plan.discovery : trade;
  const host = rng.pickSkewed(env.partners.hosts, 1.3);
  const tutor = host.contacts[0] ?? null;
  const schedule = rng.weighted(SCHEDULES);
  const status = statusFor(rng, start, end, today);
  const created = minIsoDate(plusDays(start, -rng.int(10, 30)), today);
  out.add('immersion', {
    id,
    salarie_id: person.id,
    objective,
    rome_code: trade.romeCode,
    rome_label: trade.romeLabel,
    host_organisation_id: host.id,
    tutor_contact_id: tutor?.id ?? null,
    prescriber_organisation_id: rng.chance(0.05) && env.partners.prescripteurs.length > 0 ? rng.pick(env.partners.prescripteurs).id : null,
    start_date: start,
    end_date: end,
    schedule: schedule.json,
    schedule_note: null,
    place: host.address,
    activities: trade.content.items.slice(0, 2).map((item) => item.label).join(' ; '),
    status,
    cancel_reason: status === 'annulee' ? rng.pick(CANCEL_REASONS) : null,
    renewal_of_id: null,
    notes: null,
    created_at: stamp(created),
    updated_at: stamp(minIsoDate(end, today)),
  });
  const started = status === 'en_cours' || status === 'terminee';
  if (started && rng.chance(0.6)) out.add('immersion_step', { immersion_id: id, step: 'freins_leves', done_date: minIsoDate(plusDays(start, -rng.int(2, 7)), today) });

  // The bilan is decided first: nobody is evaluated when the person never came.
  const bilanStatus: AssessmentStatus | null =
    status === 'terminee' && plusDays(end, 10) <= today && rng.chance(0.9) ? rng.weighted([['COMPLETED', 80], ['PARTIALLY_COMPLETED', 15], ['DID_NOT_SHOW', 5]]) : null;
  const hasGrid = started || status === 'signee' || (status !== 'annulee' && rng.chance(0.5));
  if (hasGrid) {
    const gridId = env.ids.id('immersionGrid', person.index, rank);
    const individualised = plusDays(start, -rng.int(3, 10));
    const scale = template.content.scale;
    out.add('immersion_grid', {
      id: gridId,
      immersion_id: id,
      template_version_id: template.versionId,
      template_name: template.name,
      template_version: 1,
      kind: template.content.kind,
      scale: JSON.stringify(scale),
      individualised_on: individualised <= today ? individualised : null,
      created_at: stamp(minIsoDate(plusDays(individualised, -2), today)),
      updated_at: stamp(minIsoDate(individualised, today)),
    });
    const items = template.content.items.map((item, k) => ({ id: env.ids.id('immersionGridItem', person.index, rank * 64 + k), key: item.key as string | null, section: item.section as string, label: item.label, origin: 'modele' as 'modele' | 'ajout' }));
    if (rng.chance(0.15)) {
      items.push({ id: env.ids.id('immersionGridItem', person.index, rank * 64 + items.length), key: null, section: 'professionnel', label: rng.pick(ADDED_ITEMS), origin: 'ajout' });
    }
    items.forEach((item, k) =>
      out.add('immersion_grid_item', { id: item.id, grid_id: gridId, template_item_key: item.key, section: item.section, label: item.label, origin: item.origin, rank: k, removed_at: null }),
    );

    if (bilanStatus !== 'DID_NOT_SHOW' && (started || status === 'signee')) {
      const evaluators = JSON.stringify([
        ...(tutor ? [{ role: 'tuteur', name: tutor.name }] : [{ role: 'responsable', name: host.name }]),
        { role: 'referent', name: person.referent.displayName },
      ]);
      const planned = plannedEvaluationDates(objective, start, end);
      planned.forEach((p, k) => {
        const evaluationId = env.ids.id('immersionEvaluation', person.index, rank * 16 + k);
        const done = started && p.date <= today;
        out.add('immersion_evaluation', {
          id: evaluationId,
          immersion_id: id,
          kind: p.kind,
          status: done ? 'realisee' : 'planifiee',
          date: p.date,
          start_time: rng.pick(['10:00', '14:00', '15:30']),
          evaluators,
          salarie_opinion: done && p.kind === 'finale' ? rng.pick(SALARIE_OPINIONS) : null,
          host_opinion: done && p.kind === 'finale' ? rng.pick(HOST_OPINIONS) : null,
          created_at: stamp(minIsoDate(start, today)),
          updated_at: stamp(done ? p.date : minIsoDate(start, today)),
        });
        if (!done) return;
        // Weekly points rate what came up that week; the final one rates the whole grid.
        const progress = planned.length === 1 ? 1 : k / (planned.length - 1);
        items.forEach((item, itemRank) => {
          if (p.kind === 'hebdomadaire' && !rng.chance(0.6)) return;
          const level = drawLevel(rng, scale, progress);
          out.add('immersion_rating', {
            evaluation_id: evaluationId,
            item_id: item.id,
            item_label: item.label,
            item_section: item.section,
            level_code: level.code,
            level_label: level.label,
            comment: rng.chance(0.05) ? 'À revoir avec le tuteur.' : null,
            rank: itemRank,
          });
        });
      });
    }
  }

  if (bilanStatus !== null) {
    const partial = bilanStatus === 'PARTIALLY_COMPLETED';
    const absent = bilanStatus === 'DID_NOT_SHOW';
    const lastDay = partial ? plusDays(start, rng.int(0, daysFromTo(start, end))) : null;
    const missed = partial && lastDay ? Math.floor(scheduledHours(schedule.slots, start, lastDay) * rng.next() * 0.5) : null;
    const hired = !absent && rng.chance(objective === 'recruitment' ? 0.35 : 0.05);
    const writtenOn = minIsoDate(plusDays(end, rng.int(0, 10)), today);
    out.add('immersion_bilan', {
      immersion_id: id,
      status: bilanStatus,
      last_day_of_presence: lastDay,
      missed_hours: missed,
      ended_with_job: hired ? 1 : 0,
      type_of_contract: hired ? rng.pick(IF_CONTRACT_TYPES) : null,
      contract_start_date: hired ? plusDays(end, rng.int(1, 30)) : null,
      establishment_feedback: absent ? NOT_APPLICABLE : rng.pick(FEEDBACKS),
      establishment_advices: absent ? NOT_APPLICABLE : rng.pick(ADVICES),
      beneficiary_agreement: absent ? null : 1,
      beneficiary_feedback: absent ? null : rng.pick(SALARIE_OPINIONS),
      next_steps: JSON.stringify(hired ? [] : rng.pick(NEXT_STEPS)),
      next_steps_note: null,
      written_on: writtenOn,
      created_at: stamp(writtenOn),
      updated_at: stamp(writtenOn),
    });
  }
  return { id, startDate: start, endDate: end, status, host, tutor };
}
