import { aspFreinTypeOf, FREIN_KINDS, type FreinKind } from '../domain/freins';
import { buildTable, type CountTable, type TableSpec } from '../stats/table';
import { CATALOGUE, CATALOGUE_VERSION, tableSpecOf, type IndicatorTableDef, type PopulationKey } from './catalogue';
import {
  CERTIFICATION,
  ENTRETIEN_KIND,
  EXIT_CATEGORY,
  EXIT_MOTIF,
  FORMATION_KIND,
  HOST_SECTOR,
  IMMERSION_OBJECTIVE,
  IMMERSION_RESULT,
  UNKNOWN,
  ageCategories,
  categoryOf,
  educationCategory,
  hoursCategory,
  minimaCategory,
  sexCategory,
  unemploymentCategory,
} from './dimensions';
import { overlaps, periodRange, within, type PeriodRange, type StatsPeriod } from './period';
import type { FreinRecord, PersonRecord, StatsRecords } from './records';

/*
 * From plain records to complete count tables, for one period. Pure and deterministic: the same
 * records give the same tables in the same order (catalogue order), whatever the input order.
 */

type Unit = Readonly<Record<string, string>>;

export interface UnavailableTable {
  readonly id: string;
  readonly reason: string;
}

export interface IndicatorResult {
  readonly period: StatsPeriod;
  readonly range: PeriodRange;
  readonly catalogueVersion: string;
  /** Available tables, in catalogue order, unsuppressed. */
  readonly tables: readonly CountTable[];
  readonly unavailable: readonly UnavailableTable[];
  /** Records left out because a code is unknown to this catalogue (per population). */
  readonly ignored: Readonly<Partial<Record<PopulationKey, number>>>;
}

export const IMMERSIONS_UNAVAILABLE =
  'Non disponible : le suivi des immersions n’est pas encore installé dans cette version de Jalons.';

/** Present during the period: entered before its end and not gone before its start. */
export function isPresent(person: Pick<PersonRecord, 'entryDate' | 'exitDate'>, range: PeriodRange): boolean {
  return person.entryDate !== null && overlaps(person.entryDate, person.exitDate, range);
}

/** Immersion statuses that mean the immersion actually started. */
const STARTED_IMMERSION = new Set(['en_cours', 'terminee']);

export function computeIndicators(records: StatsRecords, period: StatsPeriod): IndicatorResult {
  const range = periodRange(period);
  const ignored: Partial<Record<PopulationKey, number>> = {};
  const ignore = (p: PopulationKey) => {
    ignored[p] = (ignored[p] ?? 0) + 1;
  };
  // Input order must not matter (determinism): persons are processed by id.
  const persons = [...records.persons].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const present = persons.filter((p) => isPresent(p, range));
  const presentIds = new Set(present.map((p) => p.id));

  const tripartite = new Set<string>();
  const entretienUnits: Unit[] = [];
  for (const e of records.entretiens) {
    if (e.status !== 'tenu' || !within(e.date, range)) continue;
    const kind = categoryOf(ENTRETIEN_KIND, e.kind, '');
    if (kind === '') {
      ignore('entretiens');
      continue;
    }
    entretienUnits.push({ kind });
    if (kind === 'tripartite' && e.personId !== null) tripartite.add(e.personId);
  }

  const units: Record<PopulationKey, Unit[]> = {
    present: present.map((p) => presentUnit(p, range, tripartite.has(p.id))),
    entries: persons
      .filter((p) => within(p.entryDate, range))
      .map((p) => ({ sex: sexCategory(p.sex), ...ageCategories(p.birthDate, p.entryDate) })),
    exits: [],
    immersions: [],
    formations: [],
    freins: freinUnits(records.freins.filter((f) => presentIds.has(f.personId)), range, () => ignore('freins')),
    entretiens: entretienUnits,
  };

  for (const p of persons) {
    const s = p.sortie;
    if (s === null || !s.counts || !within(s.exitDate, range)) continue;
    const category = categoryOf(EXIT_CATEGORY, s.category, '');
    const motif = categoryOf(EXIT_MOTIF, s.motif, '');
    if (category === '' || motif === '') {
      ignore('exits');
      continue;
    }
    units.exits.push({ category, motif, sex: sexCategory(p.sex) });
  }

  for (const f of records.formations) {
    if (!within(f.startDate, range)) continue;
    units.formations.push({
      kind: categoryOf(FORMATION_KIND, f.kind, 'other'),
      certification: categoryOf(CERTIFICATION, f.certificationOutcome, 'not_applicable'),
    });
  }

  for (const i of records.immersions ?? []) {
    if (!STARTED_IMMERSION.has(i.status) || !within(i.startDate, range)) continue;
    const objective = categoryOf(IMMERSION_OBJECTIVE, i.objective, '');
    if (objective === '') {
      ignore('immersions');
      continue;
    }
    const hasBilan = i.bilanStatus !== null;
    units.immersions.push({
      objective,
      result: categoryOf(IMMERSION_RESULT, i.bilanStatus, 'no_bilan'),
      sector: categoryOf(HOST_SECTOR, i.hostSector, UNKNOWN),
      hired: !hasBilan || i.endedWithAJob === null ? 'no_bilan' : i.endedWithAJob ? 'yes' : 'no',
    });
  }

  const tables: CountTable[] = [];
  const unavailable: UnavailableTable[] = [];
  for (const def of CATALOGUE) {
    if (def.source === 'immersions' && records.immersions === null) {
      unavailable.push({ id: def.id, reason: IMMERSIONS_UNAVAILABLE });
      continue;
    }
    tables.push(tableFromUnits(tableSpecOf(def), units[def.population]));
  }
  return { period, range, catalogueVersion: CATALOGUE_VERSION, tables, unavailable, ignored };
}

