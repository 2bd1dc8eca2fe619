import type {
  AllocationDuration,
  EducationLevel,
  EmployerType,
  PrescriberType,
  RsaAllocation,
  SituationAtEntry,
} from '../../../../shared/domain/situation';
import type { Rng } from '../random';
import { stamp, type DemoKind } from '../types';

/*
 * Situation at entry (ASP codes). Rates are plausible orders of magnitude for an IAE caseload
 * (34 % minima sociaux in the federation's figures, mostly RSA); the combinations always pass
 * validateSituationAtEntry (durations present exactly when the matching flag is set).
 */

const EDUCATION: ReadonlyArray<readonly [EducationLevel, number]> = [
  ['70', 24], ['51', 18], ['50', 14], ['60', 4], ['40', 12], ['41', 9], ['30', 5], ['20', 3], ['10', 1], ['01', 5], ['00', 5],
];

const DURATIONS: ReadonlyArray<readonly [AllocationDuration, number]> = [['01', 22], ['02', 20], ['03', 26], ['04', 32]];

function prescriber(rng: Rng, age: number, rqth: boolean): PrescriberType {
  return rng.weighted<PrescriberType>([
    ['03', 45],
    ['01', age < 26 ? 30 : 0],
    ['02', rqth ? 25 : 1],
    ['05', 10],
    ['04', 8],
    ['07', 5],
    ['11', 4],
    ['12', 4],
    ['06', 4],
    ['08', 3],
    ['09', 2],
    ['99', 1],
  ]);
}

export const situationKind: DemoKind = {
  name: 'situation',
  generate(person, rng, _env, out) {
    const age = person.ageAtEntry;
    const isEmployed = rng.chance(0.06);
    const rsa = rng.weighted<RsaAllocation>([['NON', 66], ['OUI-NM', 27], ['OUI-M', 7]]);
    const ass = rsa === 'NON' && rng.chance(0.07);
    const aah = rng.chance(0.04);
    const rqth = aah || rng.chance(0.08);
    const franceTravailRegistered = rng.chance(0.82);
    const s: SituationAtEntry = {
      educationLevel: rng.weighted(EDUCATION),
      prescriberType: prescriber(rng, age, rqth),
      isEmployed,
      employerType: isEmployed ? rng.weighted<EmployerType>([['07', 80], ['04', 8], ['03', 6], ['01', 6]]) : null,
      unemployedSince: isEmployed ? null : rng.weighted(DURATIONS),
      resourceless: false,
      franceTravailRegistered,
      franceTravailSince: franceTravailRegistered ? rng.weighted(DURATIONS) : null,
      rqth,
      oeth: rqth,
      rsa,
      rsaSince: rsa === 'NON' ? null : rng.weighted(DURATIONS),
      ass,
      assSince: ass ? rng.weighted(DURATIONS) : null,
      aah,
      aahSince: aah ? rng.weighted(DURATIONS) : null,
      aseExit: age < 26 && rng.chance(0.12),
      isolatedParent: rng.chance(person.sex === '2' ? 0.2 : 0.05),
      housingIssue: rng.chance(0.14),
      refugee: rng.chance(0.05),
      detentionExitOrPpsmj: rng.chance(person.sex === '1' ? 0.06 : 0.01),
      lowLevelInFrench: rng.chance(0.09),
      mobilityIssue: rng.chance(0.28),
    };
    // "Sans ressources" excludes any allowance and RQTH/OETH (ASP rule).
    s.resourceless = rsa === 'NON' && !ass && !aah && !rqth && rng.chance(0.1);
    person.situation = s;
    out.add('situation', {
      salarie_id: person.id,
      education_level: s.educationLevel,
      prescriber_type: s.prescriberType,
      is_employed: s.isEmployed ? 1 : 0,
      employer_type: s.employerType,
      unemployed_since: s.unemployedSince,
      resourceless: s.resourceless ? 1 : 0,
      france_travail_registered: s.franceTravailRegistered ? 1 : 0,
      france_travail_since: s.franceTravailSince,
      rqth: s.rqth ? 1 : 0,
      oeth: s.oeth ? 1 : 0,
      rsa: s.rsa,
      rsa_since: s.rsaSince,
      ass: s.ass ? 1 : 0,
      ass_since: s.assSince,
      aah: s.aah ? 1 : 0,
      aah_since: s.aahSince,
      ase_exit: s.aseExit ? 1 : 0,
      isolated_parent: s.isolatedParent ? 1 : 0,
      housing_issue: s.housingIssue ? 1 : 0,
      refugee: s.refugee ? 1 : 0,
      detention_exit_or_ppsmj: s.detentionExitOrPpsmj ? 1 : 0,
      low_level_in_french: s.lowLevelInFrench ? 1 : 0,
      mobility_issue: s.mobilityIssue ? 1 : 0,
      updated_at: stamp(person.entryDate),
    });
  },
};
