import { type IsoDate, addDays, addMonths, daysBetween, formatFrenchDate } from './calendar';
import { type ContractKind, contractKindLabels, contractInForce, coveredUntil } from './contracts';
import { type FreinKind, type FreinStatus, freinKinds, isConfidentialFreinKind, isFreinOpen } from './freins';
import { type PassIae, PASS_IAE_RULES, type PassIaeRules, effectivePassIaeEndDate, passIaeStatus } from './pass-iae';

/*
 * Alerts are computed from a snapshot each time they are shown, never stored:
 * they cannot go stale, and editing a date makes them appear or vanish at once.
 * `key` is stable so another layer may remember which alerts a CIP dismissed.
 */

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export const alertSeverityLabels: Record<AlertSeverity, string> = {
  info: 'Information',
  warning: 'À traiter',
  critical: 'Urgent',
};

export const ALERT_CODES = [
  'PASS_IAE_MISSING',
  'PASS_IAE_EXPIRED',
  'PASS_IAE_ENDING',
  'CONTRACT_ENDING',
  'NO_RECENT_ENTRETIEN',
  'EXIT_WITHOUT_PREPARATION',
  'FREIN_WITHOUT_ACTION',
  'ACTION_OVERDUE',
] as const;
export type AlertCode = (typeof ALERT_CODES)[number];
export const alertCodeLabels: Record<AlertCode, string> = {
  PASS_IAE_MISSING: 'PASS IAE manquant',
  PASS_IAE_EXPIRED: 'PASS IAE expiré',
  PASS_IAE_ENDING: 'Fin de PASS IAE proche',
  CONTRACT_ENDING: 'Fin de contrat proche',
  NO_RECENT_ENTRETIEN: "Pas d'entretien récent",
  EXIT_WITHOUT_PREPARATION: 'Sortie à préparer',
  FREIN_WITHOUT_ACTION: 'Frein sans action',
  ACTION_OVERDUE: 'Action en retard',
};

export type AlertSubjectType = 'person' | 'pass_iae' | 'contract' | 'frein' | 'action';

export interface Alert {
  key: string;
  code: AlertCode;
  severity: AlertSeverity;
  message: string;
  subject: { type: AlertSubjectType; id: string };
  /** The date the alert is about (end date, due date…), for sorting and display. */
  date: IsoDate | null;
  /** The message was written without confidential details; the subject itself is confidential. */
  confidential: boolean;
}

export interface AlertConfig {
  passIaeEndingWithinDays: number;
  passIaeCriticalWithinDays: number;
  contractEndingWithinDays: number;
  noEntretienAfterDays: number;
  exitPreparationWindowMonths: number;
  freinWithoutActionDays: number;
}

export const DEFAULT_ALERT_CONFIG: Readonly<AlertConfig> = {
  passIaeEndingWithinDays: 60,
  passIaeCriticalWithinDays: 15,
  contractEndingWithinDays: 30,
  noEntretienAfterDays: 28,
  exitPreparationWindowMonths: 6,
  freinWithoutActionDays: 56,
};

export interface AlertSnapshot {
  personId: string;
  passIae: PassIae | null;
  contracts: readonly { id: string; kind?: ContractKind; startDate: IsoDate; endDate: IsoDate | null }[];
  lastEntretienDate: IsoDate | null;
  /** Exit date planned by the CIP; when absent the end of the current contract chain is used. */
  plannedExitDate: IsoDate | null;
  /** Actual exit: once past, only overdue actions are reported. */
  exitDate?: IsoDate | null;
  /** Actions preparing the exit (job search, immersion, training application…). */
  preparationActions: readonly { id: string; date: IsoDate }[];
  freins: readonly {
    id: string;
    kind: FreinKind;
    status: FreinStatus;
    identifiedDate: IsoDate;
    lastActionDate: IsoDate | null;
  }[];
  actions: readonly { id: string; label: string; dueDate: IsoDate; done: boolean }[];
}

function inDays(n: number): string {
  if (n === 0) return "aujourd'hui";
  if (n === 1) return 'demain';
  return `dans ${n} jours`;
}

function ago(days: number): string {
  if (days < 14) return `${days} jours`;
  const weeks = Math.floor(days / 7);
  return `${weeks} semaines`;
}

