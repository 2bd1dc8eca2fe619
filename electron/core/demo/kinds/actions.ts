import { maxIsoDate, minIsoDate, type IsoDate } from '../../../../shared/domain/calendar';
import { plusDays, plusMonths } from '../dates';
import { effectivePassIaeEndDate } from '../../../../shared/domain/pass-iae';
import type { Rng } from '../random';
import { stamp, type DemoKind, type PersonDraft } from '../types';

/*
 * Dated next steps: a few done ones along the parcours, some open ones around today for people
 * still in parcours (a share of them overdue, as in real life), and exit preparation when the
 * contract or the PASS IAE ends soon.
 */

const SUIVI = [
  'Relancer la CAF pour le dossier APL',
  'Envoyer le CV mis à jour',
  'Prendre rendez-vous à France Travail',
  'Point sur la recherche de logement',
  'Inscription à la formation SST',
  'Préparer l’enquête métier',
  'Faire le point avec l’encadrant technique',
  'Compléter le dossier de demande de RQTH',
  'Rendez-vous avec la plateforme mobilité',
  'Ouvrir un compte sur le site de l’Assurance maladie',
];
const PREPARATION = ['Préparer la sortie : bilan de parcours', 'Recherche d’emploi : cibler trois entreprises', 'Préparer le dossier de fin de contrat'];

function owner(person: PersonDraft, rng: Rng): string | null {
  return rng.weighted<string | null>([[person.referent.displayName, 70], ['Salarié', 20], [null, 10]]);
}

export const actionsKind: DemoKind = {
  name: 'actions',
  generate(person, rng, env, out) {
    let rank = 0;
    const add = (label: string, kind: 'suivi' | 'preparation_sortie', due: IsoDate, doneDate: IsoDate | null) => {
      out.add('action', {
        id: env.ids.id('action', person.index, rank),
        salarie_id: person.id,
        label,
        kind,
        owner: owner(person, rng),
        due_date: due,
        done_date: doneDate,
        source_type: null,
        source_id: null,
        created_at: stamp(minIsoDate(plusDays(due, -rng.int(7, 30)), env.today)),
      });
      rank += 1;
    };
    const lastDay = minIsoDate(person.exitDate ?? env.today, env.today);
    const done = rng.int(0, 2);
    for (let i = 0; i < done && person.entryDate < lastDay; i += 1) {
      const due = rng.dateBetween(person.entryDate, plusDays(lastDay, -1));
      add(rng.pick(SUIVI), 'suivi', due, minIsoDate(plusDays(due, rng.int(-3, 5)), lastDay));
    }
    if (person.exitDate !== null) {
      if (rng.chance(0.6)) {
        const due = maxIsoDate(person.entryDate, plusMonths(person.exitDate, -1));
        add(rng.pick(PREPARATION), 'preparation_sortie', due, minIsoDate(plusDays(due, rng.int(0, 10)), person.exitDate));
      }
      return;
    }
    const open = rng.weighted([[0, 30], [1, 50], [2, 20]]);
    for (let i = 0; i < open; i += 1) add(rng.pick(SUIVI), 'suivi', plusDays(env.today, rng.int(-20, 45)), null);
    const contractEnd = person.contracts[person.contracts.length - 1]?.endDate ?? null;
    const passEnd = person.pass ? effectivePassIaeEndDate(person.pass) : null;
    const soon = plusDays(env.today, 90);
    const ending = [contractEnd, passEnd].filter((d): d is IsoDate => d !== null && d <= soon).sort()[0];
    if (ending !== undefined && rng.chance(0.7)) {
      add(rng.pick(PREPARATION), 'preparation_sortie', maxIsoDate(plusDays(env.today, -10), plusDays(ending, -30)), null);
    }
  },
};
