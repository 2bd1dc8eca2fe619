import { SHIPPED_TEMPLATES, type GridContent } from '../../../shared/domain/grid-templates';
import { foldForSearch } from '../../../shared/domain/text';
import type { DemoIds } from './ids';
import { stamp, type RowSink } from './types';

/*
 * The shipped grid templates, stored as the grids service stores one the first time it is used
 * (grids.materializeTemplate: the template row and its version 1 with the shipped wording), so the
 * immersions' grids can point at a version.
 */

export interface DemoTemplate {
  id: string;
  versionId: string;
  name: string;
  romeCode: string | null;
  romeLabel: string | null;
  content: GridContent;
}

export function storeShippedTemplates(ids: DemoIds, firstYear: number, out: RowSink): DemoTemplate[] {
  const created = stamp(`${firstYear - 1}-12-01`);
  return SHIPPED_TEMPLATES.map((t, rank) => {
    const versionId = ids.id('gridTemplateVersion', 0, rank);
    out.add('grid_template', {
      id: t.id,
      name: t.name,
      search_key: foldForSearch(t.name),
      kind: t.content.kind,
      rome_code: t.romeCode,
      rome_label: t.romeLabel,
      origin: 'shipped',
      duplicated_from_id: null,
      current_version: 1,
      archived_at: null,
      created_at: created,
      updated_at: created,
    });
    out.add('grid_template_version', {
      id: versionId,
      template_id: t.id,
      version: 1,
      name: t.name,
      rome_code: t.romeCode,
      rome_label: t.romeLabel,
      content: JSON.stringify(t.content),
      created_at: created,
    });
    return { id: t.id, versionId, name: t.name, romeCode: t.romeCode, romeLabel: t.romeLabel, content: t.content };
  });
}
