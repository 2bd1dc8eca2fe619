import { addDays, addMonths } from '../../../shared/domain/calendar';
import { alertSummary, DEFAULT_ALERT_CONFIG, pendingAlerts, type AlertConfig, type AlertSeverity, type AlertSnapshot, type PendingAlert } from '../../../shared/domain/alerts';
import type { ContractKind } from '../../../shared/domain/contracts';
import type { FreinKind } from '../../../shared/domain/freins';
import type { PassIae } from '../../../shared/domain/pass-iae';
import type { AppDb } from '../db/schema';
import type { ActionRow } from '../repositories/actions';
import { alertActions, alertContracts, alertOpenFreins, alertPasses, alertProlongations, alertSuspensions } from '../repositories/alert-inputs';
import type { ContractRow } from '../repositories/contracts';
import type { FreinActionRow, FreinRow } from '../repositories/freins';
import type { AlertFilterDates } from '../repositories/salaries';
import { passFromRows } from './parcours';
import { getSettings } from './settings';

/*
 * Alerts are computed from the records each time they are shown (shared/domain/alerts), never stored.
 * This module builds the snapshots, in batches for lists and the dashboard.
 */

export async function alertConfig(db: AppDb): Promise<AlertConfig> {
  const settings = await getSettings(db);
  return { ...DEFAULT_ALERT_CONFIG, noEntretienAfterDays: settings.noEntretienAlertDays };
}

export function alertFilterDates(today: string, config: AlertConfig): AlertFilterDates {
  return {
    today,
    passHorizon: addDays(today, config.passIaeEndingWithinDays),
    contractHorizon: addDays(today, config.contractEndingWithinDays),
    entretienCutoff: addDays(today, -config.noEntretienAfterDays),
    exitPreparationHorizon: addMonths(today, config.exitPreparationWindowMonths),
    exitPreparationMonths: config.exitPreparationWindowMonths,
    freinCutoff: addDays(today, -config.freinWithoutActionDays),
  };
}

/** The salarié columns a snapshot needs (summary caches and dates not derived from records). */
export interface SnapshotSalarie {
  id: string;
  last_entretien_date: string | null;
  planned_exit_date: string | null;
  exit_date: string | null;
}

export interface SnapshotRecords {
  pass: PassIae | null;
  // Only the columns the rules read (the list and the dashboard load just these).
  contracts: ReadonlyArray<Pick<ContractRow, 'id' | 'kind' | 'start_date' | 'end_date'>>;
  freins: ReadonlyArray<Pick<FreinRow, 'id' | 'kind' | 'status' | 'identified_date'>>;
  /** At least the latest action of each frein (only `frein_id` and `date` are read). */
  freinActions: ReadonlyArray<Pick<FreinActionRow, 'frein_id' | 'date'>>;
  actions: ReadonlyArray<Pick<ActionRow, 'id' | 'label' | 'kind' | 'due_date' | 'done_date'>>;
}

/** Preparation actions count from when they were done, or are due if still open. */
export function buildSnapshot(salarie: SnapshotSalarie, records: SnapshotRecords): AlertSnapshot {
  const lastActionByFrein = new Map<string, string>();
  for (const a of records.freinActions) {
    const last = lastActionByFrein.get(a.frein_id);
    if (last === undefined || a.date > last) lastActionByFrein.set(a.frein_id, a.date);
  }
  return {
    personId: salarie.id,
    passIae: records.pass,
    contracts: records.contracts.map((c) => ({ id: c.id, kind: c.kind as ContractKind, startDate: c.start_date, endDate: c.end_date })),
    lastEntretienDate: salarie.last_entretien_date,
    plannedExitDate: salarie.planned_exit_date,
    exitDate: salarie.exit_date,
    preparationActions: records.actions
      .filter((a) => a.kind === 'preparation_sortie')
      .map((a) => ({ id: a.id, date: a.done_date ?? a.due_date })),
    freins: records.freins.map((f) => ({
      id: f.id,
      kind: f.kind as FreinKind,
      status: f.status,
      identifiedDate: f.identified_date,
      lastActionDate: lastActionByFrein.get(f.id) ?? null,
    })),
    actions: records.actions.map((a) => ({ id: a.id, label: a.label, dueDate: a.due_date, done: a.done_date !== null })),
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** The alerts of several salariés, unordered and with their messages not yet written (the dashboard's). */
export async function pendingAlertsForSalaries(
  db: AppDb,
  salaries: readonly SnapshotSalarie[],
  today: string,
  config: AlertConfig,
): Promise<Map<string, PendingAlert[]>> {
  const out = new Map<string, PendingAlert[]>();
  for (const [id, snapshot] of await snapshotsOf(db, salaries)) out.set(id, pendingAlerts(snapshot, today, config));
  return out;
}

/** What the rows of a list show: how many alerts each salarié has, and the most urgent (alertSummary). */
export async function alertSummariesForSalaries(
  db: AppDb,
  salaries: readonly SnapshotSalarie[],
  today: string,
  config: AlertConfig,
): Promise<Map<string, { count: number; level: AlertSeverity | null }>> {
  const out = new Map<string, { count: number; level: AlertSeverity | null }>();
  for (const [id, snapshot] of await snapshotsOf(db, salaries)) out.set(id, alertSummary(snapshot, today, config));
  return out;
}

/** The alert snapshots of several salariés, with one query per table (no N+1). */
async function snapshotsOf(db: AppDb, salaries: readonly SnapshotSalarie[]): Promise<Map<string, AlertSnapshot>> {
  const ids = salaries.map((s) => s.id);
  const out = new Map<string, AlertSnapshot>();
  if (ids.length === 0) return out;
  const [passes, suspensions, prolongations, contracts, freins, actions] = await Promise.all([
    alertPasses(db, ids),
    alertSuspensions(db, ids),
    alertProlongations(db, ids),
    alertContracts(db, ids),
    // Only what the rules can alert on: open freins with their latest action, open and exit-preparation
    // actions (done follow-ups are most of a large caseload's rows and never raise an alert).
    alertOpenFreins(db, ids),
    alertActions(db, ids),
  ]);
  const passBy = new Map(passes.map((p) => [p.salarie_id, p]));
  const suspensionsBy = groupBy(suspensions, (p) => p.salarie_id);
  const prolongationsBy = groupBy(prolongations, (p) => p.salarie_id);
  const contractsBy = groupBy(contracts, (c) => c.salarie_id);
  const freinsBy = groupBy(freins, (f) => f.salarie_id);
  const actionsBy = groupBy(actions, (a) => a.salarie_id);
  for (const salarie of salaries) {
    const passRow = passBy.get(salarie.id);
    const ownFreins = freinsBy.get(salarie.id) ?? [];
    const snapshot = buildSnapshot(salarie, {
      pass: passRow ? passFromRows(passRow, suspensionsBy.get(salarie.id) ?? [], prolongationsBy.get(salarie.id) ?? []) : null,
      contracts: contractsBy.get(salarie.id) ?? [],
      freins: ownFreins,
      freinActions: ownFreins.flatMap((f) => (f.last_action_date === null ? [] : [{ frein_id: f.id, date: f.last_action_date }])),
      actions: actionsBy.get(salarie.id) ?? [],
    });
    out.set(salarie.id, snapshot);
  }
  return out;
}
