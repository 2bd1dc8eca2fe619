import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../shared/stats/index';
import { RECEIPT_FORMAT, SignedEnvelope, type ReceiptBody } from '../../../../shared/sync/protocol';
import { generateDeviceKeys, publicKeyOfStored, rawPublicKey, verifyText } from '../../../../electron/core/sync/crypto';
import { buildEnvelope, openEnvelope, verifyEnvelope } from '../../../../electron/core/sync/envelope';
import { verifyReceipt } from '../../../../electron/core/sync/receipt';
import { Q, bundleIds, bundleJson, sha256 } from './helpers';

const ids = bundleIds();

function envelopeFor(keys = generateDeviceKeys()) {
  const payloadCanonical = bundleJson({ bundleId: ids(), structureId: 'st_abcdefgh12', period: Q(2026, 1), revision: 1 });
  return { keys, payloadCanonical, built: buildEnvelope({ payloadCanonical, deviceId: 'dev_1', createdAtClient: '2026-11-20T10:00:00.000Z', privateKey: keys.privateKey }) };
}

describe('envelope signing (Ed25519 over the canonical payload)', () => {
  it('signs the exact stored bytes and verifies with the raw public key', () => {
    const { keys, payloadCanonical, built } = envelopeFor();
    expect(keys.publicKey).toHaveLength(44);
    expect(publicKeyOfStored(keys.privateKey)).toBe(keys.publicKey);
    expect(SignedEnvelope.parse(JSON.parse(built.text))).toEqual(built.envelope);
    expect(built.text).toBe(canonicalJson(JSON.parse(built.text)));
    expect(built.contentSha256).toBe(sha256(payloadCanonical));
    expect(verifyText(keys.publicKey, payloadCanonical, built.envelope.signature)).toBe(true);
    expect(verifyEnvelope(built.text, keys.publicKey)).toBe(true);
    expect(openEnvelope(built.text).payloadCanonical).toBe(payloadCanonical);
  });

  it('detects a changed count, another key, or a truncated signature', () => {
    const { built } = envelopeFor();
    const other = generateDeviceKeys();
    const tampered = built.text.replace('"value":11', '"value":12');
    expect(tampered).not.toBe(built.text);
    expect(verifyEnvelope(tampered, envelopeFor().keys.publicKey)).toBe(false);
    expect(verifyEnvelope(built.text, other.publicKey)).toBe(false);
    expect(verifyText(other.publicKey, 'x', 'AAAA')).toBe(false);
    expect(verifyText('not a key', 'x', built.envelope.signature)).toBe(false);
  });

  it('refuses to sign a payload that is not already canonical (it would sign other bytes)', () => {
    const { keys, payloadCanonical } = envelopeFor();
    const pretty = JSON.stringify(JSON.parse(payloadCanonical), null, 2);
    expect(() => buildEnvelope({ payloadCanonical: pretty, deviceId: 'dev_1', createdAtClient: '2026-11-20T10:00:00Z', privateKey: keys.privateKey })).toThrow(/canonical/);
  });
});

describe('receipt verification', () => {
  const hub = generateKeyPairSync('ed25519');
  const hubPublic = rawPublicKey(hub.publicKey);
  const body: ReceiptBody = {
    format: RECEIPT_FORMAT,
    bundleId: ids(),
    contentSha256: 'a'.repeat(64),
    structureId: 'st_abcdefgh12',
    period: { kind: 'quarter', year: 2026, index: 1 },
    revision: 1,
    status: 'accepted',
    currentRevision: 1,
    serverReceivedAt: '2026-11-23T09:00:00.000Z',
    serverSeq: 7,
    warnings: [],
  };
  const signed = (b: ReceiptBody, key = hub.privateKey) => ({ receipt: b, signature: sign(null, Buffer.from(canonicalJson(b)), key).toString('base64') });
  const expected = { bundleId: body.bundleId, contentSha256: body.contentSha256, structureId: body.structureId, revision: 1 };

  it('accepts the hub-signed receipt of this bundle and content', () => {
    const check = verifyReceipt(signed(body), expected, hubPublic);
    expect(check.ok).toBe(true);
  });

  it.each<[string, () => unknown, string]>([
    ['signed by another key', () => signed(body, generateKeyPairSync('ed25519').privateKey), 'bad hub signature'],
    ['altered after signing', () => ({ ...signed(body), receipt: { ...body, serverSeq: 8 } }), 'bad hub signature'],
    ['for another bundle', () => signed({ ...body, bundleId: ids() }), 'receipt for another bundle'],
    ['for other content', () => signed({ ...body, contentSha256: 'b'.repeat(64) }), 'content hash differs'],
    ['for another revision', () => signed({ ...body, revision: 2, currentRevision: 2 }), 'receipt for another revision'],
    ['an HTML page from a proxy', () => '<html>portail captif</html>', 'malformed receipt'],
  ])('refuses a receipt %s', (_label, make, reason) => {
    expect(verifyReceipt(make(), expected, hubPublic)).toEqual({ ok: false, reason });
  });
});
