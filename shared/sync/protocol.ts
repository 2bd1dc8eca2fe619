import { z } from 'zod';

/**
 * The laptop ↔ regional hub protocol (stats-privacy-and-sync.md Part B and C(b)).
 * Pure schemas and constants, shared by the sync client (electron/core/sync) and the hub (server/).
 *
 * Signatures are Ed25519 over the RFC 8785 canonical JSON of the signed object (shared/stats
 * canonicalJson); keys travel as base64 of the raw 32-byte public key.
 */

export const PROTOCOL_VERSION = 1;
export const ENVELOPE_FORMAT = 'jalons-envelope/1';
export const RECEIPT_FORMAT = 'jalons-receipt/1';

/** Largest signed envelope the hub accepts (a year of a large structure is a few hundred kB). */
export const MAX_ENVELOPE_BYTES = 2 * 1024 * 1024;
/** Signed read requests are valid this long around the hub's clock. */
export const REQUEST_SIGNATURE_WINDOW_SECONDS = 300;
/** A bundle created more than this in the hub's future is accepted with the `client_clock_ahead` warning. */
export const CLOCK_AHEAD_TOLERANCE_SECONDS = 300;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
export const PublicKeyB64 = Base64.refine((s) => s.length === 44, { error: 'Clé publique Ed25519 attendue (32 octets en base64).' });
export const SignatureB64 = Base64.refine((s) => s.length === 88, { error: 'Signature Ed25519 attendue (64 octets en base64).' });
export const BundleId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, {
  error: 'Identifiant de lot invalide (UUIDv7 attendu).',
});
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

// ── Enrolment ───────────────────────────────────────────────────────────────────

/** One-time codes are shown grouped (`ABCD-EFGH-…`); case, spaces and dashes are forgiven. */
export const EnrolRequest = z
  .object({
    code: z.string().min(8).max(100),
    publicKey: PublicKeyB64,
    deviceLabel: z.string().trim().min(1).max(100),
    appVersion: z.string().max(40),
  })
  .strict();
export type EnrolRequest = z.infer<typeof EnrolRequest>;

