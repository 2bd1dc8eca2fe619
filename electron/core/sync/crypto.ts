import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Ed25519 with node:crypto. Public keys travel as base64 of the raw 32 bytes (the protocol's
 * format); the private key is kept as PKCS#8 DER in base64, only inside the encrypted database.
 */
export interface DeviceKeyPair {
  /** PKCS#8 DER, base64. */
  readonly privateKey: string;
  /** Raw 32-byte public key, base64. */
  readonly publicKey: string;
}

export function generateDeviceKeys(): DeviceKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    publicKey: rawPublicKey(publicKey),
  };
}

export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

export function publicKeyFromRaw(rawB64: string): KeyObject {
  const raw = Buffer.from(rawB64, 'base64');
  if (raw.length !== 32) throw new Error('Ed25519 public key must be 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function privateKeyFromStored(pkcs8B64: string): KeyObject {
  return createPrivateKey({ key: Buffer.from(pkcs8B64, 'base64'), format: 'der', type: 'pkcs8' });
}

/** Public half of a stored private key (checks a stored pair is consistent). */
export function publicKeyOfStored(pkcs8B64: string): string {
  return rawPublicKey(createPublicKey(privateKeyFromStored(pkcs8B64)));
}

/** Ed25519 signature (base64) over the UTF-8 bytes of `text`. */
export function signText(privateKey: KeyObject | string, text: string): string {
  const key = typeof privateKey === 'string' ? privateKeyFromStored(privateKey) : privateKey;
  return sign(null, Buffer.from(text, 'utf8'), key).toString('base64');
}

/** False for any malformed key or signature rather than throwing: callers only need a verdict. */
export function verifyText(publicKeyRawB64: string, text: string, signatureB64: string): boolean {
  try {
    const signature = Buffer.from(signatureB64, 'base64');
    if (signature.length !== 64) return false;
    return verify(null, Buffer.from(text, 'utf8'), publicKeyFromRaw(publicKeyRawB64), signature);
  } catch {
    return false;
  }
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** RFC 9530 `Content-Digest` value for a request body. */
export function contentDigest(body: string): string {
  return `sha-256=:${createHash('sha256').update(body, 'utf8').digest('base64')}:`;
}
