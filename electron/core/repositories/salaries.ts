import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { AppDb, DB, SalarieTable } from '../db/schema';

export type SalarieRow = SalarieTable;
export type SalarieWithReferent = SalarieRow & { referent_name: string | null };

/** Boundaries of the alert rules, as dates, so the "with alerts" filter is plain index-friendly SQL. */
export interface AlertFilterDates {
  today: string;
  /** PASS IAE ending on or before this date (today + 60 days). */
  passHorizon: string;
  /** Contract ending on or before this date (today + 30 days). */
  contractHorizon: string;
  /** Last entretien strictly before this date is too old. */
  entretienCutoff: string;
  /** Expected exit on or before this date needs preparation (today + 6 months). */
  exitPreparationHorizon: string;
  /** Months of the preparation window before the expected exit (SQLite `date(x, '-N months')`). */
  exitPreparationMonths: number;
  /** Open frein whose last action (or identification) is strictly before this date. */
  freinCutoff: string;
}

export interface SalarieListFilter {
  /** Folded search words; each must prefix-match one of the salarié's tokens. */
  words: readonly string[];
  status: 'en_parcours' | 'sorti' | 'tous';
  referentId: string | null;
  siaeKind: string | null;
  /** When set, only salariés that may have an alert (see `mayHaveAlerts`). */
  alerts: AlertFilterDates | null;
  sort: 'nom' | 'entree' | 'fin_pass' | 'fin_contrat';
  offset: number;
  limit: number;
}

type SalarieQuery = SelectQueryBuilder<DB, 'salarie', object>;
type Eb = ExpressionBuilder<DB, 'salarie'>;

/** Above every code point: `token < word + MAX` bounds a prefix range that the primary key index answers. */
const PREFIX_END = '\u{10FFFF}';

function tokenPrefixMatch(eb: Eb, word: string) {
  return eb(
    'salarie.id',
    'in',
    eb
      .selectFrom('salarie_search_token')
      .select('salarie_search_token.salarie_id')
      .where('salarie_search_token.token', '>=', word)
      .where('salarie_search_token.token', '<', word + PREFIX_END),
  );
}

/**
 * SQL over the summary caches mirroring shared/domain/alerts computeAlerts, so the "with alerts" filter
 * stays index-friendly on 100 000 rows. Approximations (the exact rules then run on the page's rows):
 * - "a contract is in force" reads "has a contract, and the latest one (by start date) has not ended":
 *   a row may be kept and then show no alert (its latest contract has not started yet);
 * - "contract ending soon" looks at the latest contract only: an earlier contract ending soon, followed
 *   after a gap by a later one already recorded, is not caught by this filter (the unfiltered list shows it);
 * - the exit-preparation window starts at SQLite's `date(x, '-6 months')`, which does not clamp month ends
 *   (a few days later at most), so it can only keep more rows.
 */
