import { maxIsoDate, minIsoDate, type IsoDate } from '../../../../shared/domain/calendar';
import { plusDays, plusMonths } from '../dates';
import { isConfidentialFreinKind, type FreinKind, type FreinStatus, type SupportMode } from '../../../../shared/domain/freins';
import { countAround } from '../scale';
import { stamp, type DemoKind } from '../types';

/*
 * 0 to 4 freins per salarié over the taxonomy, identified mostly at the entry diagnosis, with a
 * status that depends on how far the parcours has gone, and dated support actions (internal or
 * with a partner). Texts stay generic: no health or justice detail is ever invented.
 */

const KIND_WEIGHTS: ReadonlyArray<readonly [FreinKind, number]> = [
  ['mobility', 16], ['driving_licence', 14], ['housing', 11], ['emergency_housing', 3], ['finances', 9], ['over_indebtedness', 4],
  ['health', 7], ['addiction', 3], ['mental_health', 4], ['disability', 3], ['justice', 3], ['illiteracy', 4],
  ['french_language', 6], ['basic_skills', 5], ['administrative', 9], ['residence_rights', 3], ['digital', 8],
  ['childcare', 6], ['family_care', 3], ['availability', 3],
];

const PARTNERS: Partial<Record<FreinKind, readonly string[]>> = {
  mobility: ['Plateforme mobilité', 'Auto-école sociale', 'Garage solidaire'],
  driving_licence: ['Auto-école sociale', 'Plateforme mobilité'],
  housing: ['Action Logement', 'CCAS', 'Bailleur social'],
  emergency_housing: ['SIAO', 'CHRS', 'CCAS'],
  finances: ['CCAS', 'Point conseil budget', 'Assistante sociale du Département'],
  over_indebtedness: ['Point conseil budget', 'Banque de France (commission de surendettement)'],
  health: ['CPAM', 'Centre de santé', 'PASS hospitalière'],
  addiction: ['CSAPA', 'CMP'],
  mental_health: ['CMP', 'Psychologue partenaire'],
  disability: ['MDPH', 'Cap emploi'],
  justice: ['SPIP', 'Avocat (aide juridictionnelle)'],
  illiteracy: ['Centre social (atelier savoirs de base)', 'Organisme de formation'],
  french_language: ['Centre social (FLE)', 'Organisme de formation linguistique'],
  basic_skills: ['Organisme de formation', 'Centre ressources illettrisme'],
  administrative: ['France services', 'CAF', 'CCAS'],
  residence_rights: ['Préfecture', 'Association d’accès aux droits'],
  digital: ['Conseiller numérique', 'France services'],
  childcare: ['Relais petite enfance', 'Crèche à vocation d’insertion professionnelle'],
  family_care: ['Plateforme de répit', 'CCAS'],
  availability: ['Employeur', 'Relais petite enfance'],
};

const NOTES = ['Point d’étape', 'Orientation vers le partenaire', 'Rendez-vous pris', 'Démarche réalisée avec la personne', 'Dossier déposé', 'Relance effectuée'];
const DETAILS: Partial<Record<FreinKind, string>> = {
  mobility: 'Pas de transport en commun aux horaires du chantier.',
  driving_licence: 'Code obtenu, conduite à financer.',
  housing: 'Demande de logement social en cours.',
  finances: 'Budget serré, aides à mobiliser.',
  digital: 'Pas d’ordinateur ; accès aux démarches en ligne difficile.',
  childcare: 'Mode de garde à trouver pour les horaires de travail.',
  administrative: 'Dossier CAF à mettre à jour.',
};

export const freinsKind: DemoKind = {
  name: 'freins',
  generate(person, rng, env, out) {
    // A rate asked for (the benchmark's dataset) replaces the usual 0–4 distribution; up to the whole taxonomy.
    const rate = env.rates.freinsPerSalarie;
    const count = rate === null ? rng.weighted([[0, 15], [1, 30], [2, 30], [3, 17], [4, 8]]) : Math.min(KIND_WEIGHTS.length, countAround(rng, rate));
    if (count === 0) return;
    const horizon = minIsoDate(person.exitDate ?? env.today, env.today);
    const kinds: FreinKind[] = [];
    while (kinds.length < count) {
      const k = rng.weighted(KIND_WEIGHTS);
      if (!kinds.includes(k)) kinds.push(k);
    }
    kinds.forEach((kind, rank) => {
      const id = env.ids.id('frein', person.index, rank);
      const identified = rng.chance(0.7)
        ? minIsoDate(plusDays(person.entryDate, rng.int(0, 30)), horizon)
        : rng.dateBetween(person.entryDate, horizon);
      const done = person.exitDate !== null;
      const status = rng.weighted<FreinStatus>(
        done
          ? [['lifted', 45], ['abandoned', 15], ['in_progress', 25], ['identified', 15]]
          : [['identified', 25], ['in_progress', 45], ['lifted', 25], ['abandoned', 5]],
      );
      // Closed a week to a year after being identified; one identified last week cannot be closed yet.
      const earliestClose = plusDays(identified, 7);
      const closable = (status === 'lifted' || status === 'abandoned') && earliestClose <= horizon;
      const closedDate = closable ? rng.dateBetween(earliestClose, maxIsoDate(earliestClose, minIsoDate(plusMonths(identified, 12), horizon))) : null;
      out.add('frein', {
        id,
        salarie_id: person.id,
        kind,
        status: closable || (status !== 'lifted' && status !== 'abandoned') ? status : 'in_progress',
        identified_date: identified,
        closed_date: closedDate,
        details: isConfidentialFreinKind(kind) ? null : rng.chance(0.4) ? (DETAILS[kind] ?? null) : null,
        created_at: stamp(identified),
        updated_at: stamp(closedDate ?? identified),
      });
      const actions = status === 'identified' ? rng.int(0, 1) : rng.int(1, 3);
      const last: IsoDate = closedDate ?? horizon;
      for (let a = 0; a < actions; a += 1) {
        const mode: SupportMode = rng.chance(0.55) ? 'external' : 'internal';
        const date = rng.dateBetween(identified, last);
        out.add('frein_action', {
          id: env.ids.id('freinAction', person.index, rank * 8 + a),
          frein_id: id,
          date,
          mode,
          partner: mode === 'external' ? rng.pick(PARTNERS[kind] ?? ['Partenaire']) : null,
          note: isConfidentialFreinKind(kind) ? null : rng.pick(NOTES),
          created_at: stamp(date),
        });
      }
    });
  },
};
