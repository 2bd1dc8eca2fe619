import type { SqliteDatabase } from '../db/open';
import { BULK_TABLE_ORDER, type TableName, type TableRow } from './bulk-salaries';

/*
 * The demo generator's writer for datasets of ten million rows (the benchmark's large group):
 * rows are buffered per table and written parents first with multi-row INSERT statements
 * (ROWS_PER_STATEMENT rows per call: the per-statement cost of binding and running a VDBE program
 * is paid once per batch — about 40 % less CPU per row than one statement per row).
 */

/** Parents first (foreign keys), then children; tables not listed are written last, in first-use order. */
export const DEMO_TABLE_ORDER: readonly TableName[] = [
  ...BULK_TABLE_ORDER,
  'organisation',
  'contact',
  'grid_template',
  'grid_template_version',
  'immersion',
  'immersion_step',
  'immersion_grid',
  'immersion_grid_item',
  'immersion_evaluation',
  'immersion_rating',
  'immersion_bilan',
  'entretien',
  'entretien_participant',
  'entretien_objective',
];

type SqlValue = string | number | null;
/** SQLite's default limit is 32 766 bound parameters; 32 rows of ≤ 30 columns stay far below it. */
const ROWS_PER_STATEMENT = 32;

interface Shape {
  columns: string[];
  one: { run(values: SqlValue[]): unknown };
  many: { run(values: SqlValue[]): unknown };
  /** Reused for every batch: better-sqlite3 copies bound values. */
  values: SqlValue[];
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

/** Buffers rows (a RowSink) and writes them with batched statements; callers own the transaction. */
export class BatchedBulkWriter {
  readonly #sqlite: SqliteDatabase;
  readonly #rows = new Map<TableName, Record<string, unknown>[]>();
  readonly #shapes = new Map<string, Shape>();
  readonly #counts = new Map<TableName, number>();

  constructor(sqlite: SqliteDatabase) {
    this.#sqlite = sqlite;
  }

  add<T extends TableName>(table: T, row: TableRow<T>): void {
    let list = this.#rows.get(table);
    if (!list) {
      list = [];
      this.#rows.set(table, list);
    }
    list.push(row as Record<string, unknown>);
  }

  /** Writes every buffered row, parents first, and empties the buffer. */
  flush(): void {
    const order = [...DEMO_TABLE_ORDER, ...[...this.#rows.keys()].filter((t) => !DEMO_TABLE_ORDER.includes(t))];
    for (const table of order) {
      const list = this.#rows.get(table);
      if (list && list.length > 0) this.#write(table, list);
    }
    this.#rows.clear();
  }

  counts(): Map<TableName, number> {
    return new Map(this.#counts);
  }

  total(): number {
    let sum = 0;
    for (const n of this.#counts.values()) sum += n;
    return sum;
  }

  #write(table: TableName, rows: readonly Record<string, unknown>[]): void {
    let start = 0;
    while (start < rows.length) {
      const shape = this.#shape(table, Object.keys(rows[start] as Record<string, unknown>));
      // The run of rows sharing this shape (rows of one table almost always do).
      let end = start + 1;
      while (end < rows.length && hasExactly(rows[end] as Record<string, unknown>, shape.columns)) end += 1;
      const { columns, values } = shape;
      const width = columns.length;
      let i = start;
      for (; i + ROWS_PER_STATEMENT <= end; i += ROWS_PER_STATEMENT) {
        for (let r = 0; r < ROWS_PER_STATEMENT; r += 1) {
          const row = rows[i + r] as Record<string, unknown>;
          for (let c = 0; c < width; c += 1) {
            const v = row[columns[c] as string];
            values[r * width + c] = v === undefined ? null : (v as SqlValue);
          }
        }
        shape.many.run(values);
      }
      const single = new Array<SqlValue>(width);
      for (; i < end; i += 1) {
        const row = rows[i] as Record<string, unknown>;
        for (let c = 0; c < width; c += 1) {
          const v = row[columns[c] as string];
          single[c] = v === undefined ? null : (v as SqlValue);
        }
        shape.one.run(single);
      }
      this.#counts.set(table, (this.#counts.get(table) ?? 0) + (end - start));
      start = end;
    }
  }

  #shape(table: TableName, columns: string[]): Shape {
    const signature = `${table}(${columns.join(',')})`;
    let shape = this.#shapes.get(signature);
    if (!shape) {
      // Table and column names come from the typed schema (keyof DB), never from user input.
      const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const one = this.#sqlite.prepare(head + tuple);
      const many = this.#sqlite.prepare(head + new Array<string>(ROWS_PER_STATEMENT).fill(tuple).join(', '));
      shape = {
        columns,
        one: { run: (values) => one.run(values) },
        many: { run: (values) => many.run(values) },
        values: new Array<SqlValue>(ROWS_PER_STATEMENT * columns.length),
      };
      this.#shapes.set(signature, shape);
    }
    return shape;
  }
}

/**
 * For filling a new, empty store only (with withFreshStoreBulkLoad): foreign keys are not checked
 * row by row during the load (each check is an index look-up; the generator's output is checked by
 * its tests with `PRAGMA foreign_key_check`). The pragma only changes outside a transaction, so this
 * wraps the caller's transaction; it is back on afterwards whatever happens.
 */
export async function withoutForeignKeyChecks<T>(sqlite: SqliteDatabase, work: () => Promise<T>): Promise<T> {
  const enabled = Number(sqlite.pragma('foreign_keys', { simple: true })) === 1;
  sqlite.pragma('foreign_keys = OFF');
  try {
    return await work();
  } finally {
    if (enabled) sqlite.pragma('foreign_keys = ON');
  }
}

/**
 * Inside withFreshStoreBulkLoad (which restores the cache size afterwards): a 512 MiB page cache, so the
 * indexes filled in random order (dates, names) stay in memory instead of being written, read back and
 * decrypted again — about 10 % of the generation's CPU at 3 million rows, more beyond.
 */
export function useLargeBulkLoadCache(sqlite: SqliteDatabase): void {
  sqlite.pragma(`cache_size = -${512 * 1024}`);
}

/** Violations of foreign keys in the whole store (empty when consistent); for the generator's tests. */
export function foreignKeyViolations(sqlite: SqliteDatabase): unknown[] {
  return sqlite.pragma('foreign_key_check') as unknown[];
}
