import { minIsoDate } from '../../../../shared/domain/calendar';
import { plusDays } from '../dates';
import { IAE_COMMON_ROME, type IaeTradeFamily } from '../../../../shared/domain/rome';
import type { SiaeKind } from '../../../../shared/domain/siae';
import { PROJET_STATUSES } from '../../../../shared/ipc/parcours';
import { stamp, type DemoKind } from '../types';

/*
 * Projet professionnel with 1–2 target trades from the shipped IAE ROME list. Targets lean on the
 * trades the SIAE kind works in (an ACI: green spaces, building, recycling…), with room for others.
 */

const FAMILY_WEIGHTS: Record<SiaeKind, Partial<Record<IaeTradeFamily, number>>> = {
  ACI: { green_spaces_agriculture: 5, building: 4, recycling_environment: 4, cleaning: 3, catering_hospitality: 2, textile_laundry: 2 },
  AI: { cleaning: 5, personal_services: 5, logistics_transport: 3, green_spaces_agriculture: 2, reception_admin: 2 },
  EI: { cleaning: 4, logistics_transport: 4, catering_hospitality: 3, industry_maintenance: 3, retail: 2 },
  ETTI: { logistics_transport: 5, building: 4, industry_maintenance: 4, cleaning: 2, retail: 2 },
  EITI: { personal_services: 3, retail: 3, building: 3, catering_hospitality: 2 },
};

/** Per SIAE kind, each ROME entry with its weight (built once). */
const TARGET_TABLES = new Map<SiaeKind, ReadonlyArray<readonly [(typeof IAE_COMMON_ROME)[number], number]>>();
function targetTable(kind: SiaeKind) {
  let table = TARGET_TABLES.get(kind);
  if (!table) {
    const weights = FAMILY_WEIGHTS[kind];
    table = IAE_COMMON_ROME.map((e) => [e, weights[e.family] ?? 0.3] as const);
    TARGET_TABLES.set(kind, table);
  }
  return table;
}

const NOTES = ['Enquête métier à prévoir', 'Immersion envisagée', 'Projet confirmé après mise en situation', 'Formation qualifiante à rechercher'];

export const projetKind: DemoKind = {
  name: 'projet',
  generate(person, rng, env, out) {
    if (!rng.chance(0.85)) return;
    const done = person.exitDate !== null;
    const status = rng.weighted<(typeof PROJET_STATUSES)[number]>(
      done
        ? [['valide', 45], ['en_construction', 25], ['a_confirmer', 15], ['abandonne', 15]]
        : [['en_construction', 45], ['a_confirmer', 25], ['valide', 25], ['abandonne', 5]],
    );
    const table = targetTable(env.siaeKind);
    const targets = rng.chance(0.6) ? 1 : 2;
    const chosen: string[] = [];
    for (let rank = 1; chosen.length < targets && rank < 10; rank += 1) {
      const entry = rng.weighted(table);
      if (chosen.includes(entry.code)) continue;
      chosen.push(entry.code);
      out.add('projet_target', {
        id: env.ids.id('projetTarget', person.index, chosen.length - 1),
        salarie_id: person.id,
        rome_code: entry.code,
        label: entry.label,
        rank: chosen.length,
      });
    }
    out.add('projet', {
      salarie_id: person.id,
      status,
      note: rng.chance(0.3) ? rng.pick(NOTES) : null,
      updated_at: stamp(minIsoDate(plusDays(person.entryDate, rng.int(20, 120)), minIsoDate(person.exitDate ?? env.today, env.today))),
    });
  },
};
