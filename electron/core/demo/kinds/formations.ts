import { minIsoDate } from '../../../../shared/domain/calendar';
import { plusDays, plusMonths } from '../dates';
import type { CertificationKind, CertificationOutcome, FormationKind } from '../../../../shared/domain/formations';
import { stamp, type DemoKind } from '../types';

/*
 * About 40 % of salariés follow 1 or 2 trainings during the parcours: mostly regulated
 * certificates (SST, CACES…), basic skills and French, some qualifying titles.
 */

interface Course {
  kind: FormationKind;
  title: string;
  hours: readonly [number, number];
  days: readonly [number, number];
  setting: 'internal' | 'external';
  certification: CertificationKind | null;
  weight: number;
}

const CATALOGUE: readonly Course[] = [
  { kind: 'habilitation', title: 'SST – Sauveteur secouriste du travail', hours: [14, 14], days: [2, 2], setting: 'external', certification: 'habilitation', weight: 12 },
  { kind: 'habilitation', title: 'CACES R489 catégories 1, 3 et 5', hours: [21, 35], days: [3, 5], setting: 'external', certification: 'habilitation', weight: 7 },
  { kind: 'habilitation', title: 'Habilitation électrique B0-H0V', hours: [7, 14], days: [1, 2], setting: 'external', certification: 'habilitation', weight: 4 },
  { kind: 'habilitation', title: 'Certiphyto – applicateur', hours: [14, 14], days: [2, 2], setting: 'external', certification: 'habilitation', weight: 3 },
  { kind: 'habilitation', title: 'Hygiène alimentaire (HACCP)', hours: [14, 14], days: [2, 2], setting: 'external', certification: 'habilitation', weight: 3 },
  { kind: 'basic_skills', title: 'Savoirs de base – remise à niveau', hours: [60, 200], days: [45, 150], setting: 'external', certification: 'training_attestation', weight: 8 },
  { kind: 'fle', title: 'Français langue étrangère (FLE)', hours: [80, 300], days: [60, 180], setting: 'external', certification: 'training_attestation', weight: 7 },
  { kind: 'clea', title: 'CléA – socle de connaissances et de compétences', hours: [40, 150], days: [30, 120], setting: 'external', certification: 'clea', weight: 5 },
  { kind: 'clea_numerique', title: 'CléA numérique', hours: [20, 40], days: [10, 40], setting: 'external', certification: 'clea', weight: 3 },
  { kind: 'qualifying', title: 'Titre professionnel Agent de propreté et d’hygiène', hours: [300, 500], days: [90, 180], setting: 'external', certification: 'titre_pro', weight: 3 },
  { kind: 'qualifying', title: 'Titre professionnel Ouvrier du paysage', hours: [400, 700], days: [120, 240], setting: 'external', certification: 'titre_pro', weight: 2 },
  { kind: 'certifying', title: 'CQP Agent machiniste classique', hours: [150, 250], days: [60, 120], setting: 'external', certification: 'cqp', weight: 2 },
  { kind: 'pre_qualifying', title: 'Parcours pré-qualifiant aux métiers du bâtiment', hours: [150, 300], days: [60, 120], setting: 'external', certification: 'skills_attestation', weight: 2 },
  { kind: 'internal', title: 'Gestes et postures, sécurité au poste', hours: [7, 21], days: [1, 3], setting: 'internal', certification: null, weight: 6 },
  { kind: 'short_professional', title: 'Module court – techniques professionnelles de nettoyage', hours: [14, 35], days: [2, 5], setting: 'external', certification: 'training_attestation', weight: 3 },
  { kind: 'driving_licence', title: 'Permis B (conduite)', hours: [20, 40], days: [30, 120], setting: 'external', certification: null, weight: 3 },
  { kind: 'poe', title: 'POE collective – métiers de la logistique', hours: [200, 400], days: [40, 80], setting: 'external', certification: 'training_attestation', weight: 1 },
];

const CATALOGUE_WEIGHTS = CATALOGUE.map((c) => [c, c.weight] as const);
const ORGANISMES = ['AFPA', 'GRETA', 'Croix-Rouge Compétence', 'INFREP', 'AFPI', 'CNAM', 'Organisme de formation local', 'Centre social'];

export const formationsKind: DemoKind = {
  name: 'formations',
  generate(person, rng, env, out) {
    if (!rng.chance(0.4)) return;
    const horizon = minIsoDate(person.exitDate ?? plusMonths(env.today, 1), plusMonths(env.today, 1));
    const count = rng.chance(0.75) ? 1 : 2;
    for (let rank = 0; rank < count; rank += 1) {
      const from = plusMonths(person.entryDate, 1);
      if (from > horizon) return;
      const course = rng.weighted(CATALOGUE_WEIGHTS);
      const start = rng.dateBetween(from, horizon);
      const end = plusDays(start, rng.int(course.days[0], course.days[1]) - 1);
      const finished = end <= env.today;
      const outcome: CertificationOutcome =
        course.certification === null
          ? 'not_applicable'
          : !finished
            ? 'pending'
            : rng.weighted<CertificationOutcome>([['obtained', 65], ['partially_obtained', 8], ['not_obtained', 10], ['dropped_out', 9], ['attestation_only', 8]]);
      person.formations.push({ kind: course.kind, startDate: start, endDate: end });
      out.add('formation', {
        id: env.ids.id('formation', person.index, rank),
        salarie_id: person.id,
        title: course.title,
        organisme: course.setting === 'internal' ? null : rng.pick(ORGANISMES),
        kind: course.kind,
        setting: course.setting,
        start_date: start,
        end_date: end,
        hours: rng.int(course.hours[0], course.hours[1]),
        certification_kind: course.certification,
        certification_outcome: outcome,
        created_at: stamp(minIsoDate(start, env.today)),
        updated_at: stamp(minIsoDate(finished ? end : start, env.today)),
      });
    }
  },
};
