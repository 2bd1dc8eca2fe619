import { sql, type ExpressionBuilder } from 'kysely';
import { hostSectorOf, ORGANISATION_KINDS, type OrganisationKind } from '../../../shared/domain/entretiens';
import type { PeriodRange, StatsPeriod } from '../../../shared/indicators/period';
import type {
  ContractRecord,
  EntretienRecord,
  FormationRecord,
  FreinRecord,
  ImmersionRecord,
  PersonRecord,
  SituationRecord,
  SortieRecord,
  StatsRecords,
} from '../../../shared/indicators/records';
import type { AppDb, SalarieTable, StatsBundleTable } from '../db/schema';

/*
 * Statistics loading: codes, dates and numbers only. Columns holding names, notes, free text,
 * health or justice details (frein.details, *.note, salarie names, contacts…) are never selected
 * here — the statistics code cannot leak what it never reads.
 *
 * Persons are those present in the period (entered before its end, not gone before its start):
 * every population of the catalogue (entries, exits, freins of present persons) is inside it.
 * Related rows are selected through the same condition (a join), never through a long IN list.
 */

const PRESENCE = (range: PeriodRange) => (eb: ExpressionBuilder<{ s: SalarieTable }, 's'>) =>
  eb.and([
    eb('s.deleted_at', 'is', null),
    eb('s.entry_date', 'is not', null),
    eb('s.entry_date', '<=', range.end),
    eb.or([eb('s.exit_date', 'is', null), eb('s.exit_date', '>=', range.start)]),
  ]);

function flag(v: number | null | undefined): boolean {
  return v === 1;
}

export async function loadPersons(db: AppDb, range: PeriodRange): Promise<PersonRecord[]> {
  const salaries = await db
    .selectFrom('salarie as s')
    .select(['s.id', 's.sex', 's.birth_date', 's.entry_date', 's.exit_date', 's.qpv', 's.zrr'])
    .where(PRESENCE(range))
    .orderBy('s.id')
    .execute();
  const situations = await db
    .selectFrom('situation as t')
    .innerJoin('salarie as s', 's.id', 't.salarie_id')
    .select([
      't.salarie_id',
      't.education_level',
      't.is_employed',
      't.france_travail_registered',
      't.france_travail_since',
      't.rqth',
      't.rsa',
      't.ass',
      't.aah',
    ])
    .where(PRESENCE(range))
    .execute();
  const sorties = await db
    .selectFrom('sortie as o')
    .innerJoin('salarie as s', 's.id', 'o.salarie_id')
    .select(['o.salarie_id', 'o.exit_date', 'o.motif', 'o.category', 'o.counts'])
    .where(PRESENCE(range))
    .execute();
  const contracts = await db
    .selectFrom('contract as c')
    .innerJoin('salarie as s', 's.id', 'c.salarie_id')
    .select(['c.salarie_id', 'c.start_date', 'c.end_date', 'c.hours_worked', 'c.annexe_id'])
    .where(PRESENCE(range))
    .orderBy('c.salarie_id')
    .orderBy('c.start_date')
    .orderBy('c.id')
    .execute();

  const situationOf = new Map<string, SituationRecord>();
  for (const t of situations) {
    situationOf.set(t.salarie_id, {
      educationLevel: t.education_level,
      isEmployed: flag(t.is_employed),
      franceTravailRegistered: flag(t.france_travail_registered),
      franceTravailSince: t.france_travail_since,
      rqth: flag(t.rqth),
      rsa: t.rsa,
      ass: flag(t.ass),
      aah: flag(t.aah),
    });
  }
  const sortieOf = new Map<string, SortieRecord>();
  for (const o of sorties) {
    sortieOf.set(o.salarie_id, { exitDate: o.exit_date, motif: o.motif, category: o.category, counts: flag(o.counts) });
  }
  const contractsOf = new Map<string, ContractRecord[]>();
  for (const c of contracts) {
    const list = contractsOf.get(c.salarie_id) ?? [];
    list.push({ startDate: c.start_date, endDate: c.end_date, hoursWorked: c.hours_worked, annexeId: c.annexe_id });
    contractsOf.set(c.salarie_id, list);
  }
  return salaries.map((s) => ({
    id: s.id,
    sex: s.sex,
    birthDate: s.birth_date,
    entryDate: s.entry_date,
    exitDate: s.exit_date,
    qpv: flag(s.qpv),
    zrr: flag(s.zrr),
    situation: situationOf.get(s.id) ?? null,
    sortie: sortieOf.get(s.id) ?? null,
    contracts: contractsOf.get(s.id) ?? [],
  }));
}