export function mayHaveAlerts(eb: Eb, d: AlertFilterDates) {
  const overdueAction = eb.exists(
    eb
      .selectFrom('action')
      .select(sql`1`.as('one'))
      .whereRef('action.salarie_id', '=', 'salarie.id')
      .where('action.done_date', 'is', null)
      .where('action.due_date', '<', d.today),
  );
  const hasContract = eb('salarie.siae_kind', 'is not', null);
  const contractNotEnded = eb.or([eb('salarie.contract_end', 'is', null), eb('salarie.contract_end', '>=', d.today)]);
  const inForce = eb.and([hasContract, contractNotEnded]);
  const expectedExit = eb.fn.coalesce('salarie.planned_exit_date', 'salarie.contract_end');
  const freinWithoutAction = eb.exists(
    eb
      .selectFrom('frein')
      .select(sql`1`.as('one'))
      .whereRef('frein.salarie_id', '=', 'salarie.id')
      .where('frein.status', 'in', ['identified', 'in_progress'])
      .where((fb) =>
        fb.and([
          fb.not(
            fb.exists(
              fb
                .selectFrom('frein_action')
                .select(sql`1`.as('one'))
                .whereRef('frein_action.frein_id', '=', 'frein.id')
                .where('frein_action.date', '>=', d.freinCutoff),
            ),
          ),
          fb.or([
            fb('frein.identified_date', '<', d.freinCutoff),
            fb.exists(fb.selectFrom('frein_action').select(sql`1`.as('one')).whereRef('frein_action.frein_id', '=', 'frein.id')),
          ]),
        ]),
      ),
  );
  const exitWithoutPreparation = eb.and([
    eb(expectedExit, '>=', d.today),
    eb(expectedExit, '<=', d.exitPreparationHorizon),
    eb.not(
      eb.exists(
        eb
          .selectFrom('action')
          .select(sql`1`.as('one'))
          .whereRef('action.salarie_id', '=', 'salarie.id')
          .where('action.kind', '=', 'preparation_sortie')
          .where(
            sql<string>`coalesce(action.done_date, action.due_date)`,
            '>=',
            sql<string>`date(coalesce(salarie.planned_exit_date, salarie.contract_end), ${`-${d.exitPreparationMonths} months`})`,
          ),
      ),
    ),
  ]);
  const notExited = eb.or([eb('salarie.exit_date', 'is', null), eb('salarie.exit_date', '>', d.today)]);
  // SQLite evaluates OR terms in order and stops at the first true one: the rules on the row's own columns come
  // first, so the overdue-action subquery runs only for rows none of them keeps (a CIP's dashboard: 2.3 → 1 ms).
  return eb.or([
    eb.and([
      notExited,
      eb.or([
        eb.and([eb('salarie.pass_end', '>=', d.today), eb('salarie.pass_end', '<=', d.passHorizon)]),
        eb.and([eb('salarie.pass_end', '<', d.today), inForce]),
        eb.and([eb('salarie.pass_end', 'is', null), inForce]),
        eb.and([eb('salarie.contract_end', '>=', d.today), eb('salarie.contract_end', '<=', d.contractHorizon)]),
        eb.and([
          inForce,
          eb.or([eb('salarie.last_entretien_date', 'is', null), eb('salarie.last_entretien_date', '<', d.entretienCutoff)]),
        ]),
        exitWithoutPreparation,
        freinWithoutAction,
      ]),
    ]),
    overdueAction,
  ]);
}

function filtered(db: AppDb, filter: Omit<SalarieListFilter, 'sort' | 'offset' | 'limit'>): SalarieQuery {
  let query: SalarieQuery = db.selectFrom('salarie').where('salarie.deleted_at', 'is', null);
  if (filter.status !== 'tous') query = query.where('salarie.status', '=', filter.status);
  if (filter.referentId) query = query.where('salarie.referent_id', '=', filter.referentId);
  if (filter.siaeKind) query = query.where('salarie.siae_kind', '=', filter.siaeKind);
  for (const word of filter.words) query = query.where((eb) => tokenPrefixMatch(eb, word));
  const alerts = filter.alerts;
  if (alerts) query = query.where((eb) => mayHaveAlerts(eb, alerts));
  return query;
}

const LIST_COLUMNS = [
  'salarie.id',
  'salarie.last_name',
  'salarie.first_name',
  'salarie.birth_date',
  'salarie.status',
  'salarie.entry_date',
  'salarie.referent_id',
  'salarie.siae_kind',
  'salarie.pass_end',
  'salarie.contract_end',
  'salarie.last_entretien_date',
  'salarie.planned_exit_date',
  'salarie.exit_date',
  'referent.display_name as referent_name',
] as const;

/** The list's order: the chosen sort, then name and id (stable pages). */
type PageDb = DB & { page: { id: string; total: number } };

function ordered<Q extends SelectQueryBuilder<DB, 'salarie' | 'referent', object> | SelectQueryBuilder<PageDb, 'page' | 'salarie' | 'referent', object> | SalarieQuery>(
  query: Q,
  sort: SalarieListFilter['sort'],
): Q {
  let q = query as SalarieQuery;
  switch (sort) {
    case 'entree':
      q = q.orderBy('salarie.entry_date', (ob) => ob.desc().nullsLast());
      break;
    case 'fin_pass':
      q = q.orderBy('salarie.pass_end', (ob) => ob.asc().nullsLast());
      break;
    case 'fin_contrat':
      q = q.orderBy('salarie.contract_end', (ob) => ob.asc().nullsLast());
      break;
    case 'nom':
      break;
  }
  return q.orderBy('salarie.search_key').orderBy('salarie.id') as Q;
}

