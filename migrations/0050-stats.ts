import type { Migration } from './types';

/**
 * Anonymised statistics bundles, one row per confirmed revision of a period. The canonical JSON
 * (RFC 8785) is stored as built: those are the exact bytes the sync feature will hash, sign and
 * send (its outbox is added on top of this table). Rows are never updated.
 * Also adds covering indexes so statistics read codes without touching wide rows.
 */
export const m0050Stats: Migration = {
  version: 50,
  name: 'stats',
  up(db) {
    db.exec(`
      CREATE TABLE stats_bundle (
        id TEXT PRIMARY KEY NOT NULL,
        period_kind TEXT NOT NULL CHECK (period_kind IN ('year', 'half', 'quarter')),
        period_year INTEGER NOT NULL,
        period_index INTEGER NOT NULL CHECK (period_index BETWEEN 1 AND 4),
        revision INTEGER NOT NULL CHECK (revision >= 1),
        catalogue_version TEXT NOT NULL,
        canonical_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (period_kind, period_year, period_index, revision)
      ) STRICT;
      CREATE TRIGGER stats_bundle_no_update BEFORE UPDATE ON stats_bundle
        BEGIN SELECT RAISE(ABORT, 'stats_bundle rows are immutable'); END;

      -- Covering indexes for reading a period's statistics: the rows they skip are wide (names,
      -- notes, details) and encrypted page by page, so index-only reads are several times faster.
      CREATE INDEX salarie_stats ON salarie(entry_date, exit_date, deleted_at, id, sex, birth_date, qpv, zrr) WHERE deleted_at IS NULL;
      CREATE INDEX entretien_stats ON entretien(date, status, kind, salarie_id);
      CREATE INDEX frein_stats ON frein(salarie_id, identified_date, closed_date, kind, status, id);
      CREATE INDEX frein_action_stats ON frein_action(frein_id, date, mode);
    `);
  },
};
