import { mix32 } from './random';

/*
 * Demo ids: UUID-shaped, derived from the seed and the record's place (kind, salarié, rank), so the
 * same seed gives the same ids and no two records can collide (random ids drawn from 32-bit-seeded
 * streams would, around a million records). They grow with the salarié's index: every B-tree
 * insert is an append, several times faster than random UUIDs at 10⁶ rows.
 */

/** One code per record kind; later kinds take new numbers, never reuse one. */
export const ID_KINDS = {
  referent: 1,
  annexe: 2,
  salarie: 3,
  suspension: 4,
  prolongation: 5,
  contract: 6,
  frein: 7,
  freinAction: 8,
  projetTarget: 9,
  formation: 10,
  followUp: 11,
  action: 12,
  // Partners, entretiens and immersions (added later: new codes, so earlier ids never move).
  organisation: 13,
  contact: 14,
  entretien: 15,
  entretienParticipant: 16,
  entretienObjective: 17,
  entretienAction: 18,
  gridTemplateVersion: 19,
  immersion: 20,
  immersionGrid: 21,
  immersionGridItem: 22,
  immersionEvaluation: 23,
} as const;
export type IdKind = keyof typeof ID_KINDS;

function hex(value: number, width: number): string {
  return (value >>> 0).toString(16).padStart(width, '0').slice(-width);
}

export class DemoIds {
  readonly #ns: number;
  readonly #prefix = new Map<number, string>();
  readonly #suffix = new Map<number, string>();
  #owner = -1;
  #ownerPart = '';

  constructor(seed: number) {
    this.#ns = mix32(seed ^ 0x5bd1e995);
  }

  /** `owner`: the salarié's index (or 0 for structure-level records); `rank`: the record's rank (< 65 536). */
  id(kind: IdKind, owner: number, rank = 0): string {
    const code = ID_KINDS[kind];
    let prefix = this.#prefix.get(code);
    let suffix = this.#suffix.get(code);
    if (prefix === undefined || suffix === undefined) {
      prefix = `${hex(this.#ns, 8)}-${hex(code, 4)}-4`;
      suffix = hex(mix32(this.#ns ^ code), 6);
      this.#prefix.set(code, prefix);
      this.#suffix.set(code, suffix);
    }
    // Kinds ask for several ids of the same salarié in a row: its part is computed once.
    if (owner !== this.#owner) {
      this.#owner = owner;
      this.#ownerPart = `${hex(owner >>> 20, 3)}-${hex(0x8000 | ((owner >>> 8) & 0xfff), 4)}-${hex(owner & 0xff, 2)}`;
    }
    return `${prefix}${this.#ownerPart}${hex(rank, 4)}${suffix}`;
  }
}
