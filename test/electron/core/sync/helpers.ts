import { createHash } from 'node:crypto';
import {
  DEFAULT_AUDIT_OPTIONS,
  DEFAULT_PRIMARY_POLICY,
  bundlePolicy,
  createUuidV7Generator,
  parseBundle,
  serializeBundle,
  buildTable,
} from '../../../../shared/stats/index';
import type { StatsPeriod } from '../../../../shared/indicators/period';
import type { AppDb } from '../../../../electron/core/db/schema';

/**
 * Test data for the sync feature: valid anonymised bundles (all cells published, counts ≥ 5 so
 * the hub's re-audit passes) inserted as confirmed `stats_bundle` rows, as the statistics
 * feature stores them.
 */
export const STRUCTURE_PLACEHOLDER = 'st_provisoire_0001';

/** Deterministic UUIDv7s (a counter as the random source). */
export function bundleIds(start = Date.parse('2026-11-01T00:00:00Z')): () => string {
  let n = 0;
  let ms = start;
  return createUuidV7Generator({
    now: () => (ms += 1),
    randomBytes: (k) => {
      n += 1;
      const out = new Uint8Array(k);
      for (let i = 0; i < k; i++) out[i] = (n * 31 + i * 7) & 0xff;
      return out;
    },
  });
}

export function bundleJson(input: { bundleId: string; structureId: string; period: StatsPeriod; revision: number; seed?: number }): string {
  const seed = input.seed ?? input.revision;
  const table = buildTable(
    { id: 'T1', population: 'salaries', sensitive: false, dimensions: [{ code: 'sexe', categories: ['F', 'H'] }] },
    [
      { coords: ['F'], count: 10 + seed },
      { coords: ['H'], count: 12 + 2 * seed },
    ],
  );
  const bundle = parseBundle({
    schemaVersion: '1.0',
    bundleId: input.bundleId,
    structureId: input.structureId,
    siaeKind: 'ACI',
    regionCode: '32',
    period: input.period,
    revision: input.revision,
    catalogueVersion: '2026.1',
    policy: bundlePolicy(DEFAULT_PRIMARY_POLICY, DEFAULT_AUDIT_OPTIONS),
    audit: { passed: true, algorithm: 'jalons-gauss-1.0.0', checks: ['A1', 'A2', 'A3', 'A4'] },
    tables: [{ ...table, cells: table.cells.map((c) => ({ coords: [...c.coords], value: c.value })) }],
  });
  return serializeBundle(bundle);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What `stats.confirm` does: one immutable stats_bundle row per (period, revision). */
export async function confirmBundle(
  db: AppDb,
  input: { bundleId: string; structureId?: string; period: StatsPeriod; revision: number; createdAt?: string; seed?: number },
): Promise<string> {
  const json = bundleJson({ structureId: STRUCTURE_PLACEHOLDER, ...input });
  await db
    .insertInto('stats_bundle')
    .values({
      id: input.bundleId,
      period_kind: input.period.kind,
      period_year: input.period.year,
      period_index: input.period.index,
      revision: input.revision,
      catalogue_version: '2026.1',
      canonical_json: json,
      created_at: input.createdAt ?? '2026-11-20T10:00:00.000Z',
    })
    .execute();
  return json;
}

export const Q = (year: number, index: number): StatsPeriod => ({ kind: 'quarter', year, index });