/**
 * The keystroke's page (words, a status, sorted by name, no other filter) from the token table alone: each token
 * row carries its salarié's status, search key and liveness (migration 0150), so the matches are counted and
 * sorted from one range of its primary key; only the page's rows are then read from salarie. A salarié matching a
 * word with several tokens counts once (DISTINCT before the count).
 */
function tokenPage(db: AppDb, words: readonly [string, ...string[]], filter: SalarieListFilter) {
  const [first, ...rest] = words;
  let matches = db
    .selectFrom('salarie_search_token as t')
    .select(['t.salarie_id as id', 't.search_key'])
    .distinct()
    .where('t.token', '>=', first)
    .where('t.token', '<', first + PREFIX_END)
    .where('t.live', '=', 1);
  if (filter.status !== 'tous') matches = matches.where('t.status', '=', filter.status);
  for (const word of rest) {
    matches = matches.where('t.salarie_id', 'in', (eb) =>
      eb
        .selectFrom('salarie_search_token as w')
        .select('w.salarie_id')
        .where('w.token', '>=', word)
        .where('w.token', '<', word + PREFIX_END),
    );
  }
  return db
    .selectFrom(matches.as('m'))
    .select(['m.id', 'm.search_key', sql<number>`count(*) over ()`.as('total')])
    .orderBy('m.search_key')
    .orderBy('m.id')
    .limit(filter.limit)
    .offset(filter.offset);
}

export async function listSalaries(db: AppDb, filter: SalarieListFilter) {
  const [firstWord, ...otherWords] = filter.words;
  if (firstWord !== undefined && filter.sort === 'nom' && !filter.referentId && !filter.siaeKind && !filter.alerts) {
    const rows = await db
      .selectFrom(tokenPage(db, [firstWord, ...otherWords], filter).as('page'))
      .innerJoin('salarie', 'salarie.id', 'page.id')
      .leftJoin('referent', 'referent.id', 'salarie.referent_id')
      .select(LIST_COLUMNS)
      .select('page.total')
      .orderBy('page.search_key')
      .orderBy('page.id')
      .execute();
    const first = rows[0];
    if (first !== undefined || filter.offset === 0) return { total: Number(first?.total ?? 0), rows };
    // A page past the end: the count comes from the general path below.
  }
  const base = filtered(db, filter);
  if (filter.words.length > 0) {
    // A search narrows to a few hundred people whom the page must sort anyway: one pass counts them (window
    // function, evaluated before LIMIT) and picks the page, from the index (id, status, search_key) (migration
    // 0080) — only the page's rows are then read from the table, instead of every match, twice.
    const page = ordered(base.select(['salarie.id', sql<number>`count(*) over ()`.as('total')]), filter.sort).limit(filter.limit).offset(filter.offset);
    const rows = await ordered(
      db
        .selectFrom(page.as('page'))
        .innerJoin('salarie', 'salarie.id', 'page.id')
        .leftJoin('referent', 'referent.id', 'salarie.referent_id')
        .select(LIST_COLUMNS)
        .select('page.total'),
      filter.sort,
    ).execute();
    const first = rows[0];
    if (first !== undefined || filter.offset === 0) return { total: Number(first?.total ?? 0), rows };
  }
  const counted = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  // Deferred join: the offset walks an index covering (status, search_key, id) (migration 0070) and only the
  // page's 200 rows are read — `LIMIT/OFFSET` over the full rows read every row before the page (2–3 s deep
  // in 100 000 salariés).
  const page = ordered(base.select('salarie.id'), filter.sort).limit(filter.limit).offset(filter.offset);
  const rows = await ordered(
    db.selectFrom('salarie').leftJoin('referent', 'referent.id', 'salarie.referent_id').select(LIST_COLUMNS).where('salarie.id', 'in', page),
    filter.sort,
  ).execute();
  return { total: Number(counted.total), rows };
}

/**
 * The ids of one CIP's live salariés, from the covering index salarie_referent (migration 0140): her week and her
 * immersions' evaluations are found from them rather than from everyone's rows of the period.
 */