/**
 * Same as shared/stats `buildTableFromRecords`, but counts identical coordinates first: a
 * structure's 10 000 records collapse into a few dozen combinations before the table is built.
 */
function tableFromUnits(spec: TableSpec, units: readonly Unit[]): CountTable {
  const codes = spec.dimensions.map((d) => d.code);
  const counts = new Map<string, { coords: string[]; count: number }>();
  for (const u of units) {
    // Codes never contain U+001F (CODE_PATTERN), so joining is an exact key and cheaper than JSON.
    let k = '';
    for (const c of codes) k += `${u[c] ?? ''}\u001f`;
    const seen = counts.get(k);
    if (seen) seen.count += 1;
    else counts.set(k, { coords: codes.map((c) => u[c] ?? ''), count: 1 });
  }
  return buildTable(spec, counts.values());
}

function presentUnit(p: PersonRecord, range: PeriodRange, hadTripartite: boolean): Unit {
  const s = p.situation;
  let hours: number | null = null;
  for (const c of p.contracts) {
    if (c.hoursWorked === null || !overlaps(c.startDate, c.endDate, range)) continue;
    hours = (hours ?? 0) + c.hoursWorked;
  }
  return {
    sex: sexCategory(p.sex),
    ...ageCategories(p.birthDate, p.entryDate),
    minima: minimaCategory(s),
    unemployment: unemploymentCategory(s),
    qpv: p.qpv ? 'yes' : 'no',
    zrr: p.zrr ? 'yes' : 'no',
    rqth: s === null ? UNKNOWN : s.rqth ? 'yes' : 'no',
    education: educationCategory(s?.educationLevel),
    tripartite: hadTripartite ? 'yes' : 'no',
    hours: hoursCategory(hours),
  };
}

const FREIN_KIND_SET: ReadonlySet<string> = new Set(FREIN_KINDS);

/** A frein concerns the period when it was identified before its end and not closed before its start. */
export function freinOpenDuring(f: Pick<FreinRecord, 'identifiedDate' | 'closedDate'>, range: PeriodRange): boolean {
  return overlaps(f.identifiedDate, f.closedDate, range);
}

/**
 * One unit per (person, ASP type), as the ASP counts persons per type: status at the end of the
 * period (lifted only when every frein of that type is), support from the actions dated within it.
 */
function freinUnits(freins: readonly FreinRecord[], range: PeriodRange, onIgnored: () => void): Unit[] {
  const pairs = new Map<string, { type: string; lifted: boolean; internal: boolean; external: boolean }>();
  for (const f of freins) {
    if (!freinOpenDuring(f, range)) continue;
    if (!FREIN_KIND_SET.has(f.kind)) {
      onIgnored();
      continue;
    }
    const type = aspFreinTypeOf(f.kind as FreinKind);
    const key = JSON.stringify([f.personId, type]);
    const acc = pairs.get(key) ?? { type, lifted: true, internal: false, external: false };
    const liftedByEnd = f.status === 'lifted' && (f.closedDate === null || f.closedDate <= range.end);
    acc.lifted &&= liftedByEnd;
    for (const a of f.actions) {
      if (!within(a.date, range)) continue;
      if (a.mode === 'internal') acc.internal = true;
      else acc.external = true;
    }
    pairs.set(key, acc);
  }
  return [...pairs.keys()].sort().map((k) => {
    const p = pairs.get(k)!;
    const support = p.internal && p.external ? 'both' : p.internal ? 'internal' : p.external ? 'external' : 'none';
    return { type: p.type, status: p.lifted ? 'lifted' : 'not_lifted', support };
  });
}

/** Catalogue definitions of the tables in a result, in the same order. */
export function definitionsOf(result: Pick<IndicatorResult, 'tables'>): IndicatorTableDef[] {
  return result.tables.map((t) => CATALOGUE.find((d) => d.id === t.id)!);
}
