/**
 * Primary suppression: which cells are confidential by themselves, and why.
 *
 * - `below_threshold`: 0 < n < minCount (5) in any table — singling out.
 * - `below_sensitive_threshold`: 0 < n < minCountSensitive (11) for a cell that counts holders
 *   of a sensitive attribute, i.e. a cell of a sensitive table whose coordinate on the
 *   sensitive dimension is a (sensitive) category — not `"*"`.
 * - `homogeneous_group`: same cells, when almost the whole group has the attribute:
 *   n > 0 and (group total − n) < homogeneityMargin (5), the group total being the margin
 *   along the sensitive dimension (same coordinates, `"*"` on the attribute). Publishing it
 *   would reveal the attribute of each group member (k-disclosure / inference).
 * - `manual`: forced by the caller (catalogue policy, tests).
 *
 * Zeros are never primary: an empty cell reveals nothing about a person and is published.
 */
import { MARGIN, checkCountTable, coordsKey, sensitiveDimensionOf, type CountTable } from './table';

export type PrimaryReason = 'below_threshold' | 'below_sensitive_threshold' | 'homogeneous_group' | 'manual';

export interface PrimaryPolicy {
  readonly minCount: number;
  readonly minCountSensitive: number;
  readonly homogeneityMargin: number;
}

export const DEFAULT_PRIMARY_POLICY: PrimaryPolicy = Object.freeze({
  minCount: 5,
  minCountSensitive: 11,
  homogeneityMargin: 5,
});

export interface PrimaryFlag {
  readonly coords: readonly string[];
  readonly value: number;
  /** Non-empty, most basic reason first. */
  readonly reasons: readonly PrimaryReason[];
}

/** Confidential cells of one table with their reasons, in the table's cell order. */
export function primaryFlags(table: CountTable, policy: PrimaryPolicy = DEFAULT_PRIMARY_POLICY): PrimaryFlag[] {
  return primaryFlagsOfChecked(table, checkCountTable(table), policy);
}

/** Same, for a table already checked by `checkCountTable` (its value lookup). */
export function primaryFlagsOfChecked(
  table: CountTable,
  values: ReadonlyMap<string, number>,
  policy: PrimaryPolicy = DEFAULT_PRIMARY_POLICY,
): PrimaryFlag[] {
  const attribute = sensitiveDimensionOf(table);
  const d = attribute === undefined ? -1 : table.dimensions.findIndex((x) => x.code === attribute);
  const exempt = new Set(table.nonSensitiveCategories ?? []);
  const flags: PrimaryFlag[] = [];
  for (const { coords, value } of table.cells) {
    if (value <= 0) continue;
    const reasons: PrimaryReason[] = [];
    if (value < policy.minCount) reasons.push('below_threshold');
    const category = d >= 0 ? coords[d] : undefined;
    const holdsAttribute = category !== undefined && category !== MARGIN && !exempt.has(category);
    if (holdsAttribute) {
      if (value >= policy.minCount && value < policy.minCountSensitive) reasons.push('below_sensitive_threshold');
      const group = [...coords];
      group[d] = MARGIN;
      const groupTotal = values.get(coordsKey(group)) ?? value;
      if (groupTotal - value < policy.homogeneityMargin) reasons.push('homogeneous_group');
    }
    if (reasons.length > 0) flags.push({ coords, value, reasons });
  }
  return flags;
}
