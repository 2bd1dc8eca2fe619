import type { Migration } from './types';

/**
 * Entretiens (above all tripartite ones) with participants, objectives, documents and next steps;
 * the partners directory (organisations and their several contacts).
 */
export const m0030Entretiens: Migration = {
  version: 30,
  name: 'entretiens',
  up(db) {
    db.exec(`
      CREATE TABLE organisation (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        search_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        siret TEXT,
        naf_code TEXT,
        commune_insee TEXT,
        address TEXT,
        size_band TEXT,
        notes TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;
      CREATE INDEX organisation_search ON organisation(search_key) WHERE deleted_at IS NULL;

      -- Several contacts per organisation: staff turnover is what breaks partnerships.
      CREATE TABLE contact (
        id TEXT PRIMARY KEY NOT NULL,
        organisation_id TEXT NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        role TEXT,
        phone TEXT,
        email TEXT,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        notes TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX contact_organisation ON contact(organisation_id);

      CREATE TABLE entretien (
        id TEXT PRIMARY KEY NOT NULL,
        salarie_id TEXT REFERENCES salarie(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        moment TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('planifie', 'tenu', 'manque', 'annule')),
        date TEXT NOT NULL,
        start_time TEXT,
        duration_minutes INTEGER,
        place_kind TEXT,
        place_detail TEXT,
        title TEXT,
        decisions TEXT,
        -- Confidential by default: excluded from prints unless the user ticks them in.
        notes TEXT,
        missed_reason TEXT,
        link_type TEXT,
        link_id TEXT,
        next_entretien_id TEXT REFERENCES entretien(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX entretien_salarie ON entretien(salarie_id, date);
      CREATE INDEX entretien_date ON entretien(date, start_time);

      CREATE TABLE entretien_participant (
        id TEXT PRIMARY KEY NOT NULL,
        entretien_id TEXT NOT NULL REFERENCES entretien(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        salarie_id TEXT REFERENCES salarie(id) ON DELETE CASCADE,
        referent_id TEXT REFERENCES referent(id),
        organisation_id TEXT REFERENCES organisation(id),
        contact_id TEXT REFERENCES contact(id),
        display_name TEXT NOT NULL,
        rank INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX entretien_participant_entretien ON entretien_participant(entretien_id);
      CREATE INDEX entretien_participant_organisation ON entretien_participant(organisation_id);

      CREATE TABLE entretien_objective (
        id TEXT PRIMARY KEY NOT NULL,
        entretien_id TEXT NOT NULL REFERENCES entretien(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        deadline TEXT,
        conditions TEXT,
        rank INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX entretien_objective_entretien ON entretien_objective(entretien_id);

      CREATE TABLE entretien_document (
        id TEXT PRIMARY KEY NOT NULL,
        entretien_id TEXT NOT NULL REFERENCES entretien(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        direction TEXT NOT NULL CHECK (direction IN ('remis', 'a_produire')),
        rank INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE entretien_frein (
        entretien_id TEXT NOT NULL REFERENCES entretien(id) ON DELETE CASCADE,
        frein_id TEXT NOT NULL REFERENCES frein(id) ON DELETE CASCADE,
        PRIMARY KEY (entretien_id, frein_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX entretien_frein_frein ON entretien_frein(frein_id);

      -- Hires: where a sortie led (employer), for the partner's history.
      ALTER TABLE sortie ADD COLUMN employer_organisation_id TEXT REFERENCES organisation(id);
    `);
  },
};
