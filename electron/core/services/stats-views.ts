import { CATALOGUE, populationLabels, type IndicatorTableDef } from '../../../shared/indicators/catalogue';
import type { IndicatorResult } from '../../../shared/indicators/compute';
import type { PreviewTable, StatsLocalTable, StatsPreview } from '../../../shared/ipc/stats';
import {
  MARGIN,
  coordsKey,
  explainPrimaryReason,
  explainSecondarySuppression,
  explainWithheld,
  isPublishedCell,
  isWithheld,
  type Bundle,
  type ProtectionReport,
} from '../../../shared/stats/index';

/*
 * From count tables and bundles to what the screens show: French titles and labels from the
 * catalogue, and one sentence per hidden cell or withheld table (shared/stats explain.ts).
 * Hidden values are never copied into a preview: it shows what the bundle shows.
 */

const definitions = new Map(CATALOGUE.map((d) => [d.id, d]));

function definition(id: string): IndicatorTableDef {
  const def = definitions.get(id);
  if (def === undefined) throw new Error(`unknown catalogue table ${id}`);
  return def;
}

function tableHead(def: IndicatorTableDef) {
  return {
    id: def.id,
    title: def.title,
    description: def.description,
    population: def.population,
    populationLabel: populationLabels[def.population],
    sensitive: def.sensitive,
    sensitiveDimension: def.sensitiveDimension ?? null,
    role: def.role,
    dimensions: def.dimensions.map((d) => ({ code: d.code, label: d.label, totalLabel: d.totalLabel, categories: d.categories.map((c) => ({ ...c })) })),
  };
}

/** « Femme · Moins de 26 ans », « Ensemble » for the grand total. */
export function cellLabel(def: IndicatorTableDef, coords: readonly string[]): string {
  const parts = def.dimensions.map((d, i) => {
    const c = coords[i];
    return c === MARGIN || c === undefined ? null : (d.categories.find((x) => x.code === c)?.label ?? c);
  });
  const specified = parts.filter((p): p is string => p !== null);
  if (specified.length > 0) return specified.join(' · ');
  return def.dimensions[0]?.totalLabel ?? 'Ensemble';
}

export function unavailableView(result: Pick<IndicatorResult, 'unavailable'>): StatsPreview['unavailable'] {
  return result.unavailable.map((u) => ({ id: u.id, title: definition(u.id).title, reason: u.reason }));
}

export function localTables(current: IndicatorResult, previous: IndicatorResult): StatsLocalTable[] {
  const previousById = new Map(previous.tables.map((t) => [t.id, new Map(t.cells.map((c) => [coordsKey(c.coords), c.value]))]));
  return current.tables.map((t) => {
    const before = previous.catalogueVersion === current.catalogueVersion ? previousById.get(t.id) : undefined;
    return {
      ...tableHead(definition(t.id)),
      cells: t.cells.map((c) => ({ coords: [...c.coords], value: c.value, previous: before?.get(coordsKey(c.coords)) ?? null })),
    };
  });
}

export interface PreviewParts {
  tables: PreviewTable[];
  hiddenCells: StatsPreview['hiddenCells'];
  withheld: StatsPreview['withheld'];
}

/** The bundle's tables as the preview shows them, with the reason of every hidden cell. */
export function previewParts(bundle: Bundle, report: ProtectionReport): PreviewParts {
  const reportById = new Map(report.tables.map((t) => [t.tableId, t]));
  const policy = report.policy;
  const tables: PreviewTable[] = [];
  const hiddenCells: PreviewParts['hiddenCells'] = [];
  const withheld: PreviewParts['withheld'] = [];
  for (const t of bundle.tables) {
    const def = definition(t.id);
    if (isWithheld(t)) {
      const reason = explainWithheld(t.reason, policy.audit);
      withheld.push({ tableId: t.id, tableTitle: def.title, reason });
      tables.push({ ...tableHead(def), status: 'withheld', withheldReason: reason, cells: [] });
      continue;
    }
    const reasonsOf = new Map((reportById.get(t.id)?.cells ?? []).map((c) => [coordsKey(c.coords), c.reasons]));
    const cells = t.cells.map((c) => {
      if (isPublishedCell(c)) return { coords: [...c.coords], value: c.value, suppressed: null, reason: null };
      const first = reasonsOf.get(coordsKey(c.coords))?.[0];
      const reason = c.suppressed === 'primary' && first !== undefined ? explainPrimaryReason(first, policy.primary) : explainSecondarySuppression();
      hiddenCells.push({ tableId: t.id, tableTitle: def.title, cellLabel: cellLabel(def, c.coords), suppressed: c.suppressed, reason });
      return { coords: [...c.coords], value: null, suppressed: c.suppressed, reason };
    });
    tables.push({ ...tableHead(def), status: 'released', withheldReason: null, cells });
  }
  return { tables, hiddenCells, withheld };
}
