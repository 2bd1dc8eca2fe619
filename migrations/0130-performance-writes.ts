import type { Migration } from './types';

/**
 * Indexes for the statistics of a period and for the CSV import (issue #9, found with `npm run bench`):
 * - statistics read a year's formations and immersions by start date, and the contracts of the people
 *   present: covering indexes let them skip the wide rows (titles, notes, feedback texts), whose pages would
 *   otherwise all be read and decrypted — a whole-table scan for formations and immersions. contract_stats
 *   starts with contract_salarie's columns and replaces it;
 * - the soft-deleted salariés (excluded from the entretiens, formations and immersions of a period) were
 *   found by scanning the whole salarie table: a partial index holds only them (new rows, not deleted, never
 *   touch it);
 * - salarie_entry (entry_date, for the living) is the prefix of salarie_stats, with the same condition:
 *   every salarié written (an import of 10 000, the demo) paid for one more index than needed.
 */
export const m0130PerformanceWrites: Migration = {
  version: 130,
  name: 'performance-writes',
  up(db) {
    db.exec(`
      CREATE INDEX formation_stats ON formation(start_date, salarie_id, kind, certification_outcome, id);
      CREATE INDEX immersion_stats ON immersion(start_date, salarie_id, objective, status, host_organisation_id, id);
      CREATE INDEX contract_stats ON contract(salarie_id, start_date, id, end_date, hours_worked, annexe_id);
      DROP INDEX contract_salarie;
      CREATE INDEX salarie_deleted ON salarie(id) WHERE deleted_at IS NOT NULL;
      DROP INDEX salarie_entry;
    `);
  },
};
