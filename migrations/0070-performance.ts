import type { Migration } from './types';

/**
 * Indexes for a large group's store (100 000 salariés, a million entretiens), found with `npm run bench`.
 * - The caseload's order (search_key, id), with and without the status filter, fully in the index: a page
 *   deep in the list skips its offset inside the index (deferred join in repositories/salaries.ts) instead
 *   of reading every row before it. They replace the indexes on (search_key) and (status, search_key),
 *   which are their prefixes.
 */
export const m0070Performance: Migration = {
  version: 70,
  name: 'performance',
  up(db) {
    db.exec(`
      CREATE INDEX salarie_name_order ON salarie(search_key, id) WHERE deleted_at IS NULL;
      CREATE INDEX salarie_status_name_order ON salarie(status, search_key, id) WHERE deleted_at IS NULL;
      DROP INDEX salarie_search;
      DROP INDEX salarie_status;
    `);
  },
};
