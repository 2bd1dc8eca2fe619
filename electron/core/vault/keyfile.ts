import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync, fsyncSync, openSync, closeSync } from 'node:fs';
import { z } from 'zod';

/**
 * The key file sits beside the database. It never holds the database key in clear: the 32-byte key is
 * wrapped (AES-256-GCM) once by a key derived from the passphrase and once by a key derived from the
 * recovery code, each with its own salt. Changing the passphrase rewraps the key; the database is untouched.
 */

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** ~64 MiB, ~0.25 s on a modest laptop: slow for guessing, fast enough to unlock in under a second. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 16, r: 8, p: 1 };

const B64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const Wrapped = z.object({ salt: B64, iv: B64, ciphertext: B64, tag: B64 });
const KeyFileSchema = z.object({
  format: z.literal(1),
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int(), r: z.number().int(), p: z.number().int(), keyLength: z.literal(32) }),
  passphrase: Wrapped,
  recovery: Wrapped,
  failures: z.object({ count: z.number().int().nonnegative(), lastAt: z.string().nullable() }),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;
type WrappedKey = z.infer<typeof Wrapped>;

export function keyFilePathFor(databaseFile: string): string {
  return `${databaseFile}.keys.json`;
}

function scrypt(secret: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(secret.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

async function wrap(databaseKey: Buffer, secret: string, params: ScryptParams): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = await scrypt(secret, salt, params);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  const ciphertext = Buffer.concat([cipher.update(databaseKey), cipher.final()]);
  return {
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/** Returns the database key, or null when the secret is wrong (the GCM tag does not verify). */
async function unwrap(wrapped: WrappedKey, secret: string, params: ScryptParams): Promise<Buffer | null> {
  const kek = await scrypt(secret, Buffer.from(wrapped.salt, 'base64'), params);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export async function createKeyFile(
  databaseKey: Buffer,
  passphrase: string,
  recoveryCode: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<KeyFile> {
  return {
    format: 1,
    kdf: { name: 'scrypt', ...params, keyLength: 32 },
    passphrase: await wrap(databaseKey, passphrase, params),
    recovery: await wrap(databaseKey, normaliseRecoveryCode(recoveryCode), params),
    failures: { count: 0, lastAt: null },
  };
}

export async function unwrapWithPassphrase(file: KeyFile, passphrase: string): Promise<Buffer | null> {
  return unwrap(file.passphrase, passphrase, file.kdf);
}

export async function unwrapWithRecoveryCode(file: KeyFile, code: string): Promise<Buffer | null> {
  return unwrap(file.recovery, normaliseRecoveryCode(code), file.kdf);
}

export async function rewrapPassphrase(file: KeyFile, databaseKey: Buffer, newPassphrase: string): Promise<KeyFile> {
  return { ...file, passphrase: await wrap(databaseKey, newPassphrase, file.kdf), failures: { count: 0, lastAt: null } };
}

export function readKeyFile(path: string): KeyFile | null {
  if (!existsSync(path)) return null;
  return KeyFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Write-then-rename with fsync, so a crash never leaves a half-written key file (that would lose the data). */
export function writeKeyFile(path: string, file: KeyFile): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

// Crockford base32 without I, L, O, U: unambiguous when read aloud or copied from paper.
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 32 characters of base32 = 160 bits, shown as 8 groups of 4. */
export function generateRecoveryCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(32);
  let code = '';
  for (let i = 0; i < 32; i += 1) code += RECOVERY_ALPHABET[(bytes[i] ?? 0) % 32];
  return code.match(/.{4}/g)!.join('-');
}

export function normaliseRecoveryCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
