import { contractWarnings, type ContractKind } from '../../../shared/domain/contracts';
import { EXIT_MOTIF_MAPPING_VERSION, exitCategoryLabels, exitMotifs, type ExitCategory, type ExitMotif } from '../../../shared/domain/exits';
import type { CertificationKind, CertificationOutcome, FormationKind } from '../../../shared/domain/formations';
import { isConfidentialFreinKind, type FreinKind, type SupportMode } from '../../../shared/domain/freins';
import { effectivePassIaeEndDate, passIaeStatus, remainingDays, type PassIae } from '../../../shared/domain/pass-iae';
import type { SiaeKind } from '../../../shared/domain/siae';
import type {
  ActionView as ActionViewSchema,
  ContractView,
  FormationView,
  FreinView,
  PassIaeView,
  ProjetView,
  SortieView,
} from '../../../shared/ipc/parcours';
import type { z } from 'zod';
import type { ActionRow } from '../repositories/actions';
import type { ContractRow } from '../repositories/contracts';
import type { FormationRow } from '../repositories/formations';
import type { FreinActionRow, FreinRow } from '../repositories/freins';
import type { ProjetRow, ProjetTargetRow } from '../repositories/projet';
import type { FollowUpRow, SortieRow } from '../repositories/sortie';

/* Pure row → view mappings of the parcours records (rules from shared/domain, no I/O). */

export type ActionView = z.infer<typeof ActionViewSchema>;

export function passView(pass: PassIae, today: string): PassIaeView {
  return {
    number: pass.number ?? null,
    startDate: pass.startDate,
    baseEndDate: pass.baseEndDate,
    effectiveEndDate: effectivePassIaeEndDate(pass),
    remainingDays: remainingDays(pass, today),
    status: passIaeStatus(pass, today),
    suspensions: pass.suspensions.map((s) => ({
      id: s.id ?? '',
      startDate: s.startDate,
      endDate: s.endDate,
      reason: s.reason,
      reasonExplanation: s.reasonExplanation ?? null,
    })),
    prolongations: pass.prolongations.map((p) => ({
      id: p.id ?? '',
      startDate: p.startDate,
      endDate: p.endDate,
      reason: p.reason,
      reasonExplanation: p.reasonExplanation ?? null,
    })),
  };
}

export function contractDomain(row: ContractRow) {
  return {
    id: row.id,
    kind: row.kind as ContractKind,
    startDate: row.start_date,
    endDate: row.end_date,
    weeklyHours: row.weekly_hours,
    isRenewal: row.is_renewal === 1,
  };
}

/** `all` = every contract of the salarié (for the cumulative CDDI duration). */
export function contractView(row: ContractRow, all: readonly ContractRow[], pass: PassIae | null): ContractView {
  const siaeKind = row.siae_kind as SiaeKind;
  const warnings = contractWarnings(contractDomain(row), pass, {
    siaeKind,
    previousContracts: all.filter((c) => c.id !== row.id).map(contractDomain),
  });
  return {
    id: row.id,
    kind: row.kind as ContractKind,
    siaeKind,
    annexeId: row.annexe_id,
    startDate: row.start_date,
    endDate: row.end_date,
    weeklyHours: row.weekly_hours,
    isRenewal: row.is_renewal === 1,
    referentId: row.referent_id,
    hoursWorked: row.hours_worked,
    warnings: warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

/** Confidential kinds (health, justice, residence rights) lose their details and action notes. */
export function freinView(row: FreinRow, actions: readonly FreinActionRow[]): FreinView {
  const kind = row.kind as FreinKind;
  const confidential = isConfidentialFreinKind(kind);
  return {
    id: row.id,
    kind,
    status: row.status,
    identifiedDate: row.identified_date,
    closedDate: row.closed_date,
    confidential,
    details: confidential ? null : row.details,
    hasDetails: row.details !== null && row.details !== '',
    actions: actions
      .filter((a) => a.frein_id === row.id)
      .map((a) => ({
        id: a.id,
        date: a.date,
        mode: a.mode as SupportMode,
        partner: a.partner,
        note: confidential ? null : a.note,
      })),
  };
}

export function projetView(row: ProjetRow, targets: readonly ProjetTargetRow[]): z.infer<typeof ProjetView> {
  return {
    status: row.status as z.infer<typeof ProjetView>['status'],
    targets: targets
      .filter((t) => t.salarie_id === row.salarie_id)
      .sort((a, b) => a.rank - b.rank)
      .map((t) => ({ romeCode: t.rome_code, label: t.label })),
    note: row.note,
    updatedAt: row.updated_at,
  };
}

export function formationView(row: FormationRow): z.infer<typeof FormationView> {
  return {
    id: row.id,
    title: row.title,
    organisme: row.organisme,
    kind: row.kind as FormationKind,
    setting: row.setting,
    startDate: row.start_date,
    endDate: row.end_date,
    hours: row.hours,
    certificationKind: row.certification_kind as CertificationKind | null,
    certificationOutcome: row.certification_outcome as CertificationOutcome | null,
  };
}

export function sortieView(row: SortieRow, followUps: readonly FollowUpRow[]): SortieView {
  const motif = row.motif as ExitMotif;
  const category = row.category as ExitCategory;
  return {
    exitDate: row.exit_date,
    motif,
    motifLabel: exitMotifs[motif].label,
    category,
    categoryLabel: exitCategoryLabels[category],
    // A category derived with an older mapping is shown as to be confirmed until the sortie is saved again.
    categoryToBeConfirmed: row.mapping_version !== EXIT_MOTIF_MAPPING_VERSION || exitMotifs[motif].toBeConfirmed,
    counts: row.counts === 1,
    countingReason: row.counting_reason,
    hoursWorked: row.hours_worked,
    monthsWorked: row.months_worked,
    note: row.note,
    employerOrganisationId: row.employer_organisation_id,
    followUps: followUps
      .filter((f) => f.salarie_id === row.salarie_id)
      .sort((a, b) => a.offset_months - b.offset_months)
      .map((f) => ({
        id: f.id,
        offsetMonths: f.offset_months,
        dueDate: f.due_date,
        doneDate: f.done_date,
        situation: f.situation,
        note: f.note,
      })),
  };
}

export function actionView(row: ActionRow, today: string): ActionView {
  return {
    id: row.id,
    label: row.label,
    kind: row.kind,
    owner: row.owner,
    dueDate: row.due_date,
    doneDate: row.done_date,
    overdue: row.done_date === null && row.due_date < today,
  };
}
