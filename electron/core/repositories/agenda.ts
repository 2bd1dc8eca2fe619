import type { AppDb } from '../db/schema';
import { caseloadIdsOf } from './salaries';

/**
 * Planned and held entretiens between two dates inclusive, by date then time (untimed ones first:
 * they read as "all day"). Entretiens of deleted salariés are left out; collective ones without a
 * salarié are kept unless the agenda is filtered on one référent's caseload.
 */
export async function listAgendaEntretiens(db: AppDb, filter: { from: string; to: string; referentId: string | null; statuses?: readonly ('planifie' | 'tenu')[] }) {
  let query = db
    .selectFrom('entretien')
    .leftJoin('salarie', 'salarie.id', 'entretien.salarie_id')
    .select([
      'entretien.id',
      'entretien.salarie_id',
      'entretien.kind',
      'entretien.status',
      'entretien.date',
      'entretien.start_time',
      'entretien.duration_minutes',
      'entretien.place_kind',
      'entretien.place_detail',
      'entretien.title',
      'entretien.updated_at',
      'salarie.first_name',
      'salarie.last_name',
    ])
    .where('entretien.date', '>=', filter.from)
    .where('entretien.date', '<=', filter.to)
    .where('entretien.status', 'in', [...(filter.statuses ?? ['planifie', 'tenu'])])
    .where((eb) => eb.or([eb('entretien.salarie_id', 'is', null), eb('salarie.deleted_at', 'is', null)]));
  if (filter.referentId) {
    const referentId = filter.referentId;
    // One CIP's week, found from its salariés (by référent, then entretien_salarie (salarie_id, date)) rather than
    // from every entretien of the week: in a large group those are thousands (12 ms → 0.5 ms).
    query = query.where('salarie.referent_id', '=', referentId).where('entretien.salarie_id', 'in', caseloadIdsOf(db, referentId));
  }
  return query
    .orderBy('entretien.date')
    .orderBy('entretien.start_time', (ob) => ob.asc().nullsFirst())
    .orderBy('entretien.id')
    .execute();
}
export type AgendaEntretienRow = Awaited<ReturnType<typeof listAgendaEntretiens>>[number];
