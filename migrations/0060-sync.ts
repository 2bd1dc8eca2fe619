import type { Migration } from './types';

/**
 * Sync with the regional hub (design note C(b)): the enrolled device (one row) and the outbox of
 * signed envelopes. The device private key lives here, inside the encrypted database, and
 * nowhere else. The envelope is stored as the exact signed bytes and never re-serialised.
 */
export const m0060Sync: Migration = {
  version: 60,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_device (
        id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
        hub_url TEXT NOT NULL,
        device_id TEXT NOT NULL,
        device_label TEXT NOT NULL,
        structure_id TEXT NOT NULL,
        structure_name TEXT NOT NULL,
        region_code TEXT NOT NULL,
        hub_public_key TEXT NOT NULL,
        private_key TEXT NOT NULL,
        public_key TEXT NOT NULL,
        catalogue_version TEXT,
        enrolled_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('enrolled', 'reenrol_required'))
      ) STRICT;

      CREATE TABLE outbox (
        bundle_id TEXT PRIMARY KEY NOT NULL,
        period TEXT NOT NULL,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        structure_id TEXT NOT NULL,
        envelope TEXT NOT NULL,
        content_sha256 TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'acked', 'rejected', 'superseded')),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT NOT NULL,
        last_error_code TEXT,
        last_error_message TEXT,
        receipt TEXT,
        created_at TEXT NOT NULL,
        acked_at TEXT,
        UNIQUE (period, revision)
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
    `);
  },
};
