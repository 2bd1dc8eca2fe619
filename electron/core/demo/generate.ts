import { isIsoDate, yearOf, type IsoDate } from '../../../shared/domain/calendar';
import { SIAE_KINDS, type SiaeKind } from '../../../shared/domain/siae';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../clock';
import { salarieRowsWithCaches } from '../import/salarie-rows';
import { appendAudit } from '../repositories/audit';
import { BatchedBulkWriter, useLargeBulkLoadCache, withoutForeignKeyChecks } from '../repositories/bulk-demo';
import { countSalaries, withFreshStoreBulkLoad, type TableName } from '../repositories/bulk-salaries';
import { readStructureSiaeKind } from '../repositories/structure';
import type { OpenStore } from '../vault/vault';
import { DemoIds } from './ids';
import { DEMO_KINDS } from './kinds/index';
import { generatePartners } from './partners';
import { planPerson } from './person';
import { hashLabel, Rng, seedFrom } from './random';
import { DEFAULT_RATES, MAX_RATE, partnerCount } from './scale';
import { generateStructure } from './structure';
import { storeShippedTemplates } from './templates';
import { DEMO_DEPARTEMENTS, loadTerritory } from './territory';
import { stamp, type DemoEnv, type DemoRates, type PersonDraft, type RowSink } from './types';

/*
 * `jalons demo`: a realistic synthetic caseload, identical for the same seed and reference day.
 * Rows are generated per salarié (one random stream per salarié and record kind), buffered per
 * chunk and written parents-first with cached prepared statements, all in one transaction.
 */

export const MAX_DEMO_SALARIES = 1_000_000;
const HISTORY_YEARS = 6;
const FLUSH_EVERY = 1_000;

export interface DemoOptions {
  salaries: number;
  seed: number | string;
  /** Reference "today": entries, exits and open actions are placed around it. */
  today: IsoDate;
  siaeKind?: SiaeKind;
  /** Département code (communes drawn from it); by default one of DEMO_DEPARTEMENTS, from the seed. */
  departement?: string | null;
  /** Entretiens per salarié on average (DEFAULT_RATES otherwise); 0 generates none. */
  entretiensPerSalarie?: number;
  /** Immersions (PMSMP, with grids, evaluations and bilans) per salarié on average. */
  immersionsPerSalarie?: number;
  /** Freins per salarié on average; by default the kind's own distribution (≈ 1.7). */
  freinsPerSalarie?: number;
  /** Référents (CIPs); by default 3 to 6 drawn from the seed. A large group has hundreds (see scale.ts). */
  referents?: number;
  /** Organisations in the partners directory; by default it grows with the caseload (see scale.ts). */
  partners?: number;
  /** Salariés per buffered chunk (memory vs. progress granularity). */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoDeps {
  store: OpenStore;
  clock: Clock;
  actor: string;
}

export interface DemoResult {
  salaries: number;
  rows: number;
  tables: Partial<Record<TableName, number>>;
  departement: string;
  siaeKind: SiaeKind;
}

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message);
}

export function checkDemoOptions(options: DemoOptions): void {
  if (!Number.isInteger(options.salaries) || options.salaries < 1 || options.salaries > MAX_DEMO_SALARIES) {
    throw invalid(`Nombre de salariés invalide : entre 1 et ${MAX_DEMO_SALARIES.toLocaleString('fr-FR')}.`);
  }
  if (!isIsoDate(options.today) || yearOf(options.today) < 1990 || yearOf(options.today) > 2150) {
    throw invalid(`Date de référence invalide (${options.today}) : format AAAA-MM-JJ, entre 1990 et 2150.`);
  }
  if (options.siaeKind !== undefined && !SIAE_KINDS.includes(options.siaeKind)) {
    throw invalid(`Type de SIAE inconnu : ${String(options.siaeKind)} (ACI, AI, EI, ETTI ou EITI).`);
  }
  for (const [name, value] of [['entretiens', options.entretiensPerSalarie], ['immersions', options.immersionsPerSalarie], ['freins', options.freinsPerSalarie]] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0 && value <= MAX_RATE)) {
      throw invalid(`Nombre moyen de ${name} par salarié invalide : entre 0 et ${MAX_RATE}.`);
    }
  }
  if (options.referents !== undefined && !(Number.isInteger(options.referents) && options.referents >= 1 && options.referents <= 10_000)) {
    throw invalid('Nombre de référents invalide : entre 1 et 10 000.');
  }
  if (options.partners !== undefined && !(Number.isInteger(options.partners) && options.partners >= 0 && options.partners <= 65_000)) {
    throw invalid('Nombre de partenaires invalide : entre 0 et 65 000.');
  }
}

function ratesOf(options: DemoOptions): DemoRates {
  return {
    entretiensPerSalarie: options.entretiensPerSalarie ?? DEFAULT_RATES.entretiensPerSalarie,
    immersionsPerSalarie: options.immersionsPerSalarie ?? DEFAULT_RATES.immersionsPerSalarie,
    freinsPerSalarie: options.freinsPerSalarie ?? DEFAULT_RATES.freinsPerSalarie,
  };
}

