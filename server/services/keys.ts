import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawPublicKey, signEd25519 } from './crypto';

export const HUB_KEY_FILE = 'hub-receipt-key.pem';

/** The hub's receipt-signing identity. */
export interface HubKeys {
  /** Raw Ed25519 public key, base64: what devices receive at enrolment. */
  readonly publicKey: string;
  sign(text: string): string;
}

export function hubKeysFrom(privateKey: KeyObject): HubKeys {
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { publicKey, sign: (text) => signEd25519(privateKey, text) };
}

/**
 * Loads the key pair from the data folder, generating it on first start (also when the data
 * itself is in PostgreSQL: the key never goes into the database). The file is created
 * exclusively (`wx`) with mode 0600, so two hubs starting together end up with the same key.
 */
export function loadOrCreateHubKeys(dataDir: string): HubKeys {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, HUB_KEY_FILE);
  try {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Tighten a key file someone copied in with loose permissions.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} : clé Ed25519 attendue.`);
  return hubKeysFrom(privateKey);
}
