import type { Migration } from './types';

/**
 * Indexes for the read paths of a large group's store (issue #9, found with `npm run bench` at scale 1):
 * - the immersions list (phase, then start date, then id) counts and sorts every immersion of a phase — 3 600
 *   in progress — to show one page: immersion_list holds what that needs (and the salarié to check), so the
 *   immersion rows, wide with their texts and schedule, are not read.
 */
export const m0120PerformanceReads: Migration = {
  version: 120,
  name: 'performance-reads',
  up(db) {
    db.exec(`
      CREATE INDEX immersion_list ON immersion(status, start_date, id, salarie_id, objective);
    `);
  },
};
