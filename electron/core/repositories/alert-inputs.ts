import { sql, type Compilable, type CompiledQuery, type RawBuilder } from 'kysely';
import type { AppDb } from '../db/schema';

/*
 * What the alert rules read of a set of salariés (a page of the caseload, a dashboard's candidates), one query
 * per table. The ids go in as ONE JSON parameter, so each query is built and compiled once per connection and
 * only that parameter changes: building and compiling these queries with a placeholder per id was about a third
 * of their time in the core on a 100 000-salarié store (the statements themselves are cached, kysely.ts).
 */

type IdsIn = RawBuilder<string>;

/** A query whose only parameter is the JSON array of ids, compiled on first use for each Kysely instance. */
function byIds<R>(build: (db: AppDb, ids: IdsIn) => Compilable<R>) {
  const compiled = new WeakMap<AppDb, CompiledQuery<R>>();
  return async (db: AppDb, salarieIds: readonly string[]): Promise<R[]> => {
    if (salarieIds.length === 0) return [];
    let query = compiled.get(db);
    if (!query) {
      query = build(db, sql<string>`(SELECT value FROM json_each(${'[]'}))`).compile();
      // Literals only besides the ids (partial indexes need them): the parameter list is replaced whole below.
      if (query.parameters.length !== 1) throw new Error('alert-inputs: one parameter expected');
      compiled.set(db, query);
    }
    return (await db.executeQuery<R>({ ...query, parameters: [JSON.stringify(salarieIds)] })).rows;
  };
}

export const alertPasses = byIds((db, ids) => db.selectFrom('pass_iae').selectAll().where('salarie_id', 'in', ids));

export const alertSuspensions = byIds((db, ids) =>
  db.selectFrom('pass_iae_suspension').selectAll().where('salarie_id', 'in', ids).orderBy('start_date').orderBy('id'),
);

export const alertProlongations = byIds((db, ids) =>
  db.selectFrom('pass_iae_prolongation').selectAll().where('salarie_id', 'in', ids).orderBy('start_date').orderBy('id'),
);

export const alertContracts = byIds((db, ids) =>
  db.selectFrom('contract').select(['id', 'salarie_id', 'kind', 'start_date', 'end_date']).where('salarie_id', 'in', ids).orderBy('start_date').orderBy('id'),
);

/**
 * Open freins (the only ones an alert can be about) with the date of their latest action, read from the index
 * frein_action_frein (frein_id, date) in the same statement.
 */
export const alertOpenFreins = byIds((db, ids) =>
  db
    .selectFrom('frein')
    .select((eb) => [
      'frein.id',
      'frein.salarie_id',
      'frein.kind',
      'frein.status',
      'frein.identified_date',
      eb.selectFrom('frein_action').select((fa) => fa.fn.max('frein_action.date').as('d')).whereRef('frein_action.frein_id', '=', 'frein.id').as('last_action_date'),
    ])
    .where('frein.salarie_id', 'in', ids)
    // Literals, as in the partial index frein_open (migration 0080), so SQLite may use it.
    .where(sql<boolean>`frein.status IN ('identified', 'in_progress')`)
    .orderBy('frein.identified_date')
    .orderBy('frein.id'),
);

/**
 * Open actions (overdue ones alert) and exit-preparation ones, done or not. Done follow-ups never raise an alert,
 * and they are most rows (every entretien leaves some).
 */
export const alertActions = byIds((db, ids) =>
  db
    .selectFrom('action')
    .select(['id', 'salarie_id', 'label', 'kind', 'due_date', 'done_date'])
    .where('salarie_id', 'in', ids)
    // Spelled with a literal, as in the partial index action_alert_inputs (migration 0080), so SQLite uses it.
    .where(sql<boolean>`(done_date IS NULL OR kind = 'preparation_sortie')`)
    .orderBy('due_date')
    .orderBy('id'),
);
