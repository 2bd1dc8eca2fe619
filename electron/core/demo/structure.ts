import { yearOf, type IsoDate } from '../../../shared/domain/calendar';
import { aspMeasureBySiaeKind, type SiaeKind } from '../../../shared/domain/siae';
import { LA_POSTE_SIREN, luhnCheckDigit } from '../../../shared/domain/siret';
import type { DemoIds } from './ids';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, STAFF_FIRST_NAMES, SURNAMES } from './names';
import type { Rng } from './random';
import type { Territory } from './territory';
import { stamp, type RowSink } from './types';

/** A SIRET that passes the Luhn check (SIREN with its key digit, then NIC with the SIRET's). */
export function demoSiret(rng: Rng): string {
  let siren: string;
  do {
    const body = `${rng.int(3, 8)}${rng.digits(7)}`;
    siren = `${body}${luhnCheckDigit(body)}`;
  } while (siren === LA_POSTE_SIREN);
  const nic = `000${rng.int(1, 9)}`;
  return `${siren}${nic}${luhnCheckDigit(`${siren}${nic}`)}`;
}

const NAME_PATTERNS: Record<SiaeKind, readonly string[]> = {
  ACI: ['Les Jardins de {town}', 'Chantier d’insertion de {town}', 'Recyclerie de {town}', 'Atelier Solidaire {town}'],
  AI: ['{town} Emploi Solidaire', 'Association intermédiaire de {town}', 'Services Plus {town}'],
  EI: ['{town} Services Insertion', 'Entreprise d’insertion de {town}', 'Propreté Solidaire {town}'],
  ETTI: ['Intérim Solidaire {town}', '{town} Travail Temporaire d’Insertion'],
  EITI: ['Coopérative d’activités {town}', '{town} Indépendants Solidaires'],
};

export interface DemoStructure {
  annexes: Array<{ id: string; startDate: IsoDate; endDate: IsoDate }>;
  referents: Array<{ id: string; displayName: string }>;
}

/** The structure row, one annexe financière per year covered, and 3 to 6 référents (or as many as asked). */
export function generateStructure(
  rng: Rng,
  input: { ids: DemoIds; siaeKind: SiaeKind; territory: Territory; today: IsoDate; firstYear: number; referents?: number },
  out: RowSink,
): DemoStructure {
  const { ids, siaeKind, territory, today } = input;
  const town = territory.mainTown.name;
  out.add('structure', {
    id: 1,
    name: rng.pick(NAME_PATTERNS[siaeKind]).replace('{town}', town),
    siret: demoSiret(rng),
    siae_kind: siaeKind,
    region_code: territory.regionCode,
    departement_code: territory.departement,
    updated_at: stamp(`${input.firstYear - 1}-12-01`),
  });

  const annexes: DemoStructure['annexes'] = [];
  const measure = aspMeasureBySiaeKind[siaeKind];
  const dep = territory.departement.padStart(3, '0');
  const serial = String(rng.int(1, 9999)).padStart(4, '0');
  for (let year = input.firstYear; year <= yearOf(today); year += 1) {
    const id = ids.id('annexe', 0, year - input.firstYear);
    const a = { id, startDate: `${year}-01-01`, endDate: `${year}-12-31` };
    annexes.push(a);
    out.add('annexe_financiere', {
      id,
      // ASP shape: kind, département, year, serial, then amendment and modification ranks.
      number: `${siaeKind}${dep}${String(year % 100).padStart(2, '0')}${serial}A0M0`,
      measure,
      start_date: a.startDate,
      end_date: a.endDate,
      created_at: stamp(`${year - 1}-12-15`),
    });
  }

  const referents: DemoStructure['referents'] = [];
  // Drawn even when a count is asked for, so that the default output does not depend on the option.
  const drawn = rng.int(3, 6);
  const count = input.referents ?? drawn;
  const firstNames = rng.sample(STAFF_FIRST_NAMES.length >= count ? STAFF_FIRST_NAMES : [...MALE_FIRST_NAMES, ...FEMALE_FIRST_NAMES], count);
  for (let i = 0; i < count; i += 1) {
    const id = ids.id('referent', 0, i);
    // A large group's hundreds of CIPs outnumber the first names: they repeat, with another surname.
    const displayName = `${(firstNames[i] ?? rng.pick(STAFF_FIRST_NAMES)) as string} ${rng.pickSkewed(SURNAMES)}`;
    referents.push({ id, displayName });
    out.add('referent', { id, display_name: displayName, active: 1, created_at: stamp(`${input.firstYear - 1}-12-01`) });
  }
  return { annexes, referents };
}
