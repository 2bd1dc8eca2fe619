import { sql } from 'kysely';
import type { AppDb } from '../db/schema';

export interface SalarieListFilter {
  /** Already folded (lower case, no accents). */
  foldedQuery: string;
  status: 'en_parcours' | 'sorti' | 'tous';
  referentId: string | null;
  sort: 'nom' | 'entree' | 'fin_pass';
  offset: number;
  limit: number;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered(db: AppDb, filter: SalarieListFilter) {
  let query = db.selectFrom('salarie').where('salarie.deleted_at', 'is', null);
  if (filter.status !== 'tous') query = query.where('salarie.status', '=', filter.status);
  if (filter.referentId) query = query.where('salarie.referent_id', '=', filter.referentId);
  if (filter.foldedQuery) {
    const prefix = `${escapeLike(filter.foldedQuery)}%`;
    // search_key is "nom prénom": match a prefix of the nom, or of any later word (prénom, nom composé).
    query = query.where((eb) =>
      eb.or([
        eb(sql`salarie.search_key`, 'like', sql`${prefix} ESCAPE '\\'`),
        eb(sql`salarie.search_key`, 'like', sql`${`% ${prefix}`} ESCAPE '\\'`),
      ]),
    );
  }
  return query;
}

export async function listSalaries(db: AppDb, filter: SalarieListFilter) {
  const base = filtered(db, filter);
  const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [{ total: number }];
  let rows = base
    .leftJoin('referent', 'referent.id', 'salarie.referent_id')
    .select([
      'salarie.id',
      'salarie.last_name',
      'salarie.first_name',
      'salarie.birth_date',
      'salarie.status',
      'salarie.entry_date',
      'referent.display_name as referent_name',
    ]);
  rows =
    filter.sort === 'entree'
      ? rows.orderBy('salarie.entry_date', 'desc').orderBy('salarie.search_key')
      : rows.orderBy('salarie.search_key').orderBy('salarie.id');
  const page = await rows.limit(filter.limit).offset(filter.offset).execute();
  return { total, rows: page };
}
