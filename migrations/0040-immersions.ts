import type { Migration } from './types';

/**
 * Immersions (PMSMP) from preparation to bilan: the immersion and its Fiche 1 steps, the
 * evaluation grid templates (versioned) and each immersion's own grid, evaluations with their
 * ratings, and the bilan in Immersion Facilitée's assessment vocabulary.
 */
export const m0040Immersions: Migration = {
  version: 40,
  name: 'immersions',
  up(db) {
    db.exec(`
      -- A template lineage; its wording lives in immutable versions. Shipped templates are stored
      -- (under their fixed id) only once the user edits them or builds a grid from them.
      CREATE TABLE grid_template (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        search_key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('competences', 'satisfaction')),
        rome_code TEXT,
        rome_label TEXT,
        origin TEXT NOT NULL CHECK (origin IN ('shipped', 'user')),
        duplicated_from_id TEXT,
        current_version INTEGER NOT NULL,
        archived_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE grid_template_version (
        id TEXT PRIMARY KEY NOT NULL,
        template_id TEXT NOT NULL REFERENCES grid_template(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        rome_code TEXT,
        rome_label TEXT,
        -- Kind, description, scale and items as JSON, never updated: editing adds a version.
        content TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (template_id, version)
      ) STRICT;

      CREATE TABLE immersion (
        id TEXT PRIMARY KEY NOT NULL,
        salarie_id TEXT NOT NULL REFERENCES salarie(id) ON DELETE CASCADE,
        objective TEXT NOT NULL CHECK (objective IN ('discovery', 'skills_validation', 'recruitment')),
        rome_code TEXT,
        rome_label TEXT,
        host_organisation_id TEXT REFERENCES organisation(id),
        tutor_contact_id TEXT REFERENCES contact(id) ON DELETE SET NULL,
        -- Null: the SIAE itself prescribes the PMSMP for the person it employs.
        prescriber_organisation_id TEXT REFERENCES organisation(id),
        start_date TEXT,
        end_date TEXT,
        -- Weekly slots [{weekday, start, end}] as JSON.
        schedule TEXT NOT NULL DEFAULT '[]',
        schedule_note TEXT,
        place TEXT,
        activities TEXT,
        status TEXT NOT NULL CHECK (status IN ('brouillon', 'convention_a_signer', 'signee', 'en_cours', 'terminee', 'annulee')),
        cancel_reason TEXT,
        renewal_of_id TEXT REFERENCES immersion(id) ON DELETE SET NULL,
        -- Confidential: never printed, never exported, read on request (logged).
        notes TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX immersion_salarie ON immersion(salarie_id, start_date);
      CREATE INDEX immersion_host ON immersion(host_organisation_id);
      CREATE INDEX immersion_status ON immersion(status, start_date);
      CREATE INDEX immersion_renewal ON immersion(renewal_of_id);

      -- Fiche 1 steps ticked by hand (steps fulfilled by a record are derived, not stored).
      CREATE TABLE immersion_step (
        immersion_id TEXT NOT NULL REFERENCES immersion(id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        done_date TEXT NOT NULL,
        PRIMARY KEY (immersion_id, step)
      ) STRICT, WITHOUT ROWID;

      -- The immersion's own copy of a template version, individualised at the first tripartite.
      CREATE TABLE immersion_grid (
        id TEXT PRIMARY KEY NOT NULL,
        immersion_id TEXT NOT NULL UNIQUE REFERENCES immersion(id) ON DELETE CASCADE,
        template_version_id TEXT REFERENCES grid_template_version(id) ON DELETE SET NULL,
        template_name TEXT NOT NULL,
        template_version INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('competences', 'satisfaction')),
        scale TEXT NOT NULL,
        individualised_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE immersion_grid_item (
        id TEXT PRIMARY KEY NOT NULL,
        grid_id TEXT NOT NULL REFERENCES immersion_grid(id) ON DELETE CASCADE,
        template_item_key TEXT,
        section TEXT NOT NULL,
        label TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('modele', 'ajout')),
        rank INTEGER NOT NULL,
        -- Items already rated are kept (removed) so past evaluations still read.
        removed_at TEXT
      ) STRICT;
      CREATE INDEX immersion_grid_item_grid ON immersion_grid_item(grid_id, rank);

      CREATE TABLE immersion_evaluation (
        id TEXT PRIMARY KEY NOT NULL,
        immersion_id TEXT NOT NULL REFERENCES immersion(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('hebdomadaire', 'finale')),
        status TEXT NOT NULL CHECK (status IN ('planifiee', 'realisee')),
        date TEXT NOT NULL,
        start_time TEXT,
        -- [{role, name}] as JSON.
        evaluators TEXT NOT NULL DEFAULT '[]',
        salarie_opinion TEXT,
        host_opinion TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX immersion_evaluation_immersion ON immersion_evaluation(immersion_id, date);
      CREATE INDEX immersion_evaluation_date ON immersion_evaluation(date);

      CREATE TABLE immersion_rating (
        evaluation_id TEXT NOT NULL REFERENCES immersion_evaluation(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL REFERENCES immersion_grid_item(id) ON DELETE CASCADE,
        -- Wording and level as they were when evaluated: later rewording never changes them.
        item_label TEXT NOT NULL,
        item_section TEXT NOT NULL,
        level_code TEXT,
        level_label TEXT,
        comment TEXT,
        rank INTEGER NOT NULL,
        PRIMARY KEY (evaluation_id, item_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX immersion_rating_item ON immersion_rating(item_id);

      CREATE TABLE immersion_bilan (
        immersion_id TEXT PRIMARY KEY NOT NULL REFERENCES immersion(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('COMPLETED', 'PARTIALLY_COMPLETED', 'DID_NOT_SHOW')),
        last_day_of_presence TEXT,
        missed_hours REAL,
        ended_with_job INTEGER NOT NULL CHECK (ended_with_job IN (0, 1)),
        type_of_contract TEXT,
        contract_start_date TEXT,
        establishment_feedback TEXT,
        establishment_advices TEXT,
        beneficiary_agreement INTEGER CHECK (beneficiary_agreement IN (0, 1)),
        beneficiary_feedback TEXT,
        next_steps TEXT NOT NULL DEFAULT '[]',
        next_steps_note TEXT,
        written_on TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
