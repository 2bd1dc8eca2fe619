import type { Migration } from './types';

/**
 * The salarié's parcours: structure settings, situation at entry, PASS IAE, contracts, freins,
 * projet, formations, sortie and follow-ups, dated actions. Codes are stored verbatim (ASP codes
 * where they exist); labels live in shared/domain.
 */
export const m0020Parcours: Migration = {
  version: 20,
  name: 'parcours',
  up(db) {
    db.exec(`
      CREATE TABLE structure (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        siret TEXT,
        siae_kind TEXT NOT NULL,
        region_code TEXT,
        departement_code TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE annexe_financiere (
        id TEXT PRIMARY KEY NOT NULL,
        number TEXT NOT NULL,
        measure TEXT NOT NULL,
        start_date TEXT NOT NULL,
        end_date TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      ALTER TABLE salarie ADD COLUMN commune_insee TEXT;
      ALTER TABLE salarie ADD COLUMN qpv INTEGER NOT NULL DEFAULT 0 CHECK (qpv IN (0, 1));
      ALTER TABLE salarie ADD COLUMN zrr INTEGER NOT NULL DEFAULT 0 CHECK (zrr IN (0, 1));
      ALTER TABLE salarie ADD COLUMN phone TEXT;
      ALTER TABLE salarie ADD COLUMN email TEXT;
      -- Free note, confidential by default: never printed for employers, never in statistics.
      ALTER TABLE salarie ADD COLUMN confidential_note TEXT;
      -- Summary caches, rewritten by the parcours service after every write that changes them,
      -- so that lists, sorting and alert filters stay index-friendly on 100 000 rows.
      ALTER TABLE salarie ADD COLUMN siae_kind TEXT;
      ALTER TABLE salarie ADD COLUMN pass_end TEXT;
      ALTER TABLE salarie ADD COLUMN contract_end TEXT;
      ALTER TABLE salarie ADD COLUMN last_entretien_date TEXT;
      ALTER TABLE salarie ADD COLUMN planned_exit_date TEXT;
      ALTER TABLE salarie ADD COLUMN exit_date TEXT;
      CREATE INDEX salarie_pass_end ON salarie(pass_end) WHERE deleted_at IS NULL;
      CREATE INDEX salarie_entry ON salarie(entry_date) WHERE deleted_at IS NULL;

      -- Every folded word of nom, prénom and nom de naissance: prefix search by index range.
      CREATE TABLE salarie_search_token (
        token TEXT NOT NULL,
        salarie_id TEXT NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        PRIMARY KEY (token, salarie_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX salarie_search_token_salarie ON salarie_search_token(salarie_id);

      CREATE TABLE situation (
        salarie_id TEXT PRIMARY KEY NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        education_level TEXT,
        prescriber_type TEXT,
        is_employed INTEGER NOT NULL DEFAULT 0,
        employer_type TEXT,
        unemployed_since TEXT,
        resourceless INTEGER NOT NULL DEFAULT 0,
        france_travail_registered INTEGER NOT NULL DEFAULT 0,
        france_travail_since TEXT,
        rqth INTEGER NOT NULL DEFAULT 0,
        oeth INTEGER NOT NULL DEFAULT 0,
        rsa TEXT NOT NULL DEFAULT 'NON',
        rsa_since TEXT,
        ass INTEGER NOT NULL DEFAULT 0,
        ass_since TEXT,
        aah INTEGER NOT NULL DEFAULT 0,
        aah_since TEXT,
        ase_exit INTEGER NOT NULL DEFAULT 0,
        isolated_parent INTEGER NOT NULL DEFAULT 0,
        housing_issue INTEGER NOT NULL DEFAULT 0,
        refugee INTEGER NOT NULL DEFAULT 0,
        detention_exit_or_ppsmj INTEGER NOT NULL DEFAULT 0,
        low_level_in_french INTEGER NOT NULL DEFAULT 0,
        mobility_issue INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE pass_iae (
        salarie_id TEXT PRIMARY KEY NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        number TEXT,
        start_date TEXT NOT NULL,
        base_end_date TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE pass_iae_suspension (
        id TEXT PRIMARY KEY NOT NULL,
        salarie_id TEXT NOT NULL REFERENCES pass_iae(salarie_id) ON DELETE CASCADE,
        start_date TEXT NOT NULL,
        end_date TEXT NOT NULL,
        reason TEXT NOT NULL,
        reason_explanation TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pass_iae_suspension_salarie ON pass_iae_suspension(salarie_id);

      CREATE TABLE pass_iae_prolongation (
        id TEXT PRIMARY KEY NOT NULL,
        salarie_id TEXT NOT NULL REFERENCES pass_iae(salarie_id) ON DELETE CASCADE,
        start_date TEXT NOT NULL,
        end_date TEXT NOT NULL,
        reason TEXT NOT NULL,
        reason_explanation TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX pass_iae_prolongation_salarie ON pass_iae_prolongation(salarie_id);

      CREATE TABLE contract (
        id TEXT PRIMARY KEY NOT NULL,
        salarie_id TEXT NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        siae_kind TEXT NOT NULL,
        annexe_id TEXT REFERENCES annexe_financiere(id),
        start_date TEXT NOT NULL,
        end_date TEXT,
        weekly_hours REAL,
        is_renewal INTEGER NOT NULL DEFAULT 0,
        referent_id TEXT REFERENCES referent(id),
        hours_worked REAL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX contract_salarie ON contract(salarie_id, start_date);

      CREATE TABLE frein (
        id TEXT PRIMARY KEY NOT NULL,
        salarie_id TEXT NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('identified', 'in_progress', 'lifted', 'abandoned')),
        identified_date TEXT NOT NULL,
        closed_date TEXT,
        -- Confidential for health and justice kinds: shown only on explicit request, logged.
        details TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX frein_salarie ON frein(salarie_id);

      CREATE TABLE frein_action (
        id TEXT PRIMARY KEY NOT NULL,
        frein_id TEXT NOT NULL REFERENCES frein(id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('internal', 'external')),
        partner TEXT,
        note TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX frein_action_frein ON frein_action(frein_id, date);

      CREATE TABLE projet (
        salarie_id TEXT PRIMARY KEY NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        note TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE projet_target (
        id TEXT PRIMARY KEY NOT NULL,
        salarie_id TEXT NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        rome_code TEXT NOT NULL,
        label TEXT NOT NULL,
        rank INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX projet_target_salarie ON projet_target(salarie_id, rank);

      CREATE TABLE formation (
        id TEXT PRIMARY KEY NOT NULL,
        salarie_id TEXT NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        organisme TEXT,
        kind TEXT NOT NULL,
        setting TEXT NOT NULL DEFAULT 'external' CHECK (setting IN ('internal', 'external')),
        start_date TEXT NOT NULL,
        end_date TEXT,
        hours REAL,
        certification_kind TEXT,
        certification_outcome TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX formation_salarie ON formation(salarie_id, start_date);

      CREATE TABLE sortie (
        salarie_id TEXT PRIMARY KEY NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        exit_date TEXT NOT NULL,
        motif TEXT NOT NULL,
        -- Derived from the motif with the shipped mapping; kept with the mapping version used.
        category TEXT NOT NULL,
        mapping_version TEXT NOT NULL,
        counts INTEGER NOT NULL CHECK (counts IN (0, 1)),
        counting_reason TEXT NOT NULL,
        hours_worked REAL,
        months_worked REAL,
        note TEXT,
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sortie_exit_date ON sortie(exit_date);

      CREATE TABLE sortie_follow_up (
        id TEXT PRIMARY KEY NOT NULL,
        salarie_id TEXT NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        offset_months INTEGER NOT NULL,
        due_date TEXT NOT NULL,
        done_date TEXT,
        situation TEXT,
        note TEXT,
        UNIQUE (salarie_id, offset_months)
      ) STRICT;

      -- Dated next steps with an owner (entretiens add theirs later); exit-preparation ones feed alerts.
      CREATE TABLE action (
        id TEXT PRIMARY KEY NOT NULL,
        salarie_id TEXT NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        label TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'suivi' CHECK (kind IN ('suivi', 'preparation_sortie')),
        owner TEXT,
        due_date TEXT NOT NULL,
        done_date TEXT,
        source_type TEXT,
        source_id TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX action_salarie ON action(salarie_id, due_date);
      CREATE INDEX action_open_due ON action(due_date) WHERE done_date IS NULL;

      -- Unsaved form drafts, kept in the encrypted store (never in browser storage) so nothing typed is lost.
      CREATE TABLE draft (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- ROME trades imported from the official open-data file (the shipped short list is in code).
      CREATE TABLE rome_entry (
        code TEXT PRIMARY KEY NOT NULL,
        label TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
