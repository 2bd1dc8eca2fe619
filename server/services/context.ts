import type { Kysely } from 'kysely';
import { BUNDLE_SCHEMA_VERSION, DEFAULT_HUB_MINIMUM, type HubMinimumPolicy } from '../../shared/stats/index';
import type { HubDialectKind } from '../db/dialect';
import type { HubDB } from '../db/schema';
import { inlineAggregator, type Aggregator } from './aggregator';
import type { HubKeys } from './keys';
import { RateLimiter } from './rate-limit';

export interface HubClock {
  now(): Date;
}

export const systemClock: HubClock = { now: () => new Date() };

/** Test seams (crash right after a commit, …). Production passes none. */
export interface HubHooks {
  /** Runs after every check passed, just before the storing transaction (to force races in tests). */
  beforeBundleStore?(bundleId: string): void | Promise<void>;
  /** Runs after a bundle's transaction committed, before the answer is sent. */
  afterBundleCommit?(bundleId: string): void | Promise<void>;
}

export interface HubLimits {
  /** Enrolment attempts per client address (brute force on codes). */
  readonly enrol: RateLimiter;
  /** Every /v1 call per client address. */
  readonly api: RateLimiter;
  /** Dashboard password attempts per client address. */
  readonly login: RateLimiter;
}

export interface HubLimitOptions {
  readonly enrol?: { limit: number; windowMs: number };
  readonly api?: { limit: number; windowMs: number };
  readonly login?: { limit: number; windowMs: number };
}

export function createLimits(options: HubLimitOptions = {}, clock: HubClock = systemClock): HubLimits {
  const now = () => clock.now().getTime();
  const make = (o: { limit: number; windowMs: number } | undefined, d: { limit: number; windowMs: number }) =>
    new RateLimiter((o ?? d).limit, (o ?? d).windowMs, now);
  return {
    enrol: make(options.enrol, { limit: 10, windowMs: 15 * 60_000 }),
    api: make(options.api, { limit: 600, windowMs: 60_000 }),
    login: make(options.login, { limit: 10, windowMs: 15 * 60_000 }),
  };
}

export interface HubContext {
  readonly db: Kysely<HubDB>;
  readonly kind: HubDialectKind;
  readonly clock: HubClock;
  readonly keys: HubKeys;
  readonly hooks: HubHooks;
  readonly limits: HubLimits;
  /** Floors for the re-audit of received bundles: a bundle may be stricter, never weaker. */
  readonly minimumPolicy: HubMinimumPolicy;
  /** Told to devices at enrolment. */
  readonly catalogueVersion: string | null;
  /** Where federation aggregations run (a worker thread under `hub serve`). */
  readonly aggregator: Aggregator;
  /** Bundle schema majors this hub reads (current and previous); told in the catalogue. */
  readonly schemaMajors: readonly number[];
  /** Oldest Jalons version this hub serves (catalogue and schema_unsupported answers); null: any. */
  readonly minClientVersion: string | null;
}

export interface HubContextOptions {
  readonly db: Kysely<HubDB>;
  readonly kind: HubDialectKind;
  readonly keys: HubKeys;
  readonly clock?: HubClock;
  readonly hooks?: HubHooks;
  readonly limits?: HubLimitOptions;
  readonly minimumPolicy?: HubMinimumPolicy;
  readonly catalogueVersion?: string | null;
  readonly aggregator?: Aggregator;
  readonly schemaMajors?: readonly number[];
  readonly minClientVersion?: string | null;
}

/** The majors of the bundle schema this build reads: the current one (and the previous, once there is one). */
export const DEFAULT_SCHEMA_MAJORS: readonly number[] = [Number(BUNDLE_SCHEMA_VERSION.split('.')[0])];

export function createHubContext(options: HubContextOptions): HubContext {
  const clock = options.clock ?? systemClock;
  return {
    db: options.db,
    kind: options.kind,
    clock,
    keys: options.keys,
    hooks: options.hooks ?? {},
    limits: createLimits(options.limits, clock),
    minimumPolicy: options.minimumPolicy ?? DEFAULT_HUB_MINIMUM,
    catalogueVersion: options.catalogueVersion ?? null,
    aggregator: options.aggregator ?? inlineAggregator,
    schemaMajors: options.schemaMajors ?? DEFAULT_SCHEMA_MAJORS,
    minClientVersion: options.minClientVersion ?? null,
  };
}

export const nowIso = (ctx: Pick<HubContext, 'clock'>): string => ctx.clock.now().toISOString();
