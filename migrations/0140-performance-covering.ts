import type { Migration } from './types';

/**
 * Covering indexes for what one CIP's screens read (issue #9, `npm run bench` at scale 1): rows were found in an
 * index, then read again from their table only for a column the index lacked. The names stay:
 * - the alert rules' inputs for a page of the caseload and a dashboard (open freins, open and exit-preparation
 *   actions, contracts): contract_stats gains `kind`; frein_open and action_alert_inputs keep their conditions
 *   (repositories/alert-inputs.ts spells them with the same literals) and gain the columns read (a page of 50:
 *   ≈ 1.8 → 1.3 ms);
 * - a CIP's salariés by référent now give their ids from the index (the agenda and the dashboard start from
 *   them), and their immersions give id and status: the week's evaluations are found without reading every
 *   immersion row of the caseload.
 */
export const m0140PerformanceCovering: Migration = {
  version: 140,
  name: 'performance-covering',
  up(db) {
    db.exec(`
      DROP INDEX contract_stats;
      CREATE INDEX contract_stats ON contract(salarie_id, start_date, id, end_date, hours_worked, annexe_id, kind);
      DROP INDEX frein_open;
      CREATE INDEX frein_open ON frein(salarie_id, identified_date, id, kind, status) WHERE status IN ('identified', 'in_progress');
      DROP INDEX action_alert_inputs;
      CREATE INDEX action_alert_inputs ON action(salarie_id, due_date, id, kind, done_date, label) WHERE done_date IS NULL OR kind = 'preparation_sortie';
      DROP INDEX salarie_referent;
      -- deleted_at (always null here) lets SQLite see the index as covering the subqueries' condition.
      CREATE INDEX salarie_referent ON salarie(referent_id, id, deleted_at) WHERE deleted_at IS NULL;
      DROP INDEX immersion_salarie;
      CREATE INDEX immersion_salarie ON immersion(salarie_id, start_date, id, status);
    `);
  },
};
