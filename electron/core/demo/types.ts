import type { IsoDate } from '../../../shared/domain/calendar';
import type { ContractKind } from '../../../shared/domain/contracts';
import type { OrganisationKind } from '../../../shared/domain/entretiens';
import type { FormationKind } from '../../../shared/domain/formations';
import type { PassIae } from '../../../shared/domain/pass-iae';
import type { SexCode } from '../../../shared/domain/people';
import type { SiaeKind } from '../../../shared/domain/siae';
import type { SituationAtEntry } from '../../../shared/domain/situation';
import type { TableName, TableRow } from '../repositories/bulk-salaries';
import type { DemoIds } from './ids';
import type { Rng } from './random';
import type { DemoTemplate } from './templates';
import type { Territory } from './territory';

/** What every record kind may read: the structure-level facts generated first. */
export interface DemoEnv {
  seed: number;
  today: IsoDate;
  siaeKind: SiaeKind;
  ids: DemoIds;
  territory: Territory;
  annexes: ReadonlyArray<{ id: string; startDate: IsoDate; endDate: IsoDate }>;
  referents: ReadonlyArray<{ id: string; displayName: string }>;
  /** The partners directory (organisations and their contacts), generated before the salariés. */
  partners: DemoPartners;
  /** The shipped grid templates, stored before the salariés (immersion grids point at their versions). */
  templates: readonly DemoTemplate[];
  /** Records per salarié asked for (means); see scale.ts. */
  rates: DemoRates;
}

export interface DemoRates {
  entretiensPerSalarie: number;
  immersionsPerSalarie: number;
  /** Null: the freins kind's own distribution (≈ 1.7 per salarié, the output of earlier versions). */
  freinsPerSalarie: number | null;
}

export interface DemoContact {
  id: string;
  name: string;
}

export interface DemoOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  address: string;
  contacts: readonly DemoContact[];
}

/** Organisations by use, so a salarié's kinds draw hosts, employers and prescribers from the right pool. */
export interface DemoPartners {
  all: readonly DemoOrganisation[];
  /** Entreprises, associations, public bodies, other SIAE: immersion hosts and employers. */
  hosts: readonly DemoOrganisation[];
  prescripteurs: readonly DemoOrganisation[];
  formation: readonly DemoOrganisation[];
}

/** An immersion as the entretiens kind needs it (its tripartites are linked to it). */
export interface DemoImmersion {
  id: string;
  startDate: IsoDate;
  endDate: IsoDate;
  status: 'brouillon' | 'convention_a_signer' | 'signee' | 'en_cours' | 'terminee' | 'annulee';
  host: DemoOrganisation;
  tutor: DemoContact | null;
}

export interface DemoContract {
  kind: ContractKind;
  siaeKind: SiaeKind;
  startDate: IsoDate;
  endDate: IsoDate | null;
  weeklyHours: number | null;
  hoursWorked: number | null;
}

/**
 * One salarié being generated. The person plan fills identity and timeline (entry, exit); each
 * record kind then adds its rows and may leave facts for the kinds after it (contracts → sortie).
 */
export interface PersonDraft {
  index: number;
  id: string;
  sex: SexCode;
  lastName: string;
  firstName: string;
  birthName: string | null;
  birthDate: IsoDate;
  ageAtEntry: number;
  entryDate: IsoDate;
  /** Decided by the plan; the sortie kind records it. */
  exitDate: IsoDate | null;
  referent: { id: string; displayName: string };
  communeInsee: string;
  qpv: boolean;
  zrr: boolean;
  phone: string | null;
  email: string | null;
  situation: SituationAtEntry | null;
  pass: PassIae | null;
  contracts: DemoContract[];
  formations: Array<{ kind: FormationKind; startDate: IsoDate; endDate: IsoDate | null }>;
  /** Left by the immersions kind for the entretiens kind (absent until then). */
  immersions?: DemoImmersion[];
  /** Latest held entretien, left by the entretiens kind: the salarie row's summary cache. */
  lastEntretienDate?: IsoDate | null;
}

/** Where kinds put their rows (buffered per table, written parents first). */
export interface RowSink {
  add<T extends TableName>(table: T, row: TableRow<T>): void;
}

/**
 * A record kind (one module each: situation, PASS IAE, contracts, freins…). Entretiens and
 * immersions will be further kinds: a module, a new id code in ids.ts, a line in kinds/index.ts.
 */
export interface DemoKind {
  /** Also names the kind's random stream: renaming a kind changes its content. */
  name: string;
  generate(person: PersonDraft, rng: Rng, env: DemoEnv, out: RowSink): void;
}

/** Records are stamped as if typed on the day they describe, so the same seed gives the same bytes. */
export function stamp(date: IsoDate): string {
  return `${date}T09:00:00.000Z`;
}
