import type { IsoDate } from '../domain/calendar';

/*
 * The plain records the indicators are computed from: codes, dates and numbers only.
 * By design there is no name, note, free text, health or justice detail here — what is not
 * loaded cannot leak. `id`/`personId` are internal opaque ids, used only to count a person once.
 */

export interface SituationRecord {
  readonly educationLevel: string | null;
  readonly isEmployed: boolean;
  readonly franceTravailRegistered: boolean;
  /** ASP duration code 01–04. */
  readonly franceTravailSince: string | null;
  readonly rqth: boolean;
  /** ASP code NON / OUI-M / OUI-NM. */
  readonly rsa: string;
  readonly ass: boolean;
  readonly aah: boolean;
}

export interface SortieRecord {
  readonly exitDate: IsoDate;
  readonly motif: string;
  readonly category: string;
  /** The exit enters the ASP statistics (time-worked rule, stored when the exit was recorded). */
  readonly counts: boolean;
}

export interface ContractRecord {
  readonly startDate: IsoDate;
  readonly endDate: IsoDate | null;
  readonly hoursWorked: number | null;
  readonly annexeId: string | null;
}

export interface PersonRecord {
  readonly id: string;
  /** INSEE code '1' / '2'. */
  readonly sex: string | null;
  readonly birthDate: IsoDate | null;
  readonly entryDate: IsoDate | null;
  readonly exitDate: IsoDate | null;
  readonly qpv: boolean;
  readonly zrr: boolean;
  readonly situation: SituationRecord | null;
  readonly sortie: SortieRecord | null;
  readonly contracts: readonly ContractRecord[];
}

export interface FreinRecord {
  readonly personId: string;
  readonly kind: string;
  readonly status: string;
  readonly identifiedDate: IsoDate;
  readonly closedDate: IsoDate | null;
  readonly actions: ReadonlyArray<{ readonly date: IsoDate; readonly mode: 'internal' | 'external' }>;
}

export interface FormationRecord {
  readonly personId: string;
  readonly kind: string;
  readonly startDate: IsoDate;
  readonly certificationOutcome: string | null;
}

export interface EntretienRecord {
  readonly personId: string | null;
  readonly kind: string;
  readonly status: string;
  readonly date: IsoDate;
}

export interface ImmersionRecord {
  readonly personId: string;
  readonly objective: string;
  readonly status: string;
  readonly startDate: IsoDate | null;
  /** marchand / non_marchand / siae, from the host organisation's kind. */
  readonly hostSector: string | null;
  /** Immersion Facilitée assessment status, null without bilan. */
  readonly bilanStatus: string | null;
  readonly endedWithAJob: boolean | null;
}

export interface AnnexeRecord {
  readonly id: string;
  readonly number: string;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
}

export interface StatsRecords {
  readonly persons: readonly PersonRecord[];
  readonly freins: readonly FreinRecord[];
  readonly formations: readonly FormationRecord[];
  readonly entretiens: readonly EntretienRecord[];
  /** Null while the immersions feature (migration 0040) is absent from this store. */
  readonly immersions: readonly ImmersionRecord[] | null;
  readonly annexes: readonly AnnexeRecord[];
}
