import { isIsoDate, yearOf, type IsoDate } from '../../../shared/domain/calendar';
import { SIAE_KINDS, type SiaeKind } from '../../../shared/domain/siae';
import { AppError } from '../../../shared/ipc/errors';
import type { Clock } from '../clock';
import { salarieRowsWithCaches } from '../import/salarie-rows';
import { appendAudit } from '../repositories/audit';
import { BulkWriter, countSalaries, RowBuffer, withFreshStoreBulkLoad, type TableName } from '../repositories/bulk-salaries';
import { readStructureSiaeKind } from '../repositories/structure';
import type { OpenStore } from '../vault/vault';
import { DemoIds } from './ids';
import { DEMO_KINDS } from './kinds/index';
import { planPerson } from './person';
import { hashLabel, Rng, seedFrom } from './random';
import { generateStructure } from './structure';
import { DEMO_DEPARTEMENTS, loadTerritory } from './territory';
import { stamp, type DemoEnv, type PersonDraft } from './types';

/*
 * `jalons demo`: a realistic synthetic caseload, identical for the same seed and reference day.
 * Rows are generated per salarié (one random stream per salarié and record kind), buffered per
 * chunk and written parents-first with cached prepared statements, all in one transaction.
 */

export const MAX_DEMO_SALARIES = 1_000_000;
const HISTORY_YEARS = 6;

export interface DemoOptions {
  salaries: number;
  seed: number | string;
  /** Reference "today": entries, exits and open actions are placed around it. */
  today: IsoDate;
  siaeKind?: SiaeKind;
  /** Département code (communes drawn from it); by default one of DEMO_DEPARTEMENTS, from the seed. */
  departement?: string | null;
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
  if (!isIsoDate(options.today)) throw invalid(`Date de référence invalide (${options.today}) : format AAAA-MM-JJ.`);
  if (options.siaeKind !== undefined && !SIAE_KINDS.includes(options.siaeKind)) {
    throw invalid(`Type de SIAE inconnu : ${String(options.siaeKind)} (ACI, AI, EI, ETTI ou EITI).`);
  }
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

  const tables = await withFreshStoreBulkLoad(sqlite, () => db.transaction().execute(async (trx) => {
    // Kysely holds the single connection for the whole transaction: the raw statements below run inside it.
    const writer = new BulkWriter(sqlite);
    const buffer = new RowBuffer();
    const structure = generateStructure(new Rng(seed, hashLabel('structure')), { ids, siaeKind, territory, today: options.today, firstYear: yearOf(options.today) - HISTORY_YEARS }, buffer);
    const env: DemoEnv = { seed, today: options.today, siaeKind, ids, territory, annexes: structure.annexes, referents: structure.referents };
    buffer.flushTo(writer);

    for (let index = 0; index < total; index += 1) {
      const person = planPerson(index, new Rng(seed, index, personSalt), env);
      DEMO_KINDS.forEach((kind, k) => kind.generate(person, new Rng(seed, index, kindSalts[k] as number), env, buffer));
      addSalarie(person, buffer);
      if ((index + 1) % chunkSize === 0 || index + 1 === total) {
        buffer.flushTo(writer);
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
      detail: { salaries: total, rows: writer.total(), siaeKind, departement },
    });
    return counts;
  }));
  const rows = Object.values(tables).reduce((a, b) => a + (b ?? 0), 0);
  return { salaries: total, rows, tables, departement, siaeKind };
}

function addSalarie(person: PersonDraft, buffer: RowBuffer): void {
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
      created_at: stamp(person.entryDate),
      updated_at: stamp(person.exitDate ?? person.entryDate),
    },
    { pass: person.pass, contracts: person.contracts, exitDate: person.exitDate },
  );
  buffer.add('salarie', salarie);
  for (const t of tokens) buffer.add('salarie_search_token', t);
}
