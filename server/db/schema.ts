import type { Generated } from 'kysely';

/**
 * The hub's tables (Kysely types). Dialect-neutral column types: timestamps are ISO-8601 text,
 * booleans are 0/1 integers, binary data (the raw signed envelopes) is a Buffer.
 */
export interface HubDB {
  hub_schema_version: { id: number; version: number };
  structures: {
    structure_id: string;
    name: string;
    region_code: string;
    siae_kind: string | null;
    created_at: string;
  };
  enrolment_codes: {
    /** SHA-256 of the normalised code: the code itself is never stored. */
    code_hash: string;
    structure_id: string;
    created_at: string;
    expires_at: string;
    used_at: string | null;
    device_id: string | null;
  };
  devices: {
    device_id: string;
    structure_id: string;
    /** Raw Ed25519 public key, base64. */
    public_key: string;
    label: string;
    app_version: string;
    status: 'active' | 'revoked';
    enrolled_at: string;
    revoked_at: string | null;
  };
  bundles: {
    bundle_id: string;
    structure_id: string;
    /** `2026-Y1`, `2026-H2`, `2026-Q3` (shared/indicators periodKey). */
    period_key: string;
    period_kind: string;
    period_year: number;
    period_index: number;
    revision: number;
    schema_version: string;
    catalogue_version: string;
    /** SHA-256 (hex) of the payload's canonical JSON. */
    content_sha256: string;
    /** The signed envelope exactly as received. */
    envelope: Buffer;
    device_id: string;
    created_at_client: string;
    received_at: string;
    status: 'current' | 'superseded';
    supersedes: string | null;
    /** Canonical JSON of the SignedReceipt sent back — returned verbatim on every retry. */
    receipt: string;
    server_seq: number;
  };
  bundle_tables: {
    bundle_id: string;
    table_id: string;
    withheld: number;
    /** JSON of the table specification (shared/stats specOf); null when withheld. */
    spec: string | null;
  };
  cells: {
    bundle_id: string;
    table_id: string;
    /** JSON array of the cell's coordinates (shared/stats coordsKey). */
    cell_key: string;
    value: number | null;
    /** V published, A primary suppression, D secondary suppression. */
    status: 'V' | 'A' | 'D';
  };
  audit_log: {
    id: Generated<number>;
    at: string;
    actor: string;
    action: string;
    entity: string;
    entity_id: string;
    /** JSON; identifiers and codes only. */
    detail: string;
  };
  /** Which device exports a structure's period (migration 002). */
  period_owners: { structure_id: string; period_key: string; device_id: string; assigned_at: string };
  /** Every key a device has had; retired_at is set by a rotation (migration 002). */
  device_keys: { device_id: string; public_key: string; valid_from: string; retired_at: string | null };
  /** Each released vintage of a period's federation report (migration 003). */
  released_vintages: { period_key: string; vintage: number; released_at: string; fingerprint: string; bundles: string; result: string };
  /** The cells a vintage released; masked cells have no value (migration 003). */
  released_cells: {
    period_key: string;
    vintage: number;
    level: string;
    table_id: string;
    /** JSON array of the cell's coordinates (a "non ventilé" bucket has `non_ventile` on one). */
    cell_key: string;
    value: number | null;
    flag: 'V' | 'A' | 'B' | 'D' | 'N';
  };
  hub_counters: { name: string; value: number };
  request_nonces: { device_id: string; nonce: string; expires_at: string };
  hub_settings: { key: string; value: string };
  admin_sessions: {
    token_hash: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
  };
}
