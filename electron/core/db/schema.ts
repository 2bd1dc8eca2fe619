import type { Generated, Kysely } from 'kysely';

/** Kysely's view of the tables (the migrations are the source of truth for the DDL). */
export interface SettingTable {
  key: string;
  value: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: string | null;
}

export interface ReferentTable {
  id: string;
  display_name: string;
  active: number;
  created_at: string;
}

export interface SalarieTable {
  id: string;
  last_name: string;
  first_name: string;
  birth_name: string | null;
  sex: string | null;
  birth_date: string | null;
  search_key: string;
  status: 'en_parcours' | 'sorti';
  entry_date: string | null;
  referent_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  commune_insee: string | null;
  qpv: number;
  zrr: number;
  phone: string | null;
  email: string | null;
  confidential_note: string | null;
  siae_kind: string | null;
  pass_end: string | null;
  contract_end: string | null;
  last_entretien_date: string | null;
  planned_exit_date: string | null;
  exit_date: string | null;
}

export interface SalarieSearchTokenTable {
  token: string;
  salarie_id: string;
  /** Copies of the salarié's columns for the search page (migration 0150); triggers fill them when omitted. */
  status: Generated<string | null>;
  search_key: Generated<string | null>;
  /** 1 while the salarié is not deleted. */
  live: Generated<number>;
}

export interface StructureTable {
  id: number;
  name: string;
  siret: string | null;
  siae_kind: string;
  region_code: string | null;
  departement_code: string | null;
  updated_at: string;
}

export interface AnnexeFinanciereTable {
  id: string;
  number: string;
  measure: string;
  start_date: string;
  end_date: string;
  created_at: string;
}

export interface SituationTable {
  salarie_id: string;
  education_level: string | null;
  prescriber_type: string | null;
  is_employed: number;
  employer_type: string | null;
  unemployed_since: string | null;
  resourceless: number;
  france_travail_registered: number;
  france_travail_since: string | null;
  rqth: number;
  oeth: number;
  rsa: string;
  rsa_since: string | null;
  ass: number;
  ass_since: string | null;
  aah: number;
  aah_since: string | null;
  ase_exit: number;
  isolated_parent: number;
  housing_issue: number;
  refugee: number;
  detention_exit_or_ppsmj: number;
  low_level_in_french: number;
  mobility_issue: number;
  updated_at: string;
}

export interface PassIaeTable {
  salarie_id: string;
  number: string | null;
  start_date: string;
  base_end_date: string;
  updated_at: string;
}

export interface PassIaePeriodTable {
  id: string;
  salarie_id: string;
  start_date: string;
  end_date: string;
  reason: string;
  reason_explanation: string | null;
  created_at: string;
}

export interface ContractTable {
  id: string;
  salarie_id: string;
  kind: string;
  siae_kind: string;
  annexe_id: string | null;
  start_date: string;
  end_date: string | null;
  weekly_hours: number | null;
  is_renewal: number;
  referent_id: string | null;
  hours_worked: number | null;
  created_at: string;
  updated_at: string;
}

export interface FreinTable {
  id: string;
  salarie_id: string;
  kind: string;
  status: 'identified' | 'in_progress' | 'lifted' | 'abandoned';
  identified_date: string;
  closed_date: string | null;
  details: string | null;
  created_at: string;
  updated_at: string;
}

export interface FreinActionTable {
  id: string;
  frein_id: string;
  date: string;
  mode: 'internal' | 'external';
  partner: string | null;
  note: string | null;
  created_at: string;
}

export interface ProjetTable {
  salarie_id: string;
  status: string;
  note: string | null;
  updated_at: string;
}

export interface ProjetTargetTable {
  id: string;
  salarie_id: string;
  rome_code: string;
  label: string;
  rank: number;
}

export interface FormationTable {
  id: string;
  salarie_id: string;
  title: string;
  organisme: string | null;
  kind: string;
  setting: 'internal' | 'external';
  start_date: string;
  end_date: string | null;
  hours: number | null;
  certification_kind: string | null;
  certification_outcome: string | null;
  created_at: string;
  updated_at: string;
}

