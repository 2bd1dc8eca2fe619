import { ENVELOPE_FORMAT, SignedEnvelope } from '../../../shared/sync/protocol';
import { canonicalJson } from '../../../shared/stats/index';
import { sha256Hex, signText, verifyText } from './crypto';

/**
 * The signed envelope: the bundle (already in RFC 8785 canonical form), the device id and the
 * device's Ed25519 signature over the payload's canonical bytes. The envelope's own canonical
 * JSON is what the outbox keeps and what goes on the wire, byte for byte.
 *
 * content_sha256 identifies the *content*: SHA-256 (hex) of the payload's canonical JSON, so a
 * re-signed envelope (new device after re-enrolment) keeps the same content hash.
 */
export interface BuiltEnvelope {
  readonly text: string;
  readonly contentSha256: string;
  readonly envelope: SignedEnvelope;
}

export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';
}

export function buildEnvelope(input: {
  payloadCanonical: string;
  deviceId: string;
  createdAtClient: string;
  privateKey: string;
}): BuiltEnvelope {
  const payload = JSON.parse(input.payloadCanonical) as unknown;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new EnvelopeError('the bundle is not a JSON object');
  }
  // Sign exactly the stored bytes; refuse anything that is not already canonical.
  if (canonicalJson(payload) !== input.payloadCanonical) throw new EnvelopeError('the bundle is not in canonical JSON form');
  const envelope = SignedEnvelope.parse({
    format: ENVELOPE_FORMAT,
    deviceId: input.deviceId,
    createdAtClient: input.createdAtClient,
    payload,
    signature: signText(input.privateKey, input.payloadCanonical),
  });
  return { text: canonicalJson(envelope), contentSha256: sha256Hex(input.payloadCanonical), envelope };
}

export interface OpenedEnvelope {
  readonly envelope: SignedEnvelope;
  readonly payloadCanonical: string;
  readonly contentSha256: string;
}

/** Parses stored envelope bytes (no signature check). */
export function openEnvelope(text: string): OpenedEnvelope {
  const envelope = SignedEnvelope.parse(JSON.parse(text));
  const payloadCanonical = canonicalJson(envelope.payload);
  return { envelope, payloadCanonical, contentSha256: sha256Hex(payloadCanonical) };
}

/** True when the envelope's signature is the given device key's over the payload. */
export function verifyEnvelope(text: string, publicKeyRawB64: string): boolean {
  try {
    const { envelope, payloadCanonical } = openEnvelope(text);
    return verifyText(publicKeyRawB64, payloadCanonical, envelope.signature);
  } catch {
    return false;
  }
}