/** Freins of present persons that concern the period, with their dated actions (mode only). */
export async function loadFreins(db: AppDb, range: PeriodRange): Promise<FreinRecord[]> {
  const freins = await db
    .selectFrom('frein as f')
    .innerJoin('salarie as s', 's.id', 'f.salarie_id')
    .select(['f.id', 'f.salarie_id', 'f.kind', 'f.status', 'f.identified_date', 'f.closed_date'])
    .where(PRESENCE(range))
    .where('f.identified_date', '<=', range.end)
    .where((eb) => eb.or([eb('f.closed_date', 'is', null), eb('f.closed_date', '>=', range.start)]))
    .orderBy('f.id')
    .execute();
  const actions = await db
    .selectFrom('frein_action as a')
    .innerJoin('frein as f', 'f.id', 'a.frein_id')
    .innerJoin('salarie as s', 's.id', 'f.salarie_id')
    .select(['a.frein_id', 'a.date', 'a.mode'])
    .where(PRESENCE(range))
    .where('a.date', '>=', range.start)
    .where('a.date', '<=', range.end)
    .orderBy('a.frein_id')
    .orderBy('a.date')
    .execute();
  const actionsOf = new Map<string, { date: string; mode: 'internal' | 'external' }[]>();
  for (const a of actions) {
    const list = actionsOf.get(a.frein_id) ?? [];
    list.push({ date: a.date, mode: a.mode });
    actionsOf.set(a.frein_id, list);
  }
  return freins.map((f) => ({
    personId: f.salarie_id,
    kind: f.kind,
    status: f.status,
    identifiedDate: f.identified_date,
    closedDate: f.closed_date,
    actions: actionsOf.get(f.id) ?? [],
  }));
}

/**
 * Formations started in the period. Soft-deleted salariés are left out with NOT IN (the small salarie_deleted
 * index, migration 0130) rather than a join, which read the wide salarie row of every formation to check deleted_at;
 * every formation has its salarié (NOT NULL foreign key), so both mean the same rows. Immersions likewise.
 */
export async function loadFormations(db: AppDb, range: PeriodRange): Promise<FormationRecord[]> {
  const rows = await db
    .selectFrom('formation as f')
    .select(['f.salarie_id', 'f.kind', 'f.start_date', 'f.certification_outcome'])
    .where('f.salarie_id', 'not in', (eb) => eb.selectFrom('salarie').select('salarie.id').where('salarie.deleted_at', 'is not', null))
    .where('f.start_date', '>=', range.start)
    .where('f.start_date', '<=', range.end)
    .orderBy('f.id')
    .execute();
  return rows.map((f) => ({ personId: f.salarie_id, kind: f.kind, startDate: f.start_date, certificationOutcome: f.certification_outcome }));
}

/** Soft-deleted salariés: few rows; filtering them in memory keeps the big scans index-only. */
async function deletedSalarieIds(db: AppDb): Promise<Set<string>> {
  const rows = await db.selectFrom('salarie').select('id').where('deleted_at', 'is not', null).execute();
  return new Set(rows.map((r) => r.id));
}

/** Entretiens held in the period (collective ones have no salarié). */
export async function loadEntretiens(db: AppDb, range: PeriodRange): Promise<EntretienRecord[]> {
  const deleted = await deletedSalarieIds(db);
  const rows = await db
    .selectFrom('entretien as e')
    .select(['e.salarie_id', 'e.kind', 'e.status', 'e.date'])
    .where('e.date', '>=', range.start)
    .where('e.date', '<=', range.end)
    .where('e.status', '=', 'tenu')
    .execute();
  return rows
    .filter((e) => e.salarie_id === null || !deleted.has(e.salarie_id))
    .map((e) => ({ personId: e.salarie_id, kind: e.kind, status: e.status, date: e.date }));
}

