/**
 * Pure hub test fixtures: synthetic protected bundles (shared/stats protectBundle +
 * createBundle), device keys and envelopes signed with node:crypto Ed25519.
 */
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { ENVELOPE_FORMAT, SIGNED_REQUEST_HEADERS, signedRequestBase } from '../../shared/sync/protocol';
import {
  buildTable,
  canonicalJson,
  createBundle,
  createUuidV7Generator,
  protectBundle,
  type Bundle,
  type BundlePeriod,
  type CountTable,
  type TableSpec,
} from '../../shared/stats/index';
import type { HubClock } from '../../server/services/context';

/** A clock that moves only when told (hub side). */
export class HubTestClock implements HubClock {
  #now: number;
  constructor(iso = '2027-02-01T10:00:00.000Z') {
    this.#now = Date.parse(iso);
  }
  now(): Date {
    return new Date(this.#now);
  }
  set(iso: string): void {
    this.#now = Date.parse(iso);
  }
  advanceSeconds(s: number): void {
    this.#now += s * 1000;
  }
}

export const YEAR_2026: BundlePeriod = { kind: 'year', year: 2026, index: 1 };

let seq = 0;
const uuid = createUuidV7Generator({ now: () => Date.parse('2027-01-15T00:00:00Z') + ++seq, randomBytes: (n) => randomBytes(n) });
export const newBundleId = (): string => uuid();

// ── A small catalogue: two linked tables of `present` and one of `exits`. ────────────────────
export const SEX_AGE: TableSpec = {
  id: 'present.sex_age',
  population: 'present',
  sensitive: false,
  dimensions: [
    { code: 'sex', categories: ['F', 'H'] },
    { code: 'age', categories: ['lt26', '26_49', 'ge50'] },
  ],
};
export const MINIMA: TableSpec = {
  id: 'present.minima',
  population: 'present',
  sensitive: true,
  sensitiveDimension: 'minima',
  nonSensitiveCategories: ['none'],
  dimensions: [{ code: 'minima', categories: ['rsa', 'ass', 'aah', 'none'] }],
};
export const EXITS: TableSpec = {
  id: 'exits.category',
  population: 'exits',
  sensitive: false,
  dimensions: [{ code: 'category', categories: ['durable', 'transition', 'positive', 'other'] }],
};

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function draw(random: () => number, weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = random() * total;
  for (let i = 0; i < weights.length; i += 1) {
    x -= weights[i] ?? 0;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** Count tables of a structure of `size` people (persons drawn at random, seeded). */
export function syntheticTables(size: number, seed: number): CountTable[] {
  const random = rng(seed);
  const sexAge = new Map<string, number>();
  const minima = new Map<string, number>();
  const exits = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (let i = 0; i < size; i += 1) {
    const sex = ['F', 'H'][draw(random, [0.45, 0.55])]!;
    const age = ['lt26', '26_49', 'ge50'][draw(random, [0.3, 0.5, 0.2])]!;
    add(sexAge, `${sex}|${age}`);
    add(minima, ['rsa', 'ass', 'aah', 'none'][draw(random, [0.35, 0.08, 0.05, 0.52])]!);
  }
  const exitCount = Math.round(size * 0.4);
  for (let i = 0; i < exitCount; i += 1) add(exits, ['durable', 'transition', 'positive', 'other'][draw(random, [0.2, 0.3, 0.2, 0.3])]!);
  const inner = (m: Map<string, number>) => [...m].map(([k, count]) => ({ coords: k.split('|'), count }));
  return [buildTable(SEX_AGE, inner(sexAge)), buildTable(MINIMA, inner(minima)), buildTable(EXITS, inner(exits))];
}

export interface TestDevice {
  readonly deviceId: string;
  readonly structureId: string;
  readonly regionCode: string;
  readonly privateKey: KeyObject;
  readonly publicKeyB64: string;
}

export function deviceKeys(): { privateKey: KeyObject; publicKeyB64: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKeyB64: Buffer.from(String(jwk.x), 'base64url').toString('base64') };
}

export function makeBundle(
  device: Pick<TestDevice, 'structureId' | 'regionCode'>,
  options: {
    revision?: number;
    bundleId?: string;
    period?: BundlePeriod;
    tables?: readonly CountTable[];
    size?: number;
    seed?: number;
    previous?: Bundle;
  } = {},
): Bundle {
  const tables = options.tables ?? syntheticTables(options.size ?? 60, options.seed ?? 1);
  return createBundle(
    {
      bundleId: options.bundleId ?? newBundleId(),
      structureId: device.structureId,
      siaeKind: 'ACI',
      regionCode: device.regionCode as Bundle['regionCode'],
      period: options.period ?? YEAR_2026,
      revision: options.revision ?? 1,
      catalogueVersion: '2026.1',
    },
    protectBundle(tables, {}, options.previous),
  );
}

/** The envelope text a laptop would PUT: canonical JSON, signature over the payload's canonical JSON. */
export function envelopeText(
  payload: object,
  signer: { deviceId: string; privateKey: KeyObject },
  createdAtClient = '2027-01-20T09:00:00.000Z',
): string {
  const signature = sign(null, Buffer.from(canonicalJson(payload), 'utf8'), signer.privateKey).toString('base64');
  return canonicalJson({ format: ENVELOPE_FORMAT, deviceId: signer.deviceId, createdAtClient, payload, signature });
}

export function contentSha256(payload: object): string {
  return createHash('sha256').update(canonicalJson(payload), 'utf8').digest('hex');
}

export function signedReadHeaders(
  device: Pick<TestDevice, 'deviceId' | 'privateKey'>,
  pathWithQuery: string,
  createdSeconds: number,
  nonce = randomBytes(16).toString('base64url'),
): Record<string, string> {
  const created = String(createdSeconds);
  return {
    [SIGNED_REQUEST_HEADERS.device]: device.deviceId,
    [SIGNED_REQUEST_HEADERS.created]: created,
    [SIGNED_REQUEST_HEADERS.nonce]: nonce,
    [SIGNED_REQUEST_HEADERS.signature]: sign(null, Buffer.from(signedRequestBase('GET', pathWithQuery, created, nonce)), device.privateKey).toString('base64'),
  };
}


/** Checks a receipt the way a laptop must: hub signature over the canonical JSON of its body. */
export function receiptSignatureValid(signed: { receipt: object; signature: string }, hubPublicKeyB64: string): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(hubPublicKeyB64, 'base64').toString('base64url') }, format: 'jwk' });
  return verify(null, Buffer.from(canonicalJson(signed.receipt), 'utf8'), key, Buffer.from(signed.signature, 'base64'));
}
