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
}

export interface DB {
  setting: SettingTable;
  audit_log: AuditLogTable;
  referent: ReferentTable;
  salarie: SalarieTable;
}

export type AppDb = Kysely<DB>;
