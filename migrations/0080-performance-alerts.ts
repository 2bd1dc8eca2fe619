import type { Migration } from './types';

/**
 * More indexes for a large group's store, after 0070 (found by the second `npm run bench` at scale 1; a migration
 * of its own because 0070 was already committed — stores at version 70 get them too):
 * - the alert inputs of a page of the caseload or of a dashboard read open actions and exit-preparation
 *   ones, and open freins: partial indexes hold only those (most actions are done follow-ups, most freins
 *   closed), so the rows skipped are not read at all. The queries spell the same conditions with literals
 *   (repositories/actions.ts, freins.ts): SQLite uses a partial index only when it can prove its WHERE;
 * - a search checks status and sorts by name for every salarié its words match: (id, status, search_key)
 *   answers that from the index, and only the page's rows are read from the table.
 */
export const m0080PerformanceAlerts: Migration = {
  version: 80,
  name: 'performance-alerts',
  up(db) {
    db.exec(`
      CREATE INDEX action_alert_inputs ON action(salarie_id) WHERE done_date IS NULL OR kind = 'preparation_sortie';
      CREATE INDEX frein_open ON frein(salarie_id) WHERE status IN ('identified', 'in_progress');
      CREATE INDEX salarie_search_page ON salarie(id, status, search_key) WHERE deleted_at IS NULL;
    `);
  },
};
