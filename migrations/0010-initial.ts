import type { Migration } from './types';

export const m0010Initial: Migration = {
  version: 10,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE setting (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
      ) STRICT;

      -- Append-only: who did what, when. Triggers refuse edits so a bug cannot rewrite history.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT,
        detail TEXT
      ) STRICT;
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

      CREATE TABLE referent (
        id TEXT PRIMARY KEY NOT NULL,
        display_name TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE salarie (
        id TEXT PRIMARY KEY NOT NULL,
        last_name TEXT NOT NULL,
        first_name TEXT NOT NULL,
        birth_name TEXT,
        sex TEXT,
        birth_date TEXT,
        -- Accent- and case-folded "nom prénom" for search-as-you-type.
        search_key TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'en_parcours' CHECK (status IN ('en_parcours', 'sorti')),
        entry_date TEXT,
        referent_id TEXT REFERENCES referent(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX salarie_search ON salarie(search_key) WHERE deleted_at IS NULL;
      CREATE INDEX salarie_status ON salarie(status, search_key) WHERE deleted_at IS NULL;
      CREATE INDEX salarie_referent ON salarie(referent_id) WHERE deleted_at IS NULL;
    `);
  },
};
