import type { IsoDate } from '../../../shared/domain/calendar';
import type { OrganisationKind } from '../../../shared/domain/entretiens';
import { foldForSearch } from '../../../shared/domain/text';
import type { DemoIds } from './ids';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, STAFF_FIRST_NAMES, SURNAMES } from './names';
import type { Rng } from './random';
import { demoSiret } from './structure';
import type { Territory } from './territory';
import { stamp, type DemoContact, type DemoOrganisation, type DemoPartners, type RowSink } from './types';

/*
 * The partners directory: the local employers that host immersions and hire, the prescribers
 * (France Travail, missions locales, Cap emploi, the Département), training bodies, associations
 * and public bodies, each with one to three contacts (turnover is real). Names follow the usual
 * shapes of French small businesses; NAF codes and size bands match the activity. Fiction only:
 * SIRETs pass the check digit but are drawn at random; phones are ARCEP's fiction ranges.
 */

interface Activity {
  /** `{nom}`: a surname, `{ville}`: a commune of the territory. */
  names: readonly string[];
  naf: string;
  sizes: readonly string[];
}

const ENTREPRISES: readonly Activity[] = [
  { names: ['Boulangerie {nom}', 'Au Fournil de {ville}', 'Boulangerie-pâtisserie {nom}'], naf: '10.71C', sizes: ['1-9', '10-49'] },
  { names: ['Garage {nom}', 'Garage du Centre', '{nom} Automobiles'], naf: '45.20A', sizes: ['1-9', '10-49'] },
  { names: ['{nom} Paysage', 'Les Jardins de {ville}', 'Espaces Verts {nom}'], naf: '81.30Z', sizes: ['1-9', '10-49'] },
  { names: ['Transports {nom}', '{nom} Logistique', 'TRL {nom}'], naf: '49.41A', sizes: ['10-49', '50-249'] },
  { names: ['Menuiserie {nom}', '{nom} Bois et Habitat'], naf: '43.32A', sizes: ['1-9', '10-49'] },
  { names: ['Supermarché de {ville}', 'Carrefour Market {ville}', 'Intermarché {ville}', 'Super U {ville}'], naf: '47.11D', sizes: ['50-249', '10-49'] },
  { names: ['EHPAD Les Tilleuls', 'EHPAD {nom}', 'Résidence Les Glycines'], naf: '87.10A', sizes: ['50-249'] },
  { names: ['Restaurant Le {nom}', 'Brasserie de la Gare', 'Le Bistrot de {ville}'], naf: '56.10A', sizes: ['1-9', '10-49'] },
  { names: ['{nom} Propreté', 'Net Services {ville}', 'Nettoyage {nom}'], naf: '81.21Z', sizes: ['10-49', '50-249'] },
  { names: ['Peinture {nom}', '{nom} Décoration', 'SARL {nom} et Fils'], naf: '43.34Z', sizes: ['1-9'] },
  { names: ['Entrepôt {nom}', 'Plateforme logistique de {ville}'], naf: '52.10B', sizes: ['50-249', '250+'] },
  { names: ['{nom} Aide à domicile', 'Domicile Services {ville}', 'ADMR de {ville}'], naf: '88.10A', sizes: ['10-49', '50-249'] },
  { names: ['Maraîchage {nom}', 'Ferme {nom}', 'Earl {nom}'], naf: '01.13Z', sizes: ['1-9'] },
  { names: ['Maçonnerie {nom}', '{nom} Bâtiment', 'BTP {nom}'], naf: '43.99C', sizes: ['1-9', '10-49'] },
  { names: ['Cuisine centrale de {ville}', '{nom} Restauration collective'], naf: '56.29A', sizes: ['10-49', '50-249'] },
  { names: ['Recyclage {nom}', '{nom} Environnement'], naf: '38.32Z', sizes: ['10-49', '50-249'] },
];

interface Pool {
  kind: OrganisationKind;
  weight: number;
  activities: readonly Activity[];
}

const POOLS: readonly Pool[] = [
  { kind: 'entreprise', weight: 62, activities: ENTREPRISES },
  {
    kind: 'association',
    weight: 11,
    activities: [
      { names: ['Restos du Cœur de {ville}', 'Secours populaire de {ville}', 'Emmaüs {ville}'], naf: '88.99B', sizes: ['1-9', '10-49'] },
      { names: ['Centre social de {ville}', 'Maison de quartier {nom}'], naf: '88.99B', sizes: ['10-49'] },
      { names: ['Club sportif de {ville}', 'Association culturelle de {ville}'], naf: '93.12Z', sizes: ['0', '1-9'] },
    ],
  },
  {
    kind: 'organisme_public',
    weight: 8,
    activities: [
      { names: ['Mairie de {ville}', 'Services techniques de {ville}'], naf: '84.11Z', sizes: ['50-249', '10-49'] },
      { names: ['CCAS de {ville}'], naf: '88.99B', sizes: ['10-49'] },
      { names: ['Médiathèque de {ville}', 'Centre hospitalier de {ville}'], naf: '86.10Z', sizes: ['250+', '10-49'] },
    ],
  },
  {
    kind: 'siae',
    weight: 5,
    activities: [
      { names: ['Recyclerie de {ville}', 'Chantier d’insertion {nom}', 'Jardins de Cocagne de {ville}'], naf: '88.99B', sizes: ['10-49'] },
      { names: ['Intérim Solidaire {ville}', 'Entreprise d’insertion {nom}'], naf: '78.20Z', sizes: ['10-49'] },
    ],
  },
  {
    kind: 'prescripteur',
    weight: 8,
    activities: [
      { names: ['France Travail {ville}'], naf: '84.13Z', sizes: ['50-249'] },
      { names: ['Mission locale de {ville}'], naf: '88.99B', sizes: ['10-49'] },
      { names: ['Cap emploi'], naf: '88.99B', sizes: ['10-49'] },
      { names: ['Département — service insertion de {ville}', 'PLIE de {ville}'], naf: '84.11Z', sizes: ['250+', '10-49'] },
    ],
  },
  {
    kind: 'organisme_formation',
    weight: 6,
    activities: [
      { names: ['AFPA {ville}', 'GRETA de {ville}', 'Centre de formation {nom}'], naf: '85.59A', sizes: ['10-49', '50-249'] },
      { names: ['Auto-école sociale de {ville}'], naf: '85.53Z', sizes: ['1-9'] },
    ],
  },
];