/** The immersions feature ships its own migration: statistics use it only when its tables exist. */
export async function immersionTablesExist(db: AppDb): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('immersion', 'immersion_bilan')`.execute(db);
  return rows.length === 2;
}

const ORGANISATION_KIND_SET: ReadonlySet<string> = new Set(ORGANISATION_KINDS);

/** Immersions started in the period, with the host's sector and the bilan's outcome; null when absent. */
export async function loadImmersions(db: AppDb, range: PeriodRange): Promise<ImmersionRecord[] | null> {
  if (!(await immersionTablesExist(db))) return null;
  const rows = await db
    .selectFrom('immersion as i')
    .leftJoin('organisation as o', 'o.id', 'i.host_organisation_id')
    .leftJoin('immersion_bilan as b', 'b.immersion_id', 'i.id')
    .select(['i.salarie_id', 'i.objective', 'i.status', 'i.start_date', 'o.kind as host_kind', 'b.status as bilan_status', 'b.ended_with_job'])
    .where('i.salarie_id', 'not in', (eb) => eb.selectFrom('salarie').select('salarie.id').where('salarie.deleted_at', 'is not', null))
    .where('i.start_date', '>=', range.start)
    .where('i.start_date', '<=', range.end)
    .orderBy('i.id')
    .execute();
  return rows.map((r) => ({
    personId: r.salarie_id,
    objective: r.objective,
    status: r.status,
    startDate: r.start_date,
    hostSector: r.host_kind !== null && ORGANISATION_KIND_SET.has(r.host_kind) ? hostSectorOf(r.host_kind as OrganisationKind) : null,
    bilanStatus: r.bilan_status,
    endedWithAJob: r.ended_with_job === null ? null : r.ended_with_job === 1,
  }));
}

export async function loadStatsRecords(db: AppDb, range: PeriodRange): Promise<StatsRecords> {
  const [persons, freins, formations, entretiens, immersions, annexes] = [
    await loadPersons(db, range),
    await loadFreins(db, range),
    await loadFormations(db, range),
    await loadEntretiens(db, range),
    await loadImmersions(db, range),
    await db.selectFrom('annexe_financiere').select(['id', 'number', 'start_date', 'end_date']).orderBy('id').execute(),
  ];
  return {
    persons,
    freins,
    formations,
    entretiens,
    immersions,
    annexes: annexes.map((a) => ({ id: a.id, number: a.number, startDate: a.start_date, endDate: a.end_date })),
  };
}

// ── Stored bundles ─────────────────────────────────────────────────────────────

export type StatsBundleRow = StatsBundleTable;

/** The highest revision stored for the period, if any. */
export async function latestBundle(db: AppDb, period: StatsPeriod): Promise<StatsBundleRow | null> {
  return (
    (await db
      .selectFrom('stats_bundle')
      .selectAll()
      .where('period_kind', '=', period.kind)
      .where('period_year', '=', period.year)
      .where('period_index', '=', period.index)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst()) ?? null
  );
}

export async function listBundles(db: AppDb, period: StatsPeriod): Promise<StatsBundleRow[]> {
  return db
    .selectFrom('stats_bundle')
    .selectAll()
    .where('period_kind', '=', period.kind)
    .where('period_year', '=', period.year)
    .where('period_index', '=', period.index)
    .orderBy('revision')
    .execute();
}

export async function insertBundle(db: AppDb, row: StatsBundleRow): Promise<void> {
  await db.insertInto('stats_bundle').values(row).execute();
}

// ── Structure pseudonym (setting) ──────────────────────────────────────────────

export const PSEUDONYM_SETTING = 'stats.structurePseudonym';

export async function readPseudonym(db: AppDb): Promise<string | null> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', PSEUDONYM_SETTING).executeTakeFirst();
  if (!row) return null;
  const value = JSON.parse(row.value) as unknown;
  return typeof value === 'string' ? value : null;
}

/** Inserts the pseudonym only if none exists yet (returns the stored one either way). */
export async function insertPseudonymIfAbsent(db: AppDb, pseudonym: string): Promise<string> {
  await db
    .insertInto('setting')
    .values({ key: PSEUDONYM_SETTING, value: JSON.stringify(pseudonym) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await readPseudonym(db)) ?? pseudonym;
}
