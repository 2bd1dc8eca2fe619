import { computeAlerts } from '../../../shared/domain/alerts';
import { ageAt } from '../../../shared/domain/people';
import { SituationAtEntrySchema } from '../../../shared/domain/situation';
import type { SalarieParcours } from '../../../shared/ipc/parcours';
import type { SalarieFiche } from '../../../shared/ipc/salaries';
import type { AppDb } from '../db/schema';
import { listActions } from '../repositories/actions';
import { listContracts } from '../repositories/contracts';
import { listEntretiensOfSalarie, type EntretienRow } from '../repositories/entretiens';
import { listFormations } from '../repositories/formations';
import { listFreinActions, listFreins } from '../repositories/freins';
import { listProjets, listProjetTargets } from '../repositories/projet';
import { readSituation } from '../repositories/situation';
import { listFollowUps, listSorties } from '../repositories/sortie';
import { alertConfig, buildSnapshot } from './alerts';
import { communeNames } from './communes';
import { timelineImmersionEvents } from './immersions-integration';
import type { ServiceContext } from './context';
import { loadPass, requireSalarie, todayOf } from './parcours';
import { actionView, contractView, formationView, freinView, passView, projetView, sortieView } from './parcours-views';
import { identityView } from './salaries';
import { buildTimeline } from './timeline';

/** Every view of one salarié's parcours (the fiche's tabs). */
export async function loadParcours(db: AppDb, salarieId: string, today: string) {
  const [pass, contracts, freins, projets, targets, formations, sorties, followUps, actions] = await Promise.all([
    loadPass(db, salarieId),
    listContracts(db, [salarieId]),
    listFreins(db, [salarieId]),
    listProjets(db, [salarieId]),
    listProjetTargets(db, [salarieId]),
    listFormations(db, [salarieId]),
    listSorties(db, [salarieId]),
    listFollowUps(db, [salarieId]),
    listActions(db, [salarieId]),
  ]);
  const freinActions = await listFreinActions(
    db,
    freins.map((f) => f.id),
  );
  const projet = projets[0];
  const sortie = sorties[0];
  const parcours: SalarieParcours = {
    passIae: pass ? passView(pass, today) : null,
    contracts: contracts.map((c) => contractView(c, contracts, pass)),
    freins: freins.map((f) => freinView(f, freinActions)),
    projet: projet ? projetView(projet, targets) : null,
    formations: formations.map(formationView),
    sortie: sortie ? sortieView(sortie, followUps) : null,
    actions: actions.map((a) => actionView(a, today)),
  };
  return { parcours, records: { pass, contracts, freins, freinActions, actions } };
}

export async function getFiche(ctx: ServiceContext, id: string): Promise<SalarieFiche> {
  const db = ctx.db();
  const today = todayOf(ctx);
  const salarie = await requireSalarie(db, id);
  const [{ parcours, records }, situation, names, config, entretiens, immersions] = await Promise.all([
    loadParcours(db, id, today),
    readSituation(db, id),
    communeNames(salarie.commune_insee ? [salarie.commune_insee] : []),
    alertConfig(db),
    listEntretiensOfSalarie(db, id),
    timelineImmersionEvents(db, id),
  ]);
  const parsedSituation = situation ? SituationAtEntrySchema.safeParse(situation) : null;
  return {
    identity: identityView(salarie, salarie.commune_insee ? (names.get(salarie.commune_insee) ?? null) : null),
    age: salarie.birth_date ? ageAt(salarie.birth_date, today) : null,
    // A stored code unknown to this version shows as "not filled in" rather than breaking the fiche.
    situation: parsedSituation?.success ? parsedSituation.data : null,
    parcours,
    alerts: computeAlerts(buildSnapshot(salarie, records), today, config),
    timeline: buildTimeline({ entryDate: salarie.entry_date, parcours, today, entretiens, immersions }),
    nextEntretien: nextPlannedEntretien(entretiens, today),
  };
}

/** Earliest planned entretien dated today or later (a whole-day one before the timed ones of its day). */
function nextPlannedEntretien(entretiens: readonly EntretienRow[], today: string): SalarieFiche['nextEntretien'] {
  let next: EntretienRow | null = null;
  for (const e of entretiens) {
    if (e.status !== 'planifie' || e.date < today) continue;
    if (next === null || e.date < next.date || (e.date === next.date && (e.start_time ?? '') < (next.start_time ?? ''))) next = e;
  }
  return next ? { id: next.id, date: next.date, startTime: next.start_time, kind: next.kind } : null;
}