const STREETS = ['rue de la République', 'avenue Jean-Jaurès', 'rue Victor-Hugo', 'rue du Moulin', 'zone artisanale des Prés', 'rue de la Gare', 'place du Marché', 'boulevard Gambetta', 'rue Pasteur', 'chemin des Vignes'];
const ROLES: Partial<Record<OrganisationKind, readonly string[]>> = {
  entreprise: ['Gérant·e', 'Tuteur·rice', 'Responsable d’équipe', 'Chargé·e de recrutement', 'Chef·fe de chantier'],
  association: ['Coordinateur·rice', 'Responsable bénévole', 'Directeur·rice'],
  organisme_public: ['Responsable des services techniques', 'Chargé·e des ressources humaines', 'Agent·e d’accueil référent·e'],
  siae: ['Encadrant·e technique', 'Chargé·e d’insertion'],
  prescripteur: ['Conseiller·ère emploi', 'Conseiller·ère en insertion', 'Référent·e RSA'],
  organisme_formation: ['Formateur·rice', 'Responsable pédagogique', 'Chargé·e des inscriptions'],
};
/** ARCEP's numbers reserved for fiction, by zone. */
const FICTION_PHONES = ['01 99 00', '02 61 91', '03 53 01', '04 65 71', '05 36 49'];

function contactName(rng: Rng): string {
  const first = rng.chance(0.3) ? rng.pick(STAFF_FIRST_NAMES) : rng.chance(0.5) ? rng.pickSkewed(FEMALE_FIRST_NAMES) : rng.pickSkewed(MALE_FIRST_NAMES);
  return `${first} ${rng.pickSkewed(SURNAMES, 1.4)}`;
}

function email(name: string, orgKey: string): string {
  const local = foldForSearch(name).replace(/[^a-z]+/g, '.').replace(/^\.|\.$/g, '');
  const domain = orgKey.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 30) || 'partenaire';
  return `${local}@${domain}.exemple.fr`;
}

/**
 * `count` organisations with 1–3 contacts each, written to `out`; ids from the seed, so the same
 * seed and count give the same directory.
 */
export function generatePartners(rng: Rng, input: { ids: DemoIds; territory: Territory; firstYear: number; count: number }, out: RowSink): DemoPartners {
  const all: DemoOrganisation[] = [];
  const created: IsoDate = `${input.firstYear - 1}-11-15`;
  const pools = POOLS.map((p) => [p, p.weight] as const);
  for (let index = 0; index < input.count; index += 1) {
    // The first few are one of each kind, so even a small demo has a prescriber and a training body.
    const pool = index < POOLS.length ? (POOLS[index] as Pool) : rng.weighted(pools);
    const activity = rng.pick(pool.activities);
    const place = input.territory.pick(rng);
    const name = rng.pick(activity.names).replace('{nom}', rng.pickSkewed(SURNAMES, 1.2)).replace('{ville}', place.commune.name);
    const id = input.ids.id('organisation', 0, index);
    const address = `${rng.int(1, 180)} ${rng.pick(STREETS)}, ${place.commune.name}`;
    const searchKey = foldForSearch(name);
    out.add('organisation', {
      id,
      name,
      search_key: searchKey,
      kind: pool.kind,
      siret: demoSiret(rng),
      naf_code: activity.naf,
      commune_insee: place.commune.code,
      address,
      size_band: rng.pick(activity.sizes),
      notes: null,
      created_at: stamp(created),
      updated_at: stamp(created),
      deleted_at: null,
    });
    const contacts: DemoContact[] = [];
    const contactCount = rng.weighted([[1, 45], [2, 40], [3, 15]]);
    for (let c = 0; c < contactCount; c += 1) {
      const contactId = input.ids.id('contact', index, c);
      const contactNameValue = contactName(rng);
      // The first contact left in a third of organisations: kept, marked inactive.
      const active = c > 0 || contactCount === 1 || rng.chance(0.66);
      out.add('contact', {
        id: contactId,
        organisation_id: id,
        name: contactNameValue,
        role: rng.pick(ROLES[pool.kind] ?? ['Contact']),
        phone: `${rng.pick(FICTION_PHONES)} ${String(rng.int(0, 99)).padStart(2, '0')} ${String(rng.int(0, 99)).padStart(2, '0')}`,
        email: rng.chance(0.8) ? email(contactNameValue, searchKey) : null,
        active: active ? 1 : 0,
        notes: null,
        created_at: stamp(created),
      });
      if (active) contacts.push({ id: contactId, name: contactNameValue });
    }
    all.push({ id, name, kind: pool.kind, address, contacts });
  }
  const hostKinds: readonly OrganisationKind[] = ['entreprise', 'association', 'organisme_public', 'siae'];
  return {
    all,
    hosts: all.filter((o) => hostKinds.includes(o.kind)),
    prescripteurs: all.filter((o) => o.kind === 'prescripteur'),
    formation: all.filter((o) => o.kind === 'organisme_formation'),
  };
}