const severityRank: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

/** An alert the rules found, its French message written only when asked for (a list row only counts them). */
interface Finding {
  code: AlertCode;
  severity: AlertSeverity;
  message: () => string;
  subject: Alert['subject'];
  date: IsoDate | null;
  confidential?: boolean;
}

export function computeAlerts(
  snapshot: AlertSnapshot,
  today: IsoDate,
  config: AlertConfig = DEFAULT_ALERT_CONFIG,
  passRules: PassIaeRules = PASS_IAE_RULES,
): Alert[] {
  return pendingAlerts(snapshot, today, config, passRules).sort(compareAlerts).map(writeAlert);
}

/** An alert whose French message is written only when it is shown (`writeAlert`): a dashboard shows 50 of hundreds. */
export interface PendingAlert extends Omit<Alert, 'message'> {
  message: () => string;
}

/** computeAlerts' alerts, unordered and with their messages not yet written. */
export function pendingAlerts(
  snapshot: AlertSnapshot,
  today: IsoDate,
  config: AlertConfig = DEFAULT_ALERT_CONFIG,
  passRules: PassIaeRules = PASS_IAE_RULES,
): PendingAlert[] {
  return findAlerts(snapshot, today, config, passRules).map((f) => ({
    key: `${f.code}:${f.subject.type}:${f.subject.id}`,
    code: f.code,
    severity: f.severity,
    message: f.message,
    subject: f.subject,
    date: f.date,
    confidential: f.confidential ?? false,
  }));
}

export function writeAlert(alert: PendingAlert): Alert {
  return { ...alert, message: alert.message() };
}

/** The order alerts are shown in: most urgent first, then by date (undated last), then by key. */
export function compareAlerts(a: Pick<Alert, 'severity' | 'date' | 'key'>, b: Pick<Alert, 'severity' | 'date' | 'key'>): number {
  return (
    severityRank[a.severity] - severityRank[b.severity] ||
    (a.date ?? '9999-12-31').localeCompare(b.date ?? '9999-12-31') ||
    a.key.localeCompare(b.key)
  );
}

/**
 * What a row of a list shows: how many alerts computeAlerts gives, and the most urgent severity (null without
 * any). The same rules, without writing, formatting dates for and sorting messages nobody reads there.
 */
export function alertSummary(
  snapshot: AlertSnapshot,
  today: IsoDate,
  config: AlertConfig = DEFAULT_ALERT_CONFIG,
  passRules: PassIaeRules = PASS_IAE_RULES,
): { count: number; level: AlertSeverity | null } {
  const found = findAlerts(snapshot, today, config, passRules);
  let level: AlertSeverity | null = null;
  for (const f of found) if (level === null || severityRank[f.severity] < severityRank[level]) level = f.severity;
  return { count: found.length, level };
}

