import { HubCatalog, type HubCatalog as HubCatalogT } from '../../shared/sync/protocol';
import { REGION_CODES, canonicalJson } from '../../shared/stats/index';
import { PERIOD_KINDS, periodsPerYear, type StatsPeriod } from '../../shared/indicators/period';
import type { HubContext } from './context';
import { sha256Hex } from './crypto';
import { HubFailure } from './errors';
import { isPeriodClosed, periodEndsAt, periodKey } from './periods';

/** Years listed in the catalogue: last year and this one (bundles are for recent periods). */
const YEARS_BACK = 1;

export type CatalogAnswer = { readonly kind: 'unchanged'; readonly revision: string } | { readonly kind: 'catalog'; readonly catalog: HubCatalogT };

/**
 * `GET /v1/catalog?since=&region=`: what this hub accepts — catalogue versions, schema majors,
 * policy floors, the oldest client it serves, and which recent periods are over in the region.
 * No personal or structure data: it needs no signature. The revision is a hash of the content,
 * so it changes exactly when something a laptop should know changes (a period closing included).
 */
export function buildCatalog(ctx: HubContext, input: { region?: string | undefined; since?: string | undefined }): CatalogAnswer {
  const region = input.region ?? '11';
  if (!(REGION_CODES as readonly string[]).includes(region)) throw new HubFailure('bad_request', { reason: 'region' });
  const now = ctx.clock.now();
  const thisYear = now.getUTCFullYear();
  const periods: HubCatalogT['periods'] = [];
  for (let year = thisYear - YEARS_BACK; year <= thisYear; year += 1) {
    for (const kind of PERIOD_KINDS) {
      for (let index = 1; index <= periodsPerYear(kind); index += 1) {
        const period: StatsPeriod = { kind, year, index };
        periods.push({ key: periodKey(period), closed: isPeriodClosed(period, region, now), endsAt: periodEndsAt(period, region).toISOString() });
      }
    }
  }
  const content = {
    catalogueVersions: ctx.catalogueVersion === null ? [] : [ctx.catalogueVersion],
    schemaMajors: [...ctx.schemaMajors],
    minimumPolicy: { ...ctx.minimumPolicy },
    minClientVersion: ctx.minClientVersion,
    periods,
  };
  const revision = sha256Hex(canonicalJson({ region, ...content })).slice(0, 32);
  if (input.since !== undefined && input.since === revision) return { kind: 'unchanged', revision };
  return { kind: 'catalog', catalog: HubCatalog.parse({ revision, ...content }) };
}
