import { sql } from 'kysely';
import type { HubMigration } from './types';

/**
 * Every released vintage of a period's federation report, with the cells it released, so the
 * next vintage is audited against it (A4: differencing between vintages) and keeps its mask.
 */
export const releasedVintages: HubMigration = {
  version: 3,
  name: 'released-vintages',
  async up(db) {
    await db.schema
      .createTable('released_vintages')
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('vintage', 'integer', (c) => c.notNull())
      .addColumn('released_at', 'text', (c) => c.notNull())
      // SHA-256 of the current bundles (id, region) and the policy: same inputs → same vintage.
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      // JSON [[bundle_id, structure_id, region_code], …]: the bundles it aggregated.
      .addColumn('bundles', 'text', (c) => c.notNull())
      // JSON of the aggregation as released (levels, dropped tables, audit).
      .addColumn('result', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('released_vintages_pk', ['period_key', 'vintage'])
      .execute();

    await db.schema
      .createTable('released_cells')
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('vintage', 'integer', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('table_id', 'text', (c) => c.notNull())
      .addColumn('cell_key', 'text', (c) => c.notNull())
      .addColumn('value', 'integer')
      .addColumn('flag', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('released_cells_pk', ['period_key', 'vintage', 'level', 'table_id', 'cell_key'])
      .addCheckConstraint('released_cells_flag', sql`flag in ('V', 'A', 'B', 'D', 'N')`)
      // A masked cell never carries its value, even in the hub's own tables.
      .addCheckConstraint('released_cells_value', sql`(flag = 'V' and value is not null and value >= 0) or (flag <> 'V' and value is null)`)
      .addForeignKeyConstraint('released_cells_vintage', ['period_key', 'vintage'], 'released_vintages', ['period_key', 'vintage'])
      .execute();
  },
};