function findAlerts(snapshot: AlertSnapshot, today: IsoDate, config: AlertConfig, passRules: PassIaeRules): Finding[] {
  const alerts: Finding[] = [];
  const push = (a: Finding): void => void alerts.push(a);
  const person = { type: 'person' as const, id: snapshot.personId };

  for (const action of snapshot.actions) {
    if (!action.done && action.dueDate < today) {
      push({
        code: 'ACTION_OVERDUE',
        severity: 'warning',
        message: () => `Action en retard : « ${action.label} » (prévue le ${formatFrenchDate(action.dueDate)}).`,
        subject: { type: 'action', id: action.id },
        date: action.dueDate,
      });
    }
  }

  const exited = snapshot.exitDate != null && snapshot.exitDate <= today;
  if (!exited) {
    const current = contractInForce(snapshot.contracts, today);
    const upcoming = snapshot.contracts.some((c) => c.startDate > today);

    // PASS IAE
    const pass = snapshot.passIae;
    if (pass === null) {
      if (current !== null || upcoming) {
        push({
          code: 'PASS_IAE_MISSING',
          severity: 'critical',
          message: () => "Aucun PASS IAE n'est enregistré alors qu'un contrat est en cours ou prévu.",
          subject: person,
          date: null,
        });
      }
    } else {
      const end = effectivePassIaeEndDate(pass, passRules);
      const status = passIaeStatus(pass, today, passRules);
      const passSubject = { type: 'pass_iae' as const, id: pass.number ?? snapshot.personId };
      if (status === 'EXPIRED') {
        if (current !== null) {
          push({
            code: 'PASS_IAE_EXPIRED',
            severity: 'critical',
            message: () => `Le PASS IAE a expiré le ${formatFrenchDate(end)} alors qu'un contrat est en cours.`,
            subject: passSubject,
            date: end,
          });
        }
      } else {
        const left = daysBetween(today, end);
        if (left <= config.passIaeEndingWithinDays) {
          push({
            code: 'PASS_IAE_ENDING',
            severity: left <= config.passIaeCriticalWithinDays ? 'critical' : 'warning',
            message: () => `Le PASS IAE se termine ${inDays(left)} (le ${formatFrenchDate(end)}) : prolongation ou sortie à préparer.`,
            subject: passSubject,
            date: end,
          });
        }
      }
    }

    // Contracts ending without a follow-on contract
    const horizon = addDays(today, config.contractEndingWithinDays);
    for (const c of snapshot.contracts) {
      const end = c.endDate;
      if (end === null || end < today || end > horizon) continue;
      if (contractInForce(snapshot.contracts, addDays(end, 1)) !== null) continue;
      const kind = c.kind ? ` (${contractKindLabels[c.kind]})` : '';
      push({
        code: 'CONTRACT_ENDING',
        severity: 'warning',
        message: () => `Le contrat${kind} se termine ${inDays(daysBetween(today, end))} (le ${formatFrenchDate(end)}) : renouvellement ou sortie à préparer.`,
        subject: { type: 'contract', id: c.id },
        date: end,
      });
    }

    // Entretiens
    if (current !== null) {
      if (snapshot.lastEntretienDate === null) {
        push({
          code: 'NO_RECENT_ENTRETIEN',
          severity: 'warning',
          message: () => 'Aucun entretien enregistré pour ce parcours.',
          subject: person,
          date: null,
        });
      } else {
        const last = snapshot.lastEntretienDate;
        const since = daysBetween(last, today);
        if (since > config.noEntretienAfterDays) {
          push({
            code: 'NO_RECENT_ENTRETIEN',
            severity: 'warning',
            message: () => `Dernier entretien il y a ${ago(since)} (le ${formatFrenchDate(last)}).`,
            subject: person,
            date: last,
          });
        }
      }
    }

    // Exit preparation
    const chainEnd = coveredUntil(snapshot.contracts, today);
    const expectedExit = snapshot.plannedExitDate ?? (typeof chainEnd === 'string' && chainEnd !== 'open' ? chainEnd : null);
    if (expectedExit !== null && expectedExit >= today && expectedExit <= addMonths(today, config.exitPreparationWindowMonths)) {
      const windowStart = addMonths(expectedExit, -config.exitPreparationWindowMonths);
      const prepared = snapshot.preparationActions.some((a) => a.date >= windowStart);
      if (!prepared) {
        push({
          code: 'EXIT_WITHOUT_PREPARATION',
          severity: 'warning',
          message: () => `Sortie prévue le ${formatFrenchDate(expectedExit)} (${inDays(daysBetween(today, expectedExit))}) sans action de préparation à la sortie depuis le ${formatFrenchDate(windowStart)}.`,
          subject: person,
          date: expectedExit,
        });
      }
    }

    // Freins left without action
    for (const f of snapshot.freins) {
      if (!isFreinOpen(f.status)) continue;
      const ref = f.lastActionDate ?? f.identifiedDate;
      const since = daysBetween(ref, today);
      if (since <= config.freinWithoutActionDays) continue;
      const confidential = isConfidentialFreinKind(f.kind);
      const what = confidential ? 'Un frein confidentiel' : `Le frein « ${freinKinds[f.kind].label} »`;
      const detail = f.lastActionDate === null ? `identifié le ${formatFrenchDate(ref)}` : `dernière action le ${formatFrenchDate(ref)}`;
      push({
        code: 'FREIN_WITHOUT_ACTION',
        severity: 'warning',
        message: () => `${what} est sans action depuis ${ago(since)} (${detail}).`,
        subject: { type: 'frein', id: f.id },
        date: ref,
        confidential,
      });
    }
  }

  return alerts;
}
