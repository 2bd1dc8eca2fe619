import type { Migration } from './types';

/**
 * Key rotation of the enrolled device (issue #7). The new key pair is written here BEFORE the hub
 * is asked to switch, so a crash between the hub's answer and the local commit never loses the
 * key the hub now expects; the next pass finds the pending pair and finishes the rotation.
 * Like the current key, it lives only inside the encrypted database.
 */
export const m0110SyncKeyRotation: Migration = {
  version: 110,
  name: 'sync-key-rotation',
  up(db) {
    db.exec(`
      ALTER TABLE sync_device ADD COLUMN pending_private_key TEXT;
      ALTER TABLE sync_device ADD COLUMN pending_public_key TEXT;
      ALTER TABLE sync_device ADD COLUMN pending_key_since TEXT;
      ALTER TABLE sync_device ADD COLUMN key_rotated_at TEXT;
    `);
  },
};