export function caseloadIdsOf(db: AppDb, referentId: string) {
  return db.selectFrom('salarie as mine').select('mine.id').where('mine.referent_id', '=', referentId).where('mine.deleted_at', 'is', null);
}

/** Live salariés that may have an alert (dashboard), optionally for one référent, with what their snapshot needs. */
export async function listAlertCandidates(db: AppDb, dates: AlertFilterDates, referentId: string | null) {
  let query = db
    .selectFrom('salarie')
    .select([
      'salarie.id',
      'salarie.last_name',
      'salarie.first_name',
      'salarie.last_entretien_date',
      'salarie.planned_exit_date',
      'salarie.exit_date',
    ])
    .where('salarie.deleted_at', 'is', null)
    .where((eb) => mayHaveAlerts(eb, dates));
  if (referentId) query = query.where('salarie.referent_id', '=', referentId);
  return query.execute();
}

export async function findSalarie(db: AppDb, id: string, options: { includeDeleted?: boolean } = {}): Promise<SalarieWithReferent | null> {
  let query = db
    .selectFrom('salarie')
    .leftJoin('referent', 'referent.id', 'salarie.referent_id')
    .selectAll('salarie')
    .select('referent.display_name as referent_name')
    .where('salarie.id', '=', id);
  if (!options.includeDeleted) query = query.where('salarie.deleted_at', 'is', null);
  return (await query.executeTakeFirst()) ?? null;
}

/** Columns a new salarié starts with; the summary caches are filled by the parcours writes. */
export type NewSalarieRow = Omit<
  SalarieRow,
  'siae_kind' | 'pass_end' | 'contract_end' | 'last_entretien_date' | 'planned_exit_date' | 'exit_date' | 'status' | 'deleted_at'
>;

export async function insertSalarie(db: AppDb, row: NewSalarieRow): Promise<void> {
  await db.insertInto('salarie').values({ ...row, status: 'en_parcours' }).execute();
}

export async function updateSalarie(db: AppDb, id: string, patch: Partial<Omit<SalarieRow, 'id' | 'created_at'>>): Promise<void> {
  await db.updateTable('salarie').set(patch).where('id', '=', id).execute();
}

export async function replaceSearchTokens(db: AppDb, salarieId: string, tokens: readonly string[]): Promise<void> {
  await db.deleteFrom('salarie_search_token').where('salarie_id', '=', salarieId).execute();
  if (tokens.length > 0) {
    await db
      .insertInto('salarie_search_token')
      .values(tokens.map((token) => ({ token, salarie_id: salarieId })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

export async function readConfidentialNote(db: AppDb, id: string): Promise<string | null> {
  const row = await db.selectFrom('salarie').select('confidential_note').where('id', '=', id).executeTakeFirst();
  return row?.confidential_note ?? null;
}

// ── Dashboard counts (live salariés only) ───────────────────────────────────────

export async function countEnParcours(db: AppDb, referentId: string | null): Promise<number> {
  let query = db
    .selectFrom('salarie')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .where('status', '=', 'en_parcours');
  if (referentId) query = query.where('referent_id', '=', referentId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function countEntries(db: AppDb, from: string, to: string, referentId: string | null): Promise<number> {
  let query = db
    .selectFrom('salarie')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .where('entry_date', '>=', from)
    .where('entry_date', '<=', to);
  if (referentId) query = query.where('referent_id', '=', referentId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

export async function countExits(db: AppDb, from: string, to: string, referentId: string | null): Promise<number> {
  let query = db
    .selectFrom('salarie')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .where('exit_date', '>=', from)
    .where('exit_date', '<=', to);
  if (referentId) query = query.where('referent_id', '=', referentId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** En parcours with a PASS IAE ending between `from` and `to` (inclusive). */
export async function countPassEnding(db: AppDb, from: string, to: string, referentId: string | null): Promise<number> {
  let query = db
    .selectFrom('salarie')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('deleted_at', 'is', null)
    .where('status', '=', 'en_parcours')
    .where('pass_end', '>=', from)
    .where('pass_end', '<=', to);
  if (referentId) query = query.where('referent_id', '=', referentId);
  return Number((await query.executeTakeFirstOrThrow()).n);
}
