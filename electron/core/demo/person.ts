import { type IsoDate } from '../../../shared/domain/calendar';
import { plusDays, plusMonths, plusYears } from './dates';
import { ageAt, type SexCode } from '../../../shared/domain/people';
import { foldForSearch } from '../../../shared/domain/text';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES } from './names';
import type { Rng } from './random';
import type { DemoEnv, PersonDraft } from './types';

/*
 * Identity and timeline of one salarié. Proportions follow what the federation reports for IAE
 * (domain.md §5: 21 % under 26, 54 % 26–45, 25 % over 45) and a caseload where about 55 % of the
 * people recorded over six years have left. People still in parcours entered within the PASS IAE's
 * 24 months, as in a real caseload; those who left are spread over the six years.
 */

export const EXITED_SHARE = 0.55;
const HISTORY_YEARS = 6;
const MALE_SHARE = 0.58;

function ageAtEntry(rng: Rng): number {
  const [min, max] = rng.weighted<[number, number]>([
    [[18, 25], 21],
    [[26, 45], 54],
    [[46, 64], 25],
  ]);
  return rng.int(min, max);
}

function exitDuration(rng: Rng): number {
  // Some leave within the first months (rupture, other job): those exits are not counted.
  const [min, max] = rng.weighted<[number, number]>([
    [[1, 2], 12],
    [[3, 6], 22],
    [[6, 12], 33],
    [[12, 24], 25],
    [[24, 36], 8],
  ]);
  return rng.int(min, max);
}

/** Synthetic contact details on reserved ranges: ARCEP's fiction numbers and example domains. */
function phone(rng: Rng): string {
  return `06 39 98 ${String(rng.int(0, 99)).padStart(2, '0')} ${String(rng.int(0, 99)).padStart(2, '0')}`;
}

function email(rng: Rng, firstName: string, lastName: string): string {
  const local = `${foldForSearch(firstName)}.${foldForSearch(lastName)}`.replace(/[^a-z0-9.]+/g, '');
  const suffix = rng.chance(0.4) ? String(rng.int(1, 99)) : '';
  return `${local}${suffix}@${rng.pick(['exemple.fr', 'exemple.com', 'example.org'])}`;
}

export function planPerson(index: number, rng: Rng, env: DemoEnv): PersonDraft {
  const today = env.today;
  const sex: SexCode = rng.chance(MALE_SHARE) ? '1' : '2';
  const firstName = rng.pickSkewed(sex === '1' ? MALE_FIRST_NAMES : FEMALE_FIRST_NAMES);
  let lastName = rng.pickSkewed(SURNAMES, 1.4);
  let birthName: string | null = null;
  if (sex === '2' && rng.chance(0.18)) {
    // Married name in use, birth name kept (and searched).
    birthName = lastName;
    lastName = rng.pickSkewed(SURNAMES, 1.4);
  }

  let entryDate: IsoDate;
  let exitDate: IsoDate | null = null;
  if (rng.chance(EXITED_SHARE)) {
    entryDate = rng.dateBetween(plusYears(today, -HISTORY_YEARS), plusMonths(today, -3));
    const planned = plusDays(plusMonths(entryDate, exitDuration(rng)), rng.int(-10, 10));
    exitDate = planned < today ? planned : rng.dateBetween(plusMonths(entryDate, 1), plusDays(today, -1));
  } else {
    // Within the PASS IAE's 24 months; a PASS issued before the entry may already need a prolongation.
    entryDate = rng.dateBetween(plusMonths(today, -24), plusDays(today, -3));
  }

  const age = ageAtEntry(rng);
  const birthDate = plusDays(plusYears(entryDate, -age), -rng.int(0, 364));
  const place = env.territory.pick(rng);
  return {
    index,
    id: env.ids.id('salarie', index),
    sex,
    lastName,
    firstName,
    birthName,
    birthDate,
    ageAtEntry: ageAt(birthDate, entryDate),
    entryDate,
    exitDate,
    referent: rng.pick(env.referents),
    communeInsee: place.commune.code,
    qpv: place.qpv,
    zrr: place.zrr,
    phone: rng.chance(0.85) ? phone(rng) : null,
    email: rng.chance(0.5) ? email(rng, firstName, lastName) : null,
    situation: null,
    pass: null,
    contracts: [],
    formations: [],
  };
}