export interface SortieTable {
  salarie_id: string;
  exit_date: string;
  motif: string;
  category: string;
  mapping_version: string;
  counts: number;
  counting_reason: string;
  hours_worked: number | null;
  months_worked: number | null;
  note: string | null;
  recorded_at: string;
  employer_organisation_id: string | null;
}

export interface SortieFollowUpTable {
  id: string;
  salarie_id: string;
  offset_months: number;
  due_date: string;
  done_date: string | null;
  situation: string | null;
  note: string | null;
}

export interface ActionTable {
  id: string;
  salarie_id: string;
  label: string;
  kind: 'suivi' | 'preparation_sortie';
  owner: string | null;
  due_date: string;
  done_date: string | null;
  source_type: string | null;
  source_id: string | null;
  created_at: string;
}

export interface DraftTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface RomeEntryTable {
  code: string;
  label: string;
  imported_at: string;
}

export interface OrganisationTable {
  id: string;
  name: string;
  search_key: string;
  kind: string;
  siret: string | null;
  naf_code: string | null;
  commune_insee: string | null;
  address: string | null;
  size_band: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ContactTable {
  id: string;
  organisation_id: string;
  name: string;
  role: string | null;
  phone: string | null;
  email: string | null;
  active: number;
  notes: string | null;
  created_at: string;
}

export interface EntretienTable {
  id: string;
  salarie_id: string | null;
  kind: string;
  moment: string;
  status: 'planifie' | 'tenu' | 'manque' | 'annule';
  date: string;
  start_time: string | null;
  duration_minutes: number | null;
  place_kind: string | null;
  place_detail: string | null;
  title: string | null;
  decisions: string | null;
  notes: string | null;
  missed_reason: string | null;
  link_type: string | null;
  link_id: string | null;
  next_entretien_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface EntretienParticipantTable {
  id: string;
  entretien_id: string;
  role: string;
  salarie_id: string | null;
  referent_id: string | null;
  organisation_id: string | null;
  contact_id: string | null;
  display_name: string;
  rank: number;
}

export interface EntretienObjectiveTable {
  id: string;
  entretien_id: string;
  text: string;
  deadline: string | null;
  conditions: string | null;
  rank: number;
}

export interface EntretienDocumentTable {
  id: string;
  entretien_id: string;
  label: string;
  direction: 'remis' | 'a_produire';
  rank: number;
}

export interface EntretienFreinTable {
  entretien_id: string;
  frein_id: string;
}

export interface GridTemplateTable {
  id: string;
  name: string;
  search_key: string;
  kind: 'competences' | 'satisfaction';
  rome_code: string | null;
  rome_label: string | null;
  origin: 'shipped' | 'user';
  duplicated_from_id: string | null;
  current_version: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface GridTemplateVersionTable {
  id: string;
  template_id: string;
  version: number;
  name: string;
  rome_code: string | null;
  rome_label: string | null;
  content: string;
  created_at: string;
}

export interface ImmersionTable {
  id: string;
  salarie_id: string;
  objective: 'discovery' | 'skills_validation' | 'recruitment';
  rome_code: string | null;
  rome_label: string | null;
  host_organisation_id: string | null;
  tutor_contact_id: string | null;
  prescriber_organisation_id: string | null;
  start_date: string | null;
  end_date: string | null;
  schedule: string;
  schedule_note: string | null;
  place: string | null;
  activities: string | null;
  status: 'brouillon' | 'convention_a_signer' | 'signee' | 'en_cours' | 'terminee' | 'annulee';
  cancel_reason: string | null;
  renewal_of_id: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface ImmersionStepTable {
  immersion_id: string;
  step: string;
  done_date: string;
}

export interface ImmersionGridTable {
  id: string;
  immersion_id: string;
  template_version_id: string | null;
  template_name: string;
  template_version: number;
  kind: 'competences' | 'satisfaction';
  scale: string;
  individualised_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface ImmersionGridItemTable {
  id: string;
  grid_id: string;
  template_item_key: string | null;
  section: string;
  label: string;
  origin: 'modele' | 'ajout';
  rank: number;
  removed_at: string | null;
}

export interface ImmersionEvaluationTable {
  id: string;
  immersion_id: string;
  kind: 'hebdomadaire' | 'finale';
  status: 'planifiee' | 'realisee';
  date: string;
  start_time: string | null;
  evaluators: string;
  salarie_opinion: string | null;
  host_opinion: string | null;
  created_at: string;
  updated_at: string;
}

export interface ImmersionRatingTable {
  evaluation_id: string;
  item_id: string;
  item_label: string;
  item_section: string;
  level_code: string | null;
  level_label: string | null;
  comment: string | null;
  rank: number;
}

export interface ImmersionBilanTable {
  immersion_id: string;
  status: 'COMPLETED' | 'PARTIALLY_COMPLETED' | 'DID_NOT_SHOW';
  last_day_of_presence: string | null;
  missed_hours: number | null;
  ended_with_job: number;
  type_of_contract: string | null;
  contract_start_date: string | null;
  establishment_feedback: string | null;
  establishment_advices: string | null;
  beneficiary_agreement: number | null;
  beneficiary_feedback: string | null;
  next_steps: string;
  next_steps_note: string | null;
  written_on: string;
  created_at: string;
  updated_at: string;
}

export interface StatsBundleTable {
  id: string;
  period_kind: 'year' | 'half' | 'quarter';
  period_year: number;
  period_index: number;
  revision: number;
  catalogue_version: string;
  canonical_json: string;
  created_at: string;
}

export interface SyncDeviceTable {
  id: number;
  hub_url: string;
  device_id: string;
  device_label: string;
  structure_id: string;
  structure_name: string;
  region_code: string;
  hub_public_key: string;
  /** PKCS#8 DER, base64: only ever inside the encrypted database. */
  private_key: string;
  public_key: string;
  catalogue_version: string | null;
  enrolled_at: string;
  status: 'enrolled' | 'reenrol_required';
  /** Key rotation in progress (migration 0110): the new pair, kept until the hub confirmed it. */
  pending_private_key: Generated<string | null>;
  pending_public_key: Generated<string | null>;
  pending_key_since: Generated<string | null>;
  key_rotated_at: Generated<string | null>;
}

export type OutboxState = 'pending' | 'sending' | 'acked' | 'rejected' | 'superseded';

export interface OutboxTable {
  bundle_id: string;
  period: string;
  revision: number;
  structure_id: string;
  envelope: string;
  content_sha256: string;
  state: OutboxState;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error_code: string | null;
  last_error_message: string | null;
  receipt: string | null;
  created_at: string;
  acked_at: string | null;
}

export interface DB {
  setting: SettingTable;
  audit_log: AuditLogTable;
  referent: ReferentTable;
  salarie: SalarieTable;
  salarie_search_token: SalarieSearchTokenTable;
  structure: StructureTable;
  annexe_financiere: AnnexeFinanciereTable;
  situation: SituationTable;
  pass_iae: PassIaeTable;
  pass_iae_suspension: PassIaePeriodTable;
  pass_iae_prolongation: PassIaePeriodTable;
  contract: ContractTable;
  frein: FreinTable;
  frein_action: FreinActionTable;
  projet: ProjetTable;
  projet_target: ProjetTargetTable;
  formation: FormationTable;
  sortie: SortieTable;
  sortie_follow_up: SortieFollowUpTable;
  action: ActionTable;
  draft: DraftTable;
  rome_entry: RomeEntryTable;
  organisation: OrganisationTable;
  contact: ContactTable;
  entretien: EntretienTable;
  entretien_participant: EntretienParticipantTable;
  entretien_objective: EntretienObjectiveTable;
  entretien_document: EntretienDocumentTable;
  entretien_frein: EntretienFreinTable;
  grid_template: GridTemplateTable;
  grid_template_version: GridTemplateVersionTable;
  immersion: ImmersionTable;
  immersion_step: ImmersionStepTable;
  immersion_grid: ImmersionGridTable;
  immersion_grid_item: ImmersionGridItemTable;
  immersion_evaluation: ImmersionEvaluationTable;
  immersion_rating: ImmersionRatingTable;
  immersion_bilan: ImmersionBilanTable;
  stats_bundle: StatsBundleTable;
  sync_device: SyncDeviceTable;
  outbox: OutboxTable;
}

export type AppDb = Kysely<DB>;