/** Fills an empty store; refuses one that already holds a structure or salariés (real data is never mixed with fake). */
export async function generateDemo(deps: DemoDeps, options: DemoOptions): Promise<DemoResult> {
  checkDemoOptions(options);
  const { sqlite, db } = deps.store;
  if ((await countSalaries(db)) > 0 || (await readStructureSiaeKind(db)) !== null) {
    throw new AppError('CONFLICT', 'Cette base contient déjà des données : la démo ne remplit qu’une base vide (utilisez --create avec un nouveau fichier).');
  }
  const seed = seedFrom(options.seed);
  const siaeKind = options.siaeKind ?? 'ACI';
  const departement = options.departement ?? new Rng(seed, hashLabel('territory')).pick(DEMO_DEPARTEMENTS);
  const territory = await loadTerritory(departement);
  const ids = new DemoIds(seed);
  const total = options.salaries;
  const chunkSize = Math.max(1, options.chunkSize ?? 5_000);
  const kindSalts = DEMO_KINDS.map((k) => hashLabel(k.name));
  const personSalt = hashLabel('person');

  // Rows are written every FLUSH_EVERY salariés: small batches stay in V8's young generation (cheap to collect).
  const flushEvery = Math.min(chunkSize, FLUSH_EVERY);
  const load = () => db.transaction().execute(async (trx) => {
    // Kysely holds the single connection for the whole transaction: the raw statements below run inside it.
    useLargeBulkLoadCache(sqlite);
    const writer = new BatchedBulkWriter(sqlite);
    const buffer = writer;
    const firstYear = yearOf(options.today) - HISTORY_YEARS;
    const structure = generateStructure(new Rng(seed, hashLabel('structure')), { ids, siaeKind, territory, today: options.today, firstYear, ...(options.referents !== undefined ? { referents: options.referents } : {}) }, buffer);
    // Partners and grid templates: their own streams, so the records above keep their values.
    const partners = generatePartners(
      new Rng(seed, hashLabel('partners')),
      { ids, territory, firstYear, count: options.partners ?? partnerCount(total) },
      buffer,
    );
    const templates = storeShippedTemplates(ids, firstYear, buffer);
    const env: DemoEnv = {
      seed,
      today: options.today,
      siaeKind,
      ids,
      territory,
      annexes: structure.annexes,
      referents: structure.referents,
      partners,
      templates,
      rates: ratesOf(options),
    };
    writer.flush();

    for (let index = 0; index < total; index += 1) {
      const person = planPerson(index, new Rng(seed, index, personSalt), env);
      DEMO_KINDS.forEach((kind, k) => kind.generate(person, new Rng(seed, index, kindSalts[k] as number), env, buffer));
      addSalarie(person, buffer);
      const last = index + 1 === total;
      if ((index + 1) % flushEvery === 0 || last) writer.flush();
      if ((index + 1) % chunkSize === 0 || last) {
        options.onProgress?.(index + 1, total);
        // Lets progress output reach the terminal between chunks.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    const counts = Object.fromEntries(writer.counts()) as Partial<Record<TableName, number>>;
    await appendAudit(trx, {
      at: deps.clock.now().toISOString(),
      actor: deps.actor,
      action: 'demo.generate',
      entity: 'salarie',
      entityId: null,
      detail: { salaries: total, rows: writer.total(), siaeKind, departement, ...env.rates },
    });
    return counts;
  });
  // A new, empty store only (checked above): no fsync nor WAL copy, and no row-by-row foreign key look-ups.
  const tables = await withFreshStoreBulkLoad(sqlite, () => withoutForeignKeyChecks(sqlite, load));
  const rows = Object.values(tables).reduce((a, b) => a + (b ?? 0), 0);
  return { salaries: total, rows, tables, departement, siaeKind };
}

function addSalarie(person: PersonDraft, buffer: RowSink): void {
  const { salarie, tokens } = salarieRowsWithCaches(
    {
      id: person.id,
      last_name: person.lastName,
      first_name: person.firstName,
      birth_name: person.birthName,
      sex: person.sex,
      birth_date: person.birthDate,
      entry_date: person.entryDate,
      referent_id: person.referent.id,
      commune_insee: person.communeInsee,
      qpv: person.qpv ? 1 : 0,
      zrr: person.zrr ? 1 : 0,
      phone: person.phone,
      email: person.email,
      confidential_note: null,
      last_entretien_date: person.lastEntretienDate ?? null,
      created_at: stamp(person.entryDate),
      updated_at: stamp(person.exitDate ?? person.entryDate),
    },
    { pass: person.pass, contracts: person.contracts, exitDate: person.exitDate },
  );
  buffer.add('salarie', salarie);
  for (const t of tokens) buffer.add('salarie_search_token', t);
}
