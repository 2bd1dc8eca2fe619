import type { SituationAtEntry } from '../../../shared/domain/situation';
import type { AppDb, SituationTable } from '../db/schema';

/** One column per field of SituationAtEntrySchema; ASP codes stored verbatim, booleans as 0/1. */
function toRow(salarieId: string, s: SituationAtEntry, updatedAt: string): SituationTable {
  return {
    salarie_id: salarieId,
    education_level: s.educationLevel,
    prescriber_type: s.prescriberType,
    is_employed: Number(s.isEmployed),
    employer_type: s.employerType,
    unemployed_since: s.unemployedSince,
    resourceless: Number(s.resourceless),
    france_travail_registered: Number(s.franceTravailRegistered),
    france_travail_since: s.franceTravailSince,
    rqth: Number(s.rqth),
    oeth: Number(s.oeth),
    rsa: s.rsa,
    rsa_since: s.rsaSince,
    ass: Number(s.ass),
    ass_since: s.assSince,
    aah: Number(s.aah),
    aah_since: s.aahSince,
    ase_exit: Number(s.aseExit),
    isolated_parent: Number(s.isolatedParent),
    housing_issue: Number(s.housingIssue),
    refugee: Number(s.refugee),
    detention_exit_or_ppsmj: Number(s.detentionExitOrPpsmj),
    low_level_in_french: Number(s.lowLevelInFrench),
    mobility_issue: Number(s.mobilityIssue),
    updated_at: updatedAt,
  };
}

/**
 * Raw stored values; the service parses them with SituationAtEntrySchema (a code unknown to this
 * version then shows as a validation problem instead of crashing the fiche).
 */
function fromRow(r: SituationTable): Record<keyof SituationAtEntry, unknown> {
  return {
    educationLevel: r.education_level,
    prescriberType: r.prescriber_type,
    isEmployed: r.is_employed === 1,
    employerType: r.employer_type,
    unemployedSince: r.unemployed_since,
    resourceless: r.resourceless === 1,
    franceTravailRegistered: r.france_travail_registered === 1,
    franceTravailSince: r.france_travail_since,
    rqth: r.rqth === 1,
    oeth: r.oeth === 1,
    rsa: r.rsa,
    rsaSince: r.rsa_since,
    ass: r.ass === 1,
    assSince: r.ass_since,
    aah: r.aah === 1,
    aahSince: r.aah_since,
    aseExit: r.ase_exit === 1,
    isolatedParent: r.isolated_parent === 1,
    housingIssue: r.housing_issue === 1,
    refugee: r.refugee === 1,
    detentionExitOrPpsmj: r.detention_exit_or_ppsmj === 1,
    lowLevelInFrench: r.low_level_in_french === 1,
    mobilityIssue: r.mobility_issue === 1,
  };
}

export async function readSituation(db: AppDb, salarieId: string): Promise<Record<keyof SituationAtEntry, unknown> | null> {
  const row = await db.selectFrom('situation').selectAll().where('salarie_id', '=', salarieId).executeTakeFirst();
  return row ? fromRow(row) : null;
}

export async function writeSituation(db: AppDb, salarieId: string, situation: SituationAtEntry, updatedAt: string): Promise<void> {
  const row = toRow(salarieId, situation, updatedAt);
  const { salarie_id: _id, ...update } = row;
  await db
    .insertInto('situation')
    .values(row)
    .onConflict((oc) => oc.column('salarie_id').doUpdateSet(update))
    .execute();
}
