import type { Insertable } from 'kysely';
import type { SqliteDatabase } from '../db/open';
import type { AppDb, DB } from '../db/schema';

/*
 * Bulk writes for the CSV import and the demo generator: raw better-sqlite3 prepared statements,
 * prepared once per table and reused for every row (Kysely compiles and prepares each query anew,
 * which is ~20× slower at 10⁵ rows). Callers run these inside one transaction they own.
 */

export type TableName = keyof DB & string;
export type TableRow<T extends TableName> = Insertable<DB[T]>;
type SqlValue = string | number | null;

/**
 * Parent tables before children, so foreign keys hold at every statement. Tables not listed
 * (added by later migrations) are written after these, in the order they were first used.
 */
export const BULK_TABLE_ORDER: readonly TableName[] = [
  'structure',
  'annexe_financiere',
  'referent',
  'salarie',
  'salarie_search_token',
  'situation',
  'pass_iae',
  'pass_iae_suspension',
  'pass_iae_prolongation',
  'contract',
  'frein',
  'frein_action',
  'projet',
  'projet_target',
  'formation',
  'sortie',
  'sortie_follow_up',
  'action',
];

interface Prepared {
  columns: string[];
  /** Reused for every row: better-sqlite3 copies bound values, so one array per statement suffices. */
  values: SqlValue[];
  run(values: SqlValue[]): void;
}

/** Inserts rows table by table with cached statements. */
export class BulkWriter {
  readonly #sqlite: SqliteDatabase;
  readonly #statements = new Map<string, Prepared>();
  /** The last statement used per table: rows of one table share their shape. */
  readonly #last = new Map<TableName, Prepared>();
  readonly #counts = new Map<TableName, number>();

  constructor(sqlite: SqliteDatabase) {
    this.#sqlite = sqlite;
  }

  insert<T extends TableName>(table: T, row: TableRow<T>): void {
    this.#write(table, row as Record<string, unknown>);
  }

  /** Untyped variant for rows already typed when they were buffered (RowBuffer). */
  insertRecord(table: TableName, row: Record<string, unknown>): void {
    this.#write(table, row);
  }

  /** Rows written so far, per table. */
  counts(): Map<TableName, number> {
    return new Map(this.#counts);
  }

  total(): number {
    let sum = 0;
    for (const n of this.#counts.values()) sum += n;
    return sum;
  }

  #write(table: TableName, row: Record<string, unknown>): void {
    let prepared = this.#last.get(table);
    // Fast path: the row has exactly the columns of the table's last statement (no key array allocated).
    if (!prepared || !hasExactly(row, prepared.columns)) {
      prepared = this.#prepare(table, Object.keys(row));
      this.#last.set(table, prepared);
    }
    const { columns, values } = prepared;
    for (let i = 0; i < columns.length; i += 1) {
      const v = row[columns[i] as string];
      values[i] = v === undefined ? null : (v as SqlValue);
    }
    prepared.run(values);
    this.#counts.set(table, (this.#counts.get(table) ?? 0) + 1);
  }

  #prepare(table: TableName, columns: string[]): Prepared {
    const signature = `${table}(${columns.join(',')})`;
    let prepared = this.#statements.get(signature);
    if (!prepared) {
      // Table and column names come from the typed schema (keyof DB), never from user input.
      const stmt = this.#sqlite.prepare(
        `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      prepared = { columns, values: new Array<SqlValue>(columns.length), run: (values) => void stmt.run(values) };
      this.#statements.set(signature, prepared);
    }
    return prepared;
  }
}

/** Same own keys as `columns`, in any order. */
function hasExactly(row: Record<string, unknown>, columns: readonly string[]): boolean {
  let count = 0;
  for (const key in row) {
    if (!Object.hasOwn(row, key)) return false;
    count += 1;
  }
  if (count !== columns.length) return false;
  for (const c of columns) if (!Object.hasOwn(row, c)) return false;
  return true;
}

/** Rows grouped by table, flushed parents first (see BULK_TABLE_ORDER). */
export class RowBuffer {
  readonly #rows = new Map<TableName, Record<string, unknown>[]>();

  add<T extends TableName>(table: T, row: TableRow<T>): void {
    let list = this.#rows.get(table);
    if (!list) {
      list = [];
      this.#rows.set(table, list);
    }
    list.push(row as Record<string, unknown>);
  }

  /** Writes every buffered row and empties the buffer. */
  flushTo(writer: BulkWriter): void {
    const order = [...BULK_TABLE_ORDER, ...[...this.#rows.keys()].filter((t) => !BULK_TABLE_ORDER.includes(t))];
    for (const table of order) {
      const list = this.#rows.get(table);
      if (!list) continue;
      for (const row of list) writer.insertRecord(table, row);
    }
    this.#rows.clear();
  }
}

/**
 * For filling a new, empty store (the demo generator) only: a 64 MB page cache, the rollback journal
 * in memory and no fsync until the end, then back to WAL + synchronous FULL. Writing 10⁶ rows this
 * way skips the WAL copy of every page; a crash in the middle can leave the file unusable, which is
 * acceptable only because it held nothing before. Never use it on a store with user data.
 */
export async function withFreshStoreBulkLoad<T>(sqlite: SqliteDatabase, work: () => Promise<T>): Promise<T> {
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  try {
    return await work();
  } finally {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${Number(synchronous)}`);
    sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  }
}

// ── Reads used before a bulk write (Kysely: few, small queries) ─────────────────

export interface NameKeyMatch {
  id: string;
  search_key: string;
  birth_date: string | null;
}

/** Live salariés whose search key is one of `searchKeys` (duplicate detection before an import). */
export async function findSalariesBySearchKeys(db: AppDb, searchKeys: readonly string[]): Promise<NameKeyMatch[]> {
  const unique = [...new Set(searchKeys)];
  const out: NameKeyMatch[] = [];
  // SQLite limits bound parameters per statement; 500 keeps every chunk well below it.
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db
      .selectFrom('salarie')
      .select(['id', 'search_key', 'birth_date'])
      .where('deleted_at', 'is', null)
      .where('search_key', 'in', chunk)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    out.push(...rows);
  }
  return out;
}

export async function countSalaries(db: AppDb): Promise<number> {
  const row = await db.selectFrom('salarie').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
