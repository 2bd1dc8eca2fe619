import { createHash, createPublicKey, randomBytes, randomInt, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

/**
 * Ed25519 and hashing helpers with node:crypto. Public keys travel as base64 of the raw 32
 * bytes (shared/sync/protocol); signatures as base64 of 64 bytes, over UTF-8 text.
 */
export function publicKeyFromRaw(rawB64: string): KeyObject {
  const raw = Buffer.from(rawB64, 'base64');
  if (raw.length !== 32) throw new Error('Ed25519 public key must be 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function rawPublicKey(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url').toString('base64');
}

/** False for any malformed key or signature: callers only need a verdict. */
export function verifyEd25519(publicKeyRawB64: string, text: string, signatureB64: string): boolean {
  try {
    const signature = Buffer.from(signatureB64, 'base64');
    if (signature.length !== 64) return false;
    return verify(null, Buffer.from(text, 'utf8'), publicKeyFromRaw(publicKeyRawB64), signature);
  } catch {
    return false;
  }
}

export function signEd25519(privateKey: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** URL-safe random token (session cookies, CSRF tokens, identifiers). */
export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Crockford base32 (no I, L, O, U: nothing to misread). */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 26 symbols × 5 bits = 130 bits of entropy. */
export const ENROLMENT_CODE_LENGTH = 26;

export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < ENROLMENT_CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** `ABCD-EFGH-…`: groups of four for reading aloud or typing. */
export function groupCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** Forgives case, spaces, dashes and the usual look-alikes; null when it cannot be a code. */
export function normaliseEnrolmentCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== ENROLMENT_CODE_LENGTH) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