export const EnrolResponse = z.object({
  deviceId: z.string(),
  /** Pseudonymous, random per enrolment; the bundles' `structureId` (never the SIRET). */
  structureId: z.string(),
  structureName: z.string(),
  regionCode: z.string(),
  /** The hub's receipt-signing key: receipts are verified against it. */
  hubPublicKey: PublicKeyB64,
  catalogueVersion: z.string().nullable(),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

// ── Bundles ─────────────────────────────────────────────────────────────────────

/**
 * What the laptop PUTs: the bundle (shared/stats bundleSchema, validated by the hub separately) and
 * the device's signature over its canonical JSON. The exact bytes are kept by both sides.
 */
export const SignedEnvelope = z
  .object({
    format: z.literal(ENVELOPE_FORMAT),
    deviceId: z.string().min(1).max(100),
    /** Informational only: ordering uses revisions, never clocks. */
    createdAtClient: z.string().datetime({ offset: true }),
    payload: z.record(z.string(), z.unknown()),
    signature: SignatureB64,
  })
  .strict();
export type SignedEnvelope = z.infer<typeof SignedEnvelope>;

export const ReceiptBody = z.object({
  format: z.literal(RECEIPT_FORMAT),
  bundleId: BundleId,
  contentSha256: Sha256Hex,
  structureId: z.string(),
  period: z.object({ kind: z.string(), year: z.number().int(), index: z.number().int() }),
  revision: z.number().int().positive(),
  status: z.enum(['accepted', 'duplicate']),
  currentRevision: z.number().int().positive(),
  serverReceivedAt: z.string(),
  serverSeq: z.number().int().nonnegative(),
  warnings: z.array(z.enum(['client_clock_ahead'])),
});
export type ReceiptBody = z.infer<typeof ReceiptBody>;

/** Signed by the hub key; the laptop marks a bundle acknowledged only after verifying it. */
export const SignedReceipt = z.object({ receipt: ReceiptBody, signature: SignatureB64 });
export type SignedReceipt = z.infer<typeof SignedReceipt>;

// ── Reconciliation ──────────────────────────────────────────────────────────────

/**
 * Signed read requests carry these headers; the signature covers
 * `${method}\n${pathWithQuery}\n${created}\n${nonce}` (a short RFC 9421-like scheme).
 */
export const SIGNED_REQUEST_HEADERS = {
  device: 'x-jalons-device',
  created: 'x-jalons-created',
  nonce: 'x-jalons-nonce',
  signature: 'x-jalons-signature',
} as const;

export function signedRequestBase(method: string, pathWithQuery: string, created: string, nonce: string, bodySha256?: string): string {
  // Requests with a body (key rotation) also sign its SHA-256, so the body cannot be swapped.
  const base = `${method.toUpperCase()}\n${pathWithQuery}\n${created}\n${nonce}`;
  return bodySha256 === undefined ? base : `${base}\n${bodySha256}`;
}

export const HeldBundles = z.object({
  bundles: z.array(
    z.object({
      bundleId: BundleId,
      period: z.object({ kind: z.string(), year: z.number().int(), index: z.number().int() }),
      revision: z.number().int(),
      contentSha256: Sha256Hex,
      status: z.enum(['current', 'superseded']),
      receipt: SignedReceipt,
    }),
  ),
});
export type HeldBundles = z.infer<typeof HeldBundles>;

// ── Catalogue ───────────────────────────────────────────────────────────────────

/**
 * `GET /v1/catalog?since=REVISION&region=CODE`: what the hub accepts. `revision` is a hash of
 * the rest, so `since` (or If-None-Match) answers 304 when nothing changed.
 */
export const HubCatalog = z.object({
  revision: z.string().min(1).max(100),
  /** Table catalogue versions the hub aggregates (shared/indicators CATALOGUE_VERSION). */
  catalogueVersions: z.array(z.string()),
  /** Bundle schema majors the hub reads (design note: current and previous). */
  schemaMajors: z.array(z.number().int().nonnegative()),
  /** Floors of the disclosure policy: a bundle with a weaker policy is refused (policy_below_minimum). */
  minimumPolicy: z.object({
    minCount: z.number(),
    minCountSensitive: z.number(),
    homogeneityMargin: z.number(),
    minIntervalWidth: z.number(),
  }),
  /** Oldest Jalons version the hub still serves; null when any. */
  minClientVersion: z.string().nullable(),
  /** Recent periods and whether they are over in the requested region (bundles need a closed period). */
  periods: z.array(z.object({ key: z.string(), closed: z.boolean(), endsAt: z.string() })),
});
export type HubCatalog = z.infer<typeof HubCatalog>;

// ── Key rotation ────────────────────────────────────────────────────────────────

/**
 * `POST /v1/devices/{deviceId}/rotate`, signed by the CURRENT key with the signed-request headers
 * (the base includes the body's SHA-256). `proof` is the new key's signature over
 * `rotationProofText(deviceId, newPublicKey)`: the device holds the key it asks for.
 */
export const RotateKeyRequest = z.object({ newPublicKey: PublicKeyB64, proof: SignatureB64 }).strict();
export type RotateKeyRequest = z.infer<typeof RotateKeyRequest>;

export function rotationProofText(deviceId: string, newPublicKey: string): string {
  return `jalons-rotate/1\n${deviceId}\n${newPublicKey}`;
}

export const RotateKeyResponse = z.object({ deviceId: z.string(), publicKey: PublicKeyB64, rotatedAt: z.string() });
export type RotateKeyResponse = z.infer<typeof RotateKeyResponse>;

// ── Refusals ────────────────────────────────────────────────────────────────────

/** Every refusal carries a stable machine code and a French message. */
export const HUB_ERROR_CODES = [
  'bad_request',
  'payload_too_large',
  'rate_limited',
  'enrolment_code_invalid',
  'enrolment_code_used',
  'enrolment_code_expired',
  'bad_signature',
  'unknown_device',
  'device_revoked',
  'structure_mismatch',
  'in_flight',
  'revision_gap',
  'stale_revision',
  'idempotency_key_reused',
  'schema_unsupported',
  'policy_violation',
  'period_not_closed',
  'internal',
  // Added with ownership, region and policy checks (additive).
  'period_owned_by_other_device',
  'region_mismatch',
  'policy_below_minimum',
] as const;
export type HubErrorCode = (typeof HUB_ERROR_CODES)[number];

export const HubError = z.object({
  error: z.object({ code: z.enum(HUB_ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
});
export type HubError = z.infer<typeof HubError>;

/** Outcomes the laptop retries forever (with backoff) versus those it shows as refused. */
export const RETRYABLE_HUB_ERRORS: ReadonlySet<HubErrorCode> = new Set(['in_flight', 'revision_gap', 'rate_limited', 'internal']);
/** Keep the bundle pending and ask the user to enrol again. */
export const REENROL_HUB_ERRORS: ReadonlySet<HubErrorCode> = new Set(['device_revoked', 'unknown_device']);

export const hubErrorMessages: Record<HubErrorCode, string> = {
  bad_request: 'Requête invalide.',
  payload_too_large: 'Envoi trop volumineux.',
  rate_limited: 'Trop de tentatives : réessayez plus tard.',
  enrolment_code_invalid: 'Code d’inscription inconnu. Vérifiez-le auprès du siège régional.',
  enrolment_code_used: 'Ce code d’inscription a déjà servi. Demandez-en un nouveau au siège régional.',
  enrolment_code_expired: 'Ce code d’inscription a expiré. Demandez-en un nouveau au siège régional.',
  bad_signature: 'Signature invalide : l’envoi ne vient pas d’un poste inscrit.',
  unknown_device: 'Ce poste n’est pas inscrit auprès du siège régional.',
  device_revoked: 'Ce poste a été révoqué par le siège régional : une nouvelle inscription est nécessaire.',
  structure_mismatch: 'Ce poste n’est pas autorisé à envoyer pour cette structure.',
  in_flight: 'Un envoi identique est en cours de traitement.',
  revision_gap: 'Une révision précédente de cette période n’est pas encore arrivée.',
  stale_revision: 'Une révision plus récente de cette période a déjà été reçue.',
  idempotency_key_reused: 'Ce lot a déjà été reçu avec un contenu différent.',
  schema_unsupported: 'Format de statistiques non pris en charge : mettez Jalons à jour.',
  policy_violation: 'Le contrôle de confidentialité du siège a refusé ce lot : une case masquée pourrait être recalculée.',
  period_not_closed: 'La période n’est pas encore terminée.',
  internal: 'Erreur du serveur du siège régional.',
  period_owned_by_other_device:
    'Un autre poste de la structure envoie déjà les statistiques de cette période. Le siège régional peut transférer la période à ce poste.',
  region_mismatch: 'La région indiquée dans ce lot ne correspond pas à celle de la structure enregistrée au siège régional.',
  policy_below_minimum: 'Les règles de confidentialité de ce lot sont moins strictes que le minimum exigé par le siège : mettez Jalons à jour.',
};
