import { AppError } from '../../../shared/ipc/errors';
import { loadCommuneTable, type CommuneRecord } from '../import/communes';
import { hashLabel, type Rng, WeightedTable } from './random';

/*
 * Where the demo's salariés live: the communes of one département, drawn by population. QPV
 * (quartiers prioritaires) exist only in towns, so the chance grows with the commune's size; ZRR
 * is a property of small rural communes, fixed per commune whatever the seed.
 */

/** Populous départements with both towns and countryside; one is drawn from the seed unless given. */
export const DEMO_DEPARTEMENTS = ['59', '62', '13', '69', '33', '44', '35', '67', '34', '31', '76', '80', '02', '57', '63', '29'] as const;

export interface Territory {
  departement: string;
  regionCode: string | null;
  /** The most populous commune, to name the structure. */
  mainTown: CommuneRecord;
  pick(rng: Rng): { commune: CommuneRecord; qpv: boolean; zrr: boolean };
}

function qpvChance(population: number): number {
  if (population >= 50_000) return 0.38;
  if (population >= 20_000) return 0.26;
  if (population >= 10_000) return 0.12;
  return 0;
}

function isZrr(commune: CommuneRecord): boolean {
  return commune.population < 2_000 && hashLabel(`zrr:${commune.code}`) % 100 < 55;
}

export async function loadTerritory(departement: string): Promise<Territory> {
  const table = await loadCommuneTable();
  const communes = table.all.filter((c) => c.departement === departement && c.population > 0);
  if (communes.length === 0) throw new AppError('VALIDATION', `Département inconnu : ${departement} (exemples : 59, 2A, 974).`);
  // Paris, Lyon and Marseille are listed both whole and by arrondissement: keep the arrondissements.
  const cities = new Set(communes.map((c) => c.parent).filter((p): p is string => p !== null));
  const living = communes.filter((c) => !cities.has(c.code));
  const weighted = new WeightedTable(living, (c) => c.population);
  const mainTown = [...communes].sort((a, b) => b.population - a.population)[0] as CommuneRecord;
  return {
    departement,
    regionCode: mainTown.region,
    mainTown,
    pick(rng) {
      const commune = weighted.pick(rng);
      return { commune, qpv: rng.chance(qpvChance(commune.population)), zrr: isZrr(commune) };
    },
  };
}
